package dev.peerroom.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FloorRelayTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private FloorRelay relay;

    @BeforeEach
    void start() throws InterruptedException {
        relay = FloorRelay.start("127.0.0.1", 0, 2);
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    @Test
    void sendsOpenAndForwardsToDstWithSrcInserted() throws Exception {
        try (Client a = connect("/peerjs?key=peerjs&id=alice&token=t1");
             Client b = connect("/rooms/42/peerjs?key=peerjs&id=bob&token=t2")) {
            assertEquals("{\"type\":\"OPEN\"}", a.next());
            assertEquals("{\"type\":\"OPEN\"}", b.next());

            a.send("{\"type\":\"HEARTBEAT\"}");
            a.send("{\"type\":\"CANDIDATE\",\"dst\":\"nobody\",\"payload\":{}}");
            a.send("{\"type\":\"CANDIDATE\",\"dst\":\"bob\",\"payload\":{\"candidate\":\"c\"}}");
            assertEquals("{\"type\":\"CANDIDATE\",\"src\":\"alice\",\"dst\":\"bob\",\"payload\":{\"candidate\":\"c\"}}",
                    b.next());
            a.send("{\"dst\":\"bob\",\"type\":\"ANSWER\"}");
            assertEquals("{\"src\":\"alice\",\"dst\":\"bob\",\"type\":\"ANSWER\"}", b.next());

            String sdp = "v=0\\r\\n" + "a=x".repeat(900);
            String offer = "{\"type\":\"OFFER\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":\"" + sdp
                    + "\"},\"type\":\"data\"},\"dst\":\"alice\"}";
            b.send(offer);
            assertEquals("{\"type\":\"OFFER\",\"src\":\"bob\"," + offer.substring("{\"type\":\"OFFER\",".length()),
                    a.next());

            assertNull(a.poll(200), "HEARTBEAT and the frame to an unknown id are not forwarded");
            assertNull(b.poll(0));
        }
    }

    @Test
    void closesAPlainHttpRequest() {
        java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + relay.port() + "/peerjs?id=x")).timeout(Duration.ofSeconds(5)).build();
        org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> HTTP.send(get, java.net.http.HttpResponse.BodyHandlers.discarding()));
    }

    @Test
    void findsTheDstValue() {
        assertEquals(-1, FloorRelay.dstValueStart(buf("{\"type\":\"HEARTBEAT\"}")));
        String frame = "{\"type\":\"X\",\"payload\":{\"a\":\"\\\"dst\\\":\\\"no\"},\"dst\":\"yes\"}";
        int start = FloorRelay.dstValueStart(buf(frame));
        assertEquals(frame.indexOf("yes"), start);
        assertEquals(8, FloorRelay.dstValueStart(buf("{\"dst\":\"b\"}")));
    }

    @Test
    void insertsSrcAfterTheTypeMemberWhenTheFrameStartsWithIt() {
        assertEquals("{\"type\":\"OFFER\",".length(), FloorRelay.srcInsertAt(buf("{\"type\":\"OFFER\",\"dst\":\"b\"}")));
        assertEquals(1, FloorRelay.srcInsertAt(buf("{\"dst\":\"b\",\"type\":\"OFFER\"}")));
        assertEquals(1, FloorRelay.srcInsertAt(buf("{\"type\":\"OFFER\"}")));
        assertEquals(-1, FloorRelay.srcInsertAt(buf("[\"dst\"]")));
    }

    private static ByteBuf buf(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }

    private Client connect(String pathAndQuery) {
        return new Client(URI.create("ws://127.0.0.1:" + relay.port() + pathAndQuery));
    }

    /** A JDK WebSocket client that queues whole text messages. */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private final WebSocket socket;

        Client(URI uri) {
            socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(uri, this).join();
        }

        void send(String text) {
            socket.sendText(text, true).join();
        }

        String next() throws InterruptedException {
            String message = received.poll(10, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no frame within 10 s");
            }
            return message;
        }

        String poll(long ms) throws InterruptedException {
            return received.poll(ms, TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public void close() {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> null).join();
            socket.abort();
        }
    }
}
