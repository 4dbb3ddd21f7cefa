package dev.peerroom.bench;

import picocli.CommandLine.Option;

/** The traffic options shared by {@code relay} and {@code max}: who connects and what they send. */
final class TrafficOptions {
    @Option(names = "--connections", paramLabel = "C",
            defaultValue = "1000", description = "Connections, a multiple of 4 "
            + "(default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--offer-every", paramLabel = "N", defaultValue = "10",
            description = "One OFFER per N messages, the rest CANDIDATEs (default: ${DEFAULT-VALUE}).")
    int offerEvery;

    @Option(names = "--send-batch", paramLabel = "MICROS", defaultValue = "50",
            description = {"Send messages due within this many microseconds together, a little early, to spare "
                    + "the generator a wake-up per message; 0 sends each at its exact time (default: "
                    + "${DEFAULT-VALUE}). Latency stays exact: early messages carry their real send time."})
    int sendBatchMicros;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "200",
            description = "Handshakes in flight while connecting (default: ${DEFAULT-VALUE}).")
    int concurrency;

    /** What is wrong with these options at this (first) rate, or null. */
    String problem(double rate) {
        if (connections < Topology.GROUP_SIZE || connections % Topology.GROUP_SIZE != 0) {
            return "--connections must be a positive multiple of 4 (one room per 4 peers)";
        }
        if (!(rate > 0)) {
            return "--rate must be positive";
        }
        if (offerEvery < 1) {
            return "--offer-every must be at least 1";
        }
        if (sendBatchMicros < 0 || sendBatchMicros > 1_000_000) {
            return "--send-batch must be 0 to 1000000 microseconds";
        }
        return null;
    }
}
