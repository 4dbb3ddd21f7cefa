package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Upgrade attempts per address in fixed one-second windows, and eviction of ended windows. */
class UpgradeRateLimiterTest {
    private static final InetAddress A = NetUtil.createInetAddressFromIpAddressString("203.0.113.1");
    private static final InetAddress B = NetUtil.createInetAddressFromIpAddressString("203.0.113.2");

    @Test
    void allowsTheLimitPerWindowThenRefusesUntilTheWindowEnds() {
        UpgradeRateLimiter limiter = new UpgradeRateLimiter(2);

        assertThat(limiter.tryAcquire(A, 1_000)).isTrue();
        assertThat(limiter.tryAcquire(A, 1_500)).isTrue();
        assertThat(limiter.tryAcquire(A, 1_600)).isFalse();
        assertThat(limiter.tryAcquire(B, 1_600)).as("another address has its own window").isTrue();
        assertThat(limiter.tryAcquire(A, 1_999)).isFalse();
        assertThat(limiter.tryAcquire(A, 2_000)).as("the window opened at 1000 ended").isTrue();
        assertThat(limiter.tryAcquire(A, 2_001)).isTrue();
        assertThat(limiter.tryAcquire(A, 2_002)).isFalse();
    }

    @Test
    void theSweepForgetsEndedWindowsOnly() {
        UpgradeRateLimiter limiter = new UpgradeRateLimiter(1);
        limiter.tryAcquire(A, 1_000);
        limiter.tryAcquire(B, 1_800);

        limiter.sweep(1_999);
        assertThat(limiter.addresses()).isEqualTo(2);
        limiter.sweep(2_000);
        assertThat(limiter.addresses()).isEqualTo(1);
        assertThat(limiter.tryAcquire(B, 2_000)).as("B's window was kept, and is used up").isFalse();
        limiter.sweep(2_800);
        assertThat(limiter.addresses()).isZero();
    }

    @Test
    void aClockSetBackEndsTheWindow() {
        UpgradeRateLimiter limiter = new UpgradeRateLimiter(1);
        limiter.tryAcquire(A, 10_000);

        assertThat(limiter.tryAcquire(A, 5_000)).isTrue();
        limiter.sweep(1_000);
        assertThat(limiter.addresses()).isZero();
    }

    @Test
    void noLimitKeepsNothing() {
        UpgradeRateLimiter limiter = new UpgradeRateLimiter(0);

        for (int i = 0; i < 100; i++) {
            assertThat(limiter.tryAcquire(A, 1_000)).isTrue();
        }
        assertThat(limiter.addresses()).isZero();
    }
}
