package dev.peerroom.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench relay}: C connections in rooms of 4 relay OFFERs and CANDIDATEs at a fixed total rate. */
@Command(name = "relay", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Opens C connections (rooms of 4), then sends OFFERs and CANDIDATEs to room mates at a "
                + "fixed total rate and measures delivery and latency (send to receive).",
                "Exit status: 0 when the run completed (with --check: and nothing was lost or wrong), "
                        + "1 on a failed check, 2 on bad options or when connections could not be opened."})
public final class RelayCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    TrafficOptions traffic = new TrafficOptions();


    @Option(names = "--rate", paramLabel = "MSG/S",
            defaultValue = "5000", description = "Messages per second in total (default: "
            + "${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", paramLabel = "DURATION",
            defaultValue = "20s", converter = CommonOptions.DurationConverter.class,
            description = "Measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--warmup", paramLabel = "DURATION",
            defaultValue = "5s", converter = CommonOptions.DurationConverter.class,
            description = "Sending before the window, not counted (default: ${DEFAULT-VALUE}).")
    Duration warmup;




    @Option(names = "--check", description = "Exit 1 unless something was delivered, nothing was lost and "
            + "there were no errors.")
    boolean check;

    @Override
    public Integer call() throws Exception {
        try (Report report = new Report(common.json, !common.noProgress)) {
            String problem = common.problem();
            if (problem == null) {
                problem = traffic.problem(rate);
            }
            if (problem == null) {
                problem = common.fileLimitProblem(traffic.connections);
            }
            if (problem != null) {
                report.error("bench relay: %s", problem);
                return 2;
            }
            try (BenchClient client = new BenchClient(common.threads, common.transport)) {
                ConnectStorm storm = openGroups(client, common, traffic.connections, traffic.concurrency, report,
                        "relay");
                if (storm == null) {
                    return 2;
                }
                RelayRunner runner = new RelayRunner(client, storm.openConnections(), traffic.offerEvery,
                        traffic.sendBatchMicros * 1000L, common.serverPid,
                        report.progress());
                PhaseResult r = runner.run(rate, warmup, duration, String.format("relay %,.0f/s", rate));
                long errors = client.errors().total();
                report.result(json(r, errors, client));
                summary(report, r, errors, client);
                boolean ok = r.delivered() > 0 && r.lost() == 0 && errors == 0;
                return check && !ok ? 1 : 0;
            }
        }
    }

    /** Opens the peers of a run; null (after saying why) when any of them failed. */
    static ConnectStorm openGroups(BenchClient client, CommonOptions common, int connections, int concurrency,
            Report report, String label) throws InterruptedException {
        UrlTemplates urls = UrlTemplates.parse(common.url);
        List<Topology.PeerSpec> peers = Topology.build(connections, urls, Topology.randomTag(),
                Topology.randomRoomBase());
        ConnectStorm storm = client.storm(peers, concurrency);
        storm.start();
        boolean done = storm.await(report.progress(), label, 60_000L + connections * 20L);
        if (!done || storm.failed() > 0 || storm.opened() < connections) {
            report.error("bench %s: only %,d of %,d connections opened (%,d failed)%s", label, storm.opened(),
                    connections, storm.failed(), done ? "" : ", the rest timed out");
            printErrors(report, client.errors());
            return null;
        }
        return storm;
    }

    static void printErrors(Report report, ErrorLog errors) {
        errors.byKind().forEach((kind, count) -> report.error("  %,8d  %s%s", count, kind,
                errors.example(kind) == null ? "" : "  (e.g. " + errors.example(kind) + ")"));
    }

    Map<String, Object> json(PhaseResult r, long errors, BenchClient client) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "relay");
        m.put("url", common.url);
        m.put("connections", traffic.connections);
        m.put("targetRate", rate);
        m.put("durationSeconds", r.seconds());
        m.put("sent", r.sent());
        m.put("delivered", r.delivered());
        m.put("deliveredRate", r.deliveredRate());
        m.put("lost", r.lost());
        m.put("late", r.late());
        m.put("errors", errors);
        m.put("latencyMicros", PhaseResult.percentilesMicros(r.latency()));
        m.put("serverCpuMicrosPerMessage", r.serverCpuMicrosPerMessage());
        m.put("generatorCpuMicrosPerMessage", r.generatorCpuMicrosPerMessage());
        m.put("generatorCpuUtilisation", r.generatorCpuUtilisation());
        m.put("serverRssBytes", r.serverRssBytes());
        m.put("warmupSeconds", warmup.toNanos() / 1e9);
        m.put("generatorThreads", common.threads);
        m.put("generatorTransport", client.transport());
        m.put("generatorSendLagMicros", PhaseResult.percentilesMicros(r.lag()));
        m.put("sendBatchMicros", traffic.sendBatchMicros);
        m.put("unwritable", r.skipped());
        m.put("errorKinds", client.errors().byKind());
        return m;
    }

    void summary(Report report, PhaseResult r, long errors, BenchClient client) {
        report.line("relay: %,d connections (%,d rooms), target %,.0f msg/s, %.1f s measured after %.1f s warm-up "
                + "(%s, %d thread%s)", traffic.connections, traffic.connections / 4, rate, r.seconds(),
                warmup.toNanos() / 1e9,
                client.transport(), common.threads, common.threads == 1 ? "" : "s");
        report.line("  sent %,d  delivered %,d (%,.1f msg/s)  lost %,d  late %,d  errors %,d", r.sent(),
                r.delivered(), r.deliveredRate(), r.lost(), r.late(), errors);
        report.line("  latency us: %s", percentiles(PhaseResult.percentilesMicros(r.latency())));
        report.line("  generator: %s us CPU/msg, %.2f of a core; send lag us: %s; unwritable %,d",
                Report.num(r.generatorCpuMicrosPerMessage(), 2), r.generatorCpuUtilisation(),
                percentiles(PhaseResult.percentilesMicros(r.lag())), r.skipped());
        report.line("  server: %s us CPU/msg, RSS %s", Report.num(r.serverCpuMicrosPerMessage(), 2),
                Report.bytes(r.serverRssBytes()));
        if (errors > 0) {
            printErrors(report, client.errors());
        }
    }

    static String percentiles(Map<String, Object> p) {
        return String.format("p50 %s  p90 %s  p99 %s  p99.9 %s  max %s", Report.num(p.get("p50"), 1),
                Report.num(p.get("p90"), 1), Report.num(p.get("p99"), 1), Report.num(p.get("p999"), 1),
                Report.num(p.get("max"), 1));
    }
}
