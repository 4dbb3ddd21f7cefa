package dev.peerroom.room;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages for a destination not (yet) in the room: bounded, delivered in order, expired by pair. */
class HeldMessagesTest {
    private static final long T0 = 1_000_000L;

    private static byte[] frame(String s) {
        return s.getBytes(UTF_8);
    }

    private static List<String> texts(List<byte[]> frames) {
        return frames.stream().map(f -> new String(f, UTF_8)).toList();
    }

    @Test
    void boundedByCount() {
        HeldMessages held = new HeldMessages(3, 1000, 5000);
        assertThat(held.offer("a", "c", frame("1"), T0)).isTrue();
        assertThat(held.offer("a", "c", frame("2"), T0)).isTrue();
        assertThat(held.offer("b", "d", frame("3"), T0)).isTrue();
        assertThat(held.offer("a", "c", frame("4"), T0)).isFalse();
        assertThat(held.size()).isEqualTo(3);
        assertThat(held.bytes()).isEqualTo(3);
    }

    @Test
    void boundedByBytesInclusive() {
        HeldMessages held = new HeldMessages(10, 10, 5000);
        assertThat(held.offer("a", "c", frame("123456"), T0)).isTrue();
        assertThat(held.offer("a", "c", frame("12345"), T0)).isFalse();
        assertThat(held.offer("a", "c", frame("1234"), T0)).isTrue();
        assertThat(held.bytes()).isEqualTo(10);
        assertThat(held.offer("a", "c", frame("x"), T0)).isFalse();
        assertThat(held.size()).isEqualTo(2);
    }

    @Test
    void aSingleFrameOverTheByteBoundIsNeverHeld() {
        HeldMessages held = new HeldMessages(10, 10, 5000);
        assertThat(held.offer("a", "c", frame("12345678901"), T0)).isFalse();
        assertThat(held.isEmpty()).isTrue();
        assertThat(held.bytes()).isZero();
    }

    @Test
    void takeForReturnsOnlyThatDestinationInArrivalOrderAndFreesSpace() {
        HeldMessages held = new HeldMessages(4, 1000, 5000);
        held.offer("a", "c", frame("a1"), T0);
        held.offer("b", "d", frame("b1"), T0 + 1);
        held.offer("b", "c", frame("b2"), T0 + 2);
        held.offer("a", "c", frame("a3"), T0 + 3);

        assertThat(texts(held.takeFor("c"))).containsExactly("a1", "b2", "a3");
        assertThat(held.size()).isEqualTo(1);
        assertThat(held.bytes()).isEqualTo(2);
        assertThat(held.takeFor("c")).isEmpty();
        assertThat(held.offer("a", "e", frame("e1"), T0 + 4)).isTrue();
        assertThat(texts(held.takeFor("d"))).containsExactly("b1");
    }

    @Test
    void nothingExpiresBeforeTheTimeout() {
        HeldMessages held = new HeldMessages(10, 1000, 5000);
        held.offer("a", "c", frame("1"), T0);
        assertThat(held.expire(T0 + 4999)).isEmpty();
        assertThat(held.size()).isEqualTo(1);
    }

    @Test
    void expiryDropsTheWholePairOnceEvenItsYoungerMessages() {
        HeldMessages held = new HeldMessages(10, 1000, 5000);
        held.offer("a", "c", frame("1"), T0);
        held.offer("a", "c", frame("22"), T0 + 3000);
        held.offer("b", "c", frame("333"), T0 + 4000);

        assertThat(held.expire(T0 + 5000)).containsExactly(new HeldMessages.Pair("a", "c", 2));
        assertThat(held.size()).isEqualTo(1);
        assertThat(held.bytes()).isEqualTo(3);
        // The younger a->c message went with its pair: no second report for a->c.
        assertThat(held.expire(T0 + 8000)).isEmpty();
        assertThat(held.expire(T0 + 9000)).containsExactly(new HeldMessages.Pair("b", "c", 1));
        assertThat(held.isEmpty()).isTrue();
        assertThat(held.bytes()).isZero();
    }

    @Test
    void everyExpiredPairIsReportedOnce() {
        HeldMessages held = new HeldMessages(10, 1000, 5000);
        held.offer("a", "c", frame("1"), T0);
        held.offer("b", "c", frame("2"), T0);
        held.offer("a", "c", frame("3"), T0 + 1);
        held.offer("a", "d", frame("4"), T0 + 2);
        held.offer("b", "c", frame("5"), T0 + 3);

        assertThat(held.expire(T0 + 10_000)).containsExactly(
                new HeldMessages.Pair("a", "c", 2),
                new HeldMessages.Pair("b", "c", 2),
                new HeldMessages.Pair("a", "d", 1));
        assertThat(held.isEmpty()).isTrue();
    }

    @Test
    void dropPairCountsAndFreesOnlyThatPair() {
        HeldMessages held = new HeldMessages(10, 1000, 5000);
        held.offer("a", "c", frame("11"), T0);
        held.offer("b", "c", frame("2"), T0);
        held.offer("a", "c", frame("33"), T0);
        assertThat(held.dropPair("a", "c")).isEqualTo(2);
        assertThat(held.dropPair("a", "c")).isZero();
        assertThat(held.size()).isEqualTo(1);
        assertThat(held.bytes()).isEqualTo(1);
    }

    @Test
    void messagesTakenBehindALiveHeadNeitherCountNorExpireNorComeBack() {
        HeldMessages held = new HeldMessages(3, 1000, 5000);
        held.offer("a", "old", frame("1"), T0);
        // Many destinations come and go behind the head: the bound counts only what is still held.
        for (int i = 0; i < 1000; i++) {
            assertThat(held.offer("b", "d" + i, frame("22"), T0 + 1)).as("offer %d", i).isTrue();
            assertThat(held.offer("b", "d" + i, frame("3"), T0 + 1)).isTrue();
            assertThat(texts(held.takeFor("d" + i))).containsExactly("22", "3");
        }
        assertThat(held.size()).isEqualTo(1);
        assertThat(held.bytes()).isEqualTo(1);

        assertThat(held.expire(T0 + 5000)).containsExactly(new HeldMessages.Pair("a", "old", 1));
        assertThat(held.isEmpty()).isTrue();
        assertThat(held.bytes()).isZero();
        assertThat(held.expire(T0 + 60_000)).isEmpty();
    }

    @Test
    void aDroppedPairLeavesTheOtherSendersMessagesForThatDestinationInOrder() {
        HeldMessages held = new HeldMessages(10, 1000, 5000);
        held.offer("a", "c", frame("a1"), T0);
        held.offer("b", "c", frame("b1"), T0 + 1);
        held.offer("a", "c", frame("a2"), T0 + 2);
        held.offer("b", "c", frame("b2"), T0 + 3);

        assertThat(held.dropPair("a", "c")).isEqualTo(2);

        // The head ("a1") is gone: the first live message sets the expiry.
        assertThat(held.expire(T0 + 5000)).isEmpty();
        assertThat(texts(held.takeFor("c"))).containsExactly("b1", "b2");
        assertThat(held.isEmpty()).isTrue();
    }
}
