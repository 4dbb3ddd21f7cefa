package dev.peerroom.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real {@code dev.peerroom.Main} in its own JVM with the production {@code logback.xml}:
 * {@code --log-format json} makes every line on stdout a JSON event, and the line scripts read the
 * port from still says "listening on host:port".
 */
class JsonLogProcessTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** What e2e/lib/processes.mjs, bench/smoke.sh and bench/soak.sh look for. */
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    private Process process;
    private final List<String> stdout = Collections.synchronizedList(new ArrayList<>());
    private final List<String> stderr = Collections.synchronizedList(new ArrayList<>());
    private final List<Thread> readers = new ArrayList<>();
    private final CompletableFuture<Integer> port = new CompletableFuture<>();

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    private void start(Map<String, String> env, String... settings) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1",
                // the test class path carries logback-test.xml (WARN); use the production logging
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"), "dev.peerroom.Main",
                "--host", "127.0.0.1", "--port", "0"));
        command.addAll(List.of(settings));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().keySet().removeIf(name -> name.startsWith("PEERROOM_"));
        builder.environment().putAll(env);
        process = builder.start();
        read(process.getInputStream(), stdout, "stdout");
        read(process.getErrorStream(), stderr, "stderr");
    }

    private void read(InputStream stream, List<String> lines, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // the process is gone
            }
            port.completeExceptionally(new AssertionError("no 'listening on' line: " + stdout + " " + stderr));
        }, "server-" + name);
        reader.setDaemon(true);
        reader.start();
        readers.add(reader);
    }

    /** Waits for the process to exit and for its last lines to be read. */
    private void awaitExit() throws InterruptedException {
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).as("process exited").isTrue();
        for (Thread reader : readers) {
            reader.join(10_000);
        }
    }

    private List<JsonNode> stdoutEvents() throws IOException {
        List<JsonNode> events = new ArrayList<>();
        for (String line : List.copyOf(stdout)) {
            JsonNode event = JSON.readTree(line);
            assertThat(event.isObject()).as("a JSON object per line: %s", line).isTrue();
            assertThat(event.fieldNames()).toIterable()
                    .as("fields of %s", line).contains("timestamp", "level", "logger", "thread", "message");
            events.add(event);
        }
        return events;
    }

    @Test
    void everyLineFromStartToStopIsAJsonEventAndTheListeningLineKeepsItsWords() throws Exception {
        start(Map.of(), "--log-format", "json");
        int serverPort = port.get(30, TimeUnit.SECONDS);

        HttpResponse<String> health = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serverPort + "/health")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        // SIGTERM, so the shutdown hook logs too. Not Process.destroy(): it closes our end of the
        // pipes, and the last lines would be lost.
        process.toHandle().destroy();
        awaitExit();
        assertThat(stderr).isEmpty();
        assertThat(process.exitValue()).as("exit code after SIGTERM, stdout %s", stdout).isEqualTo(143);

        List<JsonNode> events = stdoutEvents();
        assertThat(events).extracting(e -> e.get("message").asText())
                .anyMatch(m -> m.startsWith("PeerRoom listening on 127.0.0.1:" + serverPort + " ("))
                .contains("PeerRoom stopped");
        assertThat(events).allMatch(e -> e.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z"));
    }

    @Test
    void theVariableWorksLikeTheFlag() throws Exception {
        start(Map.of("PEERROOM_LOG_FORMAT", "json"));
        port.get(30, TimeUnit.SECONDS);

        assertThat(stdoutEvents()).extracting(e -> e.get("logger").asText())
                .contains("dev.peerroom.server.PeerRoomServer");
    }

    @Test
    void aFailedStartIsAJsonErrorEventAndTheLogLevelStillApplies() throws Exception {
        start(Map.of("PEERROOM_LOG_FORMAT", "json", "PEERROOM_LOG_LEVEL", "WARN"),
                "--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem");

        awaitExit();
        assertThat(process.exitValue()).isEqualTo(1);
        List<JsonNode> events = stdoutEvents();
        assertThat(events).hasSize(1); // WARN: no INFO events
        assertThat(events.get(0).get("level").asText()).isEqualTo("ERROR");
        assertThat(events.get(0).get("message").asText())
                .startsWith("PeerRoom failed to start: SettingFileException: ")
                .contains("/nonexistent/cert.pem");
        assertThat(stderr).isEmpty();
    }

    @Test
    void textStaysText() throws Exception {
        start(Map.of());
        int serverPort = port.get(30, TimeUnit.SECONDS);

        assertThat(stdout).anyMatch(line -> line.matches(
                "\\S+ INFO  \\[main\\] d\\.p\\.s\\.PeerRoomServer - PeerRoom listening on 127\\.0\\.0\\.1:"
                        + serverPort + " \\(.*"));
    }
}
