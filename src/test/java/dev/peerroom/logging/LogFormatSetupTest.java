package dev.peerroom.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.config.OperatorSettings.LogFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The format switch on a logback set up like logback.xml, writing to memory instead of stdout. */
class LogFormatSetupTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final LoggerContext context = context();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void textLikeLogbackXml() {
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(context);
        text.setPattern("%-5level %logger{20} - %msg%n");
        text.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("STDOUT");
        appender.setEncoder(text);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(ch.qos.logback.classic.Level.INFO);
        root.addAppender(appender);
    }

    private List<String> lines() {
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void jsonTurnsEveryLaterEventIntoAJsonLine() throws Exception {
        org.slf4j.Logger log = context.getLogger("dev.peerroom.server.PeerRoomServer");
        log.info("before the switch");

        assertThat(LogFormatSetup.apply(context, LogFormat.JSON)).isTrue();
        log.info("PeerRoom listening on {}:{}", "127.0.0.1", 9000);
        log.debug("below the level");

        List<String> lines = lines();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("INFO  d.p.s.PeerRoomServer - before the switch");
        JsonNode event = JSON.readTree(lines.get(1));
        assertThat(event.get("message").asText()).isEqualTo("PeerRoom listening on 127.0.0.1:9000");
        assertThat(event.get("level").asText()).isEqualTo("INFO");
        assertThat(event.get("logger").asText()).isEqualTo("dev.peerroom.server.PeerRoomServer");
    }

    @Test
    void textLeavesTheConfiguredPatternAlone() {
        assertThat(LogFormatSetup.apply(context, LogFormat.TEXT)).isTrue();
        context.getLogger("dev.peerroom.Main").warn("still {}", "text");

        assertThat(lines()).containsExactly("WARN  dev.peerroom.Main - still text");
    }

    @Test
    void withoutAStreamAppenderThereIsNothingToSwitch() {
        context.getLogger(Logger.ROOT_LOGGER_NAME).detachAndStopAllAppenders();

        assertThat(LogFormatSetup.apply(context, LogFormat.JSON)).isFalse();
    }

    /** A logback of its own, as logback's initializer would set it up (it needs an MDC). */
    private static LoggerContext context() {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        return context;
    }
}
