package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.server.PeerRoomServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Short real runs of the generator against an in-process PeerRoom. */
class BenchEndToEndTest {
    private static PeerRoomServer server;
    private static String url;

    @BeforeAll
    static void startServer() throws Exception {
        server = PeerRoomServer.start(ServerConfig.defaults().withHost("127.0.0.1").withPort(0));
        url = "ws://127.0.0.1:" + server.port() + "/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}";
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    /** Runs a bench subcommand with --json and returns its exit status and the parsed JSON. */
    private static JsonNode run(Object command, int expectedExit, String... args) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            exit = new CommandLine(command).execute(args);
        } finally {
            System.setOut(out);
        }
        String text = captured.toString(StandardCharsets.UTF_8).trim();
        assertThat(exit).as(text).isEqualTo(expectedExit);
        assertThat(text.lines().count()).as(text).isEqualTo(1);
        return new ObjectMapper().readTree(text);
    }

    @Test
    void relayDeliversEverythingWithoutErrors() throws Exception {
        JsonNode r = run(new RelayCommand(), 0, "--url", url, "--connections", "8", "--rate", "200",
                "--duration", "1s", "--warmup", "500ms", "--threads", "2", "--json", "--no-progress", "--check",
                "--server-pid", Long.toString(ProcessHandle.current().pid()));
        assertThat(r.get("mode").asText()).isEqualTo("relay");
        assertThat(r.get("sent").asLong()).isBetween(190L, 210L);
        assertThat(r.get("delivered").asLong()).isPositive().isEqualTo(r.get("sent").asLong());
        assertThat(r.get("lost").asLong()).isZero();
        assertThat(r.get("errors").asLong()).isZero();
        assertThat(r.get("late").asLong()).isZero();
        assertThat(r.get("latencyMicros").get("p50").asDouble()).isPositive();
        assertThat(r.get("latencyMicros").get("max").asDouble())
                .isGreaterThanOrEqualTo(r.get("latencyMicros").get("p99").asDouble());
        assertThat(r.get("serverCpuMicrosPerMessage").isNumber()).isTrue();
        assertThat(r.get("serverRssBytes").asLong()).isPositive();
        assertThat(r.get("generatorCpuUtilisation").isNumber()).isTrue();
    }

    @Test
    void maxRampsUpToTheCapAndEndsExactlyOnIt() throws Exception {
        JsonNode r = run(new MaxCommand(), 0, "--url", url, "--connections", "8", "--start", "100",
                "--step-factor", "2", "--max-rate", "300", "--step-duration", "300ms", "--step-warmup", "100ms",
                "--warmup", "0ms", "--threads", "2", "--p99-limit", "10s", "--json", "--no-progress");
        assertThat(r.get("mode").asText()).isEqualTo("max");
        assertThat(r.get("steps")).hasSize(3);
        assertThat(r.get("steps").get(2).get("rate").asDouble()).isEqualTo(300.0);
        assertThat(r.get("maxRate").asDouble()).isEqualTo(300.0);
        assertThat(r.get("limitedBy").asText()).isIn("rate-cap", "generator");
    }

    @Test
    void connectOpensAndHoldsEveryConnection() throws Exception {
        JsonNode r = run(new ConnectCommand(), 0, "--url", url, "--connections", "20", "--concurrency", "5",
                "--hold", "500ms", "--settle", "0ms", "--json", "--no-progress", "--check",
                "--metrics-url", "http://127.0.0.1:" + server.port() + "/metrics");
        assertThat(r.get("mode").asText()).isEqualTo("connect");
        assertThat(r.get("opened").asInt()).isEqualTo(20);
        assertThat(r.get("failed").asInt()).isZero();
        assertThat(r.get("openAtEnd").asInt()).isEqualTo(20);
        assertThat(r.get("errors").asLong()).isZero();
        assertThat(r.get("connectionsPerSecond").asDouble()).isPositive();
        assertThat(r.get("openLatencyMicros").get("p50").asDouble()).isPositive();
        assertThat(r.get("serverHeapUsedBytes").get("afterHold").asLong()).isPositive();
        assertThat(r.get("serverRssBytes").isNull()).isTrue();
    }

    @Test
    void refusedJoinsAreReportedAsFailures() throws Exception {
        String badKey = url.replace("key=peerjs", "key=wrong");
        JsonNode r = run(new ConnectCommand(), 1, "--url", badKey, "--connections", "4", "--hold", "0ms",
                "--settle", "0ms", "--json", "--no-progress", "--check");
        assertThat(r.get("opened").asInt()).isZero();
        assertThat(r.get("failed").asInt()).isEqualTo(4);
        assertThat(r.get("errorKinds").toString()).contains("open failed: frame ERROR");
    }
}
