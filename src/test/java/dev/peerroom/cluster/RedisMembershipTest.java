package dev.peerroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.room.Clock;
import dev.peerroom.room.Membership;
import dev.peerroom.room.MembershipContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The engine contract against a real redis-server: the same suite as the in-memory engine. */
class RedisMembershipTest extends MembershipContract {
    private static RedisServerProcess redis;
    private static ClusterNode node;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
        node = ClusterNode.connect(ClusterSettings.of(redis.uri(), Duration.ofSeconds(10)), Clock.SYSTEM, 60_000);
    }

    @AfterAll
    static void stopRedis() throws Exception {
        if (node != null) {
            node.close();
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Override
    protected Membership newMembership() {
        return node.membership();
    }

    @Test
    void tokensAreStoredOnlyAsHashes() throws Exception {
        String room = freshRoom();
        claim(room, "a", "secret-token");
        String entry = redis.command("HGET " + RedisKeys.members(room) + " a");
        assertThat(entry).doesNotContain("secret-token").contains(MemberEntries.sha256("secret-token"));
    }

    @Test
    void aRoomsKeysExpireWithTheIdleTtl() throws Exception {
        String room = freshRoom();
        claim(room, "a", "t");
        String ttl = redis.command("PTTL " + RedisKeys.members(room));
        assertThat(Long.parseLong(ttl.substring(1))).isBetween(1L, 60_000L);
    }

    @Test
    void aRoomWhoseLastPeerLeftLeavesNothingInRedis() throws Exception {
        String room = freshRoom();
        claim(room, "a", "ta");
        claim(room, "b", "tb");
        membership.release(room, "a", "ta");
        membership.release(room, "b", "tb");
        assertThat(members(room)).isEmpty();
        assertThat(redis.command("EXISTS " + RedisKeys.members(room))).isEqualTo(":0");
        assertThat(redis.command("EXISTS " + RedisKeys.leases(room))).isEqualTo(":0");
    }
}
