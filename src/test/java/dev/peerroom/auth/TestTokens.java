package dev.peerroom.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.Date;

/** Mints join tokens and keys the way a game backend would, with the JDK and nimbus only. */
public final class TestTokens {
    /** 38 bytes: above the 32 HS256 needs. */
    public static final String SECRET = "test-secret-0123456789abcdef0123456789";

    private TestTokens() {
    }

    /** The claims a backend puts in: room, sub = peer id, exp. */
    public static JWTClaimsSet.Builder claims(String room, String peerId, long expiresAtMillis) {
        return new JWTClaimsSet.Builder().claim("room", room).subject(peerId).expirationTime(new Date(expiresAtMillis));
    }

    /** A valid HS256 token for {@code peerId} in {@code room}, good for two minutes of wall time. */
    public static String hs256(String room, String peerId) {
        return hs256(SECRET, claims(room, peerId, System.currentTimeMillis() + 120_000).build());
    }

    public static String hs256(String secret, JWTClaimsSet claims) {
        try {
            return sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)), JWSAlgorithm.HS256, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String rs256(KeyPair rsa, JWTClaimsSet claims) {
        return sign(new RSASSASigner((RSAPrivateKey) rsa.getPrivate()), JWSAlgorithm.RS256, claims);
    }

    public static String es256(KeyPair ec, JWTClaimsSet claims) {
        try {
            return sign(new ECDSASigner((ECPrivateKey) ec.getPrivate()), JWSAlgorithm.ES256, claims);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String sign(JWSSigner signer, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        SignedJWT jwt = new SignedJWT(new JWSHeader(algorithm), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    /** header.payload.signature with a hand-written header, e.g. {"alg":"none"}. */
    public static String withHeader(String headerJson, JWTClaimsSet claims, String signature) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString(headerJson.getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8)) + "." + signature;
    }

    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An EC key pair on a named curve: secp256r1 (P-256), secp384r1, ... */
    public static KeyPair ec(String curve) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curve));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The public key as `openssl pkey -pubout` writes it. */
    public static String pem(PublicKey key) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(key.getEncoded());
        return "-----BEGIN PUBLIC KEY-----\n" + body + "\n-----END PUBLIC KEY-----\n";
    }

    public static Path writePem(Path dir, PublicKey key) throws java.io.IOException {
        Path file = dir.resolve("join-token-key.pem");
        Files.writeString(file, pem(key), StandardCharsets.US_ASCII);
        return file;
    }
}
