package dev.peerroom.bench;

import picocli.CommandLine.Command;

/** {@code peerroom bench ...}: the load generator and the floor relay it is measured against. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measures a PeerJS signaling server (PeerRoom, peerjs-server, or the floor relay).",
        subcommands = {RelayCommand.class, MaxCommand.class, ConnectCommand.class, FloorCommand.class,
            SoakCommand.class})
public final class BenchCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
