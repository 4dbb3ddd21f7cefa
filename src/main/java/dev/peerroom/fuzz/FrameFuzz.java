package dev.peerroom.fuzz;

import static dev.peerroom.fuzz.WsFrames.BINARY;
import static dev.peerroom.fuzz.WsFrames.CLOSE;
import static dev.peerroom.fuzz.WsFrames.CONTINUATION;
import static dev.peerroom.fuzz.WsFrames.PING;
import static dev.peerroom.fuzz.WsFrames.PONG;
import static dev.peerroom.fuzz.WsFrames.TEXT;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** The byte streams of the frame-level categories, sent on an upgraded socket. */
final class FrameFuzz {
    /** Close codes a client must not send (RFC 6455 7.4), around the edges of the valid ranges. */
    private static final int[] BAD_CLOSE_CODES = {0, 1, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535};
    private static final int[] GOOD_CLOSE_CODES = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 3000, 4000, 4999};
    /** Not UTF-8: stray continuations, overlongs, surrogates, past U+10FFFF, truncated, 0xFF. */
    private static final byte[][] BAD_UTF8 = {{(byte) 0x80}, {(byte) 0xC0, (byte) 0x80}, {(byte) 0xE0, (byte) 0x80, (byte) 0x80},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
        {(byte) 0xF0, (byte) 0x80, (byte) 0x80, (byte) 0x80}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0xFF}, {(byte) 0xFE},
        {(byte) 0xC3, 0x28}};

    private final SplittableRandom r;
    private final JsonFuzz json;

    FrameFuzz(SplittableRandom r, JsonFuzz json) {
        this.r = r;
        this.json = json;
    }

    /** The frames (each element one write) of one input of {@code c}. */
    List<byte[]> frames(Category c) {
        return switch (c) {
            case FRAME_BYTES -> List.of(randomBytes(1 + r.nextInt(r.nextBoolean() ? 16 : 2048)));
            // A bad header, then often a good frame: it must not be read as part of the broken one.
            case FRAME_HEADER -> r.nextBoolean() ? List.of(badHeader())
                    : List.of(badHeader(), WsFrames.frame(r, TEXT, true, json.valid().getBytes(StandardCharsets.UTF_8)));
            case FRAGMENTS -> fragments();
            case CONTROL_MIDSTREAM -> controlMidstream();
            case INVALID_UTF8 -> invalidUtf8();
            case MUTATED_JSON -> mutatedJson();
            case BURST -> burst();
            default -> throw new IllegalArgumentException(c + " is not a frame category");
        };
    }

    private byte[] badHeader() {
        byte[] payload = json.valid().getBytes(StandardCharsets.UTF_8);
        return switch (r.nextInt(10)) {
            case 0 -> WsFrames.raw(r, true, 1 + r.nextInt(7), TEXT, true, payload.length, payload);
            case 1 -> WsFrames.raw(r, true, 0, pick(3, 4, 5, 6, 7, 0xB, 0xC, 0xD, 0xE, 0xF), true, payload.length, payload);
            case 2 -> WsFrames.raw(r, true, 0, TEXT, false, payload.length, payload);
            case 3 -> WsFrames.raw(r, true, 0, pick(TEXT, BINARY), true, pickLong(1L << 31, 1L << 40, Long.MAX_VALUE,
                    2L * 1024 * 1024, 1024 * 1024 + 1), payload);
            case 4 -> WsFrames.raw(r, true, 0, TEXT, true, -1L - r.nextInt(1000), payload);
            case 5 -> WsFrames.raw(r, true, 0, pick(PING, PONG, CLOSE), true, 126 + r.nextInt(200),
                    randomBytes(126 + r.nextInt(200)));
            case 6 -> WsFrames.raw(r, false, 0, pick(PING, PONG, CLOSE), true, 4, randomBytes(4));
            case 7 -> WsFrames.frame(r, CONTINUATION, r.nextBoolean(), payload);
            case 8 -> WsFrames.nonMinimalLength(r, TEXT, payload);
            default -> WsFrames.raw(r, true, 0, TEXT, true, payload.length + 1 + r.nextInt(64), payload);
        };
    }

    /** A message split over fragments, mostly misused: interleaved starts, stray continuations. */
    private List<byte[]> fragments() {
        int opcode = r.nextInt(4) == 0 ? BINARY : TEXT;
        List<byte[]> parts = split(json.valid().getBytes(StandardCharsets.UTF_8));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            boolean last = i == parts.size() - 1;
            int op = i == 0 ? opcode : CONTINUATION;
            switch (r.nextInt(8)) {
                case 0 -> op = TEXT; // a new message while one is open
                case 1 -> last = r.nextBoolean(); // FIN too early or never
                default -> { }
            }
            out.add(WsFrames.frame(r, op, last, parts.get(i)));
        }
        if (r.nextInt(4) == 0) {
            out.add(WsFrames.frame(r, CONTINUATION, r.nextBoolean(), randomBytes(r.nextInt(20))));
        }
        if (r.nextInt(20) == 0) {
            out.addAll(oversizeInFragments());
        }
        return out;
    }

    /** Fragments that only together pass the message size cap (1 MiB by default). */
    private List<byte[]> oversizeInFragments() {
        List<byte[]> out = new ArrayList<>();
        byte[] chunk = new byte[256 * 1024];
        Arrays.fill(chunk, (byte) 'a');
        for (int i = 0; i < 5; i++) {
            out.add(WsFrames.frame(r, i == 0 ? TEXT : CONTINUATION, i == 4, chunk));
        }
        return out;
    }

    /** Control frames, good and bad, put between the fragments of a message. */
    private List<byte[]> controlMidstream() {
        List<byte[]> parts = split(json.valid().getBytes(StandardCharsets.UTF_8));
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            out.add(WsFrames.frame(r, i == 0 ? TEXT : CONTINUATION, i == parts.size() - 1, parts.get(i)));
            if (r.nextInt(3) == 0 || i == 0) {
                out.add(control());
            }
        }
        return out;
    }

    private byte[] control() {
        return switch (r.nextInt(6)) {
            case 0 -> WsFrames.frame(r, PING, true, randomBytes(r.nextInt(126)));
            case 1 -> WsFrames.frame(r, PONG, true, randomBytes(r.nextInt(126)));
            case 2 -> WsFrames.frame(r, CLOSE, true, WsFrames.closePayload(pick(BAD_CLOSE_CODES), new byte[0]));
            case 3 -> WsFrames.frame(r, CLOSE, true, randomBytes(1));
            case 4 -> WsFrames.frame(r, CLOSE, true, WsFrames.closePayload(pick(GOOD_CLOSE_CODES), pick(BAD_UTF8)));
            default -> WsFrames.frame(r, CLOSE, true, WsFrames.closePayload(pick(GOOD_CLOSE_CODES), new byte[0]));
        };
    }

    /** A text message with invalid UTF-8 inside, whole or split so a sequence spans two fragments. */
    private List<byte[]> invalidUtf8() {
        byte[] valid = json.valid().getBytes(StandardCharsets.UTF_8);
        byte[] bad = pick(BAD_UTF8);
        int at = r.nextInt(valid.length + 1);
        byte[] msg = WsFrames.concat(Arrays.copyOf(valid, at), bad, Arrays.copyOfRange(valid, at, valid.length));
        if (r.nextBoolean()) {
            return List.of(WsFrames.frame(r, TEXT, true, msg));
        }
        int cut = Math.min(msg.length, at + 1);
        return List.of(WsFrames.frame(r, TEXT, false, Arrays.copyOf(msg, cut)),
                WsFrames.frame(r, CONTINUATION, true, Arrays.copyOfRange(msg, cut, msg.length)));
    }

    /** One or a few mutated messages, sometimes fragmented. */
    private List<byte[]> mutatedJson() {
        List<byte[]> out = new ArrayList<>();
        for (int n = 1 + (r.nextInt(4) == 0 ? r.nextInt(4) : 0); n > 0; n--) {
            byte[] msg = json.message();
            if (r.nextInt(5) == 0 && msg.length > 1) {
                List<byte[]> parts = split(msg);
                for (int i = 0; i < parts.size(); i++) {
                    out.add(WsFrames.frame(r, i == 0 ? TEXT : CONTINUATION, i == parts.size() - 1, parts.get(i)));
                }
            } else {
                out.add(WsFrames.frame(r, r.nextInt(30) == 0 ? BINARY : TEXT, true, msg));
            }
        }
        return out;
    }

    /** More messages than the rate limit (100 per second by default) allows, in one go. */
    private List<byte[]> burst() {
        byte[] heartbeat = "{\"type\":\"HEARTBEAT\"}".getBytes(StandardCharsets.UTF_8);
        List<byte[]> out = new ArrayList<>();
        for (int i = 110 + r.nextInt(100); i > 0; i--) {
            out.add(WsFrames.frame(r, TEXT, true, r.nextInt(10) == 0 ? json.message() : heartbeat));
        }
        return List.of(WsFrames.concat(out.toArray(new byte[0][])));
    }

    /** Cuts {@code b} into 2-5 pieces at random points (inside multi-byte characters too). */
    private List<byte[]> split(byte[] b) {
        int n = Math.min(b.length, 2 + r.nextInt(4));
        List<byte[]> out = new ArrayList<>();
        int from = 0;
        for (int i = 1; i < n; i++) {
            int to = from + 1 + r.nextInt(Math.max(1, b.length - from - (n - i)));
            out.add(Arrays.copyOfRange(b, from, Math.min(to, b.length)));
            from = Math.min(to, b.length);
        }
        out.add(Arrays.copyOfRange(b, from, b.length));
        return out;
    }

    byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) r.nextInt(256);
        }
        return b;
    }

    private int pick(int... values) {
        return values[r.nextInt(values.length)];
    }

    private long pickLong(long... values) {
        return values[r.nextInt(values.length)];
    }

    private byte[] pick(byte[][] values) {
        return values[r.nextInt(values.length)];
    }
}
