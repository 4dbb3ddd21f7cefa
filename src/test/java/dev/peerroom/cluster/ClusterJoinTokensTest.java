package dev.peerroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.auth.TestTokens;
import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.integration.Expect;
import dev.peerroom.integration.Frames;
import dev.peerroom.integration.TestServer;
import dev.peerroom.integration.WsClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Join tokens on one cluster node (a real redis-server): the token check runs before the claim,
 * so a refused join never reaches Redis, and the same-token takeover works through the claim,
 * which stores only the token's hash.
 */
class ClusterJoinTokensTest {
    private static final String UNAUTHORIZED = Frames.error("Unauthorized", "UNAUTHORIZED");
    private static RedisServerProcess redis;
    private static TestServer node;

    @BeforeAll
    static void start() throws Exception {
        redis = RedisServerProcess.start();
        node = TestServer.start(ServerConfig.defaults().withRedis(redis.uri(), Duration.ofSeconds(2))
                .withSecurity(SecuritySettings.defaults().withJwtSecret(TestTokens.SECRET)));
    }

    @AfterAll
    static void stop() throws Exception {
        if (node != null) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    void tokensGateTheClaimAndTakeoverWorksThroughRedis() throws Exception {
        String room = SpreadRoomContract.freshRoom();
        String aliceToken = TestTokens.hs256(room, "alice");
        Expect.refused(node.connect(room, "mallory", "not-a-jwt"), UNAUTHORIZED, 1008);
        assertThat(redis.command("HEXISTS " + RedisKeys.members(room) + " mallory")).isEqualTo(":0");

        WsClient old = node.join(room, "alice", aliceToken);
        WsClient bob = node.join(room, "bob", TestTokens.hs256(room, "bob"));
        String entry = redis.command("HGET " + RedisKeys.members(room) + " alice");
        assertThat(entry).doesNotContain(aliceToken).contains(MemberEntries.sha256(aliceToken));

        WsClient fresh = node.connect(room, "alice", aliceToken);
        assertThat(fresh.next()).isEqualTo(Frames.OPEN);
        assertThat(old.awaitClose()).isEqualTo(4000);
        Expect.routes(bob, "bob", fresh, "alice");

        String another = TestTokens.hs256(TestTokens.SECRET,
                TestTokens.claims(room, "alice", System.currentTimeMillis() + 300_000).build());
        Expect.refused(node.connect(room, "alice", another), Frames.ID_TAKEN, 1008);
        Expect.routes(fresh, "alice", bob, "bob");
        fresh.close();
        bob.close();
    }
}
