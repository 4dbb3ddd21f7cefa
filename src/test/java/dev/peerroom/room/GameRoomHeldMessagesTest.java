package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OFFER_PAYLOAD;
import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.expire;
import static dev.peerroom.room.RoomFixture.offer;
import static dev.peerroom.room.RoomFixture.routed;
import static dev.peerroom.room.RoomFixture.routedCandidate;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Signals to a peer that has not joined yet: held 5 s, delivered after its OPEN, else EXPIRE. */
class GameRoomHeldMessagesTest {

    @Test
    void heldMessagesAreDeliveredRightAfterTheDestinationsOpenInOrder() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");

        f.send(a, offer("c"));
        f.clock.advance(1000);
        f.send(b, candidate("c", 1));
        f.send(a, candidate("c", 2));
        assertThat(f.tickAfter(3999)).isFalse(); // 4999 ms after the first: nothing expires

        RecordingConnection c = f.join("c");

        assertThat(c.sent).containsExactly(
                OPEN,
                routed("OFFER", "a", "c", OFFER_PAYLOAD),
                routedCandidate("b", "c", 1),
                routedCandidate("a", "c", 2));
        assertThat(a.sent).isEmpty();
        assertThat(b.sent).isEmpty();
        assertThat(f.metrics.held).isEqualTo(3);
        // Delivered once: nothing expires later.
        f.keepAlive(a, b, c);
        f.tickAfter(4000);
        f.keepAlive(a, b, c);
        f.tickAfter(4000);
        assertThat(a.sent).isEmpty();
        assertThat(f.metrics.holdExpiredMessages).isZero();
    }

    @Test
    void aDestinationThatDoesNotJoinIn5SecondsCostsTheSenderExactlyOneExpire() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");

        f.send(a, offer("c"));
        f.clock.advance(1000);
        f.send(a, candidate("c", 1));
        f.send(a, candidate("c", 2));
        assertThat(f.tickAfter(3999)).isFalse();
        assertThat(a.sent).isEmpty();

        f.tickAfter(1);

        assertThat(a.drain()).containsExactly(expire("c", "a"));
        assertThat(f.metrics.holdExpiredMessages).isEqualTo(3);
        // The pair's younger messages went too: no second EXPIRE, nothing for a late joiner.
        f.keepAlive(a);
        f.tickAfter(1000);
        f.tickAfter(3000);
        assertThat(a.sent).isEmpty();
        assertThat(f.join("c").sent).containsExactly(OPEN);
    }

    @Test
    void anExpiredMessageIsNotDeliveredEvenIfNoTickRanBeforeTheJoin() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        f.send(a, offer("c"));
        f.clock.advance(4000);
        f.keepAlive(a);
        f.clock.advance(1000);

        RecordingConnection c = f.join("c");

        assertThat(c.sent).containsExactly(OPEN);
        assertThat(a.drain()).containsExactly(expire("c", "a"));
        f.tickAfter(1000);
        assertThat(a.sent).isEmpty();
    }

    @Test
    void eachSenderAndEachDestinationGetsItsOwnExpire() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.send(a, offer("c"));
        f.send(a, offer("d"));
        f.send(b, offer("c"));
        f.send(a, candidate("c", 1));
        f.clock.advance(4000);
        f.keepAlive(a, b);

        f.tickAfter(1000);

        assertThat(a.drain()).containsExactly(expire("c", "a"), expire("d", "a"));
        assertThat(b.drain()).containsExactly(expire("c", "b"));
    }

    @Test
    void anExpireForASenderThatLeftGoesNowhere() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.send(a, offer("c"));
        f.room.onClose(a);
        f.clock.advance(4000);
        f.keepAlive(b);

        f.tickAfter(1000);

        assertThat(a.sent).isEmpty();
        assertThat(b.sent).isEmpty();
    }

    @Test
    void theSixtyFifthHeldMessageIsExpiredAtOnceAndItsPairDropped() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        for (int i = 0; i < 64; i++) {
            f.send(a, candidate("c", i));
        }
        assertThat(a.sent).isEmpty();
        assertThat(f.metrics.held).isEqualTo(64);

        f.send(a, candidate("c", 64));

        assertThat(a.drain()).containsExactly(expire("c", "a"));
        assertThat(f.metrics.holdExpiredMessages).isEqualTo(65);
        RecordingConnection c = f.join("c");
        assertThat(c.sent).containsExactly(OPEN);
        f.clock.advance(4000);
        f.keepAlive(a, c);
        f.tickAfter(1000);
        assertThat(a.sent).as("the pair is reported once").isEmpty();
        assertThat(a.closeCode).isNull();
    }

    @Test
    void overflowDropsOnlyThePairThatDidNotFit() {
        RoomFixture f = new RoomFixture(RoomFixture.withHold(3, 256 * 1024), new LocalMembership());
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        f.send(b, candidate("c", 1));
        f.send(b, candidate("c", 2));
        f.send(a, candidate("c", 3));

        f.send(a, candidate("c", 4));

        assertThat(a.drain()).containsExactly(expire("c", "a"));
        assertThat(b.sent).isEmpty();
        assertThat(f.join("c").sent).containsExactly(OPEN, routedCandidate("b", "c", 1), routedCandidate("b", "c", 2));
    }

    @Test
    void aMessageOverTheByteBoundIsExpiredAtOnce() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        String sdp = "x".repeat(100 * 1024);
        String big = "{\"type\":\"OFFER\",\"dst\":\"c\",\"payload\":{\"sdp\":\"" + sdp + "\"}}";
        f.send(a, big);
        f.send(a, big);
        assertThat(a.sent).isEmpty();

        f.send(a, big); // 3 x 100 KiB > 256 KiB

        assertThat(a.drain()).containsExactly(expire("c", "a"));
        assertThat(f.join("c").sent).containsExactly(OPEN);
    }

    @Test
    void severalOverflowingMessagesOfOnePairGetOneExpire() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        for (int i = 0; i < 64; i++) {
            f.send(b, candidate("d", i));
        }

        f.send(a, candidate("c", 1));
        f.send(a, candidate("c", 2));
        f.send(a, candidate("c", 3));

        assertThat(a.drain()).containsExactly(expire("c", "a"));
        assertThat(f.metrics.holdExpiredMessages).isEqualTo(3);
    }

    @Test
    void theBoundIsPerRoomAcrossPairs() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        RecordingConnection b = f.joined("b");
        for (int i = 0; i < 64; i++) {
            f.send(b, candidate("d", i));
        }
        f.send(a, candidate("c", 0));
        assertThat(a.drain()).containsExactly(expire("c", "a"));
        assertThat(b.sent).isEmpty();
    }

    @Test
    void aSenderCanHoldAgainAfterItsPairExpired() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        f.send(a, candidate("c", 1));
        f.clock.advance(4000);
        f.keepAlive(a);
        f.tickAfter(1000);
        assertThat(a.drain()).containsExactly(expire("c", "a"));

        f.send(a, candidate("c", 2));
        f.tickAfter(1000);
        assertThat(f.join("c").sent).containsExactly(OPEN, routedCandidate("a", "c", 2));
        assertThat(a.sent).isEmpty();
    }
}
