package dev.peerroom.bench;

import dev.peerroom.config.Durations;
import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** Options every generator mode takes ({@code --url}, {@code --server-pid}, {@code --json}, ...). */
public final class CommonOptions {
    @Option(names = "--url", required = true, paramLabel = "TEMPLATE",
            description = {"WebSocket URL template with {room}, {id} and {token}, e.g. "
                    + "ws://127.0.0.1:9000/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}. "
                    + "A comma-separated list spreads each room's peers over several nodes round-robin."})
    String url;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = {"Server process to measure (CPU time and RSS from /proc). A comma-separated list "
                    + "(a cluster's nodes and its Redis) is measured as their sum."})
    String serverPid;

    @Option(names = "--json", description = "Print one JSON object on stdout (the human summary goes to stderr).")
    boolean json;

    @Option(names = "--threads", paramLabel = "N",
            description = "Generator event loop threads (default: available processors, so taskset -c 1 gives 1).")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--transport", defaultValue = "auto", paramLabel = "auto|epoll|nio",
            description = "Socket transport of the generator (default: ${DEFAULT-VALUE}: epoll on Linux).")
    String transport;

    @Option(names = "--no-progress", description = "No progress line on stderr.")
    boolean noProgress;

    /** Checks the options that picocli cannot; returns a message, or null when all is well. */
    String problem() {
        if (serverPid != null && (!serverPid.matches("\\d{1,10}(,\\d{1,10})*") || !ProcStats.exists(serverPid))) {
            return "--server-pid " + serverPid + ": no such process in /proc";
        }
        if (threads < 1) {
            return "--threads must be at least 1";
        }
        try {
            UrlTemplates.parse(url);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return null;
    }

    /**
     * Each connection needs a file descriptor here and one in the server. Returns a message when
     * {@code ulimit -n} of this process (or of the server, when its pid is known) is too low.
     */
    String fileLimitProblem(int connections) {
        long needed = connections + 64L;
        long own = ProcStats.openFilesLimit("self");
        if (own > 0 && own < needed) {
            return String.format("%d connections need about %d open files, but this process may open only %d "
                    + "(ulimit -n). Raise it, e.g. `ulimit -n %d`, in the shell that starts the generator "
                    + "(and the server).", connections, needed, own, Math.max(needed, 65536));
        }
        if (serverPid != null) {
            long server = ProcStats.openFilesLimit(serverPid);
            if (server > 0 && server < needed) {
                return String.format("%d connections need about %d open files in the server, but process %s may "
                        + "open only %d (ulimit -n). Restart the server from a shell with `ulimit -n %d`.",
                        connections, needed, serverPid, server, Math.max(needed, 65536));
            }
        }
        return null;
    }

    /** Durations as the server's settings write them: 500ms, 5s, 5m. */
    public static final class DurationConverter implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Durations.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "': " + e.getMessage());
            }
        }
    }
}
