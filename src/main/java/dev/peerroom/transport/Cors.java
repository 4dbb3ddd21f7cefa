package dev.peerroom.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import java.util.Set;

/**
 * The origin policy: with no allow-list every origin is reflected (as peerjs-server does);
 * with one, only listed origins get CORS headers and only they may open a WebSocket.
 */
final class Cors {
    private final Set<String> allowed;
    private final boolean anyOrigin;

    Cors(List<String> allowedOrigins) {
        this.allowed = Set.copyOf(allowedOrigins);
        this.anyOrigin = allowedOrigins.isEmpty() || allowedOrigins.contains("*");
    }

    /** Requests without Origin come from non-browser clients, which could send any Origin anyway. */
    boolean allows(String origin) {
        return origin == null || anyOrigin || allowed.contains(origin);
    }

    /** Adds CORS headers for an allowed origin; adds nothing for a refused one. */
    void apply(String origin, HttpHeaders headers) {
        headers.add(HttpHeaderNames.VARY, HttpHeaderNames.ORIGIN);
        if (origin == null) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        } else if (allows(origin)) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        }
    }

    /** Preflight answer: GET only, any requested header, cached for ten minutes. */
    void applyPreflight(String origin, String requestedHeaders, HttpHeaders headers) {
        apply(origin, headers);
        if (allows(origin)) {
            headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, OPTIONS");
            if (requestedHeaders != null) {
                headers.set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, requestedHeaders);
            }
            headers.set(HttpHeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        }
    }
}
