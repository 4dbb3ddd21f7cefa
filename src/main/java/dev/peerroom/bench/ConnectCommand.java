package dev.peerroom.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
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

    @Option(names = "--gc", description = {"With --server-pid of a JVM: run `jcmd PID GC.run` before each heap "
            + "reading, so that heap per connection counts live objects only."})
    boolean gc;

    @Option(names = "--check", description = "Exit 1 unless every connection opened and was still open at the end.")
    boolean check;

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
            try (BenchClient client = new BenchClient(common.threads, common.transport)) {
                UrlTemplates urls = UrlTemplates.parse(common.url);
                if (warmupConnections > 0 && !warmUp(report, client, urls)) {
                    return 2;
                }
                Long rssBefore = rss();
                Long heapBefore = heap(metrics);
                ConnectStorm storm = client.storm(Topology.build(connections, urls, Topology.randomTag(),
                        Topology.randomRoomBase()), concurrency);
                ProcStats.Sample self0 = ProcStats.read("self");
                ProcStats.Sample server0 = common.serverPid == null ? null : ProcStats.read(common.serverPid);
                storm.start();
                boolean done = storm.await(report.progress(), "connect", 60_000L + connections * 20L);
                double stormSeconds = storm.seconds();
                ProcStats.Sample self1 = ProcStats.read("self");
                ProcStats.Sample server1 = common.serverPid == null ? null : ProcStats.read(common.serverPid);
                Double genCpu = self0 == null || self1 == null || stormSeconds <= 0 ? null
                        : (self1.cpuNanos() - self0.cpuNanos()) / (stormSeconds * 1e9);
                Double serverCpu = server0 == null || server1 == null || stormSeconds <= 0 ? null
                        : (server1.cpuNanos() - server0.cpuNanos()) / (stormSeconds * 1e9);
                Long rssAfterStorm = rss();
                long holdEnd = System.nanoTime() + hold.toNanos();
                for (long now = System.nanoTime(); now < holdEnd; now = System.nanoTime()) {
                    report.progress().show(String.format(Locale.ROOT, "connect holding %5.1f/%.1f s  open %,d  "
                            + "errors %,d", hold.toNanos() / 1e9 - (holdEnd - now) / 1e9, hold.toNanos() / 1e9,
                            storm.stillOpen(), client.errors().total()), 1000);
                    Thread.sleep(Math.min(200, Math.max(1, (holdEnd - now) / 1_000_000)));
                }
                Thread.sleep(settle.toMillis());
                Long rssAfterHold = rss();
                Long heapAfterHold = heap(metrics);
                int openAtEnd = storm.stillOpen();
                long errors = client.errors().total();

                Map<String, Object> m = new LinkedHashMap<>();
                m.put("mode", "connect");
                m.put("url", common.url);
                m.put("connections", connections);
                m.put("concurrency", concurrency);
                m.put("opened", storm.opened());
                m.put("failed", storm.failed() + (done ? 0 : connections - storm.attempted()));
                m.put("stormSeconds", stormSeconds);
                m.put("connectionsPerSecond", stormSeconds > 0 ? storm.opened() / stormSeconds : null);
                Histogram h = storm.openLatency();
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
                m.put("gcBeforeHeap", gc && common.serverPid != null);
                m.put("openAtEnd", openAtEnd);
                m.put("errors", errors);
                m.put("serverRssBytes", rssBefore == null ? null
                        : triple(rssBefore, rssAfterStorm, rssAfterHold));
                m.put("serverRssBytesPerConnection", perConnection(rssBefore, rssAfterHold, openAtEnd));
                Map<String, Object> heap = new LinkedHashMap<>();
                heap.put("before", heapBefore);
                heap.put("afterHold", heapAfterHold);
                m.put("serverHeapUsedBytes", metrics == null ? null : heap);
                m.put("serverHeapBytesPerConnection", perConnection(heapBefore, heapAfterHold, openAtEnd));
                ProcStats.Sample self = ProcStats.read("self");
                m.put("generatorRssBytes", self == null ? null : self.rssBytes());
                m.put("errorKinds", client.errors().byKind());
                report.result(m);

                report.line("connect: %,d of %,d opened in %.2f s (%,.0f conn/s, %d in flight, %s), %,d failed",
                        storm.opened(), connections, stormSeconds, stormSeconds > 0 ? storm.opened() / stormSeconds
                                : 0.0, concurrency, client.transport(), ((Number) m.get("failed")).intValue());
                report.line("  OPEN latency us: p50 %s  p99 %s  max %s; CPU during the storm: generator %s, server %s "
                        + "(cores)", Report.num(open.get("p50"), 1), Report.num(open.get("p99"), 1),
                        Report.num(open.get("max"), 1), Report.num(genCpu, 2), Report.num(serverCpu, 2));
                report.line("  held %.1f s: %,d still open, %,d errors", hold.toNanos() / 1e9, openAtEnd, errors);
                report.line("  server RSS: before %s, after storm %s, after hold %s; per idle connection %s",
                        Report.bytes(rssBefore), Report.bytes(rssAfterStorm), Report.bytes(rssAfterHold),
                        Report.bytes((Double) m.get("serverRssBytesPerConnection")));
                if (metrics != null) {
                    report.line("  server heap used: before %s, after hold %s; per connection %s",
                            Report.bytes(heapBefore), Report.bytes(heapAfterHold),
                            Report.bytes((Double) m.get("serverHeapBytesPerConnection")));
                }
                if (errors > 0) {
                    RelayCommand.printErrors(report, client.errors());
                }
                boolean ok = storm.opened() == connections && openAtEnd == connections && errors == 0;
                return check && !ok ? 1 : 0;
            }
        }
    }

    /** Opens, holds and closes the warm-up connections; false (after saying why) when they failed. */
    private boolean warmUp(Report report, BenchClient client, UrlTemplates urls) throws InterruptedException {
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

    private Long heap(MetricsScraper metrics) throws InterruptedException {
        if (metrics == null) {
            return null;
        }
        if (gc && common.serverPid != null) {
            ProcStats.runGc(common.serverPid);
        }
        return metrics.heapUsedBytes();
    }

    private Long rss() {
        if (common.serverPid == null) {
            return null;
        }
        ProcStats.Sample s = ProcStats.read(common.serverPid);
        return s == null ? null : s.rssBytes();
    }

    private static Map<String, Object> triple(Long before, Long afterStorm, Long afterHold) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("before", before);
        m.put("afterStorm", afterStorm);
        m.put("afterHold", afterHold);
        return m;
    }

    private static Double perConnection(Long before, Long after, int count) {
        return before == null || after == null || count == 0 ? null : (after - before) / (double) count;
    }
}
