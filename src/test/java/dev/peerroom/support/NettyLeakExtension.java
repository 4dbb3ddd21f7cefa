package dev.peerroom.support;

import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty's leak detector reports a leak. Registered for every test class
 * through {@code META-INF/services/org.junit.jupiter.api.extension.Extension} with
 * {@code junit.jupiter.extensions.autodetection.enabled=true}; JUnit instantiates it before the
 * first test class runs, so the static initialiser installs the recording detector factory
 * before any Netty buffer class is initialised.
 *
 * <p>A leak is seen when its buffer is garbage-collected, so it may be reported after the class
 * that caused it; the report's access records (PARANOID level) name the code that touched it.
 */
public final class NettyLeakExtension implements BeforeAllCallback, AfterAllCallback {
    static {
        LeakRecorder.install();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String problem = LeakRecorder.installationProblem();
        if (problem != null) {
            throw new IllegalStateException("Netty leak detection is not enforced: " + problem);
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (context.getRequiredTestClass().isAnnotationPresent(Nested.class)) {
            return; // a @Nested class: its outer class checks once all of them ran
        }
        LeakRecorder.flush();
        List<String> leaks = LeakRecorder.drainUnexpected();
        if (!leaks.isEmpty()) {
            throw new AssertionError(leaks.size() + " Netty buffer leak(s) reported by the PARANOID leak "
                    + "detector while running up to " + context.getDisplayName() + ":\n\n"
                    + String.join("\n\n", leaks));
        }
    }
}
