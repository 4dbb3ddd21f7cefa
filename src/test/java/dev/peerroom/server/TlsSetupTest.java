package dev.peerroom.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServeCommand;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.support.SelfSignedCert;
import dev.peerroom.support.SelfSignedCert.KeyType;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/** What the server makes of its certificate and key files, before any socket is opened. */
class TlsSetupTest {
    @TempDir
    static Path dir;
    private static SelfSignedCert rsa;
    private static SelfSignedCert ec;

    @BeforeAll
    static void certificates() {
        rsa = SelfSignedCert.create(dir, KeyType.RSA);
        ec = SelfSignedCert.create(dir, KeyType.EC);
    }

    private static SecuritySettings tls(Path cert, Path key) {
        return SecuritySettings.defaults().withTls(cert, key);
    }

    private static String failure(Path cert, Path key) {
        try {
            TlsSetup.serverContext(tls(cert, key));
        } catch (SettingFileException e) {
            return e.getMessage();
        }
        throw new AssertionError("the files were accepted: " + cert + ", " + key);
    }

    @Test
    void withoutCertificateThereIsNoTls() throws Exception {
        assertThat(TlsSetup.serverContext(SecuritySettings.defaults())).isNull();
    }

    @ParameterizedTest
    @EnumSource(KeyType.class)
    void aPkcs8KeyOfEitherTypeGivesAServerContextWithTls12And13Only(KeyType type) throws Exception {
        SelfSignedCert cert = type == KeyType.RSA ? rsa : ec;
        SslContext context = TlsSetup.serverContext(tls(cert.certFile(), cert.keyFile()));
        assertThat(context.isServer()).isTrue();
        // What every connection's engine will offer, whatever the JDK's own defaults allow.
        SSLEngine engine = context.newEngine(ByteBufAllocator.DEFAULT);
        assertThat(engine.getUseClientMode()).isFalse();
        assertThat(engine.getEnabledProtocols()).containsExactlyInAnyOrder("TLSv1.3", "TLSv1.2");
        // Forward secrecy and AEAD only: TLS 1.3's suites, and ECDHE with GCM or ChaCha20 for 1.2.
        assertThat(engine.getEnabledCipherSuites()).isNotEmpty().allSatisfy(suite -> assertThat(suite)
                .matches("TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256"
                        + "|ECDHE_(ECDSA|RSA)_WITH_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256))"));
    }

    @Test
    void aFullChainWithTextAroundItsBlocksIsRead() throws Exception {
        // As fullchain.pem, or openssl output with "Bag Attributes"/"subject=" lines: own certificate first.
        Path chain = Files.writeString(dir.resolve("fullchain.pem"), "subject=CN = 127.0.0.1\n"
                + Files.readString(ec.certFile()) + "\nissuer=CN = some intermediate\n" + Files.readString(rsa.certFile()));
        assertThat(TlsSetup.serverContext(tls(chain, ec.keyFile()))).isNotNull();
    }

    @Test
    void aMissingCertificateFileIsNamed() {
        Path missing = dir.resolve("nope-cert.pem");
        assertThat(failure(missing, ec.keyFile())).isEqualTo("cannot read TLS certificate " + missing + ": no such file");
    }

    @Test
    void aMissingKeyFileIsNamed() {
        Path missing = dir.resolve("nope-key.pem");
        assertThat(failure(ec.certFile(), missing)).isEqualTo("cannot read TLS key " + missing + ": no such file");
    }

    @Test
    void aCertificateFileWithoutCertificateIsRefused() throws Exception {
        Path garbage = Files.write(dir.resolve("garbage-cert.pem"), new byte[] {0x30, (byte) 0x82, 0x7f, 0, 1, 2, 3});
        assertThat(failure(garbage, ec.keyFile())).isEqualTo(
                "TLS certificate " + garbage + " holds no PEM certificate (-----BEGIN CERTIFICATE-----)");
        // The key given in place of the certificate: the most likely swap.
        assertThat(failure(ec.keyFile(), ec.keyFile())).startsWith("TLS certificate " + ec.keyFile() + " holds no PEM");
    }

    @Test
    void aCorruptCertificateBlockIsRefused() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt-cert.pem"),
                "-----BEGIN CERTIFICATE-----\nTUlJQm5vdCBhIGNlcnRpZmljYXRl\n-----END CERTIFICATE-----\n");
        assertThat(failure(corrupt, ec.keyFile())).startsWith("invalid TLS certificate " + corrupt + ": ");
    }

    @Test
    void aKeyFileWithoutKeyIsRefused() throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage-key.pem"), "not a key at all\n");
        assertThat(failure(ec.certFile(), garbage)).isEqualTo(
                "TLS key " + garbage + " holds no PEM private key (-----BEGIN PRIVATE KEY-----)");
        assertThat(failure(ec.certFile(), ec.certFile())).startsWith("TLS key " + ec.certFile() + " holds no PEM");
    }

    @Test
    void aCorruptKeyBlockIsRefused() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt-key.pem"),
                "-----BEGIN PRIVATE KEY-----\nTUlJQm5vdCBhIGtleQ==\n-----END PRIVATE KEY-----\n");
        assertThat(failure(ec.certFile(), corrupt)).isEqualTo(
                "invalid TLS key " + corrupt + ": not an RSA, EC or EdDSA key in PKCS#8");
    }

    @Test
    void aPkcs1RsaKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        // Refused even here, where BouncyCastle is on the class path: the jar does not have it.
        Path pkcs1 = rsa.writeTraditionalKey(dir.resolve("rsa-pkcs1.pem"));
        assertThat(Files.readString(pkcs1)).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(failure(rsa.certFile(), pkcs1)).isEqualTo("TLS key " + pkcs1 + " is a PKCS#1 RSA key "
                + "(-----BEGIN RSA PRIVATE KEY-----); PeerRoom reads unencrypted PKCS#8 keys (-----BEGIN PRIVATE KEY-----): "
                + "convert it with openssl pkcs8 -topk8 -nocrypt -in " + pkcs1 + " -out key-pkcs8.pem");
    }

    @Test
    void aSec1EcKeyIsRefusedWithTheCommandThatConvertsIt() throws Exception {
        Path sec1 = ec.writeTraditionalKey(dir.resolve("ec-sec1.pem"));
        assertThat(Files.readString(sec1)).contains("-----BEGIN EC PRIVATE KEY-----");
        assertThat(failure(ec.certFile(), sec1)).startsWith("TLS key " + sec1 + " is a SEC1 EC key")
                .contains("openssl pkcs8 -topk8 -nocrypt -in " + sec1);
    }

    @Test
    void anEncryptedKeyIsRefused() throws Exception {
        Path encrypted = Files.writeString(dir.resolve("encrypted-key.pem"),
                "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIFHDBOBgkqhkiG9w0BBQ0wQTApBgkq\n-----END ENCRYPTED PRIVATE KEY-----\n");
        assertThat(failure(ec.certFile(), encrypted)).startsWith("TLS key " + encrypted + " is an encrypted key")
                .contains("openssl pkcs8 -topk8 -nocrypt");
    }

    @Test
    void aKeyOfAnotherCertificateIsRefused() throws Exception {
        SelfSignedCert other = SelfSignedCert.create(Files.createDirectories(dir.resolve("other")), KeyType.EC);
        String expected = "TLS key " + other.keyFile() + " does not match the first certificate of " + ec.certFile()
                + " (the server's own certificate must come first, as in fullchain.pem)";
        assertThat(failure(ec.certFile(), other.keyFile())).isEqualTo(expected);
        // Another key type altogether.
        assertThat(failure(rsa.certFile(), ec.keyFile())).startsWith("TLS key " + ec.keyFile() + " does not match");
    }

    @Test
    void aChainWithTheOwnCertificateNotFirstIsRefused() throws Exception {
        Path chain = Files.writeString(dir.resolve("reversed-chain.pem"),
                Files.readString(rsa.certFile()) + Files.readString(ec.certFile()));
        assertThat(failure(chain, ec.keyFile())).startsWith("TLS key " + ec.keyFile() + " does not match the first");
    }

    @Test
    void theCommandLineReportsABadFileAsOneLineAndExitCode1() throws Exception {
        Path missing = dir.resolve("missing-key.pem");
        StringWriter err = new StringWriter();
        CommandLine cl = ServeCommand.commandLine(PeerRoomServer::runUntilShutdown, Map.of());
        cl.setErr(new PrintWriter(err, true));
        // The launcher Main uses: were the files accepted, it would serve until shutdown (hence the guard).
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cl.execute("--host", "127.0.0.1",
                "--port", "0", "--tls-cert", ec.certFile().toString(), "--tls-key", missing.toString()));
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).isEqualTo("peerroom: SettingFileException: cannot read TLS key " + missing
                + ": no such file" + System.lineSeparator());
    }

    /** The join-token key is a setting's file too: same one-line report (it has no test class of its own here). */
    @Test
    void theCommandLineReportsABadJoinTokenKeyAsOneLineAndExitCode1() throws Exception {
        StringWriter err = new StringWriter();
        CommandLine cl = ServeCommand.commandLine(PeerRoomServer::runUntilShutdown, Map.of());
        cl.setErr(new PrintWriter(err, true));
        // A certificate is not a public key: refused before anything starts.
        int exitCode = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> cl.execute("--host", "127.0.0.1",
                "--port", "0", "--jwt-public-key", ec.certFile().toString()));
        assertThat(exitCode).isEqualTo(1);
        assertThat(err.toString()).startsWith("peerroom: SettingFileException: join token public key "
                + ec.certFile()).doesNotContain("\tat ").hasLineCount(1);
    }

    @Test
    void anInProcessStartFailsWithTheSameMessage() {
        Path missing = dir.resolve("missing-cert.pem");
        ServerConfig config = ServerConfig.defaults().withHost("127.0.0.1").withPort(0)
                .withSecurity(tls(missing, ec.keyFile()));
        assertThatThrownBy(() -> PeerRoomServer.start(config).close())
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("cannot read TLS certificate " + missing + ": no such file");
    }
}
