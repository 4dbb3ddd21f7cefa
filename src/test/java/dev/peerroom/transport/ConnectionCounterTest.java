package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.NetUtil;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Open connections per address: a cap, and no entry left for an address without connections. */
class ConnectionCounterTest {
    private static final InetAddress A = NetUtil.createInetAddressFromIpAddressString("203.0.113.1");
    private static final InetAddress B = NetUtil.createInetAddressFromIpAddressString("203.0.113.2");

    @Test
    void capsEachAddressSeparately() {
        ConnectionCounter counter = new ConnectionCounter(2);

        assertThat(counter.tryAcquire(A)).isTrue();
        assertThat(counter.tryAcquire(A)).isTrue();
        assertThat(counter.tryAcquire(A)).isFalse();
        assertThat(counter.tryAcquire(B)).isTrue();
        assertThat(counter.count(A)).as("a refused connection is not counted").isEqualTo(2);
    }

    @Test
    void releasingTheLastConnectionRemovesTheAddress() {
        ConnectionCounter counter = new ConnectionCounter(2);
        counter.tryAcquire(A);
        counter.tryAcquire(A);
        counter.release(A);

        assertThat(counter.tryAcquire(A)).isTrue();
        counter.release(A);
        counter.release(A);
        assertThat(counter.addresses()).isZero();
        counter.release(A);
        assertThat(counter.count(A)).as("an extra release does not go negative").isZero();
    }

    @Test
    void noLimitCountsNothing() {
        ConnectionCounter counter = new ConnectionCounter(0);

        for (int i = 0; i < 100; i++) {
            assertThat(counter.tryAcquire(A)).isTrue();
        }
        assertThat(counter.limited()).isFalse();
        assertThat(counter.addresses()).isZero();
    }

    @Test
    void concurrentAcquiresNeverExceedTheLimitAndAllReleasesEmptyTheMap() throws Exception {
        ConnectionCounter counter = new ConnectionCounter(50);
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    if (counter.tryAcquire(A)) {
                        granted.incrementAndGet();
                        counter.release(A);
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }

        assertThat(granted.get()).isPositive();
        assertThat(counter.addresses()).isZero();
    }
}
