package dev.peerroom.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/** What goes on a connection before (or instead of) a WebSocket upgrade. */
final class HttpFuzz {
    private final SplittableRandom r;
    private final FuzzTarget target;

    HttpFuzz(SplittableRandom r, FuzzTarget target) {
        this.r = r;
        this.target = target;
    }

    /** Random bytes, sometimes dressed as the start of a request. */
    byte[] rawBytes() {
        byte[] junk = new byte[1 + r.nextInt(r.nextBoolean() ? 64 : 4096)];
        for (int i = 0; i < junk.length; i++) {
            junk[i] = (byte) r.nextInt(256);
        }
        String prefix = switch (r.nextInt(5)) {
            case 0 -> "GET ";
            case 1 -> "GET / HTTP/1.1\r\n";
            case 2 -> "\u0016\u0003\u0001"; // the start of a TLS ClientHello
            default -> "";
        };
        return WsFrames.concat(prefix.getBytes(StandardCharsets.ISO_8859_1), junk);
    }

    /** An upgrade request with one thing wrong (or, now and then, nothing wrong but odd). */
    byte[] mutatedUpgrade(String pathAndQuery) {
        String head = target.upgradeHead(r, pathAndQuery);
        String mutated = switch (r.nextInt(12)) {
            case 0 -> head.replace("Sec-WebSocket-Version: 13", "Sec-WebSocket-Version: " + pick("8", "12", "14", "x", ""));
            case 1 -> head.replaceFirst("Sec-WebSocket-Key: [^\r]*\r\n", r.nextBoolean() ? "" : "Sec-WebSocket-Key: ***\r\n");
            case 2 -> head.replace("GET " + pathAndQuery, "GET " + pick("/", "/rooms/", "/rooms/x/peerjs/extra", "/../peerjs",
                    "*", "/%zz", "/rooms/%00/peerjs", "/" + "a".repeat(9000)));
            case 3 -> head.replace("GET ", pick("POST ", "PUT ", "OPTIONS ", "BREW ", "get "));
            case 4 -> head.replace("HTTP/1.1", pick("HTTP/1.0", "HTTP/2.0", "HTTP/9", "HTTX/1.1", ""));
            case 5 -> head.replace("Upgrade: websocket", "Upgrade: " + pick("h2c", "websocket, foo", "", "WebSocket"));
            case 6 -> head.replace("\r\n\r\n", "\r\nX-Big: " + "b".repeat(4000 + r.nextInt(16000)) + "\r\n\r\n");
            case 7 -> head.replace("\r\n\r\n", "\r\n" + "X-Many: 1\r\n".repeat(100 + r.nextInt(900)) + "\r\n");
            case 8 -> head.replace("\r\n\r\n", "\r\nContent-Length: " + pick("10", "-1", "99999999999", "x") + "\r\n\r\n"
                    + "0123456789");
            case 9 -> head.replace("\r\n", "\n");
            case 10 -> head.replace("Host: ", "Host : ").replace("Connection: Upgrade", "Connection: close");
            default -> head + head; // two requests in one write
        };
        return mutated.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The first part of a request: it stops anywhere, also inside a line. */
    byte[] partialRequest(String pathAndQuery) {
        byte[] full = target.upgradeRequest(r, pathAndQuery);
        return Arrays.copyOf(full, r.nextInt(full.length - 1));
    }

    /** A complete upgrade request, maybe followed by the first frames, in one or several writes. */
    List<byte[]> requestThenFrames(String pathAndQuery, FrameFuzz frames) {
        List<byte[]> out = new ArrayList<>();
        out.add(target.upgradeRequest(r, pathAndQuery));
        if (r.nextBoolean()) {
            out.addAll(frames.frames(r.nextBoolean() ? Category.MUTATED_JSON : Category.FRAGMENTS));
        }
        return out;
    }

    private String pick(String... values) {
        return values[r.nextInt(values.length)];
    }
}
