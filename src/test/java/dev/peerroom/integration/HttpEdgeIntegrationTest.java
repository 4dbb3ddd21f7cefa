package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.room.LocalMembership;
import dev.peerroom.server.PeerRoomServer;
import io.netty.util.NetUtil;
import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP edge over real loopback sockets: origin allow-list with wildcards, connections and
 * upgrades per client address, X-Forwarded-For trust, the handshake timeout and the size caps.
 */
class HttpEdgeIntegrationTest {
    private static final InetAddress LOOPBACK = NetUtil.createInetAddressFromIpAddressString("127.0.0.1");
    private static final String ROOM = TestServer.ROOM;

    private final List<AutoCloseable> open = new ArrayList<>();
    private TestServer server;

    @AfterEach
    void tearDown() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
        if (server != null) {
            server.close();
        }
    }

    private TestServer start(TestConfig config, SecuritySettings security) throws InterruptedException {
        server = TestServer.start(config.build().withSecurity(security));
        return server;
    }

    private static SecuritySettings limits(int connections, int upgrades, Duration handshake) {
        return SecuritySettings.defaults().withLimits(connections, upgrades, handshake);
    }

    private RawWsClient tcp() throws IOException {
        RawWsClient c = RawWsClient.tcp(server.port());
        open.add(c);
        return c;
    }

    /** Sends {@code request} on a new connection and returns it with the status of the answer. */
    private int request(RawWsClient c, byte[] request) throws IOException {
        return EdgeHttp.status(c.write(request).readHttpHead());
    }

    private int get(RawWsClient c, String... headers) throws IOException {
        return request(c, EdgeHttp.get(server.port(), "/health", headers));
    }

    @Test
    void upgradesFromOriginsOutsideTheWildcardAre403AndMatchingOnesAre101() throws Exception {
        start(TestConfig.defaults().allowedOrigins("https://*.example.com"), SecuritySettings.defaults());
        String path = server.socketPath(ROOM, "a", "t");
        RawWsClient evil = tcp();
        RawWsClient apex = tcp();
        RawWsClient sub = tcp();

        assertThat(request(evil, EdgeHttp.upgrade(server.port(), path, "Origin: https://evilexample.com")))
                .isEqualTo(403);
        assertThat(evil.tcpClosedByServer()).isTrue();
        assertThat(request(apex, EdgeHttp.upgrade(server.port(), path, "Origin: https://example.com"))).isEqualTo(403);
        assertThat(request(sub, EdgeHttp.upgrade(server.port(), path, "Origin: https://play.eu.example.com")))
                .isEqualTo(101);
        assertThat(sub.nextText()).isEqualTo(Frames.OPEN);
    }

    @Test
    void corsHeadersGoOnlyToOriginsThatMatch() throws Exception {
        start(TestConfig.defaults().allowedOrigins("https://*.example.com"), SecuritySettings.defaults());
        String id = server.http("/rooms/" + ROOM + "/peerjs/id");

        HttpResponse<String> matching = Http.get(id, "https://a.example.com");
        HttpResponse<String> other = Http.get(id, "http://a.example.com");

        assertThat(matching.statusCode()).isEqualTo(200);
        assertThat(matching.headers().firstValue("access-control-allow-origin")).hasValue("https://a.example.com");
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("access-control-allow-origin")).isEmpty();
    }

    @Test
    void theConnectionOverTheLimitIs429AndClosingOneFreesAPlace() throws Exception {
        start(TestConfig.defaults(), limits(2, 0, Duration.ofSeconds(10)));
        // Each connection opens after the previous one was answered: the count is taken at accept,
        // and connections opened together are accepted on different event loops in any order.
        RawWsClient first = tcp();
        assertThat(get(first)).isEqualTo(200);
        assertThat(get(tcp())).isEqualTo(200);
        RawWsClient third = tcp();
        String refused = third.write(EdgeHttp.get(server.port(), "/health")).readHttpHead();
        assertThat(EdgeHttp.status(refused)).isEqualTo(429);
        assertThat(refused.toLowerCase()).contains("connection: close");
        assertThat(third.tcpClosedByServer()).isTrue();

        first.close();
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .until(() -> server.server().edge().connectionsOf(LOOPBACK) == 1);
        assertThat(get(tcp())).isEqualTo(200);
        for (AutoCloseable c : open) {
            c.close();
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.server().edge().countedAddresses() == 0);
        assertThat(server.server().edge().pendingHandshakes()).isZero();
    }

    @Test
    void upgradesOverTheRateAre429ThenAllowedInTheNextSecond() throws Exception {
        AtomicLong now = new AtomicLong(1_700_000_000_000L);
        ServerConfig config = TestConfig.defaults().build().withSecurity(limits(0, 2, Duration.ofSeconds(10)))
                .withHost("127.0.0.1").withPort(0);
        PeerRoomServer node = PeerRoomServer.start(config, now::get, new LocalMembership());
        open.add(node);
        int port = node.port();
        String room = "/rooms/" + ROOM + "/peerjs?key=peerjs&token=t&id=";
        open.add(RawWsClient.upgrade(port, room + "a"));
        open.add(RawWsClient.upgrade(port, room + "b"));
        RawWsClient third = RawWsClient.tcp(port);
        open.add(third);

        String refused = third.write(RawWsClient.upgradeRequest(port, room + "c")).readHttpHead();
        assertThat(EdgeHttp.status(refused)).isEqualTo(429);
        assertThat(refused.toLowerCase()).contains("retry-after: 1");
        now.addAndGet(999);
        RawWsClient early = RawWsClient.tcp(port);
        open.add(early);
        assertThat(EdgeHttp.status(early.write(RawWsClient.upgradeRequest(port, room + "c")).readHttpHead()))
                .isEqualTo(429);
        now.addAndGet(1);
        RawWsClient next = RawWsClient.upgrade(port, room + "c");
        open.add(next);
        assertThat(next.nextText()).isEqualTo(Frames.OPEN);
    }

    @Test
    void aRequestThatNeverEndsIsClosedAfterTheTimeout() throws Exception {
        start(TestConfig.defaults(), limits(0, 0, Duration.ofMillis(300)));
        RawWsClient slow = tcp();
        slow.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: a".getBytes());

        assertThat(slow.tcpClosedByServer()).isTrue();
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.server().edge().pendingHandshakes() == 0);
    }

    @Test
    void anIdleKeepAliveConnectionIsClosedAfterTheTimeout() throws Exception {
        start(TestConfig.defaults(), limits(0, 0, Duration.ofMillis(300)));
        RawWsClient idle = tcp();
        String head = idle.write(EdgeHttp.get(server.port(), "/health")).readHttpHead();

        assertThat(EdgeHttp.status(head)).isEqualTo(200);
        assertThat(head.toLowerCase()).as("the answer itself keeps the connection").contains("connection: keep-alive");
        assertThat(idle.tcpClosedByServer()).isTrue();
    }

    @Test
    void anUpgradedSocketOutlivesTheHandshakeTimeout() throws Exception {
        start(TestConfig.defaults(), limits(0, 0, Duration.ofMillis(300)));
        RawWsClient a = server.joinRaw(ROOM, "a", "ta");
        RawWsClient b = server.joinRaw(ROOM, "b", "tb");
        open.add(a);
        open.add(b);
        // A connection opened after both upgrades, closed by the timeout: the timeout has passed for them too.
        RawWsClient slow = tcp();
        slow.write("GET /health HTTP/1.1\r\n".getBytes());
        assertThat(slow.tcpClosedByServer()).isTrue();

        a.sendText(Frames.offer("b"));
        assertThat(b.nextText()).contains("\"type\":\"OFFER\"").contains("\"src\":\"a\"");
    }

    @Test
    void aUrlOverTheCapIs414AndHeadersOverTheCapAre431() throws Exception {
        start(TestConfig.defaults(), SecuritySettings.defaults());
        RawWsClient longUrl = tcp();
        RawWsClient bigHeaders = tcp();

        assertThat(request(longUrl, EdgeHttp.get(server.port(), "/health?pad=" + "a".repeat(5 * 1024)))).isEqualTo(414);
        assertThat(longUrl.tcpClosedByServer()).isTrue();
        assertThat(get(bigHeaders, "X-Pad: " + "a".repeat(9 * 1024))).isEqualTo(431);
        assertThat(bigHeaders.tcpClosedByServer()).isTrue();
    }

    @Test
    void aSpoofedForwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        start(TestConfig.defaults(), limits(1, 0, Duration.ofSeconds(10)));

        assertThat(get(tcp(), "X-Forwarded-For: 203.0.113.1")).isEqualTo(200);
        assertThat(get(tcp(), "X-Forwarded-For: 203.0.113.2")).isEqualTo(429);
        assertThat(server.server().edge().connectionsOf(LOOPBACK)).isEqualTo(1);
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsCounted() throws Exception {
        start(TestConfig.defaults(), limits(1, 0, Duration.ofSeconds(10)).withTrustedProxies(List.of("127.0.0.1/32")));
        RawWsClient alice = tcp();
        RawWsClient aliceAgain = tcp();
        RawWsClient bob = tcp();

        assertThat(get(alice, "X-Forwarded-For: 203.0.113.1")).isEqualTo(200);
        assertThat(get(aliceAgain, "X-Forwarded-For: 203.0.113.1")).isEqualTo(429);
        assertThat(get(bob, "X-Forwarded-For: 203.0.113.2")).isEqualTo(200);
        assertThat(server.server().edge().connectionsOf(NetUtil.createInetAddressFromIpAddressString("203.0.113.1")))
                .isEqualTo(1);
        assertThat(server.server().edge().connectionsOf(LOOPBACK)).as("the proxy itself is not counted").isZero();
    }
}
