package dev.peerroom.room;

import static dev.peerroom.room.Membership.Claim.ID_TAKEN;
import static dev.peerroom.room.Membership.Claim.JOINED;
import static dev.peerroom.room.Membership.Claim.REPLACED;
import static dev.peerroom.room.Membership.Claim.ROOM_FULL;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Membership} engine must do, written against the interface only. An engine's
 * test extends this class and supplies a fresh engine; rooms are random per test so engines with
 * shared state (a Redis server) need no cleanup between tests.
 */
public abstract class MembershipContract {
    private static final int MAX = 4;
    protected Membership membership;

    /** A fresh engine for one test. */
    protected abstract Membership newMembership() throws Exception;

    /** How long to wait for an engine's answer; generous for remote engines. */
    protected long timeoutMillis() {
        return 10_000;
    }

    @BeforeEach
    void createEngine() throws Exception {
        membership = newMembership();
    }

    /** A valid room id (Discord snowflake) that no other test uses. */
    protected static String freshRoom() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L, Long.MAX_VALUE));
    }

    protected Membership.Claim claim(String room, String id, String token) throws Exception {
        return claim(room, id, token, MAX);
    }

    protected Membership.Claim claim(String room, String id, String token, int maxPeers) throws Exception {
        return membership.claim(room, id, token, maxPeers).toCompletableFuture().get(timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    protected List<String> members(String room) throws Exception {
        return membership.members(room).toCompletableFuture().get(timeoutMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void aFreeIdIsJoined() throws Exception {
        String room = freshRoom();
        assertThat(claim(room, "a", "t1")).isEqualTo(JOINED);
        assertThat(members(room)).containsExactly("a");
    }

    @Test
    void theSameTokenAgainIsReplacedAndStillOneMember() throws Exception {
        String room = freshRoom();
        claim(room, "a", "t1");
        assertThat(claim(room, "a", "t1")).isEqualTo(REPLACED);
        assertThat(claim(room, "a", "t1")).isEqualTo(REPLACED);
        assertThat(members(room)).containsExactly("a");
    }

    @Test
    void anotherTokenIsIdTakenAndTheHolderKeepsTheId() throws Exception {
        String room = freshRoom();
        claim(room, "a", "t1");
        assertThat(claim(room, "a", "t2")).isEqualTo(ID_TAKEN);
        assertThat(claim(room, "a", "t1")).isEqualTo(REPLACED);
        assertThat(members(room)).containsExactly("a");
    }

    @Test
    void idsAreCaseSensitive() throws Exception {
        String room = freshRoom();
        assertThat(claim(room, "a", "t1")).isEqualTo(JOINED);
        assertThat(claim(room, "A", "t2")).isEqualTo(JOINED);
        assertThat(members(room)).containsExactly("a", "A");
    }

    @Test
    void theRoomIsFullAtMaxPeers() throws Exception {
        String room = freshRoom();
        for (String id : List.of("a", "b", "c", "d")) {
            assertThat(claim(room, id, "t-" + id)).isEqualTo(JOINED);
        }
        assertThat(claim(room, "e", "t-e")).isEqualTo(ROOM_FULL);
        assertThat(members(room)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void capacityIsTheCallersMaxPeers() throws Exception {
        String room = freshRoom();
        assertThat(claim(room, "a", "t", 2)).isEqualTo(JOINED);
        assertThat(claim(room, "b", "t", 2)).isEqualTo(JOINED);
        assertThat(claim(room, "c", "t", 2)).isEqualTo(ROOM_FULL);
        assertThat(claim(room, "c", "t", 3)).isEqualTo(JOINED);
    }

    @Test
    void theSameTokenIsReplacedEvenWhenTheRoomIsFull() throws Exception {
        String room = freshRoom();
        for (String id : List.of("a", "b", "c", "d")) {
            claim(room, id, "t-" + id);
        }
        assertThat(claim(room, "c", "t-c")).isEqualTo(REPLACED);
        assertThat(members(room)).containsExactly("a", "b", "c", "d");
    }

    @Test
    void aHeldIdIsTakenRatherThanTheRoomFull() throws Exception {
        String room = freshRoom();
        for (String id : List.of("a", "b", "c", "d")) {
            claim(room, id, "t-" + id);
        }
        assertThat(claim(room, "b", "other")).isEqualTo(ID_TAKEN);
    }

    @Test
    void releaseFreesTheIdAndTheSeat() throws Exception {
        String room = freshRoom();
        for (String id : List.of("a", "b", "c", "d")) {
            claim(room, id, "t-" + id);
        }
        membership.release(room, "b", "t-b");
        assertThat(members(room)).containsExactly("a", "c", "d");
        assertThat(claim(room, "b", "new-token")).isEqualTo(JOINED);
        assertThat(claim(room, "e", "t-e")).isEqualTo(ROOM_FULL);
    }

    @Test
    void releaseWithAnotherTokenChangesNothing() throws Exception {
        // A late close of a replaced socket must not free the id from its newer claim.
        String room = freshRoom();
        claim(room, "a", "t1");
        membership.release(room, "a", "t2");
        assertThat(members(room)).containsExactly("a");
        assertThat(claim(room, "a", "t3")).isEqualTo(ID_TAKEN);
        assertThat(claim(room, "a", "t1")).isEqualTo(REPLACED);
    }

    @Test
    void releasingWhatIsNotHeldIsHarmless() throws Exception {
        String room = freshRoom();
        membership.release(room, "ghost", "t");
        claim(room, "a", "t1");
        membership.release(room, "a", "t1");
        membership.release(room, "a", "t1");
        assertThat(members(room)).isEmpty();
        assertThat(claim(room, "a", "t2")).isEqualTo(JOINED);
    }

    @Test
    void membersAreInJoinOrder() throws Exception {
        String room = freshRoom();
        for (String id : List.of("c", "a", "d", "b")) {
            claim(room, id, "t-" + id);
        }
        assertThat(members(room)).containsExactly("c", "a", "d", "b");
        membership.release(room, "a", "t-a");
        claim(room, "a", "t-a2");
        assertThat(members(room)).containsExactly("c", "d", "b", "a");
    }

    @Test
    void replacingKeepsTheJoinPosition() throws Exception {
        String room = freshRoom();
        claim(room, "a", "t-a");
        claim(room, "b", "t-b");
        claim(room, "a", "t-a");
        assertThat(members(room)).containsExactly("a", "b");
    }

    @Test
    void aRoomNobodyJoinedHasNoMembers() throws Exception {
        assertThat(members(freshRoom())).isEmpty();
    }

    @Test
    void roomsAreIsolated() throws Exception {
        String one = freshRoom();
        String two = freshRoom();
        for (String id : List.of("a", "b", "c", "d")) {
            claim(one, id, "t1");
        }
        assertThat(claim(two, "a", "t2")).isEqualTo(JOINED);
        assertThat(claim(two, "e", "t2")).isEqualTo(JOINED);
        membership.release(one, "a", "t1");
        assertThat(members(one)).containsExactly("b", "c", "d");
        assertThat(members(two)).containsExactly("a", "e");
        assertThat(claim(two, "a", "t1")).isEqualTo(ID_TAKEN);
    }

    @Test
    void forwardingToAnIdNoNodeHoldsFails() {
        assertThat(membership.forward(freshRoom(), "somebody", "nobody", "{\"type\":\"OFFER\"}".getBytes(UTF_8))).isFalse();
    }
}
