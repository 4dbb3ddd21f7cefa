package dev.peerroom.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AdaptiveByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Proves that {@link NettyLeakExtension} would catch a leak: leaks on purpose, then cleans up. */
class LeakDetectionSelfTest {
    private static final int ROUNDS = 50;

    private String marker;

    @AfterEach
    void forgetDeliberateLeaks() {
        LeakRecorder.forget(LeakRecorder.DELIBERATE);
    }

    @Test
    void recordingDetectorTracksEveryBufferAtParanoidLevel() {
        assertThat(LeakRecorder.installationProblem()).isNull();
        assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
        assertThat(LeakRecorder.bufferLeakDetector()).isInstanceOf(LeakRecorder.RecordingDetector.class);
    }

    @Test
    void nettyDefaultAllocatorIsTheAdaptiveOne() {
        // Netty 4.2 made the adaptive allocator the default; the leak checks below cover it.
        assertThat(ByteBufAllocator.DEFAULT).isInstanceOf(AdaptiveByteBufAllocator.class);
    }

    /** Unpooled heap buffers are not tracked by Netty at all (garbage collection frees them). */
    static Stream<Arguments> allocators() {
        return Stream.of(
                Arguments.of("default (adaptive) heap", ByteBufAllocator.DEFAULT, false),
                Arguments.of("default (adaptive) direct", ByteBufAllocator.DEFAULT, true),
                Arguments.of("pooled heap", PooledByteBufAllocator.DEFAULT, false),
                Arguments.of("pooled direct", PooledByteBufAllocator.DEFAULT, true),
                Arguments.of("unpooled direct", UnpooledByteBufAllocator.DEFAULT, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("allocators")
    void aLeakedBufferIsRecordedWithItsAccessRecords(String name, ByteBufAllocator alloc, boolean direct) {
        marker = LeakRecorder.DELIBERATE + "-" + UUID.randomUUID();
        leak(alloc, direct, marker);

        assertThat(LeakRecorder.flushUntilReported(marker, ROUNDS))
                .as("leak of a %s buffer reported within %d GC rounds", name, ROUNDS).isTrue();
        List<String> reports = LeakRecorder.recorded().stream().filter(r -> r.contains(marker)).toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).startsWith("LEAK: ByteBuf.release() was not called")
                .contains("Hint: " + marker)
                .contains(LeakDetectionSelfTest.class.getName() + ".leak");
    }

    @Test
    void aReleasedBufferIsNotReported() {
        marker = LeakRecorder.DELIBERATE + "-" + UUID.randomUUID();
        allocateAndRelease(marker);

        assertThat(LeakRecorder.flushUntilReported(marker, 5)).isFalse();
    }

    @Test
    void theExtensionFailsTheClassWhenALeakWasRecorded() {
        LeakRecorder.record("LEAK: ByteBuf.release() was not called (test record " + UUID.randomUUID() + ")");
        NettyLeakExtension extension = new NettyLeakExtension();

        assertThatThrownBy(() -> extension.afterAll(context()))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("1 Netty buffer leak(s)")
                .hasMessageContaining("test record");
        // Reported once: the next class starts clean.
        extension.afterAll(context());
    }

    @Test
    void theExtensionIgnoresDeliberateLeaks() {
        LeakRecorder.record("LEAK: " + LeakRecorder.DELIBERATE + " (test record)");

        new NettyLeakExtension().afterAll(context());
        assertThat(LeakRecorder.recorded()).noneMatch(r -> r.contains(LeakRecorder.DELIBERATE));
    }

    /** Allocates, touches with the marker and drops the buffer: no reference outlives this frame. */
    private static void leak(ByteBufAllocator alloc, boolean direct, String marker) {
        ByteBuf buf = direct ? alloc.directBuffer(64) : alloc.heapBuffer(64);
        assertThat(buf.getClass().getSimpleName()).as("buffer is tracked").contains("LeakAware");
        buf.touch(marker);
        buf.writeLong(42);
    }

    private static void allocateAndRelease(String marker) {
        ByteBuf buf = ByteBufAllocator.DEFAULT.buffer(64);
        buf.touch(marker);
        buf.writeLong(42);
        buf.release();
    }

    /** Just enough of an ExtensionContext for {@link NettyLeakExtension#afterAll}. */
    private static ExtensionContext context() {
        return (ExtensionContext) Proxy.newProxyInstance(LeakDetectionSelfTest.class.getClassLoader(),
                new Class<?>[] {ExtensionContext.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getRequiredTestClass" -> LeakDetectionSelfTest.class;
                    case "getTestClass" -> Optional.of(LeakDetectionSelfTest.class);
                    case "getDisplayName" -> "LeakDetectionSelfTest";
                    case "toString" -> "fake ExtensionContext";
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
