package dev.peerroom.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What happened during a soak: events by name (joins, EXPIREs to mates of dead peers, ...) and
 * violations by kind, each with one example. Any violation fails the liveness check.
 */
final class SoakTally {
    private final ConcurrentHashMap<String, LongAdder> events = new ConcurrentHashMap<>();
    private final ErrorLog violations = new ErrorLog();

    void count(String event) {
        events.computeIfAbsent(event, k -> new LongAdder()).increment();
    }

    long get(String event) {
        LongAdder a = events.get(event);
        return a == null ? 0 : a.sum();
    }

    void violation(String kind, String example) {
        violations.record(kind, example);
    }

    long violations() {
        return violations.total();
    }

    /** Every event count, sorted by name. */
    Map<String, Long> events() {
        Map<String, Long> out = new TreeMap<>();
        events.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Violation counts by kind, each with its example. */
    Map<String, Object> violationsByKind() {
        Map<String, Object> out = new TreeMap<>();
        violations.byKind().forEach((k, n) -> out.put(k, Map.of("count", n,
                "example", String.valueOf(violations.example(k)))));
        return out;
    }
}
