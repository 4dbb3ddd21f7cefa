package dev.peerroom.integration;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client written by hand over a plain {@link Socket}: it never answers pings unless
 * told to, can write half a request or half a frame, and can reset the TCP connection.
 */
public final class RawWsClient implements AutoCloseable {
    public static final int OP_CONT = 0x0, OP_TEXT = 0x1, OP_BINARY = 0x2, OP_CLOSE = 0x8, OP_PING = 0x9, OP_PONG = 0xA;

    public record Frame(int opcode, boolean fin, byte[] payload) {
        public String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame (1005 when it has none). */
        public int closeCode() {
            return payload.length >= 2 ? ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF) : 1005;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    /** Pings the server sent while we were reading (never answered). */
    private int pingsSeen;

    private RawWsClient(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Opens a TCP connection to 127.0.0.1 without writing anything. */
    public static RawWsClient tcp(int port) throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        s.setSoTimeout(10_000);
        return new RawWsClient(s);
    }

    /** Performs the upgrade for {@code pathAndQuery} and checks the 101. */
    public static RawWsClient upgrade(int port, String pathAndQuery) throws IOException {
        RawWsClient c = tcp(port);
        c.write(upgradeRequest(port, pathAndQuery));
        String head = c.readHttpHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            c.close();
            throw new AssertionError("expected 101, got: " + head);
        }
        return c;
    }

    public static byte[] upgradeRequest(int port, String pathAndQuery) {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String req = "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        return req.getBytes(StandardCharsets.US_ASCII);
    }

    /** Reads an HTTP response head up to and including the blank line. */
    public String readHttpHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed in the HTTP head: " + head);
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    public RawWsClient write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** A complete masked client frame. */
    public static byte[] frame(int opcode, boolean fin, byte[] payload) {
        ByteArrayOutputStream f = new ByteArrayOutputStream(payload.length + 14);
        f.write((fin ? 0x80 : 0) | opcode);
        int n = payload.length;
        if (n < 126) {
            f.write(0x80 | n);
        } else if (n < 65536) {
            f.write(0x80 | 126);
            f.write(n >>> 8);
            f.write(n);
        } else {
            f.write(0x80 | 127);
            for (int i = 7; i >= 0; i--) {
                f.write((int) ((long) n >>> (8 * i)));
            }
        }
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        f.write(mask, 0, 4);
        byte[] masked = new byte[n];
        for (int i = 0; i < n; i++) {
            masked[i] = (byte) (payload[i] ^ mask[i & 3]);
        }
        f.write(masked, 0, n);
        return f.toByteArray();
    }

    public RawWsClient sendText(String text) throws IOException {
        return write(frame(OP_TEXT, true, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads one frame, waiting up to the socket timeout. */
    public Frame readFrame() throws IOException {
        int b0 = readByte();
        int b1 = readByte();
        long len = b1 & 0x7F;
        if (len == 126) {
            len = (readByte() << 8) | readByte();
        } else if (len == 127) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | readByte();
            }
        }
        if ((b1 & 0x80) != 0) {
            throw new IOException("server frames must not be masked");
        }
        byte[] payload = in.readNBytes((int) len);
        if (payload.length != len) {
            throw new EOFException("connection closed inside a frame");
        }
        return new Frame(b0 & 0x0F, (b0 & 0x80) != 0, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("connection closed");
        }
        return b;
    }

    /** The next text frame; pings are read and deliberately not answered. */
    public String nextText() throws IOException {
        while (true) {
            Frame f = readFrame();
            if (f.opcode() == OP_PING) {
                pingsSeen++;
                continue;
            }
            if (f.opcode() != OP_TEXT) {
                throw new AssertionError("expected a text frame, got opcode " + f.opcode()
                        + (f.opcode() == OP_CLOSE ? " code " + f.closeCode() : ""));
            }
            return f.text();
        }
    }

    /** Reads until the server's close frame, never answering pings; texts seen on the way are collected. */
    public int awaitClose(List<String> textsSeen) throws IOException {
        while (true) {
            Frame f = readFrame();
            switch (f.opcode()) {
                case OP_PING -> pingsSeen++;
                case OP_TEXT -> textsSeen.add(f.text());
                case OP_CLOSE -> {
                    return f.closeCode();
                }
                default -> throw new AssertionError("unexpected opcode " + f.opcode());
            }
        }
    }

    public int awaitClose() throws IOException {
        return awaitClose(new ArrayList<>());
    }

    /** True when the server closed the TCP connection (EOF or reset) within the socket timeout. */
    public boolean tcpClosedByServer() throws IOException {
        try {
            while (in.read() >= 0) {
                // discard
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    public int pingsSeen() {
        return pingsSeen;
    }

    public void setReadTimeout(int ms) throws IOException {
        socket.setSoTimeout(ms);
    }

    /** Abortive close: SO_LINGER 0 makes close() send a TCP RST. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
