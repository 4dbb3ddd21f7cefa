package dev.peerroom.auth;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.JoinRequest;
import dev.peerroom.room.Clock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every join check that needs no room state, in the contract's order: room id, missing
 * parameters, key, peer id syntax, then the join token when tokens are on. The room's own rules
 * (id taken, same-token takeover, room full) come after, in the room.
 */
public final class JoinGate {
    private static final Logger log = LoggerFactory.getLogger(JoinGate.class);

    private final String key;
    private final JoinTokenVerifier tokens;

    /** {@code tokens} null = join tokens off: the token is the client's opaque reconnect secret. */
    public JoinGate(String key, JoinTokenVerifier tokens) {
        this.key = key;
        this.tokens = tokens;
    }

    /** The gate the settings ask for; reads the public key file now, so a bad key stops the start. */
    public static JoinGate from(ServerConfig config, Clock clock) {
        SecuritySettings security = config.security();
        JoinTokenVerifier tokens = null;
        if (security.jwtSecret() != null) {
            tokens = JoinTokenVerifier.hs256(security.jwtSecret(), clock);
            log.info("join tokens required: HS256 with the configured secret");
        } else if (security.jwtPublicKey() != null) {
            tokens = verifierFor(security.jwtPublicKey(), clock);
            log.info("join tokens required: {} with the key in {}", tokens.algorithm(), security.jwtPublicKey());
        }
        return new JoinGate(config.key(), tokens);
    }

    private static JoinTokenVerifier verifierFor(Path file, Clock clock) {
        try {
            return JoinTokenVerifier.forPublicKey(PublicKeyPem.read(file), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the join token public key " + file + " ("
                    + e.getClass().getSimpleName() + ")", e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("join token public key " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean tokensRequired() {
        return tokens != null;
    }

    /**
     * The first refusal that applies, or null when the join may go on to the room. The verdict is
     * recorded on the request, and a request already judged is not checked again.
     */
    public ErrorCode refusal(JoinRequest join) {
        if (join.isJudged()) {
            return join.verdict();
        }
        ErrorCode refusal = join.refusal(key);
        String reason = null;
        if (refusal == null && tokens != null) {
            JoinTokenVerifier.Rejection rejection = tokens.check(join.token(), join.roomId(), join.peerId());
            if (rejection != null) {
                refusal = ErrorCode.UNAUTHORIZED;
                reason = rejection.description();
            }
        }
        join.judge(refusal, reason);
        return refusal;
    }
}
