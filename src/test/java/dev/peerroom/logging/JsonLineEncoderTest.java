package dev.peerroom.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLineEncoderTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = context();
    private final Logger logger = context.getLogger("dev.peerroom.server.PeerRoomServer");
    private final JsonLineEncoder encoder = new JsonLineEncoder();

    private LoggingEvent event(Level level, String message, Throwable thrown, Object... args) {
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, level, message, thrown, args);
        event.setThreadName("main");
        event.setInstant(Instant.parse("2025-03-04T05:06:07.089Z"));
        return event;
    }

    private String encode(LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }

    @Test
    void anEventIsOneJsonObjectOnOneLineWithTheFilledInMessage() throws Exception {
        String line = encode(event(Level.INFO, "PeerRoom listening on {}:{}", null, "127.0.0.1", 9000));

        assertThat(line).endsWith("\n").doesNotContain("\r");
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("timestamp").asText()).isEqualTo("2025-03-04T05:06:07.089Z");
        assertThat(node.get("level").asText()).isEqualTo("INFO");
        assertThat(node.get("logger").asText()).isEqualTo("dev.peerroom.server.PeerRoomServer");
        assertThat(node.get("thread").asText()).isEqualTo("main");
        assertThat(node.get("message").asText()).isEqualTo("PeerRoom listening on 127.0.0.1:9000");
        assertThat(node.has("exception")).isFalse();
        assertThat(node.has("mdc")).isFalse();
    }

    @Test
    void theTimestampIsIso8601InUtcWithMilliseconds() throws Exception {
        LoggingEvent event = event(Level.WARN, "x", null);
        event.setInstant(Instant.parse("2025-12-31T23:59:59Z"));

        String timestamp = JSON.readTree(encode(event)).get("timestamp").asText();

        assertThat(timestamp).isEqualTo("2025-12-31T23:59:59.000Z");
        assertThat(Instant.parse(timestamp)).isEqualTo(event.getInstant());
    }

    @Test
    void anExceptionIsItsStackTraceAsTextAndStaysOnTheLine() throws Exception {
        IllegalStateException failure = new IllegalStateException("boom", new java.io.IOException("disk"));

        String line = encode(event(Level.ERROR, "room {} failed", failure, "r1"));

        assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
        JsonNode node = JSON.readTree(line);
        assertThat(node.get("message").asText()).isEqualTo("room r1 failed");
        assertThat(node.get("exception").asText())
                .startsWith("java.lang.IllegalStateException: boom")
                .contains("\tat dev.peerroom.logging.JsonLineEncoderTest")
                .contains("Caused by: java.io.IOException: disk");
    }

    @Test
    void quotesControlCharactersAndNonAsciiTextSurviveTheRoundTrip() throws Exception {
        String message = "said \"hi\"\n\tthen left \\ é ✓ \u0001";

        JsonNode node = JSON.readTree(encode(event(Level.INFO, message, null)));

        assertThat(node.get("message").asText()).isEqualTo(message);
    }

    @Test
    void mdcEntriesAreAnObjectWhenThereAreAny() throws Exception {
        LoggingEvent event = event(Level.INFO, "x", null);
        event.setMDCPropertyMap(Map.of("room", "r1"));

        JsonNode node = JSON.readTree(encode(event));

        assertThat(node.get("mdc").get("room").asText()).isEqualTo("r1");
    }

    /** A logback of its own, as logback's initializer would set it up (it needs an MDC). */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }
}
