package dev.peerroom.integration;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client over a real socket (the JDK's), recording every text frame and the
 * close code the server sends. It answers pings itself, as a browser does.
 */
public final class WsClient implements WebSocket.Listener, AutoCloseable {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long WAIT_SECONDS = 10;

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private final WebSocket socket;

    private WsClient(URI uri, String origin) {
        this(HTTP, uri, origin);
    }

    private WsClient(HttpClient http, URI uri, String origin) {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            builder.header("Origin", origin);
        }
        this.socket = builder.buildAsync(uri, this).join();
    }

    public static WsClient connect(String url) {
        return new WsClient(URI.create(url), null);
    }

    public static WsClient connect(String url, String origin) {
        return new WsClient(URI.create(url), origin);
    }

    /** Through {@code http}, e.g. one whose SSLContext trusts a test certificate for wss:// URLs. */
    public static WsClient connect(HttpClient http, String url) {
        return new WsClient(http, URI.create(url), null);
    }

    public WsClient send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Sends one message as several WebSocket fragments. */
    public WsClient sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            socket.sendText(parts[i], i == parts.length - 1).join();
        }
        return this;
    }

    public WsClient sendBinary(byte[] data) {
        socket.sendBinary(ByteBuffer.wrap(data), true).join();
        return this;
    }

    /** The next text frame, waiting up to 10 s; fails the test if none arrives. */
    public String next() {
        try {
            String message = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            if (message == null) {
                throw new AssertionError("no frame within " + WAIT_SECONDS + " s; close code " + closeCode.getNow(null));
            }
            return message;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next text frame if one arrives within {@code ms}, else null. */
    public String poll(long ms) throws InterruptedException {
        return received.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** The close code the server sent, waiting up to 10 s. */
    public int awaitClose() {
        try {
            return closeCode.get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("socket not closed within " + WAIT_SECONDS + " s", e);
        }
    }

    public boolean isClosed() {
        return closeCode.isDone();
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
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closeCode.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closeCode.complete(1006);
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
        socket.abort();
    }
}
