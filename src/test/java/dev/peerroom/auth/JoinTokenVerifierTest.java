package dev.peerroom.auth;

import static dev.peerroom.auth.JoinTokenVerifier.Rejection.BAD_SIGNATURE;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.EXPIRED;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.MALFORMED;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.NOT_SIGNED;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.NOT_YET_VALID;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.NO_EXPIRY;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.WRONG_ALGORITHM;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.WRONG_ROOM;
import static dev.peerroom.auth.JoinTokenVerifier.Rejection.WRONG_SUBJECT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.DirectEncrypter;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.peerroom.room.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Date;
import org.junit.jupiter.api.Test;

/** Layer 1: the token rules alone, no Netty, with a clock that moves only when told. */
class JoinTokenVerifierTest {
    private static final String ROOM = "123456789012345678";
    private static final String PEER = "alice";
    private static final KeyPair RSA = TestTokens.rsa(2048);
    private static final KeyPair EC = TestTokens.ec("secp256r1");

    private final FakeClock clock = new FakeClock(1_800_000_000_000L);
    private final long now = clock.millis();
    private final JoinTokenVerifier hs = JoinTokenVerifier.hs256(TestTokens.SECRET, clock);
    private final JoinTokenVerifier rs = JoinTokenVerifier.forPublicKey(RSA.getPublic(), clock);
    private final JoinTokenVerifier es = JoinTokenVerifier.forPublicKey(EC.getPublic(), clock);

    private JWTClaimsSet valid() {
        return TestTokens.claims(ROOM, PEER, now + 120_000).build();
    }

    private String hs256(JWTClaimsSet claims) {
        return TestTokens.hs256(TestTokens.SECRET, claims);
    }

    @Test
    void eachKeyPinsItsAlgorithm() {
        assertThat(hs.algorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(rs.algorithm()).isEqualTo(JWSAlgorithm.RS256);
        assertThat(es.algorithm()).isEqualTo(JWSAlgorithm.ES256);
    }

    @Test
    void validTokensAdmitThePeerToTheRoom() {
        assertThat(hs.check(hs256(valid()), ROOM, PEER)).isNull();
        assertThat(rs.check(TestTokens.rs256(RSA, valid()), ROOM, PEER)).isNull();
        assertThat(es.check(TestTokens.es256(EC, valid()), ROOM, PEER)).isNull();
    }

    @Test
    void theRoomClaimMustBeTheRoomJoinedAsAString() {
        assertThat(hs.check(hs256(valid()), "123456789012345679", PEER)).isEqualTo(WRONG_ROOM);
        assertThat(hs.check(hs256(TestTokens.claims("123456789012345679", PEER, now + 120_000).build()), ROOM, PEER))
                .isEqualTo(WRONG_ROOM);
        JWTClaimsSet noRoom = new JWTClaimsSet.Builder(valid()).claim("room", null).build();
        assertThat(hs.check(hs256(noRoom), ROOM, PEER)).isEqualTo(WRONG_ROOM);
        // A number is refused even when its digits match: JSON numbers lose a snowflake's digits.
        JWTClaimsSet numeric = new JWTClaimsSet.Builder(valid()).claim("room", 123456789012345678L).build();
        assertThat(hs.check(hs256(numeric), ROOM, PEER)).isEqualTo(WRONG_ROOM);
    }

    @Test
    void theSubjectMustBeThePeerIdExactly() {
        assertThat(hs.check(hs256(valid()), ROOM, "bob")).isEqualTo(WRONG_SUBJECT);
        assertThat(hs.check(hs256(valid()), ROOM, "Alice")).isEqualTo(WRONG_SUBJECT);
        JWTClaimsSet noSub = new JWTClaimsSet.Builder(valid()).subject(null).build();
        assertThat(hs.check(hs256(noSub), ROOM, PEER)).isEqualTo(WRONG_SUBJECT);
    }

    @Test
    void expiryIsRequired() {
        JWTClaimsSet noExp = new JWTClaimsSet.Builder(valid()).expirationTime(null).build();
        assertThat(hs.check(hs256(noExp), ROOM, PEER)).isEqualTo(NO_EXPIRY);
    }

    @Test
    void anExpiredTokenIsRefusedOnceTheClockSkewHasPassed() {
        String token = hs256(valid()); // exp = now + 120 s
        clock.advance(120_000 + 59_000);
        assertThat(hs.check(token, ROOM, PEER)).as("59 s after exp: inside the 60 s skew").isNull();
        clock.advance(2_000);
        assertThat(hs.check(token, ROOM, PEER)).as("61 s after exp").isEqualTo(EXPIRED);
        assertThat(JoinTokenVerifier.MAX_CLOCK_SKEW_SECONDS).isEqualTo(60);
    }

    @Test
    void aTokenExpiredLongAgoIsRefusedForEveryAlgorithm() {
        JWTClaimsSet old = TestTokens.claims(ROOM, PEER, now - 3_600_000).build();
        assertThat(hs.check(hs256(old), ROOM, PEER)).isEqualTo(EXPIRED);
        assertThat(rs.check(TestTokens.rs256(RSA, old), ROOM, PEER)).isEqualTo(EXPIRED);
        assertThat(es.check(TestTokens.es256(EC, old), ROOM, PEER)).isEqualTo(EXPIRED);
    }

    @Test
    void notBeforeIsHonouredWithTheSameSkew() {
        JWTClaimsSet later = new JWTClaimsSet.Builder(valid()).notBeforeTime(new Date(now + 61_000)).build();
        assertThat(hs.check(hs256(later), ROOM, PEER)).isEqualTo(NOT_YET_VALID);
        JWTClaimsSet soon = new JWTClaimsSet.Builder(valid()).notBeforeTime(new Date(now + 30_000)).build();
        assertThat(hs.check(hs256(soon), ROOM, PEER)).as("inside the skew").isNull();
        JWTClaimsSet past = new JWTClaimsSet.Builder(valid()).notBeforeTime(new Date(now - 1_000)).build();
        assertThat(hs.check(hs256(past), ROOM, PEER)).isNull();
        clock.advance(2_000);
        assertThat(hs.check(hs256(later), ROOM, PEER)).as("now within 60 s of nbf").isNull();
    }

    @Test
    void aTokenSignedWithAnotherSecretIsRefused() {
        String forged = TestTokens.hs256("another-secret-0123456789abcdef0123456", valid());
        assertThat(hs.check(forged, ROOM, PEER)).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void aTokenSignedWithAnotherKeyOfTheRightTypeIsRefused() {
        assertThat(rs.check(TestTokens.rs256(TestTokens.rsa(2048), valid()), ROOM, PEER)).isEqualTo(BAD_SIGNATURE);
        assertThat(es.check(TestTokens.es256(TestTokens.ec("secp256r1"), valid()), ROOM, PEER)).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void changedClaimsBreakTheSignature() {
        String token = hs256(valid());
        String[] parts = token.split("\\.");
        String otherClaims = TestTokens.withHeader("{}", TestTokens.claims(ROOM, "mallory", now + 120_000).build(), "")
                .split("\\.")[1];
        assertThat(hs.check(parts[0] + "." + otherClaims + "." + parts[2], ROOM, "mallory")).isEqualTo(BAD_SIGNATURE);
    }

    @Test
    void onlyThePinnedAlgorithmIsAccepted() {
        assertThat(es.check(TestTokens.rs256(RSA, valid()), ROOM, PEER)).as("RS256 on an ES256 key").isEqualTo(WRONG_ALGORITHM);
        assertThat(rs.check(TestTokens.es256(EC, valid()), ROOM, PEER)).as("ES256 on an RS256 key").isEqualTo(WRONG_ALGORITHM);
        assertThat(hs.check(TestTokens.rs256(RSA, valid()), ROOM, PEER)).isEqualTo(WRONG_ALGORITHM);
        // The same secret with a stronger HMAC is still another algorithm.
        String hs384 = TestTokens.sign(macSigner(TestTokens.SECRET + "-padded-to-48-bytes-x"), JWSAlgorithm.HS384, valid());
        assertThat(JoinTokenVerifier.hs256(TestTokens.SECRET + "-padded-to-48-bytes-x", clock).check(hs384, ROOM, PEER))
                .isEqualTo(WRONG_ALGORITHM);
    }

    @Test
    void algorithmConfusionWithThePublicKeyAsAnHmacSecretIsRefused() {
        // The classic attack: HS256 keyed with the server's public key, which the attacker knows.
        String withPem = TestTokens.sign(macSigner(TestTokens.pem(RSA.getPublic())), JWSAlgorithm.HS256, valid());
        assertThat(rs.check(withPem, ROOM, PEER)).isEqualTo(WRONG_ALGORITHM);
        String withDer = TestTokens.sign(macSigner(RSA.getPublic().getEncoded()), JWSAlgorithm.HS256, valid());
        assertThat(rs.check(withDer, ROOM, PEER)).isEqualTo(WRONG_ALGORITHM);
        String onEc = TestTokens.sign(macSigner(TestTokens.pem(EC.getPublic())), JWSAlgorithm.HS256, valid());
        assertThat(es.check(onEc, ROOM, PEER)).isEqualTo(WRONG_ALGORITHM);
    }

    @Test
    void unsignedTokensAreRefused() {
        assertThat(hs.check(new PlainJWT(valid()).serialize(), ROOM, PEER)).isEqualTo(NOT_SIGNED);
        assertThat(rs.check(new PlainJWT(valid()).serialize(), ROOM, PEER)).isEqualTo(NOT_SIGNED);
        // alg none with a signature part attached: still not accepted.
        String noneWithSig = TestTokens.withHeader("{\"alg\":\"none\"}", valid(), "c2lnbmF0dXJl");
        assertThat(hs.check(noneWithSig, ROOM, PEER)).isIn(NOT_SIGNED, MALFORMED);
        // Case variants of none are just unknown algorithms.
        String upper = TestTokens.withHeader("{\"alg\":\"NONE\"}", valid(), "c2lnbmF0dXJl");
        assertThat(hs.check(upper, ROOM, PEER)).isEqualTo(WRONG_ALGORITHM);
    }

    @Test
    void anEncryptedTokenIsNotASignedOne() throws Exception {
        EncryptedJWT jwe = new EncryptedJWT(new JWEHeader(JWEAlgorithm.DIR, EncryptionMethod.A256GCM), valid());
        jwe.encrypt(new DirectEncrypter(new byte[32]));
        assertThat(hs.check(jwe.serialize(), ROOM, PEER)).isEqualTo(NOT_SIGNED);
    }

    @Test
    void garbageIsRefusedWithoutThrowing() {
        for (String garbage : new String[] {"", "t", "tok-alice", "a.b.c", "....", "eyJ.eyJ.x", "%%%.%%%.%%%",
                TestTokens.withHeader("{\"alg\":\"HS256\"}", valid(), "").replace('.', '!'),
                TestTokens.withHeader("not json", valid(), "x"), "x".repeat(100_000)}) {
            assertThat(hs.check(garbage, ROOM, PEER)).as(garbage.length() > 40 ? garbage.substring(0, 40) : garbage)
                    .isIn(MALFORMED, NOT_SIGNED, BAD_SIGNATURE);
        }
        // A good signature over a payload that is not a claims object.
        String array = TestTokens.sign(macSigner(TestTokens.SECRET), JWSAlgorithm.HS256, valid())
                .split("\\.")[0] + ".WzEsMl0.x";
        assertThat(hs.check(array, ROOM, PEER)).isIn(MALFORMED, BAD_SIGNATURE);
        JWTClaimsSet expAsText = new JWTClaimsSet.Builder(valid()).claim("exp", "tomorrow").build();
        assertThat(hs.check(hs256(expAsText), ROOM, PEER)).isEqualTo(MALFORMED);
    }

    @Test
    void weakRsaKeysAreRefused() {
        assertThatThrownBy(() -> JoinTokenVerifier.forPublicKey(TestTokens.rsa(1024).getPublic(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("RSA key of 1024 bits: RS256 needs at least 2048");
    }

    @Test
    void ecKeysOffP256AreRefused() {
        assertThatThrownBy(() -> JoinTokenVerifier.forPublicKey(TestTokens.ec("secp384r1").getPublic(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("EC key on curve P-384: only P-256 (ES256) is supported");
    }

    @Test
    void otherKeyTypesAreRefused() throws Exception {
        KeyPair ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        assertThatThrownBy(() -> JoinTokenVerifier.forPublicKey(ed.getPublic(), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not supported: use RSA (RS256) or EC P-256 (ES256)");
    }

    private static MACSigner macSigner(String secret) {
        return macSigner(secret.getBytes(StandardCharsets.UTF_8));
    }

    private static MACSigner macSigner(byte[] secret) {
        try {
            return new MACSigner(secret);
        } catch (com.nimbusds.jose.KeyLengthException e) {
            throw new IllegalStateException(e);
        }
    }
}
