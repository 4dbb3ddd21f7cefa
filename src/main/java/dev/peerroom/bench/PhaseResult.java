package dev.peerroom.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The figures of one measured relay window. {@code sent} counts messages whose scheduled time
 * fell in the window (including those the generator could not write because a socket was
 * backed up: {@code skipped}); {@code delivered} counts those that arrived by the drain deadline.
 * CPU figures are deltas over the window; server figures are null without {@code --server-pid}.
 */
record PhaseResult(double targetRate, double seconds, long sent, long delivered, long late, long skipped,
        long errors, Histogram latency, Histogram lag, Long serverCpuNanos, Long serverRssBytes,
        long generatorCpuNanos, int generatorProcessors) {

    long lost() {
        return Math.max(0, sent - delivered);
    }

    double deliveredRate() {
        return seconds > 0 ? delivered / seconds : 0;
    }

    Double serverCpuMicrosPerMessage() {
        return serverCpuNanos == null || delivered == 0 ? null : serverCpuNanos / 1e3 / delivered;
    }

    Double generatorCpuMicrosPerMessage() {
        return sent == 0 ? null : generatorCpuNanos / 1e3 / sent;
    }

    /** Generator CPU as a fraction of one core (2.0 = two cores busy). */
    double generatorCpuUtilisation() {
        return seconds > 0 ? generatorCpuNanos / (seconds * 1e9) : 0;
    }

    /** Generator CPU as a fraction of the cores it may use. */
    double generatorCoreShare() {
        return generatorCpuUtilisation() / Math.max(1, generatorProcessors);
    }

    double p99Micros() {
        return latency.getTotalCount() == 0 ? 0 : latency.getValueAtPercentile(99.0) / 1e3;
    }

    /** p50, p90, p99, p99.9 and max of a histogram of nanoseconds, in microseconds. */
    static Map<String, Object> percentilesMicros(Histogram h) {
        Map<String, Object> m = new LinkedHashMap<>();
        boolean empty = h.getTotalCount() == 0;
        m.put("p50", empty ? null : h.getValueAtPercentile(50.0) / 1e3);
        m.put("p90", empty ? null : h.getValueAtPercentile(90.0) / 1e3);
        m.put("p99", empty ? null : h.getValueAtPercentile(99.0) / 1e3);
        m.put("p999", empty ? null : h.getValueAtPercentile(99.9) / 1e3);
        m.put("max", empty ? null : h.getMaxValue() / 1e3);
        return m;
    }
}
