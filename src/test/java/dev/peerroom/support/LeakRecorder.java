package dev.peerroom.support;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.ResourceLeakDetectorFactory;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Records every leak Netty's leak detector reports, so the test suite can fail on them instead of
 * only logging them. {@link #install()} must run before Netty's first buffer class is initialised:
 * {@code AbstractByteBuf} creates its one detector for all buffers in its static initialiser, from
 * whatever {@link ResourceLeakDetectorFactory} is installed at that moment.
 */
public final class LeakRecorder {
    /**
     * Reports whose records contain this marker come from deliberate leaks (the self-test); they
     * are recorded but not logged, and the suite-wide check ignores them.
     */
    public static final String DELIBERATE = "peerroom-deliberate-leak";

    private static final List<String> LEAKS = new CopyOnWriteArrayList<>();
    private static volatile boolean installed;

    private LeakRecorder() {
    }

    /** Installs the recording factory (once) and raises the detector to PARANOID unless set explicitly. */
    public static synchronized void install() {
        if (installed) {
            return;
        }
        if (System.getProperty("io.netty.leakDetection.level") == null
                && System.getProperty("io.netty.leakDetectionLevel") == null) {
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);
        }
        ResourceLeakDetectorFactory.setResourceLeakDetectorFactory(new RecordingFactory());
        installed = true;
    }

    /**
     * Null when every ByteBuf is tracked by a recording detector, else why not (the factory was
     * installed after Netty's buffer classes were initialised, or the level is not PARANOID).
     */
    public static String installationProblem() {
        if (!installed) {
            return "LeakRecorder.install() was never called";
        }
        if (ResourceLeakDetector.getLevel() != ResourceLeakDetector.Level.PARANOID) {
            return "leak detection level is " + ResourceLeakDetector.getLevel() + ", not PARANOID";
        }
        Object detector = bufferLeakDetector();
        if (!(detector instanceof RecordingDetector)) {
            return "io.netty.buffer.AbstractByteBuf.leakDetector is " + detector
                    + ": Netty buffers were initialised before the recording factory was installed";
        }
        return null;
    }

    /** The detector every ByteBuf uses ({@code AbstractByteBuf.leakDetector}), read reflectively. */
    static Object bufferLeakDetector() {
        try {
            Class<?> type = Class.forName("io.netty.buffer.AbstractByteBuf");
            Field field = type.getDeclaredField("leakDetector");
            field.setAccessible(true);
            return field.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "unreadable (" + e + ")";
        }
    }

    /**
     * Makes the detector report what has become garbage: a few GCs, each followed by buffer
     * allocations (at PARANOID every allocation drains the detector's reference queue).
     */
    public static void flush() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            pause(20);
            allocateAndRelease();
        }
    }

    /** Flushes until {@code marker} shows up in a report or {@code rounds} rounds passed. */
    public static boolean flushUntilReported(String marker, int rounds) {
        for (int round = 0; round < rounds; round++) {
            System.gc();
            pause(20);
            allocateAndRelease();
            if (LEAKS.stream().anyMatch(r -> r.contains(marker))) {
                return true;
            }
        }
        return false;
    }

    private static void allocateAndRelease() {
        for (ByteBufAllocator alloc : new ByteBufAllocator[] {ByteBufAllocator.DEFAULT, UnpooledByteBufAllocator.DEFAULT}) {
            ByteBuf heap = alloc.heapBuffer(8);
            heap.release();
            ByteBuf direct = alloc.directBuffer(8);
            direct.release();
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Every leak recorded so far, deliberate ones included. */
    public static List<String> recorded() {
        return new ArrayList<>(LEAKS);
    }

    /** Removes and returns the recorded leaks that are not deliberate. */
    public static List<String> drainUnexpected() {
        List<String> out = new ArrayList<>();
        for (String report : LEAKS) {
            if (!report.contains(DELIBERATE)) {
                out.add(report);
            }
            LEAKS.remove(report);
        }
        return out;
    }

    /** Forgets the reports containing {@code marker}. */
    public static void forget(String marker) {
        LEAKS.removeIf(r -> r.contains(marker));
    }

    static void record(String report) {
        LEAKS.add(report);
    }

    private static final class RecordingFactory extends ResourceLeakDetectorFactory {
        @Override
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval) {
            return new RecordingDetector<>(resource, samplingInterval);
        }

        @Override
        @SuppressWarnings("deprecation")
        public <T> ResourceLeakDetector<T> newResourceLeakDetector(Class<T> resource, int samplingInterval,
                                                                   long maxActive) {
            return new RecordingDetector<>(resource, samplingInterval);
        }
    }

    /** A detector that records reports and always reports (whatever the logger's level). */
    static final class RecordingDetector<T> extends ResourceLeakDetector<T> {
        RecordingDetector(Class<?> resource, int samplingInterval) {
            super(resource, samplingInterval);
        }

        @Override
        protected boolean needReport() {
            return true;
        }

        @Override
        protected void reportTracedLeak(String resourceType, String records) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected."
                    + records);
            if (!records.contains(DELIBERATE)) {
                super.reportTracedLeak(resourceType, records);
            }
        }

        @Override
        protected void reportUntracedLeak(String resourceType) {
            record("LEAK: " + resourceType + ".release() was not called before it was garbage-collected "
                    + "(no access records).");
            super.reportUntracedLeak(resourceType);
        }
    }
}
