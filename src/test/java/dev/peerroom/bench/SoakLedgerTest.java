package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The soak's accounting on its own: what counts as delivered, expired, duplicate or unaccounted. */
class SoakLedgerTest {
    private final SoakWorld.Room room = new SoakWorld.Room("100000000000000001");
    private final SoakPeer alice = alive("alice");
    private final SoakPeer bob = alive("bob");
    private final SoakLedger ledger = new SoakLedger();

    private SoakPeer alive(String id) {
        SoakPeer p = new SoakPeer(id, "t-" + id, room);
        p.state = SoakPeer.State.ALIVE;
        p.current = new SoakSocket(null, p, false);
        return p;
    }

    @Test
    void aMessageIsAccountedForByItsDelivery() {
        SoakLedger.Msg m = ledger.register(SoakFrames.Type.OFFER, alice, bob, 0);
        assertThat(ledger.openCount()).isEqualTo(1);
        assertThat(alice.outbound).containsExactly(m);
        assertThat(bob.inbound).isEqualTo(1);

        ledger.delivered(m.id, bob, "alice", "bob");

        assertThat(ledger.openCount()).isZero();
        assertThat(ledger.deliveredCount).isEqualTo(1);
        assertThat(alice.outbound).isEmpty();
        assertThat(bob.inbound).isZero();
    }

    @Test
    void aSecondDeliveryIsADuplicate() {
        SoakLedger.Msg m = ledger.register(SoakFrames.Type.CANDIDATE, alice, bob, 0);
        ledger.delivered(m.id, bob, "alice", "bob");
        ledger.delivered(m.id, bob, "alice", "bob");
        assertThat(ledger.duplicates).isEqualTo(1);
        assertThat(ledger.deliveredCount).isEqualTo(1);
    }

    @Test
    void oneExpireAccountsForEveryOpenMessageToThatPeerOnly() {
        SoakPeer carol = alive("carol");
        bob.state = SoakPeer.State.GONE;
        bob.epoch++;
        ledger.register(SoakFrames.Type.OFFER, alice, bob, 0);
        ledger.register(SoakFrames.Type.CANDIDATE, alice, bob, 0);
        ledger.register(SoakFrames.Type.OFFER, alice, carol, 0);

        assertThat(ledger.expired(alice, "bob")).isEmpty();

        assertThat(ledger.expiredCount).isEqualTo(2);
        assertThat(ledger.openCount()).isEqualTo(1);
        assertThat(alice.outbound).extracting(m -> m.to).containsExactly(carol);
    }

    @Test
    void anExpireForAPeerThatStayedInTheRoomIsReported() {
        SoakLedger.Msg m = ledger.register(SoakFrames.Type.OFFER, alice, bob, 0);
        assertThat(ledger.expired(alice, "bob")).containsExactly(m);
        assertThat(ledger.expiredForStablePeer).isEqualTo(1);
    }

    @Test
    void aMessageDeliveredAfterItsExpireIsFineButAMisrouteIsNot() {
        SoakLedger.Msg late = ledger.register(SoakFrames.Type.OFFER, alice, bob, 0);
        bob.epoch++;
        ledger.expired(alice, "bob");
        ledger.delivered(late.id, bob, "alice", "bob");
        assertThat(ledger.deliveredAfterExpiry).isEqualTo(1);
        assertThat(ledger.misrouted).isZero();

        SoakLedger.Msg wrong = ledger.register(SoakFrames.Type.OFFER, alice, bob, 0);
        ledger.delivered(wrong.id, alice, "bob", "alice");
        assertThat(ledger.misrouted).isEqualTo(1);
        ledger.delivered(999, bob, "alice", "bob");
        assertThat(ledger.unknown).isEqualTo(1);
    }
}
