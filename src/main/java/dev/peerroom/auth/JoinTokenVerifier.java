package dev.peerroom.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.util.DateUtils;
import dev.peerroom.room.Clock;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.util.Date;

/**
 * Checks a join token: a JWT signed with the one algorithm the configured key allows, whose
 * {@code room} and {@code sub} claims name the room and peer id of the join, and which has not
 * expired. Immutable and thread-safe: one instance serves every event loop.
 */
public final class JoinTokenVerifier {
    /** Nimbus's default (60 s): the backend that mints tokens and this node need not agree to the second. */
    public static final int MAX_CLOCK_SKEW_SECONDS = DefaultJWTClaimsVerifier.DEFAULT_MAX_CLOCK_SKEW_SECONDS;
    public static final String ROOM_CLAIM = "room";
    static final int MIN_RSA_BITS = 2048;

    /** Why a token was refused; logged at DEBUG, never sent to the client (it only gets "Unauthorized"). */
    public enum Rejection {
        MALFORMED("not a well-formed JWT"),
        NOT_SIGNED("not a signed JWT (alg none, or encrypted)"),
        WRONG_ALGORITHM("signed with another algorithm than the configured key's"),
        BAD_SIGNATURE("bad signature"),
        NO_EXPIRY("no exp claim"),
        EXPIRED("expired"),
        NOT_YET_VALID("nbf is in the future"),
        WRONG_ROOM("room claim is not the room joined"),
        WRONG_SUBJECT("sub claim is not the peer id");

        private final String description;

        Rejection(String description) {
            this.description = description;
        }

        public String description() {
            return description;
        }
    }

    private final JWSAlgorithm algorithm;
    private final JWSVerifier verifier;
    private final Clock clock;

    private JoinTokenVerifier(JWSAlgorithm algorithm, JWSVerifier verifier, Clock clock) {
        this.algorithm = algorithm;
        this.verifier = verifier;
        this.clock = clock;
    }

    /** HS256 with the secret's UTF-8 bytes (at least 32, checked when the settings are read). */
    public static JoinTokenVerifier hs256(String secret, Clock clock) {
        try {
            return new JoinTokenVerifier(JWSAlgorithm.HS256,
                    new MACVerifier(secret.getBytes(StandardCharsets.UTF_8)), clock);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the join token secret is unusable for HS256: " + e.getMessage(), e);
        }
    }

    /** RS256 for an RSA key of at least 2048 bits, ES256 for an EC key on P-256; other keys are refused. */
    public static JoinTokenVerifier forPublicKey(PublicKey key, Clock clock) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            if (bits < MIN_RSA_BITS) {
                throw new IllegalArgumentException("RSA key of " + bits + " bits: RS256 needs at least "
                        + MIN_RSA_BITS);
            }
            return new JoinTokenVerifier(JWSAlgorithm.RS256, new RSASSAVerifier(rsa), clock);
        }
        if (key instanceof ECPublicKey ec) {
            Curve curve = Curve.forECParameterSpec(ec.getParams());
            if (!Curve.P_256.equals(curve)) {
                throw new IllegalArgumentException("EC key on curve " + (curve == null ? ec.getParams() : curve)
                        + ": only P-256 (ES256) is supported");
            }
            try {
                return new JoinTokenVerifier(JWSAlgorithm.ES256, new ECDSAVerifier(ec), clock);
            } catch (JOSEException e) {
                throw new IllegalArgumentException("unusable EC key: " + e.getMessage(), e);
            }
        }
        throw new IllegalArgumentException(key.getAlgorithm() + " keys are not supported: use RSA (RS256) or EC P-256 (ES256)");
    }

    /** The only algorithm a token may be signed with. */
    public JWSAlgorithm algorithm() {
        return algorithm;
    }

    /** Null when the token admits {@code peerId} to {@code roomId}; else why not. */
    public Rejection check(String token, String roomId, String peerId) {
        SignedJWT jwt;
        try {
            JWT parsed = JWTParser.parse(token);
            if (!(parsed instanceof SignedJWT signed)) {
                return Rejection.NOT_SIGNED;
            }
            jwt = signed;
        } catch (ParseException | RuntimeException e) {
            // Untrusted input into a third-party parser: whatever it throws, the join is refused.
            return Rejection.MALFORMED;
        }
        // Pinned before the signature is checked: the header must not choose how it is verified
        // (alg none, or HS256 keyed with the public key's bytes).
        if (!algorithm.equals(jwt.getHeader().getAlgorithm())) {
            return Rejection.WRONG_ALGORITHM;
        }
        try {
            if (!jwt.verify(verifier)) {
                return Rejection.BAD_SIGNATURE;
            }
        } catch (JOSEException | RuntimeException e) {
            return Rejection.BAD_SIGNATURE;
        }
        JWTClaimsSet claims;
        try {
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return Rejection.MALFORMED;
        }
        return checkClaims(claims, roomId, peerId);
    }

    /** The same time rules as nimbus's DefaultJWTClaimsVerifier, but with exp required and our clock. */
    private Rejection checkClaims(JWTClaimsSet claims, String roomId, String peerId) {
        Date now = new Date(clock.millis());
        Date expires = claims.getExpirationTime();
        if (expires == null) {
            return Rejection.NO_EXPIRY;
        }
        if (!DateUtils.isAfter(expires, now, MAX_CLOCK_SKEW_SECONDS)) {
            return Rejection.EXPIRED;
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && !DateUtils.isBefore(notBefore, now, MAX_CLOCK_SKEW_SECONDS)) {
            return Rejection.NOT_YET_VALID;
        }
        // A string, compared as written: a JSON number would have lost digits of a snowflake.
        if (!(claims.getClaim(ROOM_CLAIM) instanceof String room) || !room.equals(roomId)) {
            return Rejection.WRONG_ROOM;
        }
        if (!peerId.equals(claims.getSubject())) {
            return Rejection.WRONG_SUBJECT;
        }
        return null;
    }
}
