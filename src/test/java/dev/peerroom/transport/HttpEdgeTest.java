package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.config.SecuritySettings;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The edge rules on the server pipeline, with EmbeddedChannels from chosen addresses and the
 * node-wide sweep run by hand on a fake clock: per-address connection and upgrade limits,
 * X-Forwarded-For trust, and the handshake timeout.
 */
class HttpEdgeTest {
    private static final String CLIENT = "198.51.100.7";
    private static final String OTHER = "198.51.100.8";
    private static final String PROXY = "127.0.0.1";
    private static final long TIMEOUT_MS = 10_000;

    private EdgeServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private EdgeServer start(int connectionsPerIp, int upgradesPerIp, List<String> trustedProxies) {
        server = new EdgeServer(TestConfigs.defaults(), SecuritySettings.defaults()
                .withLimits(connectionsPerIp, upgradesPerIp, Duration.ofMillis(TIMEOUT_MS))
                .withTrustedProxies(trustedProxies));
        return server;
    }

    private static void send(Client client, String raw) {
        client.server.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.US_ASCII));
    }

    // ---- connections per address ----

    @Test
    void theConnectionOverTheLimitGets429AndIsClosed() {
        start(2, 0, List.of());
        Client first = server.connect(CLIENT);
        Client second = server.connect(CLIENT);
        Client third = server.connect(CLIENT);

        assertThat(first.get("/health").status()).isEqualTo(200);
        assertThat(second.get("/health").status()).isEqualTo(200);
        HttpReply refused = third.get("/health");

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(refused.body()).isEqualTo("Too many connections from your address");
        assertThat(third.isOpen()).isFalse();
        assertThat(first.isOpen()).isTrue();
        assertThat(server.connect(OTHER).get("/health").status()).as("another address has its own count")
                .isEqualTo(200);
    }

    @Test
    void aClosedConnectionFreesItsPlaceAndNoCountOutlivesItsConnections() {
        start(1, 0, List.of());
        Client first = server.connect(CLIENT);
        Client refused = server.connect(CLIENT);
        assertThat(refused.get("/health").status()).isEqualTo(429);

        first.close();
        Client next = server.connect(CLIENT);
        assertThat(next.get("/health").status()).isEqualTo(200);
        Client other = server.connect(OTHER);
        assertThat(server.edge.countedAddresses()).isEqualTo(2);

        next.close();
        other.close();
        assertThat(server.edge.countedAddresses()).isZero();
        assertThat(server.edge.pendingHandshakes()).isZero();
    }

    @Test
    void aWebSocketCountsAsAConnectionUntilItCloses() {
        start(1, 0, List.of());
        Client socket = server.connect(CLIENT);
        assertThat(socket.upgrade(server.socketPath("a"), null).status()).isEqualTo(101);

        assertThat(server.connect(CLIENT).get("/health").status()).isEqualTo(429);
        socket.close();
        assertThat(server.edge.countedAddresses()).isZero();
        assertThat(server.connect(CLIENT).get("/health").status()).isEqualTo(200);
    }

    @Test
    void aConnectionThatNeverSendsARequestStillCounts() {
        start(1, 0, List.of());
        server.connect(CLIENT); // silent: a slowloris client holds its place until the timeout

        assertThat(server.connect(CLIENT).get("/health").status()).isEqualTo(429);
        server.advanceAndSweep(TIMEOUT_MS);
        assertThat(server.connect(CLIENT).get("/health").status()).isEqualTo(200);
    }

    // ---- X-Forwarded-For ----

    @Test
    void forwardedForFromAnUntrustedPeerDoesNotChangeTheCountedAddress() {
        start(1, 0, List.of("10.0.0.0/8"));
        Client first = server.connect(CLIENT);
        Client second = server.connect(CLIENT);

        assertThat(first.get("/health", "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(200);
        assertThat(second.get("/health", "X-Forwarded-For", "203.0.113.2").status())
                .as("both are counted against the peer, whatever they claim").isEqualTo(429);
        assertThat(server.edge.countedAddresses()).isEqualTo(1);
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsCounted() {
        start(1, 0, List.of("127.0.0.1/32"));
        Client alice = server.connect(PROXY);
        Client aliceAgain = server.connect(PROXY);
        Client bob = server.connect(PROXY);
        Client idle = server.connect(PROXY);

        assertThat(alice.get("/health", "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(200);
        assertThat(aliceAgain.get("/health", "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(429);
        // bob's request passes the proxy's limit, not alice's: the proxy itself is never the one counted.
        assertThat(bob.get("/health", "X-Forwarded-For", "6.6.6.6, 203.0.113.2").status()).isEqualTo(200);
        assertThat(server.edge.countedAddresses()).as("alice and bob; the proxy's idle connection is not counted")
                .isEqualTo(2);
        assertThat(idle.isOpen()).isTrue();
    }

    @Test
    void aProxiedConnectionMovesToTheAddressOfItsLatestRequest() {
        start(1, 0, List.of("127.0.0.1/32"));
        Client pooled = server.connect(PROXY);
        assertThat(pooled.get("/health", "X-Forwarded-For", "203.0.113.1").status()).isEqualTo(200);
        assertThat(pooled.get("/health", "X-Forwarded-For", "203.0.113.2").status()).isEqualTo(200);

        assertThat(server.connect(PROXY).get("/health", "X-Forwarded-For", "203.0.113.1").status())
                .as("203.0.113.1 no longer holds the pooled connection").isEqualTo(200);
        assertThat(server.connect(PROXY).get("/health", "X-Forwarded-For", "203.0.113.2").status()).isEqualTo(429);
    }

    // ---- upgrades per address per second ----

    @Test
    void upgradesOverTheRateGet429UntilTheNextSecond() {
        start(0, 2, List.of());
        assertThat(server.connect(CLIENT).upgrade(server.socketPath("a"), null).status()).isEqualTo(101);
        assertThat(server.connect(CLIENT).upgrade(server.socketPath("b"), null).status()).isEqualTo(101);
        Client third = server.connect(CLIENT);
        HttpReply refused = third.upgrade(server.socketPath("c"), null);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header(HttpHeaderNames.RETRY_AFTER)).isEqualTo("1");
        assertThat(refused.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(third.isOpen()).isFalse();
        assertThat(server.connect(OTHER).upgrade(server.socketPath("d"), null).status()).isEqualTo(101);
        assertThat(server.base.registry.peerIds(EmbeddedServer.ROOM).toCompletableFuture().join())
                .containsExactlyInAnyOrder("a", "b", "d");

        server.base.clock.advance(999);
        assertThat(server.connect(CLIENT).upgrade(server.socketPath("c"), null).status()).isEqualTo(429);
        server.base.clock.advance(1);
        assertThat(server.connect(CLIENT).upgrade(server.socketPath("c"), null).status()).isEqualTo(101);
    }

    @Test
    void upgradeWindowsOfIdleAddressesAreSweptAway() {
        start(0, 5, List.of());
        server.connect(CLIENT).upgrade(server.socketPath("a"), null);
        server.connect(OTHER).upgrade(server.socketPath("b"), null);
        assertThat(server.edge.upgradeWindows()).isEqualTo(2);

        server.advanceAndSweep(999);
        assertThat(server.edge.upgradeWindows()).isEqualTo(2);
        server.advanceAndSweep(1);
        assertThat(server.edge.upgradeWindows()).isZero();
    }

    @Test
    void upgradesThroughATrustedProxyAreCountedPerForwardedAddress() {
        start(0, 1, List.of("127.0.0.1/32"));

        assertThat(server.connect(PROXY).upgrade(server.socketPath("a"), null, "X-Forwarded-For", "203.0.113.1")
                .status()).isEqualTo(101);
        assertThat(server.connect(PROXY).upgrade(server.socketPath("b"), null, "X-Forwarded-For", "203.0.113.2")
                .status()).isEqualTo(101);
        assertThat(server.connect(PROXY).upgrade(server.socketPath("c"), null, "X-Forwarded-For", "203.0.113.1")
                .status()).isEqualTo(429);
    }

    // ---- handshake timeout ----

    @Test
    void aRequestDribbledInByteByByteIsClosedAtTheTimeout() {
        start(0, 0, List.of());
        Client slow = server.connect(CLIENT);
        String partial = "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: ";
        for (int i = 0; i < partial.length(); i++) {
            send(slow, partial.substring(i, i + 1));
            server.advanceAndSweep(TIMEOUT_MS / partial.length() / 2);
        }
        server.advanceAndSweep(TIMEOUT_MS - 1 - (TIMEOUT_MS / partial.length() / 2) * partial.length());
        assertThat(slow.isOpen()).as("1 ms before the deadline").isTrue();

        server.advanceAndSweep(1);
        assertThat(slow.isOpen()).as("bytes that never make a request do not extend the deadline").isFalse();
        assertThat(slow.server.outboundMessages()).as("closed without an answer").isEmpty();
        assertThat(server.edge.pendingHandshakes()).isZero();
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAtTheTimeoutAfterItsLastRequest() {
        start(0, 0, List.of());
        Client client = server.connect(CLIENT);
        server.advanceAndSweep(6_000);
        assertThat(client.get("/health").status()).isEqualTo(200);

        server.advanceAndSweep(TIMEOUT_MS - 1);
        assertThat(client.isOpen()).as("a whole request restarted the deadline").isTrue();
        server.advanceAndSweep(1);
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void anUpgradedSocketOutlivesTheHandshakeTimeout() {
        start(0, 0, List.of());
        Client socket = server.connect(CLIENT);
        assertThat(socket.upgrade(server.socketPath("a"), null).status()).isEqualTo(101);
        assertThat(socket.nextText()).isEqualTo("{\"type\":\"OPEN\"}");

        assertThat(server.edge.pendingHandshakes()).isZero();
        assertThat(socket.server.pipeline().get(EdgeGuard.class)).as("no edge handler on the frame path").isNull();
        server.advanceAndSweep(10 * TIMEOUT_MS);
        assertThat(socket.isOpen()).isTrue();
    }

    @Test
    void theTimeoutAppliesWithoutAnyLimitConfigured() {
        server = new EdgeServer(TestConfigs.defaults(), SecuritySettings.defaults());
        Client silent = server.connect(CLIENT);

        server.advanceAndSweep(SecuritySettings.DEFAULT_HANDSHAKE_TIMEOUT.toMillis());
        assertThat(silent.isOpen()).isFalse();
    }
}
