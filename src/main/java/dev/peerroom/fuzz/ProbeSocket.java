package dev.peerroom.fuzz;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * One blocking TCP connection to the server that reads with deadlines: HTTP response heads and
 * server WebSocket frames (unmasked). Writes are synchronized, so a reader thread may answer pings
 * while another thread sends.
 */
final class ProbeSocket implements AutoCloseable {
    /** What reading produced: a frame, or why there is none. */
    enum Outcome { FRAME, TIMEOUT, EOF, RESET }

    /** A server frame: FIN, opcode and payload. */
    record Frame(boolean fin, int opcode, byte[] payload) {
        String text() {
            return new String(payload, StandardCharsets.UTF_8);
        }

        /** The status code of a close frame, 1005 when it carries none. */
        int closeCode() {
            return payload.length >= 2 ? (payload[0] & 0xFF) << 8 | payload[1] & 0xFF : 1005;
        }
    }

    private static final int MAX_HEAD = 16 * 1024;
    private static final int MAX_FRAME = 2 * 1024 * 1024;
    private static final long FRAME_COMPLETION_NANOS = 5_000_000_000L;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private Outcome last = Outcome.FRAME;

    private ProbeSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 8192);
        this.out = socket.getOutputStream();
    }

    static ProbeSocket connect(FuzzTarget target, int timeoutMillis) throws IOException {
        Socket s = new Socket();
        try {
            s.setTcpNoDelay(true);
            s.connect(new InetSocketAddress(target.address(), target.port()), timeoutMillis);
            return new ProbeSocket(s);
        } catch (IOException e) {
            s.close();
            throw e;
        }
    }

    synchronized void write(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    /** Why the last read returned nothing (TIMEOUT, EOF or RESET), or FRAME. */
    Outcome lastOutcome() {
        return last;
    }

    /**
     * Reads an HTTP response head up to the blank line, by the deadline. Returns the status code,
     * or -1 when there was none (see {@link #lastOutcome()}); 0 when the answer is not HTTP.
     */
    int readHttpStatus(long deadlineNanos) {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < 4) {
            int b = readByte(deadlineNanos);
            if (b < 0) {
                return head.size() > 0 ? parseStatus(head) : -1;
            }
            head.write(b);
            matched = b == end[matched] ? matched + 1 : b == '\r' ? 1 : 0;
            if (head.size() > MAX_HEAD) {
                return 0;
            }
        }
        last = Outcome.FRAME;
        return parseStatus(head);
    }

    private static int parseStatus(ByteArrayOutputStream head) {
        String s = head.toString(StandardCharsets.ISO_8859_1);
        if (!s.startsWith("HTTP/1.1 ") || s.length() < 12) {
            return 0;
        }
        try {
            return Integer.parseInt(s.substring(9, 12));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /**
     * The next server frame, or null by the deadline (see {@link #lastOutcome()}). The deadline
     * applies to the frame's first byte: a frame once begun is read to its end (within a few
     * seconds), so a reader that goes on reading never loses its place in the stream.
     */
    Frame readFrame(long deadline) {
        int b0 = readByte(deadline);
        long deadlineNanos = Math.max(deadline, System.nanoTime() + FRAME_COMPLETION_NANOS);
        int b1 = b0 < 0 ? -1 : readByte(deadlineNanos);
        if (b1 < 0) {
            return null;
        }
        long len = b1 & 0x7F;
        int extra = len == 126 ? 2 : len == 127 ? 8 : 0;
        if (extra > 0) {
            len = 0;
            for (int i = 0; i < extra; i++) {
                int b = readByte(deadlineNanos);
                if (b < 0) {
                    return null;
                }
                len = len << 8 | b;
            }
        }
        if ((b1 & 0x80) != 0 || len > MAX_FRAME) {
            last = Outcome.EOF; // not something this server sends: treat the stream as over
            return null;
        }
        byte[] payload = new byte[(int) len];
        for (int i = 0; i < payload.length; i++) {
            int b = readByte(deadlineNanos);
            if (b < 0) {
                return null;
            }
            payload[i] = (byte) b;
        }
        last = Outcome.FRAME;
        return new Frame((b0 & 0x80) != 0, b0 & 0x0F, payload);
    }

    /** One byte, or -1 with {@link #last} set; byte-wise reads come from the buffer. */
    private int readByte(long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            last = Outcome.TIMEOUT;
            return -1;
        }
        try {
            socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
            int b = in.read();
            if (b < 0) {
                last = Outcome.EOF;
            }
            return b;
        } catch (SocketTimeoutException e) {
            last = Outcome.TIMEOUT;
        } catch (EOFException e) {
            last = Outcome.EOF;
        } catch (IOException e) {
            last = Outcome.RESET;
        }
        return -1;
    }

    /** Ends the connection with a FIN (a normal close). */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    /** Ends the connection with a TCP reset (SO_LINGER 0). */
    void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // closed already: nothing to reset
        }
        close();
    }

    /** Stops sending (FIN) but keeps reading: a half-closed connection. */
    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
    }
}
