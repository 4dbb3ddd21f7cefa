package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.config.OperatorSettings;
import dev.peerroom.config.OperatorSettings.StatusPage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin API and the status data over real sockets, with real WebSocket peers. */
class AdminApiIntegrationTest {
    private static final String TOKEN = "integration-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestServer server;
    private static long roomSeq = 600000000000000000L;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(TestConfig.defaults().build()
                .withOperator(OperatorSettings.defaults().withAdminToken(TOKEN, StatusPage.PUBLIC)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    private WsClient join(String room, String id) {
        WsClient c = server.join(room, id, "tok-" + id);
        clients.add(c);
        return c;
    }

    private static HttpResponse<String> call(String method, String path, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.http(path)))
                .timeout(Duration.ofSeconds(10)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode roomIn(JsonNode list, String roomId) {
        for (JsonNode room : list.get("rooms")) {
            if (room.get("roomId").asText().equals(roomId)) {
                return room;
            }
        }
        return null;
    }

    @Test
    void listAndDetailShowTheRoomsAndTheirPeers() throws Exception {
        String room = freshRoom();
        String other = freshRoom();
        join(room, "a");
        join(room, "b");
        join(other, "solo");

        HttpResponse<String> list = call("GET", "/admin/rooms", TOKEN);
        HttpResponse<String> detail = call("GET", "/admin/rooms/" + room, TOKEN);

        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.headers().firstValue("content-type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        JsonNode listed = roomIn(JSON.readTree(list.body()), room);
        assertThat(listed).isNotNull();
        assertThat(JSON.convertValue(listed.get("peers"), List.class)).containsExactly("a", "b");
        assertThat(listed.get("state").asText()).isEqualTo("active");
        assertThat(roomIn(JSON.readTree(list.body()), other).get("peerCount").asInt()).isEqualTo(1);
        assertThat(detail.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(detail.body()).get("maxPeers").asInt()).isEqualTo(4);
        assertThat(call("GET", "/admin/rooms/" + freshRoom(), TOKEN).statusCode()).isEqualTo(404);
        assertThat(call("GET", "/admin/rooms", null).statusCode()).isEqualTo(401);
        assertThat(call("GET", "/admin/rooms", "wrong").statusCode()).isEqualTo(401);
    }

    @Test
    void aKickedSocketSeesErrorKickedAndClose1008AndItsMatesSeeLeave() throws Exception {
        String room = freshRoom();
        WsClient a = join(room, "a");
        WsClient b = join(room, "b");
        WsClient c = join(room, "c");

        HttpResponse<String> kick = call("DELETE", "/admin/rooms/" + room + "/peers/b", TOKEN);

        assertThat(kick.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(kick.body());
        assertThat(body.get("kicked").asText()).isEqualTo("b");
        assertThat(body.get("roomId").asText()).isEqualTo(room);
        assertThat(b.next()).isEqualTo("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Kicked\",\"code\":\"KICKED\"}}");
        assertThat(b.awaitClose()).isEqualTo(1008);
        assertThat(a.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"b\"}");
        assertThat(c.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"b\"}");
        assertThat(call("DELETE", "/admin/rooms/" + room + "/peers/b", TOKEN).statusCode()).isEqualTo(404);
        assertThat(JSON.convertValue(JSON.readTree(call("GET", "/admin/rooms/" + room, TOKEN).body()).get("peers"),
                List.class)).containsExactly("a", "c");
        // Not a ban: b joins again at once and is routed to.
        WsClient again = join(room, "b");
        Expect.routes(a, "a", again, "b");
    }

    @Test
    void theStatusDataCountsRoomsPeersAndTheMessageRate() throws Exception {
        String room = freshRoom();
        WsClient a = join(room, "a");
        WsClient b = join(room, "b");

        // The sampler runs once a second on the node's clock: keep routing until a sample sees it.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (int i = 0; i < 5; i++) {
                a.send(Frames.candidate("b", "dc_rate" + i));
            }
            JsonNode status = JSON.readTree(call("GET", "/status.json", null).body());
            return status.get("messagesPerSecond").asDouble() > 0 && status.get("peers").asLong() >= 2
                    && status.get("rooms").asLong() >= 1 && status.get("history").size() >= 2;
        });
        assertThat(b.next()).startsWith("{\"type\":\"CANDIDATE\",\"src\":\"a\"");
        HttpResponse<String> page = call("GET", "/status", null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(
                v -> assertThat(v).contains("script-src 'self'"));
    }
}
