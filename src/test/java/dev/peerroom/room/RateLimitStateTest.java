package dev.peerroom.room;

import static dev.peerroom.room.RateLimitState.Verdict.ALLOW;
import static dev.peerroom.room.RateLimitState.Verdict.DISCONNECT;
import static dev.peerroom.room.RateLimitState.Verdict.DROP;
import static dev.peerroom.room.RateLimitState.Verdict.DROP_AND_WARN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.room.RateLimitState.Verdict;
import org.junit.jupiter.api.Test;

/** 100 messages per 1 s fixed window; the 3rd consecutive window over the limit disconnects. */
class RateLimitStateTest {
    private static final long T0 = 1_000_000L;
    private final RateLimitState limit = new RateLimitState(100, 1000, 3);

    /** Sends {@code n} messages at {@code at}, each of which must be allowed. */
    private void allowed(int n, long at) {
        for (int i = 0; i < n; i++) {
            assertThat(limit.onMessage(at)).as("message %d at %d", i + 1, at).isEqualTo(ALLOW);
        }
    }

    /** Fills the window that starts at {@code start} and returns the verdict of the first excess. */
    private Verdict overWindowAt(long start) {
        allowed(100, start);
        return limit.onMessage(start + 1);
    }

    @Test
    void hundredMessagesInAWindowAreAllowed() {
        allowed(100, T0);
        assertThat(limit.messageCount()).isEqualTo(100);
        assertThat(limit.windowStart()).isEqualTo(T0);
        assertThat(limit.consecutiveOver()).isZero();
    }

    @Test
    void firstExcessWarnsThenFurtherExcessIsDroppedSilently() {
        allowed(100, T0);
        assertThat(limit.onMessage(T0 + 10)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.onMessage(T0 + 20)).isEqualTo(DROP);
        assertThat(limit.onMessage(T0 + 999)).isEqualTo(DROP);
        assertThat(limit.consecutiveOver()).isEqualTo(1);
    }

    @Test
    void theWindowLastsExactlyItsLength() {
        allowed(100, T0);
        assertThat(limit.onMessage(T0 + 999)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.onMessage(T0 + 1000)).isEqualTo(ALLOW);
        assertThat(limit.windowStart()).isEqualTo(T0 + 1000);
        assertThat(limit.messageCount()).isEqualTo(1);
    }

    @Test
    void aWindowStartsAtTheFirstMessageAfterThePreviousEnded() {
        assertThat(limit.onMessage(T0)).isEqualTo(ALLOW);
        // Nothing until 1.5 s later: the next window is [T0+1500, T0+2500), not aligned to T0+2000.
        allowed(100, T0 + 1500);
        assertThat(limit.windowStart()).isEqualTo(T0 + 1500);
        assertThat(limit.onMessage(T0 + 2499)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.onMessage(T0 + 2500)).isEqualTo(ALLOW);
    }

    @Test
    void thirdConsecutiveWindowOverTheLimitDisconnects() {
        assertThat(overWindowAt(T0)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 1000)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.consecutiveOver()).isEqualTo(2);
        assertThat(overWindowAt(T0 + 2000)).isEqualTo(DISCONNECT);
    }

    @Test
    void aShortPauseBetweenWindowsStillCountsAsConsecutive() {
        // Windows start at the first message after the previous ended, so there is always some pause.
        assertThat(overWindowAt(T0)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 1500)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 3200)).isEqualTo(DISCONNECT);
    }

    @Test
    void aWindowUnderTheLimitResetsTheStreak() {
        assertThat(overWindowAt(T0)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 1000)).isEqualTo(DROP_AND_WARN);
        allowed(100, T0 + 2000); // exactly at the limit: not over
        assertThat(overWindowAt(T0 + 3000)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.consecutiveOver()).isEqualTo(1);
        assertThat(overWindowAt(T0 + 4000)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 5000)).isEqualTo(DISCONNECT);
    }

    @Test
    void aGapOfAWholeWindowResetsTheStreak() {
        assertThat(overWindowAt(T0)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 1000)).isEqualTo(DROP_AND_WARN);
        // The window [T0+1000, T0+2000) is followed by a silent second: an empty window.
        assertThat(overWindowAt(T0 + 3000)).isEqualTo(DROP_AND_WARN);
        assertThat(limit.consecutiveOver()).isEqualTo(1);
    }

    @Test
    void aLongGapResetsTheStreak() {
        assertThat(overWindowAt(T0)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 1000)).isEqualTo(DROP_AND_WARN);
        assertThat(overWindowAt(T0 + 60_000)).isEqualTo(DROP_AND_WARN);
    }

    @Test
    void otherSettingsAreHonoured() {
        RateLimitState small = new RateLimitState(2, 500, 1);
        assertThat(small.onMessage(T0)).isEqualTo(ALLOW);
        assertThat(small.onMessage(T0)).isEqualTo(ALLOW);
        assertThat(small.onMessage(T0 + 499)).isEqualTo(DISCONNECT);
    }
}
