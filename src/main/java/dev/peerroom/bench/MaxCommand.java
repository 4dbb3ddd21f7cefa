package dev.peerroom.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bench max}: relay steps at rising rates over the same connections, until p99 exceeds
 * the limit, less than 95% of the target is delivered, or errors appear.
 */
@Command(name = "max", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Finds the highest total rate that is delivered (>= 95%%, no errors) with p99 under a "
                + "limit, by relay steps at rising rates over the same connections.",
                "limitedBy: 'generator' when the generator used >= 90%% of its cores at the failing (or last) "
                        + "step, 'rate-cap' when --max-rate was reached without failing, 'server-rate-limit' when the "
                        + "server answered RATE_LIMITED (raise its limit or use more connections), else 'server'."})
public final class MaxCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common = new CommonOptions();

    @Mixin
    TrafficOptions traffic = new TrafficOptions();


    @Option(names = "--start", paramLabel = "MSG/S",
            defaultValue = "5000", description = "First rate, msg/s (default: ${DEFAULT-VALUE}).")
    double start;

    @Option(names = "--step", paramLabel = "MSG/S",
            defaultValue = "5000", description = "Added per step, msg/s (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--step-factor", paramLabel = "FACTOR",
            description = "Multiply the rate by this per step instead (e.g. 1.25).")
    Double stepFactor;

    @Option(names = "--step-duration", paramLabel = "DURATION",
            defaultValue = "5s", converter = CommonOptions.DurationConverter.class,
            description = "Measured window of each step (default: ${DEFAULT-VALUE}).")
    Duration stepDuration;

    @Option(names = "--step-warmup", paramLabel = "DURATION",
            defaultValue = "1s", converter = CommonOptions.DurationConverter.class,
            description = "Unmeasured sending before each step's window (default: ${DEFAULT-VALUE}).")
    Duration stepWarmup;

    @Option(names = "--warmup", paramLabel = "DURATION",
            defaultValue = "3s", converter = CommonOptions.DurationConverter.class,
            description = "Extra warm-up before the first step (default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--p99-limit", paramLabel = "DURATION",
            defaultValue = "50ms", converter = CommonOptions.DurationConverter.class,
            description = "Highest acceptable p99 latency (default: ${DEFAULT-VALUE}).")
    Duration p99Limit;

    @Option(names = "--max-rate", paramLabel = "MSG/S",
            defaultValue = "200000", description = "Stop here (default: ${DEFAULT-VALUE}).")
    double maxRate;

    @Option(names = "--max-steps", paramLabel = "N",
            defaultValue = "40", description = "At most this many steps (default: "
            + "${DEFAULT-VALUE}).")
    int maxSteps;




    @Override
    public Integer call() throws Exception {
        try (Report report = new Report(common.json, !common.noProgress)) {
            String problem = common.problem();
            if (problem == null) {
                problem = traffic.problem(start);
            }
            if (problem == null && (stepFactor != null ? !(stepFactor > 1) : !(step > 0))) {
                problem = "--step must be positive and --step-factor above 1";
            }
            if (problem == null && (maxRate < start || maxSteps < 1)) {
                problem = "--max-rate must be at least --start, and --max-steps at least 1";
            }
            if (problem == null) {
                problem = common.fileLimitProblem(traffic.connections);
            }
            if (problem != null) {
                report.error("bench max: %s", problem);
                return 2;
            }
            if (maxRate / traffic.connections > 90) {
                report.error("bench max: note: up to %.0f msg/s per connection; PeerRoom's default rate limit is "
                        + "100 frames/s per peer (--rate-limit), so steps above %.0f msg/s may be refused by it",
                        maxRate / traffic.connections, 90.0 * traffic.connections);
            }
            try (BenchClient client = new BenchClient(common.threads, common.transport)) {
                ConnectStorm storm = RelayCommand.openGroups(client, common, traffic.connections,
                        traffic.concurrency, report, "max");
                if (storm == null) {
                    return 2;
                }
                RelayRunner runner = new RelayRunner(client, storm.openConnections(), traffic.offerEvery,
                        traffic.sendBatchMicros * 1000L, common.serverPid,
                        report.progress());
                return ramp(report, runner, client.errors());
            }
        }
    }

    private int ramp(Report report, RelayRunner runner, ErrorLog errors) throws Exception {
        List<Map<String, Object>> steps = new ArrayList<>();
        boolean rateLimited = false;
        double best = 0;
        PhaseResult failing = null;
        PhaseResult last = null;
        double limitMicros = p99Limit.toNanos() / 1e3;
        double rate = start;
        for (int i = 0; i < maxSteps; i++) {
            Duration w = i == 0 ? stepWarmup.plus(warmup) : stepWarmup;
            Map<String, Long> kindsBefore = errors.byKind();
            PhaseResult r = runner.run(rate, w, stepDuration, String.format("max step %d %,.0f/s", i + 1, rate));
            rateLimited = errors.byKind().entrySet().stream().anyMatch(e -> e.getKey().contains("RATE_LIMITED")
                    && e.getValue() > kindsBefore.getOrDefault(e.getKey(), 0L));
            last = r;
            boolean pass = r.delivered() > 0 && r.p99Micros() <= limitMicros
                    && r.deliveredRate() >= 0.95 * rate && r.errors() == 0;
            steps.add(step(r, pass));
            report.line("  %8.0f msg/s  delivered %9.1f/s  p99 %9.1f us  gen %.2f core  server %s us/msg  %s",
                    rate, r.deliveredRate(), r.p99Micros(), r.generatorCpuUtilisation(),
                    Report.num(r.serverCpuMicrosPerMessage(), 2), pass ? "ok" : "FAIL" + reason(r, rate, limitMicros));
            if (!pass) {
                failing = r;
                break;
            }
            best = rate;
            if (rate >= maxRate) {
                break;
            }
            // The last step is the cap itself, so a ramp that passes everything ends at --max-rate.
            rate = Math.min(maxRate, stepFactor != null ? Math.rint(rate * stepFactor) : rate + step);
        }
        PhaseResult decisive = failing != null ? failing : last;
        String limitedBy = decisive.generatorCoreShare() >= 0.9 ? "generator"
                : failing == null ? "rate-cap" : rateLimited ? "server-rate-limit" : "server";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mode", "max");
        m.put("maxRate", best);
        m.put("limitedBy", limitedBy);
        m.put("steps", steps);
        m.put("url", common.url);
        m.put("connections", traffic.connections);
        m.put("p99LimitMicros", limitMicros);
        m.put("sendBatchMicros", traffic.sendBatchMicros);
        m.put("generatorProcessors", decisive.generatorProcessors());
        report.result(m);
        report.line("max: %,.0f msg/s with p99 <= %.1f ms over %,d connections; limited by %s",
                best, limitMicros / 1e3, traffic.connections, limitedBy);
        return 0;
    }

    private static String reason(PhaseResult r, double rate, double limitMicros) {
        StringBuilder sb = new StringBuilder();
        if (r.p99Micros() > limitMicros) {
            sb.append(" (p99)");
        }
        if (r.deliveredRate() < 0.95 * rate) {
            sb.append(" (delivered < 95%)");
        }
        if (r.errors() > 0) {
            sb.append(" (").append(r.errors()).append(" errors)");
        }
        return sb.toString();
    }

    private static Map<String, Object> step(PhaseResult r, boolean pass) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("rate", r.targetRate());
        s.put("deliveredRate", r.deliveredRate());
        s.put("p99Micros", r.p99Micros());
        s.put("generatorCpuUtilisation", r.generatorCpuUtilisation());
        s.put("serverCpuMicrosPerMessage", r.serverCpuMicrosPerMessage());
        s.put("lost", r.lost());
        s.put("errors", r.errors());
        s.put("passed", pass);
        return s;
    }
}
