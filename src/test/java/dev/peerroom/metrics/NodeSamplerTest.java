package dev.peerroom.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.room.FakeClock;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The status history: a fixed ring of samples, the rate from the counter's growth over clock time. */
class NodeSamplerTest {
    private final FakeClock clock = new FakeClock(1_000_000);
    private final AtomicLong rooms = new AtomicLong();
    private final AtomicLong peers = new AtomicLong();
    private final AtomicLong routed = new AtomicLong();
    private final NodeSampler sampler = new NodeSampler(clock, rooms::get, peers::get, routed::get);

    @Test
    void theFirstSampleSetsTheBaselineAndTheNextOnesRateTheGrowth() {
        routed.set(5_000); // routed before the first sample is not a rate
        sampler.sample();
        clock.advance(1000);
        routed.addAndGet(30);
        sampler.sample();
        clock.advance(2000); // a late tick: the rate is over the time that really passed
        routed.addAndGet(50);
        sampler.sample();
        clock.advance(1000);
        sampler.sample();

        assertThat(sampler.history()).extracting(NodeSampler.Sample::messagesPerSecond)
                .containsExactly(0.0, 30.0, 25.0, 0.0);
    }

    @Test
    void eachSampleRecordsTheTimeRoomsAndPeersOfItsMoment() {
        rooms.set(2);
        peers.set(5);
        sampler.sample();
        clock.advance(1000);
        rooms.set(3);
        peers.set(7);
        sampler.sample();

        assertThat(sampler.history()).containsExactly(
                new NodeSampler.Sample(1_000_000, 2, 5, 0),
                new NodeSampler.Sample(1_001_000, 3, 7, 0));
    }

    @Test
    void theRingKeepsTheLast300SamplesOldestFirst() {
        for (int i = 0; i < 1000; i++) {
            rooms.set(i);
            routed.addAndGet(i);
            sampler.sample();
            clock.advance(1000);
        }

        List<NodeSampler.Sample> history = sampler.history();
        assertThat(history).hasSize(NodeSampler.CAPACITY);
        assertThat(history.get(0).rooms()).isEqualTo(700);
        assertThat(history.get(0).at()).isEqualTo(1_000_000 + 700_000);
        assertThat(history.get(299).rooms()).isEqualTo(999);
        assertThat(history.get(299).messagesPerSecond()).isEqualTo(999.0);
        assertThat(history).extracting(NodeSampler.Sample::at).isSorted();
    }

    @Test
    void currentIsLiveForCountsAndTheLatestSampleForTheRate() {
        assertThat(sampler.current()).isEqualTo(new NodeSampler.Sample(1_000_000, 0, 0, 0));
        sampler.sample();
        clock.advance(1000);
        routed.set(12);
        sampler.sample();
        rooms.set(4);
        peers.set(9);
        clock.advance(500);
        routed.set(1000); // not sampled yet: the rate stays the last sample's

        assertThat(sampler.current()).isEqualTo(new NodeSampler.Sample(1_001_500, 4, 9, 12.0));
    }

    @Test
    void aCounterThatWentBackwardsNeverMakesANegativeRate() {
        routed.set(100);
        sampler.sample();
        clock.advance(1000);
        routed.set(40);
        sampler.sample();
        assertThat(sampler.history().get(1).messagesPerSecond()).isZero();
    }
}
