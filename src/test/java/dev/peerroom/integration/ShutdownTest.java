package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** SIGTERM on a real server process: every socket is closed with 1012 and the process exits. */
class ShutdownTest {
    private static final Pattern LISTENING = Pattern.compile("PeerRoom listening on 127\\.0\\.0\\.1:(\\d+)");
    private Process process;
    private Thread reader;
    private final List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void kill() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
    }

    /** Starts dev.peerroom.Main in a new JVM and returns its port, read from its stdout. */
    private int startServerProcess() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java,
                // the test classpath carries logback-test.xml (WARN); use the production logging
                "-Dlogback.configurationFile=logback.xml",
                "-cp", System.getProperty("java.class.path"),
                "dev.peerroom.Main", "--host", "127.0.0.1", "--port", "0");
        pb.redirectErrorStream(true);
        process = pb.start();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    output.add(line);
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException ignored) {
                // process gone
            }
            port.completeExceptionally(new AssertionError("server exited before listening: " + output));
        }, "server-stdout");
        reader.setDaemon(true);
        reader.start();
        return port.get(30, TimeUnit.SECONDS);
    }

    private static String url(int port, String room, String id) {
        return "ws://127.0.0.1:" + port + "/rooms/" + room + "/peerjs?key=peerjs&id=" + id + "&token=t-" + id + "&version=1.5.5";
    }

    @Test
    void sigtermClosesEverySocketWith1012AndExits() throws Exception {
        int port = startServerProcess();
        String room = TestServer.ROOM;
        WsClient a = WsClient.connect(url(port, room, "a"));
        assertThat(a.next()).isEqualTo(Frames.OPEN);
        WsClient b = WsClient.connect(url(port, room, "b"));
        assertThat(b.next()).isEqualTo(Frames.OPEN);
        a.send(Frames.offer("b"));
        assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b"));
        // a peer in another room, on a hand-written client
        RawWsClient c = RawWsClient.upgrade(port, "/rooms/987654321098765432/peerjs?key=peerjs&id=c&token=t");
        assertThat(c.nextText()).isEqualTo(Frames.OPEN);

        // SIGTERM on Linux; ProcessHandle.destroy() (unlike Process.destroy()) keeps our end of
        // the child's stdout open, so its shutdown log can still be read
        process.toHandle().destroy();

        assertThat(a.awaitClose()).isEqualTo(1012);
        assertThat(b.awaitClose()).isEqualTo(1012);
        assertThat(c.awaitClose()).isEqualTo(1012);
        assertThat(a.poll(0)).isNull();
        assertThat(b.poll(0)).isNull();
        assertThat(process.waitFor(15, TimeUnit.SECONDS)).as("process exits").isTrue();
        reader.join(10_000);
        assertThat(process.exitValue()).as("exit status after SIGTERM").isIn(0, 143);
        // a clean shutdown: no warnings or stack traces on the way out
        assertThat(output).noneMatch(l -> l.contains(" WARN ") || l.contains(" ERROR ") || l.contains("Exception"));
        // nothing listens any more
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            }
        }).isInstanceOf(ConnectException.class);
        c.close();
    }
}
