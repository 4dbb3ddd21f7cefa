package dev.peerroom.transport;

import static dev.peerroom.transport.EmbeddedServer.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The HTTP side of the server pipeline, on an EmbeddedChannel per connection. */
class HttpEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PEER_ID = "[A-Za-z0-9-]{1,64}";

    private EmbeddedServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private EmbeddedServer start(TestConfigs config) {
        server = new EmbeddedServer(config.build());
        return server;
    }

    private EmbeddedServer start() {
        return start(TestConfigs.defaults());
    }

    private static JsonNode json(HttpReply reply) throws Exception {
        return JSON.readTree(reply.body());
    }

    @Test
    void healthIsJsonWithStatusAndRoomCount() throws Exception {
        start();
        HttpReply reply = server.connect().get("/health");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
        assertThat(json(reply).get("status").asText()).isEqualTo("UP");
        assertThat(json(reply).get("rooms").asInt()).isZero();
        assertThat(reply.header(HttpHeaderNames.CONTENT_LENGTH)).isEqualTo(String.valueOf(reply.body().length()));
    }

    @Test
    void healthCountsRoomsAndReportsDownWhenUnhealthy() throws Exception {
        start();
        server.join("a");
        server.healthy.set(false);

        HttpReply reply = server.connect().get("/health");

        assertThat(reply.status()).isEqualTo(503);
        assertThat(json(reply).get("status").asText()).isEqualTo("DOWN");
        assertThat(json(reply).get("rooms").asInt()).isEqualTo(1);
    }

    @Test
    void metricsIsPrometheusText() {
        start();
        HttpReply reply = server.connect().get("/metrics");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        assertThat(reply.body()).isEqualTo(EmbeddedServer.METRICS);
    }

    @Test
    void basePathAnswersInfoJson() throws Exception {
        start();
        HttpReply reply = server.connect().get("/");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
        assertThat(json(reply).get("name").asText()).isEqualTo("PeerRoom");
        assertThat(json(reply).isObject()).isTrue();
    }

    @Test
    void idIsAFreshPlainTextPeerIdWithCors() {
        start();
        Client client = server.connect();
        HttpReply first = client.get("/rooms/" + ROOM + "/peerjs/id");
        HttpReply second = client.get("/rooms/" + ROOM + "/peerjs/id", "Origin", "https://app.example");

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header(HttpHeaderNames.CONTENT_TYPE)).startsWith("text/plain");
        assertThat(first.body()).matches(PEER_ID).doesNotEndWith("\n");
        assertThat(first.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body()).matches(PEER_ID).isNotEqualTo(first.body());
        assertThat(second.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example");
        assertThat(client.isOpen()).as("HTTP/1.1 keep-alive").isTrue();
    }

    @Test
    void idsAreNotInUseInTheRoom() {
        start();
        server.join("a");
        Set<String> seen = new HashSet<>();
        Client client = server.connect();
        for (int i = 0; i < 20; i++) {
            String id = client.get("/rooms/" + ROOM + "/peerjs/id").body();
            assertThat(id).matches(PEER_ID).isNotEqualTo("a");
            seen.add(id);
        }
        assertThat(seen).hasSize(20);
    }

    @Test
    void idForAnInvalidRoomIs400() {
        start();
        for (String room : List.of("123", "023456789012345678", "18446744073709551616", "12345678901234567x")) {
            HttpReply reply = server.connect().get("/rooms/" + room + "/peerjs/id");
            assertThat(reply.status()).as(room).isEqualTo(400);
            assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
        }
        // The largest snowflake is still a room.
        assertThat(server.connect().get("/rooms/18446744073709551615/peerjs/id").status()).isEqualTo(200);
    }

    @Test
    void idWithTheWrongKeyIs403() {
        start();
        HttpReply reply = server.connect().get("/rooms/" + ROOM + "/nope/id");

        assertThat(reply.status()).isEqualTo(403);
        assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("*");
    }

    @Test
    void peersIs401WhenDiscoveryIsOff() {
        start();
        server.join("a");

        HttpReply reply = server.connect().get("/rooms/" + ROOM + "/peerjs/peers");

        assertThat(reply.status()).isEqualTo(401);
        assertThat(reply.body()).doesNotContain("\"a\"");
    }

    @Test
    void peersListsTheRoomWhenDiscoveryIsOn() throws Exception {
        start(TestConfigs.defaults().discovery(true));
        Client client = server.connect();
        HttpReply empty = client.get("/rooms/" + ROOM + "/peerjs/peers");
        server.join("a");
        server.join("b-2");
        HttpReply two = client.get("/rooms/" + ROOM + "/peerjs/peers");

        assertThat(empty.status()).isEqualTo(200);
        assertThat(empty.header(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
        assertThat(json(empty).isArray()).isTrue();
        assertThat(json(empty)).isEmpty();
        assertThat(two.status()).isEqualTo(200);
        assertThat(JSON.convertValue(json(two), List.class)).containsExactlyInAnyOrder("a", "b-2");
        assertThat(server.connect().get("/rooms/" + ROOM + "/nope/peers").status()).isEqualTo(403);
    }

    @Test
    void unknownPathsAre404() {
        start();
        for (String path : List.of("/nope", "/rooms", "/rooms/" + ROOM, "/rooms/" + ROOM + "/peerjs/other",
                "/rooms/" + ROOM + "/peerjs", "/rooms/" + ROOM + "/peerjs/id/more", "/peerjs/id")) {
            HttpReply reply = server.connect().get(path);
            assertThat(reply.status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void otherMethodsAre405() {
        start();
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
            HttpReply reply = server.connect().request(method, "/rooms/" + ROOM + "/peerjs/id");
            assertThat(reply.status()).as(method.name()).isEqualTo(405);
        }
        assertThat(server.connect().request(HttpMethod.POST, "/health").status()).isEqualTo(405);
    }

    @Test
    void preflightIs204WithCorsHeaders() {
        start();
        HttpReply reply = server.connect().request(HttpMethod.OPTIONS, "/rooms/" + ROOM + "/peerjs/id",
                "Origin", "https://app.example",
                "Access-Control-Request-Method", "GET",
                "Access-Control-Request-Headers", "content-type, x-custom");

        assertThat(reply.status()).isEqualTo(204);
        assertThat(reply.body()).isEmpty();
        assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://app.example");
        assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).contains("GET");
        assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS)).isEqualTo("content-type, x-custom");
        assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE)).isEqualTo("600");
        assertThat(reply.header(HttpHeaderNames.VARY)).containsIgnoringCase("origin");
    }

    @Test
    void allowListReflectsListedOriginsOnly() {
        start(TestConfigs.defaults().allowedOrigins("https://game.example", "https://other.example"));
        String path = "/rooms/" + ROOM + "/peerjs/id";

        HttpReply listed = server.connect().get(path, "Origin", "https://game.example");
        HttpReply unlisted = server.connect().get(path, "Origin", "https://evil.example");
        HttpReply preflight = server.connect().request(HttpMethod.OPTIONS, path,
                "Origin", "https://evil.example", "Access-Control-Request-Method", "GET");

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://game.example");
        assertThat(unlisted.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(preflight.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(preflight.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).isFalse();
    }

    @Test
    void customBasePathMovesTheApiButNotTheOperatorEndpoints() throws Exception {
        start(TestConfigs.defaults().basePath("/game/"));

        assertThat(json(server.connect().get("/game/")).get("name").asText()).isEqualTo("PeerRoom");
        assertThat(json(server.connect().get("/game")).get("name").asText()).isEqualTo("PeerRoom");
        assertThat(server.connect().get("/gam").status()).isEqualTo(404);
        assertThat(server.connect().get("/game/rooms/" + ROOM + "/peerjs/id").body()).matches(PEER_ID);
        assertThat(server.connect().get("/health").status()).isEqualTo(200);
        assertThat(server.connect().get("/metrics").status()).isEqualTo(200);
        assertThat(server.connect().get("/game/health").status()).isEqualTo(404);
        assertThat(server.connect().get("/").status()).isEqualTo(404);
        assertThat(server.connect().get("/rooms/" + ROOM + "/peerjs/id").status()).isEqualTo(404);

        Client moved = server.connect();
        assertThat(moved.upgrade("/game/rooms/" + ROOM + "/peerjs?key=peerjs&id=a&token=t", null).status())
                .isEqualTo(101);
        assertThat(moved.nextText()).isEqualTo("{\"type\":\"OPEN\"}");
        Client old = server.connect();
        assertThat(old.upgrade("/rooms/" + ROOM + "/peerjs?key=peerjs&id=b&token=t", null).status()).isEqualTo(404);
    }

    @Test
    void connectionCloseIsHonoured() {
        start();
        Client client = server.connect();
        HttpReply reply = client.get("/health", "Connection", "close");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void malformedRequestIs400() {
        start();
        Client client = server.connect();
        client.server.writeInbound(Unpooled.copiedBuffer("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                StandardCharsets.US_ASCII));
        HttpReply reply = client.readHttpReply();

        assertThat(reply.status()).isEqualTo(400);
        assertThat(client.isOpen()).isFalse();
    }
}
