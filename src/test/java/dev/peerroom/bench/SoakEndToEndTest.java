package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.integration.TestConfig;
import dev.peerroom.integration.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A short real soak against an in-process server with a short hold timeout: churn of every
 * kind, bursts, late joiners and peers killed on purpose. The heartbeat timeout stays at the
 * default 5 s, so that a starved test machine does not expire healthy sockets for real. It proves the soak's logic end to end: no healthy peer is
 * expired, every message is accounted for, the dead peers are detected, and the descriptors of
 * this JVM (client and server both) come back to the baseline. Heap is read but not judged here:
 * in one JVM it also holds the test's own client.
 */
class SoakEndToEndTest {
    @Test
    void churnBurstsAndDeadPeersWithoutFalseExpiryOrLostMessages(@TempDir Path dir) throws Exception {
        TestConfig config = TestConfig.defaults().heartbeatTimeout(Duration.ofSeconds(5))
                .pingInterval(Duration.ofSeconds(1)).holdTimeout(Duration.ofSeconds(1))
                .idleRoomTtl(Duration.ofMillis(500));
        try (TestServer server = TestServer.start(config)) {
            String url = "ws://127.0.0.1:" + server.port() + "/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}";
            Path reportFile = dir.resolve("soak.json");
            PrintStream out = System.out;
            ByteArrayOutputStream captured = new ByteArrayOutputStream();
            int exit;
            try {
                System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
                exit = new CommandLine(new SoakCommand()).execute("--url", url, "--connections", "200",
                        "--duration", "12s", "--churn", "20", "--dead-share", "0.2", "--takeover-share", "0.3",
                        "--late-join-share", "0.2",
                        "--burst-every", "2s", "--burst-size", "20", "--heartbeat-timeout", "5s",
                        "--hold-timeout", "1s", "--warmup-connections", "0", "--sample-every", "4s",
                        "--heap-tolerance-mib", "1024", "--rooms-timeout", "20s", "--threads", "2", "--seed", "7",
                        "--server-pid", Long.toString(ProcessHandle.current().pid()),
                        "--report", reportFile.toString(), "--json", "--no-progress");
            } finally {
                System.setOut(out);
            }
            String text = captured.toString(StandardCharsets.UTF_8).trim();
            JsonNode r = new ObjectMapper().readTree(text);
            assertThat(exit).as(text).isZero();
            assertThat(new ObjectMapper().readTree(Files.readString(reportFile))).isEqualTo(r);

            JsonNode live = r.get("liveness");
            assertThat(live.get("violations").asLong()).as(live.toString()).isZero();
            assertThat(live.get("deadPeersKilled").asLong()).isPositive();
            assertThat(live.get("deadPeersClosedWith4001").asLong()).isEqualTo(live.get("deadPeersKilled").asLong());
            assertThat(live.get("expiresNamingDeadPeersSeenByMates").asLong()).isPositive();

            JsonNode msg = r.get("messages");
            assertThat(msg.get("sent").asLong()).isGreaterThan(1_000);
            assertThat(msg.get("unaccounted").asLong()).as(msg.toString()).isZero();
            assertThat(msg.get("duplicates").asLong()).isZero();
            assertThat(msg.get("misrouted").asLong()).isZero();
            assertThat(msg.get("expired").asLong()).as("bursts to late joiners come back as EXPIRE").isPositive();
            assertThat(msg.get("delivered").asLong() + msg.get("expired").asLong())
                    .isGreaterThanOrEqualTo(msg.get("sent").asLong());

            JsonNode events = r.get("events");
            assertThat(events.path("takeovers").asLong()).isPositive();
            assertThat(events.path("leaves (LEAVE)").asLong()).isPositive();
            assertThat(events.path("LEAVEs naming leaving peers").asLong()).isPositive();
            assertThat(events.path("abrupt closes (FIN)").asLong() + events.path("abrupt closes (RST)").asLong())
                    .isPositive();
            assertThat(events.path("joins of new ids").asLong()).isPositive();
            assertThat(events.path("joins of new ids (late: after the hold timeout)").asLong()).isPositive();
            assertThat(events.path("bursts to joining peers").asLong()).isPositive();

            assertThat(r.get("fds").get("pass").asBoolean()).as(r.get("fds").toString()).isTrue();
            assertThat(r.get("heap").get("baselineBytes").asLong()).isPositive();
            assertThat(r.get("heap").get("duringBytes").size()).isGreaterThanOrEqualTo(3);
        }
    }
}
