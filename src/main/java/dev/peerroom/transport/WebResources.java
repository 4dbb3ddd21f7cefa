package dev.peerroom.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The operator pages' files (HTML, scripts, styles), read once from the classpath at start. */
final class WebResources {
    private WebResources() {
    }

    /** The bytes of {@code path}; when it is missing, null, or an error if it is {@code required}. */
    static byte[] read(String path, boolean required) {
        try (InputStream in = WebResources.class.getResourceAsStream(path)) {
            if (in == null) {
                if (required) {
                    throw new IllegalStateException("missing resource " + path);
                }
                return null;
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
