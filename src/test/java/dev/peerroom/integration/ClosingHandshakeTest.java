package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A server-initiated close must reach a client that is still sending: the server sends its Close
 * frame, then keeps reading (and discarding) until the client's Close, and only then ends TCP
 * with a FIN. Closing the TCP connection while the client's data is unread makes the kernel send
 * a RST, and a client whose write then fails (the JDK client, browsers) reports 1006 instead of
 * the code the contract promises.
 */
class ClosingHandshakeTest {
    private static TestServer server;
    private static long roomSeq = 950000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        // 5 messages per 10 s, and the first window over the limit disconnects
        server = TestServer.start(TestConfig.defaults().rate(5, Duration.ofSeconds(10), 1));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void clientStillSendingGetsTheCloseCodeAndAGracefulTcpEnd() throws Exception {
        String room = freshRoom();
        RawWsClient a = server.joinRaw(room, "a", "ta");
        byte[] heartbeat = RawWsClient.frame(RawWsClient.OP_TEXT, true,
                ("{\"type\":\"HEARTBEAT\",\"pad\":\"" + "x".repeat(256 * 1024) + "\"}").getBytes(StandardCharsets.US_ASCII));
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        Thread writer = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 5_000;
            try {
                while (!stop.get() && System.currentTimeMillis() < deadline) {
                    a.write(heartbeat);
                }
            } catch (IOException closed) {
                // the connection ended
            }
        });
        writer.start();
        List<String> texts = new ArrayList<>();
        int code = a.awaitClose(texts);
        assertThat(code).isEqualTo(1008);
        assertThat(texts).containsExactly(Frames.RATE_LIMITED);
        stop.set(true);
        writer.join(10_000);
        // reply with our Close, as RFC 6455 5.5.1 requires, then expect the server to end TCP cleanly
        try {
            a.write(RawWsClient.frame(RawWsClient.OP_CLOSE, true, new byte[] {0x03, (byte) 0xF0}));
        } catch (IOException e) {
            throw new AssertionError("the server reset the connection before our Close reply: " + e);
        }
        String end;
        try {
            a.setReadTimeout(5_000);
            while (true) {
                RawWsClient.Frame f = a.readFrame();
                if (f.opcode() != RawWsClient.OP_PING) {
                    throw new AssertionError("frame after Close: " + f.opcode());
                }
            }
        } catch (java.io.EOFException eof) {
            end = "FIN";
        } catch (java.net.SocketException e) {
            end = "RST (" + e.getMessage() + ")";
        }
        a.close();
        assertThat(end).as("how the server ended TCP").isEqualTo("FIN");
    }
}
