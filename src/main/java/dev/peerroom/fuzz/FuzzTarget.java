package dev.peerroom.fuzz;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;

/**
 * The server under test: a loopback address, a port, the base path and the key, and the room the
 * good peers share. Builds the requests every part of the fuzzer sends.
 */
record FuzzTarget(InetAddress address, int port, String basePath, String key, String room) {

    /**
     * Parses {@code ws://127.0.0.1:PORT/<base path>}. Only loopback addresses are accepted: the
     * fuzzer sends hostile traffic and must not be pointed at a machine by mistake.
     */
    static FuzzTarget parse(String url, String key, String room) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--url " + url + ": not a URL");
        }
        if (!"ws".equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() <= 0) {
            throw new IllegalArgumentException("--url " + url + ": expected ws://127.0.0.1:PORT/ (plain ws, with a port)");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("--url " + url + ": unknown host");
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("--url " + url + ": the fuzzer only targets loopback addresses (127.0.0.1)");
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new FuzzTarget(address, uri.getPort(), path.endsWith("/") ? path : path + "/", key, room);
    }

    /** The socket path and query the stock client builds for {@code path: "/rooms/<room>/"}. */
    String socketPath(String roomId, String id, String token) {
        return basePath + "rooms/" + roomId + "/peerjs?key=" + key + "&id=" + id + "&token=" + token + "&version=1.5.5";
    }

    /** A correct upgrade request for {@code pathAndQuery}, as a browser sends it. */
    byte[] upgradeRequest(SplittableRandom r, String pathAndQuery) {
        return upgradeHead(r, pathAndQuery).getBytes(StandardCharsets.ISO_8859_1);
    }

    String upgradeHead(SplittableRandom r, String pathAndQuery) {
        byte[] nonce = new byte[16];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) r.nextInt(256);
        }
        return "GET " + pathAndQuery + " HTTP/1.1\r\n"
                + "Host: 127.0.0.1:" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n"; // no Origin: an allow-list does not apply
    }

    /** GET /health, read to the end. */
    byte[] healthRequest() {
        return ("GET /health HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
    }
}
