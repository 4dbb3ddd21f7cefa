package dev.peerroom.transport;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The origin policy: with no allow-list every origin is reflected (as peerjs-server does);
 * with one, only listed origins get CORS headers and only they may open a WebSocket.
 *
 * <p>An entry is an exact origin ({@code https://app.example.com}) or a wildcard over subdomains
 * ({@code https://*.example.com}, optionally with a port). The setting parser has already
 * lower-cased the entries and dropped default ports; browsers send lower-case origins without
 * default ports too, so matching is a set lookup, then a short list of suffix rules.
 */
final class Cors {
    private final Set<String> exact;
    private final List<SubdomainRule> subdomains;
    private final boolean anyOrigin;

    Cors(List<String> allowedOrigins) {
        Set<String> exactOrigins = new HashSet<>();
        List<SubdomainRule> rules = new ArrayList<>();
        for (String entry : allowedOrigins) {
            SubdomainRule rule = SubdomainRule.parse(entry);
            if (rule != null) {
                rules.add(rule);
            } else {
                exactOrigins.add(entry.toLowerCase(Locale.ROOT));
            }
        }
        this.exact = Set.copyOf(exactOrigins);
        this.subdomains = List.copyOf(rules);
        this.anyOrigin = allowedOrigins.isEmpty() || allowedOrigins.contains("*");
    }

    /** Requests without Origin come from non-browser clients, which could send any Origin anyway. */
    boolean allows(String origin) {
        if (origin == null || anyOrigin || exact.contains(origin)) {
            return true;
        }
        if (!subdomains.isEmpty()) {
            for (SubdomainRule rule : subdomains) {
                if (rule.matches(origin)) {
                    return true;
                }
            }
        }
        // Browsers send lower case; a hand-written client may not. Lower-case only on this slow path.
        String lower = origin.toLowerCase(Locale.ROOT);
        return !lower.equals(origin) && exact.contains(lower);
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

    /**
     * {@code scheme://*.domain[:port]}: any origin with that scheme and port whose host is one or more
     * labels followed by {@code .domain}. The domain itself does not match: "*." asks for a subdomain.
     *
     * @param prefix {@code scheme://}
     * @param suffix {@code .domain[:port]}, so a different port, or none, never matches
     */
    private record SubdomainRule(String prefix, String suffix) {
        static SubdomainRule parse(String entry) {
            int star = entry.indexOf("://*.");
            return star < 0 ? null : new SubdomainRule(entry.substring(0, star + 3), entry.substring(star + 4));
        }

        boolean matches(String origin) {
            int labelsEnd = origin.length() - suffix.length();
            if (labelsEnd <= prefix.length()
                    || !origin.regionMatches(true, 0, prefix, 0, prefix.length())
                    || !origin.regionMatches(true, labelsEnd, suffix, 0, suffix.length())) {
                return false;
            }
            return isHostLabels(origin, prefix.length(), labelsEnd);
        }

        /**
         * DNS labels joined by dots, nothing else: no port, user info, path or empty label can hide
         * in front of the suffix (e.g. {@code https://evil.com/.example.com} or {@code https://x@a.example.com}).
         */
        private static boolean isHostLabels(String s, int from, int to) {
            boolean labelStart = true;
            for (int i = from; i < to; i++) {
                char c = s.charAt(i);
                if (c == '.') {
                    if (labelStart) {
                        return false;
                    }
                    labelStart = true;
                } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-') {
                    labelStart = false;
                } else {
                    return false;
                }
            }
            return !labelStart;
        }
    }
}
