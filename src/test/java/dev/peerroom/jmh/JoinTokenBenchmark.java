package dev.peerroom.jmh;

import dev.peerroom.auth.JoinTokenVerifier;
import dev.peerroom.auth.TestTokens;
import dev.peerroom.room.Clock;
import java.security.KeyPair;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one join token check costs the event loop that runs it: parse, signature, claims. Run
 * with {@code JoinTokenBenchmark} as the JMH filter (see docs/hot-path.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class JoinTokenBenchmark {
    private static final String ROOM = "123456789012345678";
    private static final String PEER = "alice";

    @Param({"HS256", "RS256", "ES256"})
    public String algorithm;

    private JoinTokenVerifier verifier;
    private String token;

    @Setup
    public void setUp() {
        long exp = System.currentTimeMillis() + 3_600_000;
        switch (algorithm) {
            case "HS256" -> {
                verifier = JoinTokenVerifier.hs256(TestTokens.SECRET, Clock.SYSTEM);
                token = TestTokens.hs256(TestTokens.SECRET, TestTokens.claims(ROOM, PEER, exp).build());
            }
            case "RS256" -> {
                KeyPair rsa = TestTokens.rsa(2048);
                verifier = JoinTokenVerifier.forPublicKey(rsa.getPublic(), Clock.SYSTEM);
                token = TestTokens.rs256(rsa, TestTokens.claims(ROOM, PEER, exp).build());
            }
            case "ES256" -> {
                KeyPair ec = TestTokens.ec("secp256r1");
                verifier = JoinTokenVerifier.forPublicKey(ec.getPublic(), Clock.SYSTEM);
                token = TestTokens.es256(ec, TestTokens.claims(ROOM, PEER, exp).build());
            }
            default -> throw new IllegalArgumentException(algorithm);
        }
        if (verifier.check(token, ROOM, PEER) != null) {
            throw new IllegalStateException("the benchmark token must be valid");
        }
    }

    @Benchmark
    public JoinTokenVerifier.Rejection verifyValidToken() {
        return verifier.check(token, ROOM, PEER);
    }

    /**
     * Garbage is refused before any cryptography. A well-formed forgery costs a full signature
     * check, as {@link #verifyValidToken} does: that is the price of an attacker's attempt.
     */
    @Benchmark
    public JoinTokenVerifier.Rejection refuseGarbage() {
        return verifier.check("not-a-jwt", ROOM, PEER);
    }
}
