package dev.peerroom;

import dev.peerroom.bench.BenchCommand;
import dev.peerroom.config.ServeCommand;
import dev.peerroom.server.PeerRoomServer;

/** Entry point of {@code java -jar peerroom.jar}: parses settings, then runs the server. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        int exitCode = ServeCommand.commandLine(PeerRoomServer::runUntilShutdown, System.getenv())
                .addSubcommand(new BenchCommand())
                .addSubcommand(new dev.peerroom.fuzz.FuzzCommand())
                .execute(args);
        System.exit(exitCode);
    }
}
