package dev.peerroom;

import dev.peerroom.bench.BenchCommand;
import dev.peerroom.config.ServeCommand;
import dev.peerroom.logging.LogFormatLauncher;
import dev.peerroom.server.PeerRoomServer;

/** Entry point of {@code java -jar peerroom.jar}: parses settings, then runs the server. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // --log-format is known only once the command line is parsed: the launcher applies it first.
        LogFormatLauncher server = new LogFormatLauncher(PeerRoomServer::runUntilShutdown);
        int exitCode = ServeCommand.commandLine(server, System.getenv())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new dev.peerroom.fuzz.FuzzCommand())
                .execute(args);
        System.exit(exitCode);
    }
}
