package dev.peerroom.integration;

import java.nio.charset.StandardCharsets;

/** Hand-written HTTP/1.1 over {@link RawWsClient}'s socket, for requests no HTTP client would send. */
final class EdgeHttp {
    private EdgeHttp() {
    }

    /** A GET with {@code headers} ("Name: value" lines), keep-alive unless one of them says otherwise. */
    static byte[] get(int port, String pathAndQuery, String... headers) {
        StringBuilder req = new StringBuilder("GET ").append(pathAndQuery).append(" HTTP/1.1\r\n")
                .append("Host: 127.0.0.1:").append(port).append("\r\n");
        for (String header : headers) {
            req.append(header).append("\r\n");
        }
        return req.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** The WebSocket upgrade request of {@link RawWsClient#upgradeRequest} with extra header lines. */
    static byte[] upgrade(int port, String pathAndQuery, String... headers) {
        String base = new String(RawWsClient.upgradeRequest(port, pathAndQuery), StandardCharsets.US_ASCII);
        StringBuilder extra = new StringBuilder();
        for (String header : headers) {
            extra.append(header).append("\r\n");
        }
        return (base.substring(0, base.length() - 2) + extra + "\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The status code of an HTTP response head. */
    static int status(String head) {
        return Integer.parseInt(head.substring("HTTP/1.1 ".length(), "HTTP/1.1 ".length() + 3));
    }
}
