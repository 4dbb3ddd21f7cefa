package dev.peerroom.protocol;

import java.util.Random;
import java.util.function.Consumer;

/**
 * A minimal property runner for plain JUnit tests: runs a check over {@code tries} generated
 * cases, each from its own seeded {@link Random}, and names the seed of a failing case so it can
 * be replayed alone.
 *
 * <ul>
 *   <li>{@code -Dpeerroom.properties.tries=N} changes the number of cases (default per property);</li>
 *   <li>{@code -Dpeerroom.properties.seed=S} replays one case: the seed a failure printed.</li>
 * </ul>
 */
final class ForAll {
    private static final String TRIES = "peerroom.properties.tries";
    private static final String SEED = "peerroom.properties.seed";

    private ForAll() {
    }

    /** Runs {@code check} on {@code defaultTries} cases (or as the system properties say). */
    static void check(int defaultTries, Consumer<JsonGen> check) {
        String replay = System.getProperty(SEED);
        if (replay != null) {
            run(Long.parseLong(replay), check);
            return;
        }
        int tries = Integer.getInteger(TRIES, defaultTries);
        long base = new Random().nextLong();
        for (int i = 0; i < tries; i++) {
            run(base + i, check);
        }
    }

    private static void run(long seed, Consumer<JsonGen> check) {
        try {
            check.accept(new JsonGen(new Random(seed)));
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionError("property failed for seed " + seed + " (replay with -D" + SEED + "=" + seed
                    + "): " + e.getMessage(), e);
        }
    }
}
