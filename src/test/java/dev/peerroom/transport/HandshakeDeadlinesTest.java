package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

/** One deadline per pre-WebSocket connection, enforced by a sweep, with restart and disarm. */
class HandshakeDeadlinesTest {
    private final HandshakeDeadlines deadlines = new HandshakeDeadlines(10_000);

    @Test
    void theSweepClosesAConnectionAtItsDeadlineAndNotBefore() {
        EmbeddedChannel channel = new EmbeddedChannel();
        deadlines.arm(channel, 0);

        assertThat(deadlines.sweep(9_999)).isZero();
        assertThat(channel.isOpen()).isTrue();
        assertThat(deadlines.sweep(10_000)).isEqualTo(1);
        assertThat(channel.isOpen()).isFalse();
        assertThat(deadlines.pending()).isZero();
    }

    @Test
    void aRestartGivesAFullTimeoutFromNow() {
        EmbeddedChannel channel = new EmbeddedChannel();
        HandshakeDeadlines.Deadline deadline = deadlines.arm(channel, 0);
        deadline.restart(6_000);

        deadlines.sweep(15_999);
        assertThat(channel.isOpen()).isTrue();
        deadlines.sweep(16_000);
        assertThat(channel.isOpen()).isFalse();
    }

    @Test
    void aDisarmedDeadlineNeverFires() {
        EmbeddedChannel channel = new EmbeddedChannel();
        HandshakeDeadlines.Deadline deadline = deadlines.arm(channel, 0);

        assertThat(deadline.disarm()).isTrue();
        deadline.restart(1_000);
        assertThat(deadlines.pending()).isZero();
        assertThat(deadlines.sweep(Long.MAX_VALUE - 1)).isZero();
        assertThat(channel.isOpen()).isTrue();
        channel.finishAndReleaseAll();
    }

    @Test
    void anExpiredDeadlineCannotBeRevived() {
        EmbeddedChannel channel = new EmbeddedChannel();
        HandshakeDeadlines.Deadline deadline = deadlines.arm(channel, 0);
        deadlines.sweep(10_000);

        deadline.restart(10_001);
        assertThat(deadline.disarm()).as("the upgrade lost the race: the sweep already closed it").isFalse();
    }
}
