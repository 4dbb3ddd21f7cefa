package dev.peerroom.cluster;

import static dev.peerroom.integration.Frames.OPEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peerroom.integration.Frames;
import dev.peerroom.integration.WsClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failures the cluster must survive, on real processes: a node killed with SIGKILL, Redis frozen
 * for longer than the lease, Redis restarted empty, and the inbox subscription cut. Each test
 * builds its own cluster (lease 2 s unless it measures the default).
 */
class ClusterChaosTest {
    private RedisServerProcess redis;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private final List<WsClient> clients = new ArrayList<>();

    private void startCluster(int count, String lease) throws Exception {
        redis = RedisServerProcess.start();
        for (int i = 0; i < count; i++) {
            nodes.add(NodeProcess.start("--redis", redis.uri(), "--cluster-lease", lease, "--hold-timeout", "1s"));
        }
    }

    @AfterEach
    void stopAll() throws Exception {
        for (WsClient c : clients) {
            c.close();
        }
        for (NodeProcess n : nodes) {
            n.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private WsClient join(int node, String room, String id) {
        WsClient c = WsClient.connect(nodes.get(node).socketUrl(room, id, "tok-" + id));
        clients.add(c);
        assertThat(c.next()).as("%s joins on node %d", id, node).isEqualTo(OPEN);
        return c;
    }

    /** Waits for the next frame up to {@code max} and returns the elapsed milliseconds. */
    private static long millisUntil(WsClient c, String expected, Duration max) throws InterruptedException {
        long start = System.nanoTime();
        String frame = c.poll(max.toMillis());
        assertThat(frame).as("frame within %s", max).isEqualTo(expected);
        return (System.nanoTime() - start) / 1_000_000;
    }

    @Test
    void aKilledNodesPeersExpireToTheirMatesOnTheOtherNodes() throws Exception {
        startCluster(3, "2s");
        String room = SpreadRoomContract.freshRoom();
        WsClient a = join(0, room, "a");
        join(1, room, "b");
        WsClient c = join(2, room, "c");
        nodes.get(1).kill();
        long toA = millisUntil(a, Frames.expireStale("b"), Duration.ofSeconds(10));
        assertThat(c.poll(2_000)).isEqualTo(Frames.expireStale("b"));
        System.out.printf("cluster: mates heard EXPIRE %d ms after the node was killed (lease 2 s)%n", toA);
        assertThat(toA).isLessThanOrEqualTo(2_500 + 1_000);
        // The dead peer's seat and id are free again.
        join(0, room, "b");
    }

    @Test
    void withTheDefaultLeaseADeadNodeIsNoticedWithin15Seconds() throws Exception {
        startCluster(2, "10s");
        String room = SpreadRoomContract.freshRoom();
        WsClient a = join(0, room, "a");
        join(1, room, "b");
        nodes.get(1).kill();
        long took = millisUntil(a, Frames.expireStale("b"), Duration.ofSeconds(20));
        System.out.printf("cluster: mates heard EXPIRE %d ms after the node was killed (lease 10 s)%n", took);
        assertThat(took).isLessThanOrEqualTo(15_000);
    }

    @Test
    void aNodeCutOffFromRedisFencesItselfAndServesAgainWhenRedisAnswers() throws Exception {
        startCluster(2, "2s");
        String room = SpreadRoomContract.freshRoom();
        WsClient a = join(0, room, "a");
        WsClient b = join(1, room, "b");
        redis.freeze();
        long frozenAt = System.nanoTime();
        try {
            assertThat(a.awaitClose()).isEqualTo(1012);
            System.out.printf("cluster: fenced (sockets closed with 1012) %d ms after Redis froze (lease 2 s)%n",
                    (System.nanoTime() - frozenAt) / 1_000_000);
            assertThat(b.awaitClose()).isEqualTo(1012);
            assertThat(nodes.get(0).healthStatus()).isEqualTo(503);
        } finally {
            redis.thaw();
        }
        assertServesAgain(room);
    }

    /** Both nodes are healthy again, and a and b can rejoin on them and reach each other. */
    private void assertServesAgain(String room) {
        await().atMost(Duration.ofSeconds(10)).until(() -> nodes.get(0).healthStatus() == 200
                && nodes.get(1).healthStatus() == 200);
        WsClient a2 = join(0, room, "a");
        WsClient b2 = join(1, room, "b");
        a2.send(Frames.candidate("b", "dc_again"));
        assertThat(b2.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_again"));
        b2.send(Frames.candidate("a", "dc_back"));
        assertThat(a2.next()).isEqualTo(Frames.routedCandidate("b", "a", "dc_back"));
    }

    @Test
    void afterRedisRestartsEmptyTheNodesRecoverWithoutARestart() throws Exception {
        startCluster(2, "2s");
        String room = SpreadRoomContract.freshRoom();
        WsClient a = join(0, room, "a");
        WsClient b = join(1, room, "b");
        redis.restart();
        // Their claims are gone with Redis' data: the sockets close with 1012 and the clients rejoin.
        assertThat(a.awaitClose()).isEqualTo(1012);
        assertThat(b.awaitClose()).isEqualTo(1012);
        assertServesAgain(room);
    }

    @Test
    void aCutSubscriptionIsRestoredAndRoutingResumes() throws Exception {
        startCluster(2, "2s");
        String room = SpreadRoomContract.freshRoom();
        WsClient a = join(0, room, "a");
        WsClient b = join(1, room, "b");
        assertThat(redis.command("CLIENT KILL TYPE pubsub")).startsWith(":");
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).until(() -> {
            a.send(Frames.candidate("b", "dc_s"));
            String got = b.poll(300);
            return Frames.routedCandidate("a", "b", "dc_s").equals(got);
        });
        assertThat(nodes.get(0).healthStatus()).isEqualTo(200);
    }
}
