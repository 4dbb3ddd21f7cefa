package dev.peerroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench soak}: many connections for a long time, with join/leave churn and signaling
 * bursts, checking that no healthy peer is expired, that every routed message is delivered or
 * EXPIRE'd to its sender, and that the server's heap and file descriptors come back to their
 * baseline. The phases: warm-up, baseline (server empty), connect, run, drain, close, end.
 */
@Command(name = "soak", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Holds C connections (rooms of --room-size) for --duration with churn (LEAVE, abrupt "
                + "closes, half-dead peers, same-token takeovers) and OFFER/ANSWER/CANDIDATE bursts, then checks: no "
                + "false expiry, every message delivered or EXPIRE'd, heap after GC and fds back to the baseline "
                + "(the last two need --server-pid). Exits 1 when a check fails.",
                "Start the server with a short --idle-room-ttl (e.g. 10s): the baseline and the end are read "
                        + "once the server holds no room."})
public final class SoakCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--connections", paramLabel = "C", defaultValue = "10000",
            description = "Connections held (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "10m",
            converter = CommonOptions.DurationConverter.class,
            description = "Length of the run, after all connections opened (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--churn", paramLabel = "N", defaultValue = "50",
            description = {"Sockets closed plus sockets opened per second (default: ${DEFAULT-VALUE}): each action "
                    + "closes one (LEAVE, abrupt close, half-dead, or the old socket of a takeover) and opens one."})
    double churn;

    @Option(names = "--dead-share", paramLabel = "F", defaultValue = "0.1",
            description = "Share of churn actions that freeze a peer for good: its expiry is expected (default: "
                    + "${DEFAULT-VALUE}).")
    double deadShare;

    @Option(names = "--takeover-share", paramLabel = "F", defaultValue = "0.2",
            description = "Share of churn actions that reconnect with the same id and token (default: "
                    + "${DEFAULT-VALUE}). The rest are LEAVEs and abrupt closes, half each.")
    double takeoverShare;

    @Option(names = "--late-join-share", paramLabel = "F", defaultValue = "0.1",
            description = {"Share of new ids that connect only after the hold timeout: the burst a room mate "
                    + "sent them must come back as EXPIRE (default: ${DEFAULT-VALUE})."})
    double lateJoinShare;

    @Option(names = "--burst-every", paramLabel = "DURATION", defaultValue = "15s",
            converter = CommonOptions.DurationConverter.class,
            description = "Each room starts a burst this often on average (default: ${DEFAULT-VALUE}).")
    Duration burstEvery;

    @Option(names = "--burst-size", paramLabel = "N", defaultValue = "20",
            description = {"Messages per burst (default: ${DEFAULT-VALUE}): one peer sends an OFFER and CANDIDATEs, "
                    + "the other answers with an ANSWER and CANDIDATEs. At most 100."})
    int burstSize;

    @Option(names = "--room-size", paramLabel = "N", defaultValue = "4",
            description = "Peers per room, at most the server's --max-peers (default: ${DEFAULT-VALUE}).")
    int roomSize;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "200",
            description = "Handshakes in flight at most while connecting (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--heartbeat-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = CommonOptions.DurationConverter.class,
            description = "The server's --heartbeat-timeout (default: ${DEFAULT-VALUE}): when dead peers must be gone.")
    Duration heartbeatTimeout;

    @Option(names = "--hold-timeout", paramLabel = "DURATION", defaultValue = "5s",
            converter = CommonOptions.DurationConverter.class,
            description = "The server's --hold-timeout (default: ${DEFAULT-VALUE}): the drain lasts longer.")
    Duration holdTimeout;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "20s",
            converter = CommonOptions.DurationConverter.class,
            description = "A short soak before the baseline, so the server is warm (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--warmup-connections", paramLabel = "N", defaultValue = "1000",
            description = "Connections of the warm-up, at most --connections; 0 skips it (default: ${DEFAULT-VALUE}).")
    int warmupConnections;

    @Option(names = "--sample-every", paramLabel = "DURATION", defaultValue = "1m",
            converter = CommonOptions.DurationConverter.class,
            description = "Heap after GC and fds are sampled this often during the run (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(names = "--heap-tolerance-mib", paramLabel = "MIB", defaultValue = "4",
            description = "Heap after GC may end this far above the baseline, and drift this much during the "
                    + "run (default: ${DEFAULT-VALUE}).")
    double heapToleranceMib;

    @Option(names = "--fd-tolerance", paramLabel = "N", defaultValue = "5",
            description = "The server's fds may end this far above the baseline (default: ${DEFAULT-VALUE}).")
    int fdTolerance;

    @Option(names = "--rooms-timeout", paramLabel = "DURATION", defaultValue = "6m",
            converter = CommonOptions.DurationConverter.class,
            description = "Longest wait for the server's idle rooms to go before the baseline and the end "
                    + "(default: ${DEFAULT-VALUE}; the server's --idle-room-ttl decides).")
    Duration roomsTimeout;

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the churn and burst choices (default: random).")
    Long seed;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON result to FILE.")
    Path reportFile;

    @Override
    public Integer call() throws Exception {
        try (Report report = new Report(common.json, !common.noProgress)) {
            String problem = problem();
            if (problem != null) {
                report.error("bench soak: %s", problem);
                return 2;
            }
            SoakServerProbe probe = new SoakServerProbe(common.serverPid, common.url);
            if (probe.rooms() == null) {
                report.error("bench soak: cannot read the server's /health next to %s", common.url);
                return 2;
            }
            long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
            try (BenchClient client = new BenchClient(common.threads, common.transport)) {
                UrlTemplates urls = UrlTemplates.parse(common.url);
                if (warmupConnections > 0) {
                    warmUp(report, client, urls, runSeed);
                }
                boolean baselineEmpty = probe.awaitNoRooms(roomsTimeout.toMillis(), report.progress());
                SoakServerProbe.Reading baseline = probe.read("baseline", 0, 0);
                report.line("soak: baseline (%s): heap after GC %s, fds %s, RSS %s",
                        baselineEmpty ? "server empty" : "rooms still lingering", Report.bytes(baseline.heapBytes()),
                        baseline.fds(), Report.bytes(baseline.rssBytes()));
                return run(report, client, urls, probe, baseline, baselineEmpty, runSeed);
            }
        }
    }

    private Integer run(Report report, BenchClient client, UrlTemplates urls, SoakServerProbe probe,
                        SoakServerProbe.Reading baseline, boolean baselineEmpty, long runSeed) throws Exception {
        List<SoakServerProbe.Reading> during = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        try (SoakWorld world = new SoakWorld(client, settings(urls, connections))) {
            world.openAll(concurrency, report.progress(), "soak", 120_000L + connections * 20L);
            report.line("soak: %,d of %,d connections open in %.1f s", world.openSockets(), connections,
                    (System.nanoTime() - started) / 1e9);
            long runStart = System.nanoTime();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "soak-sampler");
                t.setDaemon(true);
                return t;
            });
            sampler.scheduleWithFixedDelay(() -> {
                try {
                    during.add(probe.read("during", (System.nanoTime() - runStart) / 1e9, world.openSockets()));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, 0, sampleEvery.toMillis(), TimeUnit.MILLISECONDS);
            SoakDriver driver = driver(world, runSeed);
            driver.run(duration.toNanos(), report.progress(), "soak");
            sampler.shutdown();
            sampler.awaitTermination(60, TimeUnit.SECONDS);
            during.add(probe.read("during", (System.nanoTime() - runStart) / 1e9, world.openSockets()));
            long hold = holdTimeout.toMillis();
            boolean drained = driver.drain(hold + 1_000, hold + heartbeatTimeout.toMillis() + 15_000,
                    report.progress());
            int unaccounted;
            List<String> examples;
            synchronized (world) {
                unaccounted = world.ledger.openCount();
                examples = world.ledger.openExamples(10, System.nanoTime());
            }
            world.closeAll(15_000);
            boolean endEmpty = probe.awaitNoRooms(roomsTimeout.toMillis(), report.progress());
            if (baseline.fds() != null) {
                probe.awaitFds(baseline.fds() + fdTolerance, 30_000);
            }
            SoakServerProbe.Reading end = probe.read("end", (System.nanoTime() - runStart) / 1e9, 0);
            SoakVerdict verdict;
            synchronized (world) {
                verdict = new SoakVerdict(world, new SoakVerdict.Inputs(baseline, new ArrayList<>(during), end,
                        (long) (heapToleranceMib * (1 << 20)), fdTolerance, drained, baselineEmpty, endEmpty,
                        unaccounted, examples));
            }
            Map<String, Object> result = result(world, verdict, baseline, end, during, runSeed,
                    (System.nanoTime() - runStart) / 1e9);
            report.result(result);
            if (reportFile != null) {
                Files.writeString(reportFile, Report.toJson(result) + "\n", StandardCharsets.UTF_8);
            }
            new SoakSummary(report).print(world, verdict, result);
            return verdict.pass() ? 0 : 1;
        }
    }

    /** A short soak on a world of its own, so that the baseline is read from a warm server. */
    private void warmUp(Report report, BenchClient client, UrlTemplates urls, long runSeed) throws Exception {
        int n = Math.min(warmupConnections, connections);
        try (SoakWorld world = new SoakWorld(client, settings(urls, n))) {
            world.openAll(concurrency, report.progress(), "soak warm-up", 120_000L + n * 20L);
            driver(world, runSeed ^ 0x5eed).run(warmup.toNanos(), report.progress(), "soak warm-up");
            driver(world, runSeed).drain(0, holdTimeout.toMillis() + 5_000, report.progress());
            world.closeAll(15_000);
            report.line("soak: warm-up with %,d connections for %.0f s: %,d messages, %,d peers killed, %,d violations "
                    + "(not judged)", n, warmup.toMillis() / 1e3, world.ledger.sent(),
                    world.tally.get("dead peers (frozen on purpose)"), world.tally.violations());
        }
    }

    private SoakWorld.Settings settings(UrlTemplates urls, int count) {
        return new SoakWorld.Settings(urls, count, roomSize, burstSize, holdTimeout.toMillis(), lateJoinShare);
    }

    private SoakDriver driver(SoakWorld world, long runSeed) {
        double burstsPerSecond = world.rooms.length / Math.max(0.001, burstEvery.toMillis() / 1e3);
        SoakChurn churnActions = new SoakChurn(world, runSeed, deadShare, takeoverShare, heartbeatTimeout.toMillis(),
                holdTimeout.toMillis());
        return new SoakDriver(world, churnActions, runSeed + 1, churn, burstsPerSecond);
    }

    private String problem() {
        String p = common.problem();
        if (p != null) {
            return p;
        }
        if (common.url.contains(",")) {
            return "--url: the soak runs against one server (one template)";
        }
        if (common.serverPid != null && common.serverPid.contains(",")) {
            return "--server-pid: one pid (the soak triggers its GC and counts its fds)";
        }
        if (connections < 2 || roomSize < 2 || concurrency < 1) {
            return "--connections and --room-size must be at least 2, --concurrency at least 1";
        }
        if (burstSize < 2 || burstSize > 100) {
            return "--burst-size must be 2 to 100 (the server allows 100 frames per second per peer)";
        }
        if (churn < 0 || deadShare < 0 || takeoverShare < 0 || deadShare + takeoverShare > 1
                || lateJoinShare < 0 || lateJoinShare > 1) {
            return "--churn must be at least 0, --dead-share plus --takeover-share at most 1, --late-join-share 0 to 1";
        }
        if (burstEvery.isZero() || sampleEvery.isZero()) {
            return "--burst-every and --sample-every must be above 0";
        }
        return common.fileLimitProblem(Math.max(connections, warmupConnections) + 100);
    }

    private Map<String, Object> result(SoakWorld world, SoakVerdict v, SoakServerProbe.Reading baseline,
                                       SoakServerProbe.Reading end, List<SoakServerProbe.Reading> during,
                                       long runSeed, double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "soak");
        m.put("pass", v.pass());
        m.put("failed", v.failed());
        m.put("url", common.url);
        m.put("connections", connections);
        m.put("durationSeconds", duration.toMillis() / 1e3);
        m.put("churnPerSecond", churn);
        m.put("deadShare", deadShare);
        m.put("takeoverShare", takeoverShare);
        m.put("lateJoinShare", lateJoinShare);
        m.put("burstEverySeconds", burstEvery.toMillis() / 1e3);
        m.put("burstSize", burstSize);
        m.put("roomSize", roomSize);
        m.put("heartbeatTimeoutSeconds", heartbeatTimeout.toMillis() / 1e3);
        m.put("holdTimeoutSeconds", holdTimeout.toMillis() / 1e3);
        m.put("seed", runSeed);
        m.put("wallSeconds", seconds);
        m.put("peakOpenSockets", world.peakOpen());
        m.put("liveness", v.liveness());
        m.put("messages", v.messages());
        m.put("heap", v.heap());
        m.put("fds", v.fds());
        List<Map<String, Object>> readings = new ArrayList<>();
        readings.add(baseline.toMap());
        synchronized (during) {
            during.forEach(r -> readings.add(r.toMap()));
        }
        readings.add(end.toMap());
        m.put("serverReadings", readings);
        m.put("events", world.tally.events());
        return m;
    }
}
