package dev.peerroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.integration.Expect;
import dev.peerroom.integration.Frames;
import dev.peerroom.integration.WsClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * peerjs-server's classic namespace on two nodes of one Redis (started with the real flags): it
 * is one room to the engine, so peers on different nodes signal each other, the concurrent limit
 * holds for the whole cluster, and departures are announced to nobody on either node.
 */
class ClusterClassicNamespaceTest {
    private static final String CONCURRENT_LIMIT =
            Frames.error("Server has reached its concurrent user limit", "CONCURRENT_LIMIT");
    private static RedisServerProcess redis;
    private static NodeProcess nodeA;
    private static NodeProcess nodeB;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        String[] settings = {"--redis", redis.uri(), "--cluster-lease", "2s", "--peerjs-compat", "--concurrent-limit", "3"};
        nodeA = NodeProcess.start(settings);
        nodeB = NodeProcess.start(settings);
    }

    @AfterAll
    static void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {nodeA, nodeB, redis}) {
            if (c != null) {
                c.close();
            }
        }
    }

    private static WsClient join(NodeProcess node, String urlId, String token) {
        WsClient client = WsClient.connect("ws://127.0.0.1:" + node.port() + "/peerjs?key=peerjs&id=" + urlId
                + "&token=" + token + "&version=1.5.5");
        assertThat(client.next()).as("answer to %s", urlId).isEqualTo(Frames.OPEN);
        return client;
    }

    @Test
    void peersOnTwoNodesSignalEachOtherAndTheLimitIsClusterWide() throws Exception {
        WsClient left = join(nodeA, "left_side", "ta");
        WsClient right = join(nodeB, "right%20side", "tb");

        left.send(Frames.offer("right side"));
        assertThat(right.next()).isEqualTo(Frames.routedOffer("left_side", "right side"));
        right.send(Frames.answer("left_side"));
        assertThat(left.next()).isEqualTo(Frames.routed("ANSWER", "right side", "left_side", Frames.answerPayload("dc_abc")));
        assertThat(redis.command("HLEN " + RedisKeys.members("classic"))).isEqualTo(":2");

        WsClient third = join(nodeA, "third", "tc");
        WsClient fourth = WsClient.connect("ws://127.0.0.1:" + nodeB.port() + "/peerjs?key=peerjs&id=fourth&token=td");
        Expect.refused(fourth, CONCURRENT_LIMIT, 1008);

        // No departure is announced, on the node it left or on the other.
        right.send(Frames.CLIENT_LEAVE);
        assertThat(right.awaitClose()).isEqualTo(1000);
        Expect.silent(700, left, third);
        left.close();
        third.close();
    }
}
