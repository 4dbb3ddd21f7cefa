package dev.peerroom.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PEM public keys read with the JDK alone (no BouncyCastle at run time). */
class PublicKeyPemTest {
    @Test
    void readsAnRsaKeyAsOpensslWritesIt(@TempDir Path dir) throws Exception {
        PublicKey rsa = TestTokens.rsa(2048).getPublic();
        assertThat(PublicKeyPem.read(TestTokens.writePem(dir, rsa))).isEqualTo(rsa);
    }

    @Test
    void readsAnEcKey() {
        PublicKey ec = TestTokens.ec("secp256r1").getPublic();
        assertThat(PublicKeyPem.parse(TestTokens.pem(ec))).isEqualTo(ec);
    }

    @Test
    void toleratesOneLineBase64CrlfAndTextAroundTheBlock() {
        PublicKey ec = TestTokens.ec("secp256r1").getPublic();
        String oneLine = "-----BEGIN PUBLIC KEY-----" + Base64.getEncoder().encodeToString(ec.getEncoded())
                + "-----END PUBLIC KEY-----";
        assertThat(PublicKeyPem.parse(oneLine)).isEqualTo(ec);
        String commented = "issued by the game backend\r\n" + TestTokens.pem(ec).replace("\n", "\r\n") + "trailer\r\n";
        assertThat(PublicKeyPem.parse(commented)).isEqualTo(ec);
    }

    @Test
    void aPkcs1RsaKeyIsRefusedWithTheConversionCommand() {
        assertThatThrownBy(() -> PublicKeyPem.parse("-----BEGIN RSA PUBLIC KEY-----\nMIIB\n-----END RSA PUBLIC KEY-----\n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PKCS#1").hasMessageContaining("openssl rsa -RSAPublicKey_in");
    }

    @Test
    void aPrivateKeyIsRefused() {
        KeyPair pair = TestTokens.ec("secp256r1");
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        assertThatThrownBy(() -> PublicKeyPem.parse(pem)).hasMessageContaining("a private key");
    }

    @Test
    void aCertificateIsRefusedWithTheExtractionCommand() {
        assertThatThrownBy(() -> PublicKeyPem.parse("-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----"))
                .hasMessageContaining("openssl x509 -in cert.pem -pubkey -noout");
    }

    @Test
    void brokenBlocksAreRefused() {
        assertThatThrownBy(() -> PublicKeyPem.parse("")).hasMessage("no '-----BEGIN PUBLIC KEY-----' block found");
        assertThatThrownBy(() -> PublicKeyPem.parse("-----BEGIN PUBLIC KEY-----\nabcde\n-----END PUBLIC KEY-----"))
                .hasMessage("the PUBLIC KEY block is not valid base64");
        assertThatThrownBy(() -> PublicKeyPem.parse("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"))
                .hasMessageStartingWith("not an RSA or EC public key");
    }

    @Test
    void anEd25519KeyIsNeitherRsaNorEc() throws Exception {
        PublicKey ed = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic();
        assertThatThrownBy(() -> PublicKeyPem.parse(TestTokens.pem(ed))).hasMessageStartingWith("not an RSA or EC public key");
    }
}
