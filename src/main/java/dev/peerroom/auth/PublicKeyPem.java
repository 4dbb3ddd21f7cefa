package dev.peerroom.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a PEM public key ({@code -----BEGIN PUBLIC KEY-----}, X.509 SubjectPublicKeyInfo) with the
 * JDK alone. Nimbus's PEM helpers need BouncyCastle, which the server does not ship; this format is
 * what {@code openssl pkey -pubout} and every JWT library write, so nothing more is needed.
 */
public final class PublicKeyPem {
    private static final Pattern ARMOR = Pattern.compile(
            "-----BEGIN PUBLIC KEY-----([A-Za-z0-9+/=\\s]*)-----END PUBLIC KEY-----");

    private PublicKeyPem() {
    }

    public static PublicKey read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.US_ASCII));
    }

    /** An RSA or EC public key; anything else is refused with a message saying what to give instead. */
    public static PublicKey parse(String pem) {
        Matcher m = ARMOR.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException(whatItIs(pem));
        }
        byte[] der;
        try {
            der = Base64.getDecoder().decode(m.group(1).replaceAll("\\s", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PUBLIC KEY block is not valid base64");
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(der);
        // Each key factory checks the algorithm named inside the DER, so at most one accepts it.
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePublic(spec);
            } catch (InvalidKeySpecException e) {
                // not this algorithm: try the next
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("the JDK lacks " + algorithm, e);
            }
        }
        throw new IllegalArgumentException("not an RSA or EC public key (RS256 needs RSA, ES256 needs EC P-256)");
    }

    /** Why a file without a PUBLIC KEY block was refused, for the common mix-ups. */
    private static String whatItIs(String pem) {
        if (pem.contains("-----BEGIN RSA PUBLIC KEY-----")) {
            return "a PKCS#1 RSA key (BEGIN RSA PUBLIC KEY); convert it with "
                    + "'openssl rsa -RSAPublicKey_in -in key.pem -pubout'";
        }
        if (pem.contains("PRIVATE KEY-----")) {
            return "a private key; give the public key only ('openssl pkey -in key.pem -pubout')";
        }
        if (pem.contains("-----BEGIN CERTIFICATE-----")) {
            return "a certificate; give its public key ('openssl x509 -in cert.pem -pubkey -noout')";
        }
        return "no '-----BEGIN PUBLIC KEY-----' block found";
    }
}
