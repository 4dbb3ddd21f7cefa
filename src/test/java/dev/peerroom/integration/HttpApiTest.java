package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP API and the operator endpoints, over real sockets. */
class HttpApiTest {
    private static TestServer server;
    private static long roomSeq = 900000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(TestConfig.defaults()
                .heartbeatTimeout(Duration.ofMillis(700)).pingInterval(Duration.ofMillis(200))
                .holdTimeout(Duration.ofMillis(500)).rate(20, Duration.ofSeconds(10), 3));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void idEndpointGivesAFreshValidIdAsPlainTextWithCors() {
        String room = freshRoom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            // exactly what the stock client requests for path "/rooms/<room>/"
            HttpResponse<String> r = Http.get(server.http("/rooms/" + room + "/peerjs/id?ts=1719000000000" + Math.random()
                    + "&version=1.5.5"), "https://activity.example.com");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
            assertThat(r.headers().firstValue("access-control-allow-origin")).isPresent();
            assertThat(r.body()).matches("[A-Za-z0-9-]{1,64}");
            seen.add(r.body());
        }
        assertThat(seen).hasSize(5);
        HttpResponse<String> noOrigin = Http.get(server.http("/rooms/" + room + "/peerjs/id"));
        assertThat(noOrigin.statusCode()).isEqualTo(200);
        assertThat(noOrigin.headers().firstValue("access-control-allow-origin")).isPresent();
    }

    @Test
    void anIdFromTheServerCanJoin() {
        String room = freshRoom();
        String id = Http.get(server.http("/rooms/" + room + "/peerjs/id")).body();
        try (WsClient a = server.join(room, id, "t"); WsClient b = server.join(room, "b", "tb")) {
            Expect.routes(b, "b", a, id);
        }
        // an id that is in use is never handed out: fill the room and ask many times
        String room2 = freshRoom();
        try (WsClient a = server.join(room2, "x", "t")) {
            for (int i = 0; i < 20; i++) {
                assertThat(Http.get(server.http("/rooms/" + room2 + "/peerjs/id")).body()).isNotEqualTo("x");
            }
        }
    }

    @Test
    void idEndpointRefusesABadRoomWith400AndABadKeyWith403() {
        assertThat(Http.get(server.http("/rooms/abc/peerjs/id")).statusCode()).isEqualTo(400);
        assertThat(Http.get(server.http("/rooms/012345678901234567/peerjs/id")).statusCode()).isEqualTo(400);
        assertThat(Http.get(server.http("/rooms/18446744073709551616/peerjs/id")).statusCode()).isEqualTo(400);
        assertThat(Http.get(server.http("/rooms/" + TestServer.ROOM + "/wrongkey/id")).statusCode()).isEqualTo(403);
        assertThat(Http.get(server.http("/rooms/" + TestServer.ROOM + "/PEERJS/id")).statusCode()).isEqualTo(403);
    }

    @Test
    void peersIs401UnlessDiscoveryIsOn() throws Exception {
        assertThat(Http.get(server.http("/rooms/" + TestServer.ROOM + "/peerjs/peers")).statusCode()).isEqualTo(401);
        try (TestServer open = TestServer.start(TestConfig.defaults().discovery(true))) {
            String room = freshRoom();
            HttpResponse<String> empty = Http.get(open.http("/rooms/" + room + "/peerjs/peers"));
            assertThat(empty.statusCode()).isEqualTo(200);
            assertThat(empty.body()).isEqualTo("[]");
            try (WsClient a = open.join(room, "a", "t"); WsClient b = open.join(room, "b-2", "t")) {
                HttpResponse<String> r = Http.get(open.http("/rooms/" + room + "/peerjs/peers"));
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).isIn("[\"a\",\"b-2\"]", "[\"b-2\",\"a\"]");
                assertThat(r.headers().firstValue("access-control-allow-origin")).isPresent();
            }
        }
    }

    @Test
    void healthInfoAnd404() {
        HttpResponse<String> health = Http.get(server.http("/health"));
        assertThat(health.statusCode()).isEqualTo(200);
        HttpResponse<String> info = Http.get(server.http("/"));
        assertThat(info.statusCode()).isEqualTo(200);
        assertThat(info.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
        assertThat(info.body()).startsWith("{").endsWith("}");
        assertThat(Http.get(server.http("/nope")).statusCode()).isEqualTo(404);
        assertThat(Http.get(server.http("/rooms/" + TestServer.ROOM + "/peerjs/other")).statusCode()).isEqualTo(404);
        assertThat(Http.get(server.http("/rooms/" + TestServer.ROOM + "/peerjs")).statusCode()).isEqualTo(404);
    }

    private static String scrape() {
        HttpResponse<String> r = Http.get(server.http("/metrics"));
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        return r.body();
    }

    private static double value(String prefix) {
        return Http.sampleStartingWith(scrape(), prefix);
    }

    private static void awaitIncrease(String prefix, double before) {
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                .untilAsserted(() -> assertThat(value(prefix)).as(prefix).isGreaterThan(before));
    }

    @Test
    void metricsListEveryMeter() {
        String body = scrape();
        assertThat(body).contains("peerroom_peers_connected", "peerroom_messages_routed_total{type=\"OFFER\"",
                "peerroom_errors_total{code=\"ROOM_FULL\"", "peerroom_routing_latency_seconds_bucket",
                "peerroom_heartbeat_expiries_total", "peerroom_messages_held_total", "peerroom_messages_expired_total",
                "peerroom_rate_limit_drops_total", "peerroom_rooms{state=\"active\"");
    }

    @Test
    void routedOfferIsCountedAndTimed() {
        String offers = "peerroom_messages_routed_total{type=\"OFFER\"";
        String latencyCount = "peerroom_routing_latency_seconds_count{type=\"OFFER\"";
        double before = value(offers);
        double timedBefore = value(latencyCount);
        assertThat(before).isGreaterThanOrEqualTo(0);
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "t"); WsClient b = server.join(room, "b", "t")) {
            a.send(Frames.offer("b"));
            assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b"));
            awaitIncrease(offers, before);
            awaitIncrease(latencyCount, timedBefore);
        }
    }

    @Test
    void peersAndActiveRoomsAreGauged() {
        String room = freshRoom();
        double peersBefore = value("peerroom_peers_connected");
        try (WsClient a = server.join(room, "a", "t"); WsClient b = server.join(room, "b", "t")) {
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(value("peerroom_peers_connected")).isGreaterThanOrEqualTo(peersBefore + 2));
            assertThat(value("peerroom_rooms{state=\"active\"")).isGreaterThanOrEqualTo(1);
        }
    }

    @Test
    void roomFullRefusalIsCounted() throws Exception {
        String metric = "peerroom_errors_total{code=\"ROOM_FULL\"";
        double before = value(metric);
        String room = freshRoom();
        java.util.List<WsClient> four = new java.util.ArrayList<>();
        for (String id : java.util.List.of("p1", "p2", "p3", "p4")) {
            four.add(server.join(room, id, "t"));
        }
        Expect.refused(server.connect(room, "p5", "t"), Frames.ROOM_FULL, 1008);
        awaitIncrease(metric, before);
        four.forEach(WsClient::close);
    }

    @Test
    void heldAndExpiredMessagesAreCounted() {
        double held = value("peerroom_messages_held_total");
        double expired = value("peerroom_messages_expired_total");
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "t")) {
            a.send(Frames.offer("ghost"));
            a.send(Frames.candidate("ghost"));
            assertThat(a.next()).isEqualTo(Frames.expire("ghost", "a"));
            Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(value("peerroom_messages_held_total")).isGreaterThanOrEqualTo(held + 2);
                assertThat(value("peerroom_messages_expired_total")).isGreaterThanOrEqualTo(expired + 2);
            });
        }
    }

    @Test
    void rateLimitDropsAreCounted() {
        String metric = "peerroom_rate_limit_drops_total";
        double before = value(metric);
        String room = freshRoom();
        try (WsClient a = server.join(room, "a", "t")) {
            for (int i = 0; i < 23; i++) {
                a.send(Frames.HEARTBEAT);
            }
            assertThat(a.next()).isEqualTo(Frames.RATE_LIMITED);
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(value(metric)).isGreaterThanOrEqualTo(before + 3));
        }
    }

    @Test
    void heartbeatExpiryIsCounted() throws Exception {
        String metric = "peerroom_heartbeat_expiries_total";
        double before = value(metric);
        RawWsClient stale = server.joinRaw(freshRoom(), "s", "t");
        assertThat(stale.awaitClose()).isEqualTo(4001);
        stale.close();
        awaitIncrease(metric, before);
    }
}
