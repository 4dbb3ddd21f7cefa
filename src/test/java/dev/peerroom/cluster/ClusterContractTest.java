package dev.peerroom.cluster;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

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
}
