package dev.peerroom.logging;

import dev.peerroom.config.OperatorSettings.LogFormat;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.config.ServerLauncher;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a launcher with the log format of its settings in force from the first event. With JSON, a
 * start that fails (a bad TLS file, a port in use) is reported as one ERROR event on stdout with
 * exit code 1, instead of the text line on stderr that {@code ServeCommand} writes, so a log
 * shipper sees it too. Bad flags stay text: they are found before the format is known.
 */
public final class LogFormatLauncher implements ServerLauncher {
    private static final Logger log = LoggerFactory.getLogger("dev.peerroom.Main");
    /** ServeCommand's exit code for a launcher that threw. */
    static final int FAILED = 1;

    private final ServerLauncher server;

    public LogFormatLauncher(ServerLauncher server) {
        this.server = Objects.requireNonNull(server, "server");
    }

    @Override
    public int launch(ServerConfig config) throws Exception {
        LogFormat format = config.operator().logFormat();
        LogFormatSetup.apply(format);
        if (format == LogFormat.TEXT) {
            return server.launch(config);
        }
        try {
            return server.launch(config);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            String message = "PeerRoom failed to start: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage().strip());
            if (e instanceof RuntimeException) {
                log.error(message, e); // most likely a bug: the trace is worth the noise, as in text
            } else {
                log.error(message);
            }
            return FAILED;
        }
    }
}
