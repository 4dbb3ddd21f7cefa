package dev.peerroom.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequestEncoder;
import io.netty.handler.codec.http.HttpResponseDecoder;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client end of one embedded server connection. Requests are encoded to bytes by Netty's
 * HTTP client encoder and written into the server channel; what the server writes is read back as
 * bytes and decoded as a client would: HTTP responses first, then (after a 101) WebSocket frames,
 * which the client sends masked (RFC 6455 5.3) and expects unmasked.
 */
final class Client implements AutoCloseable {
    final EmbeddedChannel server;
    private final ByteBuf received = Unpooled.buffer();
    private final EmbeddedChannel frameEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel frameDecoder;
    private final ArrayDeque<WsFrame> frames = new ArrayDeque<>();
    private boolean upgraded;
    private boolean closed;

    Client(EmbeddedChannel server, int maxFrameBytes) {
        this.server = server;
        this.frameDecoder = new EmbeddedChannel(new WebSocket13FrameDecoder(WebSocketDecoderConfig.newBuilder()
                .expectMaskedFrames(false)
                .allowMaskMismatch(false)
                .allowExtensions(false)
                .maxFramePayloadLength(maxFrameBytes)
                .closeOnProtocolViolation(false)
                .build()));
    }

    // ---- HTTP ----

    HttpReply get(String uri, String... headerPairs) {
        return request(HttpMethod.GET, uri, headerPairs);
    }

    HttpReply request(HttpMethod method, String uri, String... headerPairs) {
        FullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, method, uri, Unpooled.EMPTY_BUFFER);
        req.headers().set(HttpHeaderNames.HOST, "localhost:9000");
        for (int i = 0; i < headerPairs.length; i += 2) {
            req.headers().add(headerPairs[i], headerPairs[i + 1]);
        }
        writeRequest(req);
        return readHttpReply();
    }

    /** Sends a WebSocket upgrade request (RFC 6455 4.1) and reads the HTTP answer. */
    HttpReply upgrade(String uri, String origin, String... extraHeaderPairs) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String[] headers = {
                "Upgrade", "websocket",
                "Connection", "Upgrade",
                "Sec-WebSocket-Key", Base64.getEncoder().encodeToString(nonce),
                "Sec-WebSocket-Version", "13"};
        List<String> all = new ArrayList<>(List.of(headers));
        if (origin != null) {
            all.add("Origin");
            all.add(origin);
        }
        all.addAll(List.of(extraHeaderPairs));
        HttpReply reply = request(HttpMethod.GET, uri, all.toArray(String[]::new));
        if (reply.status() == 101) {
            upgraded = true;
        }
        return reply;
    }

    void writeRequest(FullHttpRequest req) {
        EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
        try {
            encoder.writeOutbound(req);
            for (ByteBuf bytes = encoder.readOutbound(); bytes != null; bytes = encoder.readOutbound()) {
                writeToServer(bytes);
            }
        } finally {
            encoder.finishAndReleaseAll();
        }
    }

    /** Reads one complete HTTP response from what the server wrote so far. */
    HttpReply readHttpReply() {
        pump();
        int headerEnd = headerEnd(received);
        if (headerEnd < 0) {
            throw new AssertionError("no complete HTTP response from the server (channel open: " + server.isOpen()
                    + "); bytes so far: " + received.toString(StandardCharsets.UTF_8));
        }
        int headLength = headerEnd - received.readerIndex();
        int total = headLength + contentLength(received.toString(received.readerIndex(), headLength,
                StandardCharsets.US_ASCII));
        if (received.readableBytes() < total) {
            throw new AssertionError("truncated HTTP response: " + received.toString(StandardCharsets.UTF_8));
        }
        EmbeddedChannel decoder = new EmbeddedChannel(new HttpResponseDecoder(), new HttpObjectAggregator(1 << 20));
        try {
            decoder.writeInbound(received.readRetainedSlice(total));
            received.discardReadBytes();
            FullHttpResponse response = decoder.readInbound();
            if (response == null) {
                throw new AssertionError("the HTTP decoder produced no response");
            }
            try {
                if (!response.decoderResult().isSuccess()) {
                    throw new AssertionError("malformed HTTP response", response.decoderResult().cause());
                }
                HttpHeaders headers = new DefaultHttpHeaders().set(response.headers());
                return new HttpReply(response.status().code(), headers,
                        response.content().toString(StandardCharsets.UTF_8));
            } finally {
                response.release();
            }
        } finally {
            decoder.finishAndReleaseAll();
        }
    }

    /** The absolute index just past the first CRLFCRLF, or -1. */
    private static int headerEnd(ByteBuf buf) {
        for (int i = buf.readerIndex(); i + 3 < buf.writerIndex(); i++) {
            if (buf.getByte(i) == '\r' && buf.getByte(i + 1) == '\n' && buf.getByte(i + 2) == '\r'
                    && buf.getByte(i + 3) == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private static int contentLength(String head) {
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                return Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        return 0;
    }

    // ---- WebSocket ----

    void sendText(String text) {
        send(new TextWebSocketFrame(text));
    }

    void sendBinary(byte[] data) {
        send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    void sendPing(byte[] data) {
        send(new PingWebSocketFrame(Unpooled.wrappedBuffer(data)));
    }

    void sendPong() {
        send(new PongWebSocketFrame());
    }

    void sendClose(int status, String reason) {
        send(new CloseWebSocketFrame(status, reason));
    }

    /** A close frame without a status code (RFC 6455 5.5.1 allows an empty body). */
    void sendEmptyClose() {
        send(new CloseWebSocketFrame());
    }

    /** One text message as several frames: a text frame, then continuations, the last one final. */
    void sendFragments(String... parts) {
        for (int i = 0; i < parts.length; i++) {
            sendFragment(parts[i], i == 0, i == parts.length - 1);
        }
    }

    /** One fragment of a text message: a text frame when {@code first}, else a continuation. */
    void sendFragment(String part, boolean first, boolean fin) {
        ByteBuf data = Unpooled.copiedBuffer(part, StandardCharsets.UTF_8);
        send(first ? new TextWebSocketFrame(fin, 0, data) : new ContinuationWebSocketFrame(fin, 0, data));
    }

    void send(WebSocketFrame frame) {
        if (!upgraded) {
            frame.release();
            throw new AssertionError("not upgraded");
        }
        frameEncoder.writeOutbound(frame);
        for (ByteBuf bytes = frameEncoder.readOutbound(); bytes != null; bytes = frameEncoder.readOutbound()) {
            writeToServer(bytes);
        }
    }

    /** Every frame the server has written so far, in order; forgets them. */
    List<WsFrame> drainFrames() {
        decodeFrames();
        List<WsFrame> out = new ArrayList<>(frames);
        frames.clear();
        return out;
    }

    WsFrame nextFrame() {
        decodeFrames();
        WsFrame frame = frames.poll();
        if (frame == null) {
            throw new AssertionError("no frame from the server (channel open: " + server.isOpen() + ")");
        }
        return frame;
    }

    /** The next frame, which must be one complete text frame. */
    String nextText() {
        WsFrame frame = nextFrame();
        if (frame.kind() != WsFrame.Kind.TEXT || !frame.fin()) {
            throw new AssertionError("expected a complete text frame, got " + frame);
        }
        return frame.text();
    }

    /** The next frame, which must be a close frame. */
    WsFrame nextClose() {
        WsFrame frame = nextFrame();
        if (frame.kind() != WsFrame.Kind.CLOSE) {
            throw new AssertionError("expected a close frame, got " + frame);
        }
        return frame;
    }

    boolean isOpen() {
        return server.isOpen();
    }

    /** Answers the server's Close with its status, as RFC 6455 asks of a client. */
    void answerClose(int status) {
        sendClose(status, "");
    }

    /** Moves Netty's own clock for this connection and runs what fell due (e.g. the close linger). */
    void advanceNettyTime(long ms) {
        server.advanceTimeBy(ms, java.util.concurrent.TimeUnit.MILLISECONDS);
        server.runScheduledPendingTasks();
    }

    private void decodeFrames() {
        pump();
        if (!upgraded || !received.isReadable()) {
            return;
        }
        frameDecoder.writeInbound(received.readBytes(received.readableBytes()));
        received.discardReadBytes();
        for (WebSocketFrame frame = frameDecoder.readInbound(); frame != null; frame = frameDecoder.readInbound()) {
            try {
                frames.add(toRecord(frame));
            } finally {
                frame.release();
            }
        }
    }

    private static WsFrame toRecord(WebSocketFrame frame) {
        byte[] data = ByteBufUtil.getBytes(frame.content());
        if (frame.rsv() != 0) {
            throw new AssertionError("server set RSV bits " + frame.rsv());
        }
        if (frame instanceof CloseWebSocketFrame close) {
            return new WsFrame(WsFrame.Kind.CLOSE, true, data, close.statusCode(), close.reasonText());
        }
        WsFrame.Kind kind = frame instanceof TextWebSocketFrame ? WsFrame.Kind.TEXT
                : frame instanceof BinaryWebSocketFrame ? WsFrame.Kind.BINARY
                : frame instanceof ContinuationWebSocketFrame ? WsFrame.Kind.CONTINUATION
                : frame instanceof PingWebSocketFrame ? WsFrame.Kind.PING
                : WsFrame.Kind.PONG;
        return new WsFrame(kind, frame.isFinalFragment(), data, -1, null);
    }

    /** Moves what the server wrote into the client's receive buffer. */
    private void pump() {
        for (Object out = server.readOutbound(); out != null; out = server.readOutbound()) {
            if (!(out instanceof ByteBuf bytes)) {
                ReferenceCountUtil.release(out);
                throw new AssertionError("the server pipeline wrote an unencoded " + out.getClass().getName());
            }
            received.writeBytes(bytes);
            bytes.release();
        }
    }

    private void writeToServer(ByteBuf bytes) {
        if (!server.isOpen()) {
            bytes.release();
            throw new AssertionError("the server closed the connection");
        }
        server.writeInbound(bytes);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.finishAndReleaseAll();
        } finally {
            frameEncoder.finishAndReleaseAll();
            frameDecoder.finishAndReleaseAll();
            received.release();
        }
    }
}
