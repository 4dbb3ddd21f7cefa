package dev.peerroom.support;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throw-away self-signed server certificate for 127.0.0.1 and localhost, made at test time
 * (BouncyCastle builds it; the JDK's own providers sign it, so no provider is registered
 * globally), written as PEM files the server reads: {@code cert.pem} and a PKCS#8 {@code key.pem}.
 */
public final class SelfSignedCert {
    public enum KeyType { RSA, EC }

    private final KeyPair keys;
    private final X509Certificate certificate;
    private final Path certFile;
    private final Path keyFile;

    private SelfSignedCert(KeyPair keys, X509Certificate certificate, Path certFile, Path keyFile) {
        this.keys = keys;
        this.certificate = certificate;
        this.certFile = certFile;
        this.keyFile = keyFile;
    }

    /** An EC P-256 certificate (what Let's Encrypt issues by default) in {@code dir}. */
    public static SelfSignedCert create(Path dir) {
        return create(dir, KeyType.EC);
    }

    /** A certificate of {@code type} in {@code dir}, as {@code <type>-cert.pem} and {@code <type>-key.pem}. */
    public static SelfSignedCert create(Path dir, KeyType type) {
        try {
            KeyPair keys = keyPair(type);
            Instant now = Instant.now();
            X500Name name = new X500Name("CN=127.0.0.1");
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name,
                    new BigInteger(64, new SecureRandom()), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(Duration.ofDays(1))), name, keys.getPublic());
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                new GeneralName(GeneralName.dNSName, "localhost")}));
            String signature = type == KeyType.RSA ? "SHA256withRSA" : "SHA256withECDSA";
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder(signature).build(keys.getPrivate())));
            String prefix = type.name().toLowerCase();
            Path certFile = write(dir.resolve(prefix + "-cert.pem"), pem("CERTIFICATE", certificate.getEncoded()));
            Path keyFile = write(dir.resolve(prefix + "-key.pem"), pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
            return new SelfSignedCert(keys, certificate, certFile, keyFile);
        } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
            throw new IllegalStateException("cannot make a self-signed certificate", e);
        }
    }

    public Path certFile() {
        return certFile;
    }

    /** The private key in PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}). */
    public Path keyFile() {
        return keyFile;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /**
     * The private key in OpenSSL's traditional format, as older tools write it: PKCS#1
     * ({@code BEGIN RSA PRIVATE KEY}) for RSA, SEC1 ({@code BEGIN EC PRIVATE KEY}) for EC.
     */
    public Path writeTraditionalKey(Path file) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(keys.getPrivate());
        }
        return write(file, text.toString());
    }

    /** A client context that trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("peerroom-test", certificate);
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), new SecureRandom());
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot build a client TLS context", e);
        }
    }

    private static KeyPair keyPair(KeyType type) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(type.name());
        if (type == KeyType.RSA) {
            generator.initialize(2048);
        } else {
            generator.initialize(new ECGenParameterSpec("secp256r1"));
        }
        return generator.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.US_ASCII);
    }
}
