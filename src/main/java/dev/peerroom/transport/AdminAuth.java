package dev.peerroom.transport;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The admin token check of the admin API and of a status page behind the token: an
 * {@code Authorization: Bearer <token>} header (RFC 6750). Both sides are hashed first, so the
 * comparison takes the same time whatever the given token's length or content.
 */
final class AdminAuth {
    /** What a 401 answers in {@code WWW-Authenticate}. */
    static final String CHALLENGE = "Bearer realm=\"peerroom\"";
    /** The challenge for a token that was given but is wrong (RFC 6750 3.1). */
    static final String INVALID_TOKEN_CHALLENGE = CHALLENGE + ", error=\"invalid_token\"";

    /** The outcome of a check: the right token, none at all, or another one. */
    enum Verdict { OK, MISSING, WRONG }

    private static final String SCHEME = "bearer ";
    private final byte[] expected;

    /** @param token the admin token; null turns the check off (nothing is ever accepted) */
    AdminAuth(String token) {
        this.expected = token == null ? null : sha256(token);
    }

    boolean enabled() {
        return expected != null;
    }

    Verdict check(String authorization) {
        if (authorization == null || authorization.length() <= SCHEME.length()
                || !authorization.substring(0, SCHEME.length()).toLowerCase(Locale.ROOT).equals(SCHEME)) {
            return Verdict.MISSING;
        }
        String given = authorization.substring(SCHEME.length()).trim();
        return expected != null && MessageDigest.isEqual(sha256(given), expected) ? Verdict.OK : Verdict.WRONG;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
