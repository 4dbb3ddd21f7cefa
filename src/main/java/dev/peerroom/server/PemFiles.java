package dev.peerroom.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the TLS certificate chain and private key from PEM files, with the JDK alone.
 *
 * <p>The key is parsed here rather than by Netty: Netty falls back to BouncyCastle for PKCS#1
 * and SEC1 keys when it is on the class path, which it is in the tests but not in the jar, so a
 * key the tests accept could be refused in production. Here every key format is treated the
 * same way everywhere, and every refusal says what to do.
 */
final class PemFiles {
    /** Any PEM block; the label decides what it is. Base64 decoding skips the line breaks. */
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "EdDSA", "RSASSA-PSS"};

    private PemFiles() {
    }

    /** Every CERTIFICATE block of {@code file}, in file order: the server's own certificate first. */
    static List<X509Certificate> certificates(Path file) throws SettingFileException {
        String what = "TLS certificate " + file;
        List<X509Certificate> chain = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block block : blocks(read(file, what), what)) {
                if (block.label().equals("CERTIFICATE")) {
                    chain.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
                }
            }
        } catch (GeneralSecurityException e) {
            throw new SettingFileException("invalid " + what + ": " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new SettingFileException(what + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        }
        return chain;
    }

    /** The one unencrypted PKCS#8 private key of {@code file}. */
    static PrivateKey privateKey(Path file) throws SettingFileException {
        String what = "TLS key " + file;
        List<Block> keys = new ArrayList<>();
        for (Block block : blocks(read(file, what), what)) {
            String label = block.label();
            if (label.equals("RSA PRIVATE KEY") || label.equals("EC PRIVATE KEY")
                    || label.equals("ENCRYPTED PRIVATE KEY")) {
                String kind = switch (label) {
                    case "RSA PRIVATE KEY" -> "a PKCS#1 RSA key";
                    case "EC PRIVATE KEY" -> "a SEC1 EC key";
                    default -> "an encrypted key";
                };
                throw new SettingFileException(what + " is " + kind + " (-----BEGIN " + label + "-----); PeerRoom reads "
                        + "unencrypted PKCS#8 keys (-----BEGIN PRIVATE KEY-----): convert it with "
                        + "openssl pkcs8 -topk8 -nocrypt -in " + file + " -out key-pkcs8.pem");
            }
            if (label.equals("PRIVATE KEY")) {
                keys.add(block);
            }
        }
        if (keys.size() != 1) {
            throw new SettingFileException(what + (keys.isEmpty() ? " holds no" : " holds more than one")
                    + " PEM private key (-----BEGIN PRIVATE KEY-----)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(keys.get(0).der());
        // PKCS#8 names the algorithm inside, but the JDK needs it named up front: try each in turn.
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException notThisOne) {
                // next algorithm
            }
        }
        throw new SettingFileException("invalid " + what + ": not an RSA, EC or EdDSA key in PKCS#8");
    }

    private static String read(Path file, String what) throws SettingFileException {
        try {
            // ISO-8859-1 maps every byte to one char: a binary (DER) file cannot fail here, only find no block.
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new SettingFileException("cannot read " + what + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new SettingFileException("cannot read " + what + ": permission denied", e);
        } catch (IOException e) {
            throw new SettingFileException("cannot read " + what + ": " + e, e);
        }
    }

    private static List<Block> blocks(String text, String what) throws SettingFileException {
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            try {
                blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
            } catch (IllegalArgumentException e) {
                throw new SettingFileException("invalid " + what + ": the " + m.group(1) + " block is not base64", e);
            }
        }
        return blocks;
    }

    private record Block(String label, byte[] der) {
    }
}
