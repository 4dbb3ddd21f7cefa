package dev.peerroom.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peerroom.room.ClusterEvents;
import dev.peerroom.room.Clock;
import dev.peerroom.room.Membership.Claim;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two or three engines in this JVM on one real redis-server, each with a recording event sink:
 * what one node's rooms do reaches the others as the right events.
 */
class RedisMembershipRoutingTest {
    private static RedisServerProcess redis;
    private final List<ClusterNode> nodes = new ArrayList<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    /** Every event a node received, as text. */
    static final class Recorder implements ClusterEvents {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void frame(String roomId, String src, String dst, byte[] frame) {
            events.add("frame " + src + ">" + dst + " " + new String(frame, UTF_8));
        }

        @Override
        public void broadcast(String roomId, String exceptPeer, byte[] frame) {
            events.add("broadcast -" + exceptPeer + " " + new String(frame, UTF_8));
        }

        @Override
        public void joinedElsewhere(String roomId, String peerId) {
            events.add("joined " + peerId);
        }

        @Override
        public void replacedElsewhere(String roomId, String peerId) {
            events.add("replaced " + peerId);
        }

        @Override
        public void claimLost(String roomId, String peerId) {
            events.add("lost " + peerId);
        }

        @Override
        public void stale(String roomId, List<String> peerIds) {
            events.add("stale " + peerIds);
        }

        @Override
        public void deliveryFailed(String roomId, String src, String dst) {
            events.add("failed " + src + ">" + dst);
        }

        @Override
        public void fenced() {
            events.add("fenced");
        }

        @Override
        public void kick(String roomId, String peerId) {
            events.add("kick " + peerId);
        }
    }

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerProcess.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @AfterEach
    void closeNodes() {
        scheduler.shutdownNow();
        nodes.forEach(ClusterNode::close);
    }

    private Recorder node(Duration lease) {
        ClusterNode node = ClusterNode.connect(ClusterSettings.of(redis.uri(), lease), Clock.SYSTEM, 60_000);
        Recorder events = new Recorder();
        node.membership().bind(events);
        nodes.add(node);
        return events;
    }

    private RedisMembership engine(int i) {
        return (RedisMembership) nodes.get(i).membership();
    }

    private static Claim claim(RedisMembership m, String room, String peer, String token) throws Exception {
        return m.claim(room, peer, token, 4).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void aFrameForAPeerOnAnotherNodeArrivesThereByteForByte() throws Exception {
        node(Duration.ofSeconds(10));
        Recorder second = node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        claim(engine(1), room, "b", "tb");
        await().atMost(Duration.ofSeconds(5)).until(() -> engine(0).forward(room, "a", "b", "{\"x\":1}".getBytes(UTF_8)));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.events.contains("frame a>b {\"x\":1}"));
    }

    @Test
    void aStaleCacheIsRepairedByLocate() throws Exception {
        Recorder first = node(Duration.ofSeconds(10));
        node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        claim(engine(1), room, "b", "tb");
        // Forget what the join notice taught node 0, as if a renewal had overwritten it.
        engine(0).updateMembers(room, List.of("a", "n|1|h|1"));
        assertThat(engine(0).forward(room, "a", "b", new byte[] {1})).isFalse();
        first.events.clear();
        engine(0).locate(room, "b");
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.contains("joined b"));
        assertThat(engine(0).forward(room, "a", "b", new byte[] {1})).isTrue();
    }

    @Test
    void broadcastsReachEveryOtherNodeOfTheRoom() throws Exception {
        Recorder first = node(Duration.ofSeconds(10));
        Recorder second = node(Duration.ofSeconds(10));
        Recorder third = node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        claim(engine(1), room, "b", "tb");
        claim(engine(2), room, "c", "tc");
        engine(0).broadcastRemote(room, "a", "LEAVE".getBytes(UTF_8));
        await().atMost(Duration.ofSeconds(5)).until(() -> second.events.contains("broadcast -a LEAVE")
                && third.events.contains("broadcast -a LEAVE"));
        assertThat(first.events).noneMatch(e -> e.startsWith("broadcast"));
    }

    @Test
    void aTakeoverOnAnotherNodeClosesTheOldSocketAndKeepsTheNewClaim() throws Exception {
        Recorder first = node(Duration.ofSeconds(10));
        node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        assertThat(claim(engine(0), room, "a", "same")).isEqualTo(Claim.JOINED);
        assertThat(claim(engine(1), room, "a", "same")).isEqualTo(Claim.REPLACED);
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.contains("replaced a"));
        // The old socket's close comes later: it must not free the new claim.
        engine(0).release(room, "a", "same");
        assertThat(claim(engine(0), room, "a", "other")).isEqualTo(Claim.ID_TAKEN);
    }

    @Test
    void aKickForAPeerOnAnotherNodeReachesThatNodeWhichIsNamed() throws Exception {
        Recorder first = node(Duration.ofSeconds(10));
        Recorder second = node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        claim(engine(1), room, "b", "tb");

        String node = engine(0).kickElsewhere(room, "b").toCompletableFuture().get(5, TimeUnit.SECONDS);

        assertThat(node).isEqualTo(nodes.get(1).nodeId());
        await().atMost(Duration.ofSeconds(5)).until(() -> second.events.contains("kick b"));
        assertThat(first.events).noneMatch(e -> e.startsWith("kick"));
    }

    @Test
    void aKickFindsNobodyForAnUnknownPeerOrOneOnThisNode() throws Exception {
        node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        assertThat(engine(0).kickElsewhere(room, "nobody").toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
        assertThat(engine(0).kickElsewhere(room, "a").toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
        // A holder whose node is gone (no subscriber on its inbox) cannot be kicked either.
        redis.command("HSET " + RedisKeys.members(room) + " ghost nosuchnode|1|h|1");
        assertThat(engine(0).kickElsewhere(room, "ghost").toCompletableFuture().get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void aFrameForANodeThatIsGoneIsReportedToItsSender() throws Exception {
        Recorder first = node(Duration.ofSeconds(10));
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        engine(0).updateMembers(room, List.of("a", "self|1|h|1", "b", "nosuchnode|1|h|2"));
        assertThat(engine(0).forward(room, "a", "b", new byte[] {1})).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> first.events.contains("failed a>b"));
    }

    @Test
    void peersOfANodeThatStopsRenewingGoStaleAndTheirMatesHear() throws Exception {
        Recorder first = node(Duration.ofSeconds(2));
        node(Duration.ofSeconds(2));
        nodes.get(0).start(scheduler);
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        claim(engine(1), room, "b", "tb");
        // Node 1 never renews (its task is not started): after the lease, node 0's pass evicts b.
        await().atMost(Duration.ofSeconds(10)).until(() -> first.events.contains("stale [b]"));
        assertThat(first.events).doesNotContain("lost a");
        assertThat(claim(engine(0), room, "b", "new")).isEqualTo(Claim.JOINED);
    }

    @Test
    void aClaimEvictedBehindTheNodesBackIsReportedLost() throws Exception {
        Recorder first = node(Duration.ofSeconds(2));
        nodes.get(0).start(scheduler);
        String room = SpreadRoomContract.freshRoom();
        claim(engine(0), room, "a", "ta");
        assertThat(redis.command("HDEL " + RedisKeys.members(room) + " a")).isEqualTo(":1");
        await().atMost(Duration.ofSeconds(10)).until(() -> first.events.contains("lost a"));
    }

    @Test
    void aSilentlyDeadSubscriptionMakesTheNodeUnhealthyUntilItIsRenewed() throws Exception {
        node(Duration.ofSeconds(2));
        ClusterNode n = nodes.get(0);
        n.start(scheduler);
        await().atMost(Duration.ofSeconds(5)).until(n::healthy);
        // The connection stays up, but the channel is no longer subscribed: nothing arrives.
        n.inboxConnection().sync().unsubscribe(RedisKeys.inbox(n.nodeId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !n.healthy());
        // The probe found it; the node subscribes again and the next probe comes back.
        await().atMost(Duration.ofSeconds(5)).until(n::healthy);
    }
}
