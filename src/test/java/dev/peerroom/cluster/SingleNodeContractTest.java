package dev.peerroom.cluster;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The spread contract on one node with its embedded engine: the baseline the cluster must match. */
class SingleNodeContractTest extends SpreadRoomContract {
    private static NodeProcess node;

    @BeforeAll
    static void startNode() throws Exception {
        node = NodeProcess.start(SETTINGS);
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (node != null) {
            node.close();
        }
    }

    @Override
    int nodes() {
        return 1;
    }

    @Override
    int port(int i) {
        return node.port();
    }
}
