package dev.peerroom.fuzz;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a run: what was sent, how the server answered, what the good peers saw, whether
 * /health kept answering, and the server's connections (and RSS, fds) before and after. Any
 * {@link #problems()} make the run fail.
 */
record FuzzReport(Fuzzer.Settings settings, Tally tally, GoodPeers.Stats good, Health health,
                  ServerProbe.Snapshot before, ServerProbe.Snapshot after, boolean aborted, long millis,
                  String startFailure) {

    /** The health watch's figures; {@code upAtEnd} is a last check after the run. */
    record Health(long ok, long failed, int worstStreak, long slowestMillis, boolean upAtEnd) {
    }

    /** Checks failing in a row that count as the server having stopped answering (about 1 s). */
    static final int DOWN_STREAK = 4;

    FuzzReport(Fuzzer.Settings settings, Tally tally, GoodPeers.Stats good, Health health,
               ServerProbe.Snapshot before, ServerProbe.Snapshot after, boolean aborted, long millis) {
        this(settings, tally, good, health, before, after, aborted, millis, null);
    }

    static FuzzReport notStarted(Fuzzer.Settings settings, String why) {
        return new FuzzReport(settings, new Tally(), new GoodPeers.Stats(0, 0, 0, List.of()),
                new Health(0, 0, 0, 0, false), null, null, true, 0, why);
    }

    /** Everything that makes the run a failure; empty when it passed. */
    List<String> problems() {
        List<String> out = new ArrayList<>();
        if (startFailure != null) {
            out.add("the good peers could not join: " + startFailure);
            return out;
        }
        if (aborted) {
            out.add("stopped early: /health stopped answering");
        }
        if (tally.total() < settings.inputs()) {
            out.add(String.format("only %,d of %,d inputs ran", tally.total(), settings.inputs()));
        }
        out.addAll(good.failures());
        if (good.lost() != 0) {
            out.add(String.format("good peers lost %,d of %,d messages", good.lost(), good.sent()));
        }
        if (good.sent() == 0) {
            out.add("the good peers sent nothing");
        }
        if (!health.upAtEnd()) {
            out.add("/health does not answer 200 after the run");
        }
        if (health.worstStreak() >= DOWN_STREAK) {
            out.add(String.format("/health failed %d times in a row during the run", health.worstStreak()));
        }
        if (tally.connectFailures() > 0) {
            out.add(String.format("%,d connections could not be opened", tally.connectFailures()));
        }
        return out;
    }

    boolean passed() {
        return problems().isEmpty();
    }

    void print(PrintStream out) {
        Fuzzer.Settings s = settings;
        out.printf("peerroom fuzz: %,d inputs against %s:%d%s (seed %d, concurrency %d) in %.1f s%n", tally.total(),
                s.target().address().getHostAddress(), s.target().port(), s.target().basePath(), s.seed(),
                s.concurrency(), millis / 1000.0);
        out.println();
        out.println("inputs by category, and the server's answers (an input can get several):");
        Map<Category, Long> byCategory = tally.inputsByCategory();
        for (Category c : Category.values()) {
            out.printf("  %-18s %,8d   %s%n", c.name().toLowerCase(), byCategory.get(c), c.description);
            tally.answers(c).forEach((label, n) -> out.printf("  %-18s %8s     %,8d  %s%n", "", "", n, label));
        }
        out.printf("joins: %s%n", tally.joins());
        out.println();
        out.printf("good peers: %,d messages sent, %,d received, %,d lost, %,d foreign messages received "
                + "(from fuzz peers of the room)%n", good.sent(), good.received(), good.lost(), good.foreign());
        out.printf("/health: %,d ok, %,d failed (worst streak %d, slowest %d ms), after the run: %s%n", health.ok(),
                health.failed(), health.worstStreak(), health.slowestMillis(), health.upAtEnd() ? "up" : "DOWN");
        if (before != null) {
            out.printf("server: open connections %s -> %s", known(before.connections()), known(after.connections()));
            if (before.rssKb() >= 0) {
                out.printf(", RSS %s -> %s KiB, fds %s -> %s", known(before.rssKb()), known(after.rssKb()),
                        known(before.fds()), known(after.fds()));
            }
            out.println();
        }
        List<String> problems = problems();
        out.println();
        out.println(problems.isEmpty() ? "PASS" : "FAIL");
        problems.forEach(p -> out.println("  " + p));
    }

    private static String known(long v) {
        return v < 0 ? "?" : String.format("%,d", v);
    }
}
