package dev.peerroom.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.encoder.EncoderBase;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * Writes each log event as one JSON object on one line, for log shippers:
 * {@code {"timestamp":"2025-01-31T12:00:00.123Z","level":"INFO","logger":"...","thread":"...",
 * "message":"...","exception":"..."}}; {@code exception} (the whole stack trace as text) only when
 * the event has one, {@code mdc} only when it is not empty.
 *
 * <p>Logback's own {@code JsonEncoder} was not used: it writes epoch milliseconds, the message
 * before its arguments are filled in, and stack traces as arrays of frames, none of which a
 * shipper's default parsing turns into something readable.
 */
public final class JsonLineEncoder extends EncoderBase<ILoggingEvent> {
    /** UTC with milliseconds, always the same width, so lines sort as text. */
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
    private static final byte[] NEWLINE = {'\n'};

    private final JsonFactory json = new JsonFactory();

    @Override
    public byte[] headerBytes() {
        return null;
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator g = json.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("timestamp", TIMESTAMP.format(event.getInstant()));
            g.writeStringField("level", event.getLevel().toString());
            g.writeStringField("logger", event.getLoggerName());
            g.writeStringField("thread", event.getThreadName());
            g.writeStringField("message", event.getFormattedMessage());
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                g.writeStringField("exception", ThrowableProxyUtil.asString(thrown));
            }
            Map<String, String> mdc = event.getMDCPropertyMap();
            if (mdc != null && !mdc.isEmpty()) {
                g.writeObjectFieldStart("mdc");
                for (Map.Entry<String, String> entry : mdc.entrySet()) {
                    g.writeStringField(entry.getKey(), entry.getValue());
                }
                g.writeEndObject();
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        out.writeBytes(NEWLINE);
        return out.toByteArray();
    }

    @Override
    public byte[] footerBytes() {
        return null;
    }
}
