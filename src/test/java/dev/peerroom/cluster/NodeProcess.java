package dev.peerroom.cluster;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One PeerRoom server as its own JVM process, started like the jar ({@code dev.peerroom.Main})
 * from the test class path. Cluster tests run several, kill them with SIGKILL, and read their logs.
 */
public final class NodeProcess implements AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final int port;
    private final Path log;
    private final Process process;

    private NodeProcess(int port, Path log, Process process) {
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts a node on a free port with these settings and waits until /health says 200. */
    public static NodeProcess start(String... settings) throws Exception {
        int port = RedisServerProcess.freePort();
        Path log = Files.createTempFile("peerroom-node-" + port + "-", ".log");
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dio.netty.leakDetection.level=paranoid",
                "-cp", System.getProperty("java.class.path"), "dev.peerroom.Main",
                "--host", "127.0.0.1", "--port", Integer.toString(port)));
        command.addAll(List.of(settings));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        NodeProcess node = new NodeProcess(port, log, process);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (node.healthStatus() != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                node.close();
                throw new IllegalStateException("node on port " + port + " did not start: " + node.log());
            }
            Thread.sleep(50);
        }
        return node;
    }

    public int port() {
        return port;
    }

    /** The socket URL the stock client builds for {@code path: "/rooms/<room>/"}. */
    public String socketUrl(String room, String id, String token) {
        return "ws://127.0.0.1:" + port + "/rooms/" + room + "/peerjs?key=peerjs&id=" + id + "&token=" + token
                + "&version=1.5.5";
    }

    public String socketPath(String room, String id, String token) {
        return "/rooms/" + room + "/peerjs?key=peerjs&id=" + id + "&token=" + token + "&version=1.5.5";
    }

    /** GET /health's status, or -1 when the node does not answer. */
    public int healthStatus() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
                    .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** SIGKILL: the node gets no chance to release anything. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String log() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    /** SIGTERM, then SIGKILL if the node has not stopped within 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            kill();
        }
    }

    /** Where this node's output goes (kept after the test, for failures). */
    public Path logFile() {
        return log;
    }
}
