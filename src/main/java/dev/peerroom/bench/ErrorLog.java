package dev.peerroom.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Errors seen by the generator (ERROR, EXPIRE, ID-TAKEN and LEAVE frames, unexpected closes,
 * failed handshakes), counted in total and by kind. Kinds are short texts such as
 * {@code "frame ERROR"} or {@code "close 4001"}; at most {@link #MAX_KINDS} are kept apart.
 */
final class ErrorLog {
    static final int MAX_KINDS = 32;
    private final AtomicLong total = new AtomicLong();
    private final ConcurrentHashMap<String, LongAdder> kinds = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> examples = new ConcurrentHashMap<>();

    void record(String kind, String example) {
        total.incrementAndGet();
        String key = kinds.size() >= MAX_KINDS && !kinds.containsKey(kind) ? "other" : kind;
        kinds.computeIfAbsent(key, k -> new LongAdder()).increment();
        if (example != null && examples.size() < MAX_KINDS) {
            examples.putIfAbsent(key, example);
        }
    }

    long total() {
        return total.get();
    }

    /** Counts by kind, sorted by kind. */
    Map<String, Long> byKind() {
        Map<String, Long> out = new TreeMap<>();
        kinds.forEach((k, v) -> out.put(k, v.sum()));
        return new LinkedHashMap<>(out);
    }

    /** One example text per kind (e.g. the frame or close reason), for the human summary. */
    String example(String kind) {
        return examples.get(kind);
    }
}
