package dev.peerroom.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where results go. With {@code --json}, stdout carries exactly one JSON object and everything
 * else (human summary, progress, and any log line of the libraries, which logback writes to
 * {@code System.out}) goes to stderr; without it, the human summary goes to stdout.
 */
final class Report implements AutoCloseable {
    private static final JsonFactory JSON = new JsonFactory();
    private final PrintStream stdout;
    private final PrintStream stderr;
    private final boolean json;
    private final Progress progress;

    Report(boolean json, boolean progress) {
        this.stdout = System.out;
        this.stderr = System.err;
        this.json = json;
        this.progress = new Progress(stderr, progress);
        if (json) {
            System.setOut(stderr);
        }
    }

    Progress progress() {
        return progress;
    }

    /** The stream for human-readable text. */
    PrintStream human() {
        return json ? stderr : stdout;
    }

    void line(String format, Object... args) {
        progress.clear();
        human().println(String.format(Locale.ROOT, format, args));
    }

    /** Prints a problem on stderr, on a line of its own. */
    void error(String format, Object... args) {
        progress.clear();
        stderr.println(String.format(Locale.ROOT, format, args));
    }

    /** Emits the result object on stdout when {@code --json} is set. */
    void result(Map<String, Object> object) {
        progress.clear();
        if (json) {
            stdout.println(toJson(object));
            stdout.flush();
        }
    }

    @Override
    public void close() {
        progress.clear();
        if (json) {
            System.setOut(stdout);
        }
    }

    static String toJson(Map<String, Object> object) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            write(g, object);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                write(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                g.writeNull();
            } else {
                g.writeNumber(round3(d));
            }
        } else if (v instanceof Number n) {
            g.writeNumber(n.longValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(String.valueOf(v));
        }
    }

    static double round3(double d) {
        return Math.abs(d) >= 1e12 ? Math.rint(d) : Math.round(d * 1000.0) / 1000.0;
    }

    /** A number for humans: null as "n/a", else with {@code decimals} decimals. */
    static String num(Object v, int decimals) {
        if (v == null) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%,." + decimals + "f", ((Number) v).doubleValue());
    }

    /** Bytes for humans (KiB/MiB). */
    static String bytes(Number v) {
        if (v == null) {
            return "n/a";
        }
        double b = v.doubleValue();
        if (Math.abs(b) >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", b / (1 << 20));
        }
        if (Math.abs(b) >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", b / (1 << 10));
        }
        return String.format(Locale.ROOT, "%.0f B", b);
    }
}
