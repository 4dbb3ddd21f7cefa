package dev.peerroom.bench;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code peerroom bench floor}: runs the {@link FloorRelay} until SIGTERM, so that a server can
 * be measured against the cheapest relay the same machine can run.
 */
@Command(name = "floor", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Runs a deliberately trivial WebSocket relay: the physical floor PeerRoom is measured against.",
                "It upgrades any path, sends {\"type\":\"OPEN\"} to the query's id, and forwards each text frame "
                        + "to its \"dst\" with \"src\" inserted (a byte scan, no JSON parsing). "
                        + "No validation, rooms, limits or pings. Runs until SIGTERM."})
public final class FloorCommand implements Callable<Integer> {
    @Option(names = "--host", paramLabel = "<address>", defaultValue = "127.0.0.1",
            description = "Address to bind. Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--port", paramLabel = "<port>", defaultValue = "9100",
            description = "TCP port; 0 picks a free port. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--threads", paramLabel = "<n>",
            description = "Event loops. Default: one per available core.")
    private Integer threads;

    @Override
    public Integer call() throws InterruptedException {
        int loops = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        FloorRelay relay = FloorRelay.start(host, port, loops);
        Runtime.getRuntime().addShutdownHook(new Thread(relay::close, "floor-shutdown"));
        System.out.println("floor relay listening on " + host + ":" + relay.port()
                + " (" + relay.transport() + ", " + loops + " event loop" + (loops == 1 ? "" : "s") + ")");
        System.out.flush();
        relay.awaitClosed();
        return 0;
    }
}
