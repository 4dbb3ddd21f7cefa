package dev.peerroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peerroom.integration.Frames;
import dev.peerroom.integration.WsClient;
import io.lettuce.core.RedisClient;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The spread contract on three node processes sharing a real redis-server: peers of a room on different nodes. */
class ClusterContractTest extends SpreadRoomContract {
    private static RedisServerProcess redis;
    private static final List<NodeProcess> NODES = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        redis = RedisServerProcess.start();
        for (int i = 0; i < 3; i++) {
            List<String> args = new ArrayList<>(List.of(SETTINGS));
            args.addAll(List.of("--redis", redis.uri(), "--cluster-lease", "2s"));
            NODES.add(NodeProcess.start(args.toArray(String[]::new)));
        }
    }

    @AfterAll
    static void stopCluster() throws Exception {
        for (NodeProcess n : NODES) {
            n.close();
        }
        NODES.clear();
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    int nodes() {
        return NODES.size();
    }

    @Override
    int port(int i) {
        return NODES.get(i).port();
    }

    @Test
    void messagesBetweenPeersOnTheSameNodeNeverTouchRedis() throws Exception {
        List<String> inboxTraffic = new CopyOnWriteArrayList<>();
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisPubSubConnection<byte[], byte[]> spy = client.connectPubSub(ByteArrayCodec.INSTANCE)) {
            spy.addListener(new RedisPubSubAdapter<>() {
                @Override
                public void message(byte[] pattern, byte[] channel, byte[] message) {
                    inboxTraffic.add(new String(message, StandardCharsets.UTF_8));
                }
            });
            spy.sync().psubscribe("peerroom:node:*".getBytes(StandardCharsets.UTF_8));
            String room = freshRoom();
            WsClient a = join(0, room, "a");
            WsClient b = join(3, room, "b"); // node 3 mod 3 = node 0, like a
            for (int i = 0; i < 10; i++) {
                a.send(Frames.candidate("b", "dc_same" + i));
                assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_same" + i));
            }
            b.send(Frames.candidate("a", "dc_back"));
            assertThat(a.next()).isEqualTo(Frames.routedCandidate("b", "a", "dc_back"));
            // The spy works: the nodes' own probes (every quarter lease) go through the inboxes.
            await().atMost(java.time.Duration.ofSeconds(5)).until(() -> !inboxTraffic.isEmpty());
            assertThat(inboxTraffic).noneMatch(m -> m.contains("dc_same") || m.contains("dc_back"));
        } finally {
            client.shutdown();
        }
    }
}
