package dev.peerroom.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench connect}: a connection storm (connections per second, OPEN latency), then all
 * connections held idle with heartbeats, measuring the server's memory per idle connection.
 */
@Command(name = "connect", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Opens C connections (rooms of 4) with at most N handshakes in flight, then holds them "
                + "idle (HEARTBEAT every 5 s) and checks they are still open at the end.",
                "With --server-pid: the server's RSS before, after the storm and after the hold; with "
                        + "--metrics-url (PeerRoom): its JVM heap in use."})
public final class ConnectCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Option(names = "--connections", paramLabel = "C",
            defaultValue = "10000", description = "Connections (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "200",
            description = "Handshakes in flight at most (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--hold", paramLabel = "DURATION",
            defaultValue = "10s", converter = CommonOptions.DurationConverter.class,
            description = "How long to hold the idle connections (default: ${DEFAULT-VALUE}).")
    Duration hold;

    @Option(names = "--settle", paramLabel = "DURATION",
            defaultValue = "1s", converter = CommonOptions.DurationConverter.class,
            description = "Pause after the hold before reading memory (default: ${DEFAULT-VALUE}).")
    Duration settle;

    @Option(names = "--metrics-url", paramLabel = "URL",
            description = "PeerRoom's metrics, e.g. http://127.0.0.1:9000/metrics, for heap in use.")
    String metricsUrl;

    @Option(names = "--warmup-connections", paramLabel = "N", defaultValue = "0",
            description = {"Before measuring, open N connections, hold them 1 s and close them, so that the server's "
                    + "one-time growth (heap, JIT) is not counted per connection (default: ${DEFAULT-VALUE})."})
    int warmupConnections;

    @Option(names = "--warmup-rounds", paramLabel = "N", defaultValue = "1",
            description = {"Warm-up storms of --warmup-connections each, one after the other, so that the server's "
                    + "JIT has compiled its handshake path before the measured storm (default: ${DEFAULT-VALUE})."})
    int warmupRounds;

    @Option(names = "--gc", description = {"With --server-pid of a JVM: run `jcmd PID GC.run` before each heap "
            + "reading, so that heap per connection counts live objects only."})
    boolean gc;

    @Option(names = "--sample-every", paramLabel = "DURATION", defaultValue = "1s",
            converter = CommonOptions.DurationConverter.class,
            description = "RSS sample interval during the hold (default: ${DEFAULT-VALUE}).")
    Duration sampleEvery;

    @Option(names = "--check", description = "Exit 1 unless every connection opened and was still open at the end.")
    boolean check;

    private final StormCpu stormCpu = new StormCpu();

    @Override
    public Integer call() throws Exception {
        try (Report report = new Report(common.json, !common.noProgress)) {
            String problem = common.problem();
            if (problem == null && (connections < 1 || concurrency < 1)) {
                problem = "--connections and --concurrency must be at least 1";
            }
            if (problem == null) {
                problem = common.fileLimitProblem(Math.max(connections, warmupConnections));
            }
            if (problem != null) {
                report.error("bench connect: %s", problem);
                return 2;
            }
            MetricsScraper metrics = metricsUrl == null ? null : new MetricsScraper(metricsUrl);
            ServerMemory memory = new ServerMemory(common.serverPid, metrics, gc);
            try (BenchClient client = new BenchClient(common.threads, common.transport)) {
                UrlTemplates urls = UrlTemplates.parse(common.url);
                Long rssFresh = memory.rss();
                if (warmupConnections > 0 && !warmUp(report, client, urls)) {
                    return 2;
                }
                List<Topology.PeerSpec> peers = Topology.build(connections, urls, Topology.randomTag(),
                        Topology.randomRoomBase());
                // Two halves of whole rooms: memory is read between them, so the per-connection
                // figure is the growth from the second half alone (see bench/README.md).
                int half = connections >= 8 ? connections / 2 / 4 * 4 : 0;
                ConnectStorm first = client.storm(peers.subList(0, half), concurrency);
                boolean done = runStorm(report, first);
                Long rssHalf = null;
                Long heapHalf = null;
                if (half > 0) {
                    Thread.sleep(settle.toMillis());
                    rssHalf = memory.rss();
                    heapHalf = memory.heap();
                }
                ConnectStorm second = client.storm(peers.subList(half, connections), concurrency);
                done &= runStorm(report, second);
                double stormSeconds = first.seconds() + second.seconds();
                Double genCpu = stormCpu.generatorShare();
                Double serverCpu = stormCpu.serverShare();
                Long rssAfterStorm = memory.rss();
                hold(report, client, memory, first, second);
                Thread.sleep(settle.toMillis());
                Long rssAfterHold = memory.rss();
                Long heapAfterHold = memory.heap();
                int openAtEnd = first.stillOpen() + second.stillOpen();
                int secondOpen = second.stillOpen();
                int opened = first.opened() + second.opened();
                long errors = client.errors().total();

                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mode", "connect");
                m.put("url", common.url);
                m.put("connections", connections);
                m.put("concurrency", concurrency);
                m.put("opened", opened);
                m.put("failed", first.failed() + second.failed() + (done ? 0
                        : connections - first.attempted() - second.attempted()));
                m.put("stormSeconds", stormSeconds);
                m.put("connectionsPerSecond", stormSeconds > 0 ? opened / stormSeconds : null);
                Histogram h = first.openLatency();
                h.add(second.openLatency());
                Map<String, Object> open = new LinkedHashMap<>();
                boolean empty = h.getTotalCount() == 0;
                open.put("p50", empty ? null : h.getValueAtPercentile(50) / 1e3);
                open.put("p99", empty ? null : h.getValueAtPercentile(99) / 1e3);
                open.put("max", empty ? null : h.getMaxValue() / 1e3);
                m.put("openLatencyMicros", open);
                m.put("stormGeneratorCpuUtilisation", genCpu);
                m.put("stormServerCpuUtilisation", serverCpu);
                m.put("holdSeconds", hold.toNanos() / 1e9);
                m.put("warmupConnections", warmupConnections);
                m.put("warmupRounds", warmupConnections > 0 ? Math.max(1, warmupRounds) : 0);
                m.put("gcBeforeHeap", gc && common.serverPid != null);
                m.put("openAtEnd", openAtEnd);
                m.put("errors", errors);
                Map<String, Object> rss = new LinkedHashMap<>();
                rss.put("beforeWarmup", rssFresh);
                rss.put("atHalf", rssHalf);
                rss.put("afterStorm", rssAfterStorm);
                rss.put("afterHold", rssAfterHold);
                m.put("serverRssBytes", rssFresh == null ? null : rss);
                m.put("serverRssBytesPerConnection", ServerMemory.perConnection(rssHalf, rssAfterHold, secondOpen));
                m.put("serverRssBytesPerConnectionCold",
                        ServerMemory.perConnection(rssFresh, rssAfterHold, openAtEnd));
                m.put("serverRssDuringHold", memory.holdSummary(settle.toMillis()));
                Map<String, Object> heap = new LinkedHashMap<>();
                heap.put("atHalf", heapHalf);
                heap.put("afterHold", heapAfterHold);
                m.put("serverHeapUsedBytes", memory.hasHeap() ? heap : null);
                m.put("serverHeapBytesPerConnection", ServerMemory.perConnection(heapHalf, heapAfterHold, secondOpen));
                ProcStats.Sample self = ProcStats.read("self");
                m.put("generatorRssBytes", self == null ? null : self.rssBytes());
                m.put("errorKinds", client.errors().byKind());
                report.result(m);
                summary(report, m, open, genCpu, serverCpu);
                if (errors > 0) {
                    RelayCommand.printErrors(report, client.errors());
                }
                boolean ok = opened == connections && openAtEnd == connections && errors == 0;
                return check && !ok ? 1 : 0;
            }
        }
    }

    private boolean runStorm(Report report, ConnectStorm storm) throws InterruptedException {
        stormCpu.begin();
        storm.start();
        boolean done = storm.await(report.progress(), "connect", 60_000L + connections * 20L);
        stormCpu.end();
        return done;
    }

    /** CPU used by the generator and the server while storms run (not during pauses between them). */
    private final class StormCpu {
        private long wallNanos;
        private long generatorNanos;
        private long serverNanos = -1;
        private long t0;
        private ProcStats.Sample self0;
        private ProcStats.Sample server0;

        void begin() {
            t0 = System.nanoTime();
            self0 = ProcStats.read("self");
            server0 = common.serverPid == null ? null : ProcStats.read(common.serverPid);
        }

        void end() {
            wallNanos += System.nanoTime() - t0;
            ProcStats.Sample self1 = ProcStats.read("self");
            ProcStats.Sample server1 = common.serverPid == null ? null : ProcStats.read(common.serverPid);
            if (self0 != null && self1 != null) {
                generatorNanos += self1.cpuNanos() - self0.cpuNanos();
            }
            if (server0 != null && server1 != null) {
                serverNanos = Math.max(0, serverNanos) + server1.cpuNanos() - server0.cpuNanos();
            }
        }

        Double generatorShare() {
            return wallNanos <= 0 ? null : generatorNanos / (double) wallNanos;
        }

        Double serverShare() {
            return wallNanos <= 0 || serverNanos < 0 ? null : serverNanos / (double) wallNanos;
        }
    }

    /** Holds the connections idle, sampling the server's RSS every --sample-every. */
    private void hold(Report report, BenchClient client, ServerMemory memory, ConnectStorm first,
                      ConnectStorm second) throws InterruptedException {
        long start = System.nanoTime();
        long holdEnd = start + hold.toNanos();
        long nextSample = start;
        for (long now = System.nanoTime(); now < holdEnd; now = System.nanoTime()) {
            if (now >= nextSample) {
                memory.sampleHold((now - start) / 1e9);
                nextSample += sampleEvery.toNanos();
            }
            report.progress().show(String.format(Locale.ROOT, "connect holding %5.1f/%.1f s  open %,d  errors %,d",
                    (now - start) / 1e9, hold.toNanos() / 1e9, first.stillOpen() + second.stillOpen(),
                    client.errors().total()), 1000);
            Thread.sleep(Math.min(200, Math.max(1, (holdEnd - now) / 1_000_000)));
        }
        memory.sampleHold((System.nanoTime() - start) / 1e9);
    }

    @SuppressWarnings("unchecked")
    private void summary(Report report, Map<String, Object> m, Map<String, Object> open, Double genCpu,
                         Double serverCpu) {
        Map<String, Object> rss = (Map<String, Object>) m.get("serverRssBytes");
        Map<String, Object> drift = (Map<String, Object>) m.get("serverRssDuringHold");
        report.line("connect: %,d of %,d opened in %.2f s (%,.0f conn/s, %d in flight), %,d failed",
                m.get("opened"), connections, m.get("stormSeconds"),
                m.get("connectionsPerSecond") == null ? 0.0 : m.get("connectionsPerSecond"), concurrency,
                ((Number) m.get("failed")).intValue());
        report.line("  OPEN latency us: p50 %s  p99 %s  max %s; CPU during the storm: generator %s, server %s "
                + "(cores)", Report.num(open.get("p50"), 1), Report.num(open.get("p99"), 1),
                Report.num(open.get("max"), 1), Report.num(genCpu, 2), Report.num(serverCpu, 2));
        report.line("  held %.1f s: %,d still open, %,d errors", hold.toNanos() / 1e9, m.get("openAtEnd"),
                m.get("errors"));
        if (rss != null) {
            report.line("  server RSS: fresh %s, at half %s, after storm %s, after hold %s",
                    Report.bytes((Long) rss.get("beforeWarmup")), Report.bytes((Long) rss.get("atHalf")),
                    Report.bytes((Long) rss.get("afterStorm")), Report.bytes((Long) rss.get("afterHold")));
            report.line("  RSS per idle connection: %s (second half); %s from the fresh server",
                    Report.bytes((Double) m.get("serverRssBytesPerConnection")),
                    Report.bytes((Double) m.get("serverRssBytesPerConnectionCold")));
        }
        if (drift != null) {
            report.line("  RSS during the hold: min %s, max %s, first to last %s%%",
                    Report.bytes((Long) drift.get("min")), Report.bytes((Long) drift.get("max")),
                    Report.num(drift.get("driftPercent"), 2));
        }
        if (m.get("serverHeapUsedBytes") != null) {
            report.line("  server heap per connection (second half): %s",
                    Report.bytes((Double) m.get("serverHeapBytesPerConnection")));
        }
    }

    /** Opens, holds and closes the warm-up connections; false (after saying why) when they failed. */
    private boolean warmUp(Report report, BenchClient client, UrlTemplates urls) throws InterruptedException {
        for (int round = 0; round < Math.max(1, warmupRounds); round++) {
            if (!warmUpOnce(report, client, urls)) {
                return false;
            }
        }
        return true;
    }

    private boolean warmUpOnce(Report report, BenchClient client, UrlTemplates urls) throws InterruptedException {
        ConnectStorm warm = client.storm(Topology.build(warmupConnections, urls, Topology.randomTag(),
                Topology.randomRoomBase()), concurrency);
        warm.start();
        boolean done = warm.await(report.progress(), "connect warm-up", 60_000L + warmupConnections * 20L);
        if (!done || warm.opened() < warmupConnections) {
            report.error("bench connect: only %,d of %,d warm-up connections opened", warm.opened(), warmupConnections);
            RelayCommand.printErrors(report, client.errors());
            return false;
        }
        Thread.sleep(1_000);
        warm.closeAll();
        Thread.sleep(Math.max(1_000, settle.toMillis()));
        return true;
    }
}
