package dev.peerroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.integration.Frames;
import dev.peerroom.integration.WsClient;
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

/** The admin kick across two node processes on a real redis-server: asked of node A, done by node B. */
class ClusterKickTest {
    private static final String TOKEN = "cluster-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static RedisServerProcess redis;
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;
    private final List<WsClient> clients = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisServerProcess.start();
        nodeA = NodeProcess.start("--redis", redis.uri(), "--cluster-lease", "2s", "--admin-token", TOKEN);
        nodeB = NodeProcess.start("--redis", redis.uri(), "--cluster-lease", "2s", "--admin-token", TOKEN);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(WsClient::close);
    }

    private WsClient join(NodeProcess node, String room, String id) {
        WsClient c = WsClient.connect(node.socketUrl(room, id, "tok-" + id));
        clients.add(c);
        assertThat(c.next()).as("%s's join", id).isEqualTo(Frames.OPEN);
        return c;
    }

    private static HttpResponse<String> call(NodeProcess node, String method, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aKickSentToOneNodeReachesThePeerOnTheOtherAndEveryMateHearsLeave() throws Exception {
        String room = SpreadRoomContract.freshRoom();
        WsClient onA = join(nodeA, room, "a");
        WsClient kicked = join(nodeB, room, "b");
        WsClient mateOnB = join(nodeB, room, "c");
        String nodeBId = JSON.readTree(call(nodeB, "GET", "/admin/rooms/" + room).body()).get("node").asText();

        HttpResponse<String> reply = call(nodeA, "DELETE", "/admin/rooms/" + room + "/peers/b");

        assertThat(reply.statusCode()).as(reply.body()).isEqualTo(202);
        JsonNode body = JSON.readTree(reply.body());
        assertThat(body.get("kicked").asText()).isEqualTo("b");
        assertThat(body.get("node").asText()).isEqualTo(nodeBId).isNotEqualTo("local");
        assertThat(kicked.next()).isEqualTo("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Kicked\",\"code\":\"KICKED\"}}");
        assertThat(kicked.awaitClose()).isEqualTo(1008);
        assertThat(onA.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"b\"}");
        assertThat(mateOnB.next()).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"b\"}");
        // The id is free in the whole cluster: b joins again, this time on node A.
        join(nodeA, room, "b");
    }

    @Test
    void aKickForAPeerNobodyHoldsIs404OnEveryNode() throws Exception {
        String room = SpreadRoomContract.freshRoom();
        join(nodeB, room, "b");
        assertThat(call(nodeA, "DELETE", "/admin/rooms/" + room + "/peers/nobody").statusCode()).isEqualTo(404);
        assertThat(call(nodeB, "DELETE", "/admin/rooms/" + room + "/peers/nobody").statusCode()).isEqualTo(404);
        // Node A holds no part of the room, so its detail answer is 404 while B's is not.
        assertThat(call(nodeA, "GET", "/admin/rooms/" + room).statusCode()).isEqualTo(404);
        assertThat(call(nodeB, "GET", "/admin/rooms/" + room).statusCode()).isEqualTo(200);
    }
}
