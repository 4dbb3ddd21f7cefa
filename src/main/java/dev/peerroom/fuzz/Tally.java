package dev.peerroom.fuzz;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts of inputs and of the server's answers, by category; written by every fuzz thread. */
final class Tally {
    private final Map<Category, LongAdder> inputs = new EnumMap<>(Category.class);
    private final Map<Category, Map<String, LongAdder>> answers = new EnumMap<>(Category.class);
    private final Map<Input.Join, LongAdder> joins = new EnumMap<>(Input.Join.class);
    private final LongAdder connectFailures = new LongAdder();

    Tally() {
        for (Category c : Category.values()) {
            inputs.put(c, new LongAdder());
            answers.put(c, new ConcurrentHashMap<>());
        }
        for (Input.Join j : Input.Join.values()) {
            joins.put(j, new LongAdder());
        }
    }

    void record(Input input, Answer answer, boolean connected) {
        inputs.get(input.category()).increment();
        joins.get(input.join()).increment();
        if (!connected) {
            connectFailures.increment();
        }
        Map<String, LongAdder> byLabel = answers.get(input.category());
        for (String label : answer.labels()) {
            byLabel.computeIfAbsent(label, k -> new LongAdder()).increment();
        }
    }

    long total() {
        return inputs.values().stream().mapToLong(LongAdder::sum).sum();
    }

    long connectFailures() {
        return connectFailures.sum();
    }

    Map<Category, Long> inputsByCategory() {
        Map<Category, Long> out = new EnumMap<>(Category.class);
        inputs.forEach((c, n) -> out.put(c, n.sum()));
        return out;
    }

    Map<Input.Join, Long> joins() {
        Map<Input.Join, Long> out = new EnumMap<>(Input.Join.class);
        joins.forEach((j, n) -> out.put(j, n.sum()));
        return out;
    }

    /** The answers to one category, most frequent first. */
    Map<String, Long> answers(Category c) {
        Map<String, Long> out = new LinkedHashMap<>();
        answers.get(c).entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> out.put(e.getKey(), e.getValue().sum()));
        return out;
    }

    /** The answers over all categories, most frequent first. */
    Map<String, Long> allAnswers() {
        Map<String, Long> sum = new java.util.HashMap<>();
        answers.values().forEach(m -> m.forEach((label, n) -> sum.merge(label, n.sum(), Long::sum)));
        Map<String, Long> out = new LinkedHashMap<>();
        sum.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
