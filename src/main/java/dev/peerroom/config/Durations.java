package dev.peerroom.config;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The duration syntax of the command line and environment: a whole number and a unit,
 * {@code 500ms}, {@code 5s}, {@code 5m} or {@code 1h}.
 * A bare number is refused on purpose: "5" could mean seconds or milliseconds.
 */
public final class Durations {

    /** What a valid value looks like; ends every parse error so callers can quote it. */
    public static final String EXPECTED = "use a duration such as 500ms, 5s or 5m";

    private static final Pattern SYNTAX = Pattern.compile("(\\d+)(ms|s|m|h)");
    private static final Pattern BARE_NUMBER = Pattern.compile("\\d+");

    private Durations() {
    }

    /**
     * Parses {@code <digits><unit>} with unit ms, s, m or h (case-insensitive, surrounding blanks ignored).
     * Zero is accepted here; whether it makes sense is the caller's decision.
     *
     * @throws IllegalArgumentException whose message says what is expected, without the offending
     *                                  value, so the caller can name the setting and quote the value
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(EXPECTED);
        }
        String s = text.strip().toLowerCase(Locale.ROOT);
        Matcher m = SYNTAX.matcher(s);
        if (!m.matches()) {
            if (BARE_NUMBER.matcher(s).matches()) {
                throw new IllegalArgumentException("a unit is required: " + EXPECTED);
            }
            throw new IllegalArgumentException(EXPECTED);
        }
        try {
            long amount = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> throw new IllegalStateException("unit not in pattern: " + m.group(2));
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("too large: " + EXPECTED);
        }
    }

    /**
     * Formats in the largest unit that represents the duration exactly ({@code 5m}, {@code 90s},
     * {@code 1500ms}), so help and error messages show values the parser accepts.
     * Durations finer than a millisecond have no such form and fall back to ISO-8601.
     */
    public static String format(Duration d) {
        if (d.getNano() % 1_000_000 != 0) {
            return d.toString();
        }
        long ms = d.toMillis();
        if (ms == 0) {
            return "0s";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
