package dev.peerroom.transport;

import static dev.peerroom.transport.EmbeddedServer.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.config.OperatorSettings;
import dev.peerroom.config.OperatorSettings.StatusPage;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The admin API on the server pipeline (EmbeddedChannel per connection): token, routes, answers. */
class AdminApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "s3cret-admin-token";
    private static final String[] AUTH = {"Authorization", "Bearer " + TOKEN};

    private EmbeddedServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private EmbeddedServer start(String adminToken) {
        server = new EmbeddedServer(TestConfigs.defaults().build()
                .withOperator(OperatorSettings.defaults().withAdminToken(adminToken, StatusPage.OFF)));
        return server;
    }

    private static JsonNode json(HttpReply reply) throws Exception {
        assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).as(reply.toString()).startsWith("application/json");
        return JSON.readTree(reply.body());
    }

    @Test
    void withoutATokenTheApiIsOffAndEveryPathIs404Json() throws Exception {
        start(null);
        for (String path : List.of("/admin", "/admin/", "/admin/rooms", "/admin/rooms/" + ROOM)) {
            HttpReply reply = server.connect().get(path, AUTH);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(json(reply).get("error").asText()).as(path).contains("admin API is off");
        }
        HttpReply kick = server.connect().request(HttpMethod.DELETE, "/admin/rooms/" + ROOM + "/peers/a", AUTH);
        assertThat(kick.status()).isEqualTo(404);
    }

    @Test
    void aMissingTokenIs401WithABearerChallenge() throws Exception {
        start(TOKEN);
        // Before the path is looked at: an unknown path without a token says 401 too.
        for (String path : List.of("/admin/rooms", "/admin/nope")) {
            HttpReply reply = server.connect().get(path);
            assertThat(reply.status()).as(path).isEqualTo(401);
            assertThat(reply.header(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"peerroom\"");
            assertThat(json(reply).get("error").asText()).contains("Authorization: Bearer");
        }
        HttpReply basic = server.connect().get("/admin/rooms", "Authorization", "Basic YWRtaW46YWRtaW4=");
        assertThat(basic.status()).isEqualTo(401);
    }

    @Test
    void aWrongTokenIs401WithInvalidToken() throws Exception {
        start(TOKEN);
        for (String wrong : List.of(TOKEN + "x", TOKEN.substring(1), "", "S3CRET-ADMIN-TOKEN")) {
            HttpReply reply = server.connect().get("/admin/rooms", "Authorization", "Bearer " + wrong);
            assertThat(reply.status()).as(wrong).isEqualTo(401);
            assertThat(reply.header(HttpHeaderNames.WWW_AUTHENTICATE)).as(wrong).startsWith("Bearer realm=\"peerroom\"");
        }
        HttpReply wrong = server.connect().get("/admin/rooms", "Authorization", "Bearer nope");
        assertThat(wrong.header(HttpHeaderNames.WWW_AUTHENTICATE)).contains("error=\"invalid_token\"");
        assertThat(json(wrong).get("error").asText()).contains("not valid");
        // The scheme is case-insensitive (RFC 7235); the token is not.
        assertThat(server.connect().get("/admin/rooms", "Authorization", "bearer " + TOKEN).status()).isEqualTo(200);
    }

    @Test
    void roomsListsEveryRoomWithTheSeedsFields() throws Exception {
        start(TOKEN);
        long created = server.clock.millis();
        server.join("a");
        server.clock.advance(1500);
        server.join("b-2");

        HttpReply reply = server.connect().get("/admin/rooms", AUTH);

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        JsonNode body = json(reply);
        assertThat(body.get("node").asText()).isEqualTo("local");
        assertThat(body.get("rooms")).hasSize(1);
        JsonNode room = body.get("rooms").get(0);
        assertThat(room.get("roomId").asText()).isEqualTo(ROOM);
        assertThat(JSON.convertValue(room.get("peers"), List.class)).containsExactly("a", "b-2");
        assertThat(room.get("peerCount").asInt()).isEqualTo(2);
        assertThat(room.get("maxPeers").asInt()).isEqualTo(4);
        assertThat(room.get("createdAt").asLong()).isEqualTo(created);
        assertThat(room.get("createdAtIso").asText()).isEqualTo(Instant.ofEpochMilli(created).toString());
        assertThat(room.get("lastActivityAt").asLong()).isEqualTo(created + 1500);
        assertThat(room.get("lastActivityAtIso").asText()).isEqualTo(Instant.ofEpochMilli(created + 1500).toString());
        assertThat(room.get("state").asText()).isEqualTo("active");
    }

    @Test
    void anEmptyNodeListsNoRooms() throws Exception {
        start(TOKEN);
        assertThat(json(server.connect().get("/admin/rooms", AUTH)).get("rooms")).isEmpty();
    }

    @Test
    void oneRoomOr404() throws Exception {
        start(TOKEN);
        server.join("a");

        HttpReply found = server.connect().get("/admin/rooms/" + ROOM, AUTH);
        HttpReply missing = server.connect().get("/admin/rooms/223456789012345678", AUTH);

        assertThat(found.status()).isEqualTo(200);
        assertThat(json(found).get("roomId").asText()).isEqualTo(ROOM);
        assertThat(json(found).get("node").asText()).isEqualTo("local");
        assertThat(JSON.convertValue(json(found).get("peers"), List.class)).containsExactly("a");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).get("error").asText()).contains("no such room");
    }

    @Test
    void aKickClosesThePeerWith1008AndItsMatesHearLeave() throws Exception {
        start(TOKEN);
        Client a = server.join("a");
        Client b = server.join("b");

        HttpReply reply = server.connect().request(HttpMethod.DELETE, "/admin/rooms/" + ROOM + "/peers/b", AUTH);

        assertThat(reply.status()).isEqualTo(200);
        JsonNode body = json(reply);
        assertThat(body.get("kicked").asText()).isEqualTo("b");
        assertThat(body.get("roomId").asText()).isEqualTo(ROOM);
        assertThat(body.get("node").asText()).isEqualTo("local");
        assertThat(b.nextText()).isEqualTo("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Kicked\",\"code\":\"KICKED\"}}");
        WsFrame close = b.nextClose();
        assertThat(close.closeStatus()).isEqualTo(1008);
        assertThat(close.closeReason()).isEqualTo("Kicked");
        assertThat(a.nextText()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"b\"}");
        // Gone: a second kick finds nobody, and the id is free for a new join.
        HttpReply again = server.connect().request(HttpMethod.DELETE, "/admin/rooms/" + ROOM + "/peers/b", AUTH);
        assertThat(again.status()).isEqualTo(404);
        assertThat(json(again).get("error").asText()).contains("No such peer");
        server.join("b");
    }

    @Test
    void aKickInAnUnknownRoomIs404() throws Exception {
        start(TOKEN);
        HttpReply reply = server.connect().request(HttpMethod.DELETE, "/admin/rooms/223456789012345678/peers/a", AUTH);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(json(reply).has("error")).isTrue();
    }

    @Test
    void theWrongMethodIs405WithAllow() throws Exception {
        start(TOKEN);
        record Case(HttpMethod method, String path, String allow) {
        }
        for (Case c : List.of(
                new Case(HttpMethod.POST, "/admin/rooms", "GET"),
                new Case(HttpMethod.DELETE, "/admin/rooms", "GET"),
                new Case(HttpMethod.OPTIONS, "/admin/rooms", "GET"),
                new Case(HttpMethod.PUT, "/admin/rooms/" + ROOM, "GET"),
                new Case(HttpMethod.GET, "/admin/rooms/" + ROOM + "/peers/a", "DELETE"),
                new Case(HttpMethod.POST, "/admin/rooms/" + ROOM + "/peers/a", "DELETE"))) {
            HttpReply reply = server.connect().request(c.method(), c.path(), "Authorization", "Bearer " + TOKEN,
                    "Origin", "https://evil.example");
            assertThat(reply.status()).as(c.toString()).isEqualTo(405);
            assertThat(reply.header(HttpHeaderNames.ALLOW)).as(c.toString()).isEqualTo(c.allow());
            assertThat(json(reply).has("error")).isTrue();
            assertThat(reply.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        }
    }

    @Test
    void malformedPathsAre404() throws Exception {
        start(TOKEN);
        server.join("a");
        for (String path : List.of("/admin", "/admin/", "/admin/rooms/", "/admin/room", "/admin/rooms//peers/a",
                "/admin/rooms/" + ROOM + "/peers", "/admin/rooms/" + ROOM + "/people/a",
                "/admin/rooms/" + ROOM + "/peers/a/more", "/admin/rooms/%zz", "/admin/rooms/" + ROOM + "%2Fpeers%2Fa")) {
            HttpReply reply = server.connect().get(path, AUTH);
            assertThat(reply.status()).as(path).isEqualTo(404);
            assertThat(json(reply).has("error")).as(path).isTrue();
        }
    }

    @Test
    void answersCarryNoCorsHeadersWhateverTheOrigin() {
        start(TOKEN);
        HttpReply reply = server.connect().get("/admin/rooms", "Authorization", "Bearer " + TOKEN,
                "Origin", "https://evil.example");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
    }

    @Test
    void idsAreEscapedInJson() throws Exception {
        start(TOKEN);
        // Not a valid peer id, so nobody holds it; the 404 answer is still valid JSON.
        HttpReply reply = server.connect().request(HttpMethod.DELETE,
                "/admin/rooms/" + ROOM + "/peers/%22quoted%22%5Cback", AUTH);
        assertThat(reply.status()).isEqualTo(404);
        assertThat(json(reply).get("error").isTextual()).isTrue();
    }
}
