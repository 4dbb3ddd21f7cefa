package dev.peerroom.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import dev.peerroom.config.OperatorSettings.LogFormat;
import java.util.Iterator;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Switches the log output to the format the operator chose. Logback has read {@code logback.xml}
 * (text, level from {@code PEERROOM_LOG_LEVEL}) before the command line is parsed, so the JSON
 * format is applied afterwards by giving the root logger's appenders a {@link JsonLineEncoder};
 * levels, appenders and destinations stay as configured.
 */
public final class LogFormatSetup {
    private LogFormatSetup() {
    }

    /**
     * Applies {@code format} to the logback in use; does nothing when SLF4J is bound to another backend.
     *
     * @return whether the output is now in that format
     */
    public static boolean apply(LogFormat format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        return factory instanceof LoggerContext context && apply(context, format);
    }

    /** Text is what {@code logback.xml} already writes, so only JSON changes anything. */
    static boolean apply(LoggerContext context, LogFormat format) {
        if (format == LogFormat.TEXT) {
            return true;
        }
        boolean switched = false;
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            if (it.next() instanceof OutputStreamAppender<ILoggingEvent> appender) {
                useJson(context, appender);
                switched = true;
            }
        }
        return switched;
    }

    private static void useJson(LoggerContext context, OutputStreamAppender<ILoggingEvent> appender) {
        JsonLineEncoder encoder = new JsonLineEncoder();
        encoder.setContext(context);
        encoder.start();
        // Swapped while the appender runs: stopping it would close its stream. This happens at
        // start-up, before any thread but main logs.
        appender.setEncoder(encoder);
    }
}
