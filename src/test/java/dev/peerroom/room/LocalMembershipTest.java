package dev.peerroom.room;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LocalMembershipTest extends MembershipContract {

    @Override
    protected Membership newMembership() {
        return new LocalMembership();
    }

    @Test
    void aRoomWithNoMembersLeftIsForgotten() throws Exception {
        LocalMembership local = (LocalMembership) membership;
        String room = freshRoom();
        claim(room, "a", "t");
        claim(room, "b", "t");
        assertThat(local.roomCount()).isEqualTo(1);
        local.release(room, "a", "t");
        local.release(room, "b", "t");
        assertThat(local.roomCount()).isZero();
    }

    @Test
    void aRefusedClaimLeavesNoRoomBehind() throws Exception {
        LocalMembership local = (LocalMembership) membership;
        assertThat(claim(freshRoom(), "a", "t", 0)).isEqualTo(Membership.Claim.ROOM_FULL);
        assertThat(local.roomCount()).isZero();
    }

    @Test
    void oneNodeHasNoOneToForwardTo() throws Exception {
        String room = freshRoom();
        claim(room, "a", "t");
        assertThat(membership.forward(room, "b", "a", "x".getBytes(UTF_8))).isFalse();
    }
}
