package dev.peerroom.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the server's memory for {@code bench connect}: RSS from /proc (any server, with its pid)
 * and JVM heap in use from PeerRoom's /metrics. Also keeps the RSS samples taken during the hold,
 * so that a long hold shows whether memory stays flat.
 */
final class ServerMemory {
    private final String pid;
    private final MetricsScraper metrics;
    private final boolean gcBeforeHeap;
    private final List<long[]> holdSamples = new ArrayList<>();

    ServerMemory(String pid, MetricsScraper metrics, boolean gcBeforeHeap) {
        this.pid = pid;
        this.metrics = metrics;
        this.gcBeforeHeap = gcBeforeHeap && pid != null;
    }

    /** The server's resident set, or null without a pid (or when it is gone). */
    Long rss() {
        if (pid == null) {
            return null;
        }
        ProcStats.Sample s = ProcStats.read(pid);
        return s == null ? null : s.rssBytes();
    }

    /** Heap in use (after a full GC with --gc), or null without a metrics URL. */
    Long heap() throws InterruptedException {
        if (metrics == null) {
            return null;
        }
        if (gcBeforeHeap) {
            ProcStats.runGc(pid);
        }
        return metrics.heapUsedBytes();
    }

    boolean hasHeap() {
        return metrics != null;
    }

    /** Records one RSS sample during the hold, {@code seconds} after it started. */
    void sampleHold(double seconds) {
        Long rss = rss();
        if (rss != null) {
            holdSamples.add(new long[] {Math.round(seconds * 1000), rss});
        }
    }

    /**
     * The hold's RSS samples and their spread: min, max, and the drift in percent from the first
     * sample at least {@code settledMillis} into the hold (the storm's last allocations settle
     * first) to the last sample. Null without samples.
     */
    Map<String, Object> holdSummary(long settledMillis) {
        if (holdSamples.isEmpty()) {
            return null;
        }
        long first = holdSamples.get(holdSamples.size() - 1)[1];
        for (long[] s : holdSamples) {
            if (s[0] >= settledMillis) {
                first = s[1];
                break;
            }
        }
        long last = holdSamples.get(holdSamples.size() - 1)[1];
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        List<List<Long>> series = new ArrayList<>();
        for (long[] s : holdSamples) {
            min = Math.min(min, s[1]);
            max = Math.max(max, s[1]);
            series.add(List.of(s[0], s[1]));
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("first", first);
        m.put("last", last);
        m.put("min", min);
        m.put("max", max);
        m.put("driftPercent", 100.0 * (last - first) / first);
        m.put("samples", series);
        return m;
    }

    /** (after - before) / count, or null when a reading or the count is missing. */
    static Double perConnection(Long before, Long after, int count) {
        return before == null || after == null || count <= 0 ? null : (after - before) / (double) count;
    }
}
