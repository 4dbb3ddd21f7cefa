package dev.peerroom.server;

import dev.peerroom.config.SecuritySettings;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's TLS: an {@link SslContext} from the PEM certificate chain and PKCS#8 key of the
 * settings, and the {@link SslHandler} that goes first in every accepted connection's pipeline.
 *
 * <p>The JDK's own TLS (Netty's JDK provider) is used, so the jar needs no native library.
 * Everything that can be wrong with the files is found here, at start, and reported as one
 * {@link SettingFileException} naming the file, rather than as a failure of every handshake later.
 */
public final class TlsSetup {
    /** Browsers have spoken TLS 1.2 since 2013; 1.0 and 1.1 are deprecated (RFC 8996). */
    static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /**
     * TLS 1.3's suites, and for 1.2 only ECDHE with AEAD (Mozilla's "intermediate" list without
     * DHE): every browser with WebRTC has them. Netty's defaults would also enable CBC
     * with SHA-1 and static RSA key exchange, which has no forward secrecy.
     */
    static final List<String> CIPHER_SUITES = List.of(
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");

    private static final Logger log = LoggerFactory.getLogger(TlsSetup.class);

    private TlsSetup() {
    }

    /** The server context for {@code security}, or null when TLS is off (plain ws:// and http://). */
    public static SslContext serverContext(SecuritySettings security) throws SettingFileException {
        if (!security.tls()) {
            return null;
        }
        List<X509Certificate> chain = PemFiles.certificates(security.tlsCert());
        PrivateKey key = PemFiles.privateKey(security.tlsKey());
        X509Certificate own = chain.get(0);
        if (!matches(own, key)) {
            throw new SettingFileException("TLS key " + security.tlsKey() + " does not match the first certificate of "
                    + security.tlsCert() + " (the server's own certificate must come first, as in fullchain.pem)");
        }
        try {
            SslContext context = SslContextBuilder.forServer(key, chain)
                    .sslProvider(SslProvider.JDK)
                    .protocols(PROTOCOLS)
                    // The filter drops a suite this JDK lacks instead of failing the start.
                    .ciphers(CIPHER_SUITES, SupportedCipherSuiteFilter.INSTANCE)
                    .build();
            report(own, chain.size(), security);
            return context;
        } catch (SSLException | IllegalArgumentException e) {
            throw new SettingFileException("cannot use TLS certificate " + security.tlsCert() + " with key "
                    + security.tlsKey() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A handler for one accepted connection. A client that connects and never completes the TLS
     * handshake is closed after the same timeout as one that never completes its HTTP request.
     */
    static SslHandler newHandler(SslContext context, Channel channel) {
        SslHandler handler = context.newHandler(channel.alloc());
        // No timer per connection: the edge's handshake deadline (--handshake-timeout, one node-wide
        // sweep) starts at accept and covers the TLS handshake too.
        handler.setHandshakeTimeoutMillis(0);
        return handler;
    }

    /** Whether {@code key} signs what the certificate's public key verifies: a proof, whatever the key type. */
    static boolean matches(X509Certificate certificate, PrivateKey key) throws SettingFileException {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "EdDSA", "Ed25519", "Ed448" -> key.getAlgorithm();
            default -> null;
        };
        if (algorithm == null) {
            return true; // e.g. RSASSA-PSS, which needs parameters: left to the handshake
        }
        byte[] challenge = new byte[32];
        new SecureRandom().nextBytes(challenge);
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(challenge);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(challenge);
            return verifier.verify(signature);
        } catch (InvalidKeyException | SignatureException e) {
            return false; // a certificate for another key type
        } catch (GeneralSecurityException e) {
            throw new SettingFileException("cannot check the TLS key against its certificate: " + e.getMessage(), e);
        }
    }

    /** An out-of-date certificate still starts the node (a clock may be off), but says so loudly. */
    private static void report(X509Certificate own, int chainLength, SecuritySettings security) {
        String subject = own.getSubjectX500Principal().getName();
        try {
            own.checkValidity();
            log.info("TLS 1.2 and 1.3 with certificate {} ({} in chain, valid until {})",
                    subject, chainLength, own.getNotAfter().toInstant());
        } catch (CertificateExpiredException e) {
            log.warn("TLS certificate {} ({}) EXPIRED at {}: clients will refuse it", subject,
                    security.tlsCert(), own.getNotAfter().toInstant());
        } catch (CertificateNotYetValidException e) {
            log.warn("TLS certificate {} ({}) is not valid before {}: clients will refuse it", subject,
                    security.tlsCert(), own.getNotBefore().toInstant());
        }
    }
}
