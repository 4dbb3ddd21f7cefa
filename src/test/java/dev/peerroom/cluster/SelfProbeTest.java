package dev.peerroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.room.FakeClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The self-probe on a fake clock: a subscription that silently stopped delivering is noticed. */
class SelfProbeTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> sent = new ArrayList<>();
    private final SelfProbe probe = new SelfProbe(sent::add, clock, 2_000);

    @Test
    void anAnsweredProbeKeepsTheNodeHealthyAndTheNextOneGoesOut() {
        assertThat(probe.check()).isFalse();
        assertThat(sent).hasSize(1);
        probe.answered(sent.get(0));
        clock.advance(2_500);
        assertThat(probe.check()).isFalse();
        assertThat(sent).hasSize(2);
        assertThat(probe.answering()).isTrue();
    }

    @Test
    void aProbeThatDoesNotComeBackInTimeMarksTheInboxDeadUntilOneDoes() {
        probe.check();
        clock.advance(1_999);
        assertThat(probe.check()).as("still within the timeout").isFalse();
        assertThat(sent).hasSize(1);
        clock.advance(1);
        assertThat(probe.check()).as("overdue: renew the subscription").isTrue();
        assertThat(probe.answering()).isFalse();
        assertThat(sent).as("no probe until the subscription is renewed").hasSize(1);

        clock.advance(500);
        assertThat(probe.check()).isFalse();
        assertThat(sent).as("the renewed subscription is probed").hasSize(2);
        probe.answered(sent.get(0));
        assertThat(probe.answering()).as("a stale answer proves nothing").isFalse();
        probe.answered(sent.get(1));
        assertThat(probe.answering()).isTrue();
    }
}
