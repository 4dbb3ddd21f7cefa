package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Racing joins, and the settings that change URLs and admission: base path, origins, idle TTL. */
class ConcurrencyAndSettingsTest {
    private static TestServer server;
    private static long roomSeq = 960000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    /** Connects all at once (released by one latch) and returns each client's first frame. */
    private static List<Object[]> raceJoins(List<String[]> idAndToken, String room) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(idAndToken.size());
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Object[]>> futures = new ArrayList<>();
        for (String[] it : idAndToken) {
            futures.add(pool.submit(() -> {
                go.await();
                WsClient c = server.connect(room, it[0], it[1]);
                return new Object[] {c, c.next()};
            }));
        }
        go.countDown();
        List<Object[]> out = new ArrayList<>();
        for (Future<Object[]> f : futures) {
            out.add(f.get());
        }
        pool.shutdown();
        return out;
    }

    @Test
    void racingJoinsForOneIdWithDifferentTokensAdmitExactlyOne() throws Exception {
        for (int round = 0; round < 5; round++) {
            String room = freshRoom();
            List<String[]> joins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                joins.add(new String[] {"same", "token-" + i});
            }
            List<Object[]> results = raceJoins(joins, room);
            List<WsClient> opened = new ArrayList<>();
            int taken = 0;
            for (Object[] r : results) {
                WsClient c = (WsClient) r[0];
                if (r[1].equals(Frames.OPEN)) {
                    opened.add(c);
                } else {
                    assertThat(r[1]).isEqualTo(Frames.ID_TAKEN);
                    assertThat(c.awaitClose()).isEqualTo(1008);
                    taken++;
                }
            }
            assertThat(opened).hasSize(1);
            assertThat(taken).isEqualTo(7);
            WsClient other = server.join(room, "other", "t");
            Expect.routes(other, "other", opened.get(0), "same");
            opened.get(0).close();
            other.close();
        }
    }

    @Test
    void racingJoinsOfEightIdsAdmitExactlyFour() throws Exception {
        for (int round = 0; round < 5; round++) {
            String room = freshRoom();
            List<String[]> joins = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                joins.add(new String[] {"p" + i, "t"});
            }
            List<Object[]> results = raceJoins(joins, room);
            List<WsClient> opened = new ArrayList<>();
            for (Object[] r : results) {
                WsClient c = (WsClient) r[0];
                if (r[1].equals(Frames.OPEN)) {
                    opened.add(c);
                } else {
                    assertThat(r[1]).isEqualTo(Frames.ROOM_FULL);
                    assertThat(c.awaitClose()).isEqualTo(1008);
                }
            }
            assertThat(opened).hasSize(4);
            Expect.refused(server.connect(room, "late", "t"), Frames.ROOM_FULL, 1008);
            opened.forEach(WsClient::close);
        }
    }

    @Test
    void racingSameTokenReconnectsLeaveOneLiveSocket() throws Exception {
        String room = freshRoom();
        WsClient mate = server.join(room, "mate", "tm");
        WsClient first = server.join(room, "a", "shared");
        List<String[]> joins = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            joins.add(new String[] {"a", "shared"});
        }
        List<Object[]> results = raceJoins(joins, room);
        for (Object[] r : results) {
            assertThat(r[1]).isEqualTo(Frames.OPEN);
        }
        // all but the last one admitted are replaced (4000); exactly one socket stays
        assertThat(first.awaitClose()).isEqualTo(4000);
        List<WsClient> live = Collections.synchronizedList(new ArrayList<>());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() ->
                results.stream().filter(r -> !((WsClient) r[0]).isClosed()).count() == 1);
        for (Object[] r : results) {
            WsClient c = (WsClient) r[0];
            if (c.isClosed()) {
                assertThat(c.awaitClose()).isEqualTo(4000);
            } else {
                live.add(c);
            }
        }
        Expect.routes(mate, "mate", live.get(0), "a");
        Expect.silent(200, mate);
        live.get(0).close();
        mate.close();
    }

    @Test
    void invalidMessageSentBeforeOpenIsAnsweredAfterOpen() throws Exception {
        String room = freshRoom();
        WsClient b = server.join(room, "b", "tb");
        WsClient a = server.connect(room, "a", "ta");
        a.send("garbage");
        a.send(Frames.offer("b"));
        assertThat(a.next()).isEqualTo(Frames.OPEN);
        assertThat(a.next()).isEqualTo(Frames.INVALID_MESSAGE);
        assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b"));
        a.close();
        b.close();
    }

    @Test
    void basePathMovesThePeerJsEndpointsButNotTheOperatorOnes() throws Exception {
        try (TestServer moved = TestServer.start(TestConfig.defaults().basePath("/.proxy/signal/"))) {
            String room = freshRoom();
            WsClient a = WsClient.connect("ws://127.0.0.1:" + moved.port() + "/.proxy/signal/rooms/" + room
                    + "/peerjs?key=peerjs&id=a&token=t&version=1.5.5");
            assertThat(a.next()).isEqualTo(Frames.OPEN);
            WsClient b = moved.join(room, "b", "t");
            Expect.routes(a, "a", b, "b");
            HttpResponse<String> id = Http.get(moved.http("/.proxy/signal/rooms/" + room + "/peerjs/id"));
            assertThat(id.statusCode()).isEqualTo(200);
            assertThat(id.body()).matches("[A-Za-z0-9-]{1,64}");
            assertThat(Http.get(moved.http("/.proxy/signal/")).statusCode()).isEqualTo(200);
            assertThat(Http.get(moved.http("/health")).statusCode()).isEqualTo(200);
            assertThat(Http.get(moved.http("/metrics")).body()).contains("peerroom_peers_connected");
            // the old location is not served
            assertThat(Http.get(moved.http("/rooms/" + room + "/peerjs/id")).statusCode()).isEqualTo(404);
            assertThatThrownBy(() -> HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
                    URI.create("ws://127.0.0.1:" + moved.port() + "/rooms/" + room + "/peerjs?key=peerjs&id=c&token=t"),
                    new WebSocket.Listener() { }).join())
                    .isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
            a.close();
            b.close();
        }
    }

    @Test
    void disallowedOriginGets403BeforeTheUpgrade() throws Exception {
        try (TestServer guarded = TestServer.start(TestConfig.defaults().allowedOrigins("https://game.example.com"))) {
            String room = freshRoom();
            String url = guarded.socketUrl(room, "a", "t");
            WsClient ok = WsClient.connect(url, "https://game.example.com");
            assertThat(ok.next()).isEqualTo(Frames.OPEN);
            assertThatThrownBy(() -> WsClient.connect(guarded.socketUrl(room, "b", "t"), "https://evil.example.com"))
                    .isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> assertThat(((WebSocketHandshakeException) e).getResponse().statusCode()).isEqualTo(403));
            // the refused origin never joined: b is free
            WsClient b = guarded.join(room, "b", "t2");
            Expect.routes(ok, "a", b, "b");
            ok.close();
            b.close();
        }
    }

    @Test
    void emptiedRoomGoesIdleThenHibernatesAndCanBeJoinedAgain() throws Exception {
        try (TestServer ttl = TestServer.start(TestConfig.defaults().idleRoomTtl(Duration.ofMillis(400)))) {
            String room = freshRoom();
            String idle = "peerroom_rooms{state=\"idle\"";
            String active = "peerroom_rooms{state=\"active\"";
            WsClient a = ttl.join(room, "a", "t");
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> Http.sampleStartingWith(Http.get(ttl.http("/metrics")).body(), active) == 1);
            a.send(Frames.CLIENT_LEAVE);
            assertThat(a.awaitClose()).isEqualTo(1000);
            Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> Http.sampleStartingWith(Http.get(ttl.http("/metrics")).body(), idle) == 1);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> {
                String m = Http.get(ttl.http("/metrics")).body();
                return Http.sampleStartingWith(m, idle) == 0 && Http.sampleStartingWith(m, active) == 0
                        && Http.sampleStartingWith(m, "peerroom_rooms_hibernated_total") >= 1;
            });
            WsClient again = ttl.join(room, "a", "t2");
            WsClient b = ttl.join(room, "b", "t");
            Expect.routes(again, "a", b, "b");
            assertThat(Http.sampleStartingWith(Http.get(ttl.http("/metrics")).body(), active)).isEqualTo(1);
            again.close();
            b.close();
        }
    }
}
