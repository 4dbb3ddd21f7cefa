package dev.peerroom.integration;

import dev.peerroom.config.ServerConfig;
import dev.peerroom.server.PeerRoomServer;

/** A real server on an ephemeral loopback port, with URL helpers. */
public final class TestServer implements AutoCloseable {
    public static final String ROOM = "123456789012345678";
    private final PeerRoomServer server;

    private TestServer(PeerRoomServer server) {
        this.server = server;
    }

    public static TestServer start() throws InterruptedException {
        return start(ServerConfig.defaults());
    }

    public static TestServer start(TestConfig config) throws InterruptedException {
        return start(config.build());
    }

    public static TestServer start(ServerConfig config) throws InterruptedException {
        return new TestServer(PeerRoomServer.start(config.withHost("127.0.0.1").withPort(0)));
    }

    public int port() {
        return server.port();
    }

    public PeerRoomServer server() {
        return server;
    }

    public String http(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The socket URL the stock client builds for {@code path: "/rooms/<room>/"}. */
    public String socketUrl(String room, String id, String token) {
        return "ws://127.0.0.1:" + port() + server.config().basePath() + "rooms/" + room
                + "/peerjs?key=" + server.config().key() + "&id=" + id + "&token=" + token + "&version=1.5.5";
    }

    /** The path and query of a socket URL, for hand-written clients. */
    public String socketPath(String room, String id, String token) {
        return server.config().basePath() + "rooms/" + room + "/peerjs?key=" + server.config().key()
                + "&id=" + id + "&token=" + token + "&version=1.5.5";
    }

    /** Opens a socket without reading anything. */
    public WsClient connect(String room, String id, String token) {
        return WsClient.connect(socketUrl(room, id, token));
    }

    /** Joins ROOM with a hand-written client that never answers pings, and reads OPEN. */
    public RawWsClient joinRaw(String room, String id, String token) throws java.io.IOException {
        RawWsClient raw = RawWsClient.upgrade(port(), socketPath(room, id, token));
        String first = raw.nextText();
        if (!first.equals(Frames.OPEN)) {
            raw.close();
            throw new AssertionError("expected OPEN for " + id + ", got " + first);
        }
        return raw;
    }

    /** Joins ROOM as {@code id} and waits for OPEN. */
    public WsClient join(String id) {
        return join(ROOM, id, "tok-" + id);
    }

    public WsClient join(String room, String id, String token) {
        WsClient client = WsClient.connect(socketUrl(room, id, token));
        String first = client.next();
        if (!first.equals("{\"type\":\"OPEN\"}")) {
            throw new AssertionError("expected OPEN for " + id + ", got " + first);
        }
        return client;
    }

    @Override
    public void close() {
        server.close();
    }
}
