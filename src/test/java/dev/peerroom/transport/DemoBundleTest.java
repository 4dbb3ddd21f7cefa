package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * The PeerJS client that the build bundles for {@code /demo} (pom.xml, peerjs.version and
 * peerjs.sha512): it is on the classpath, it is the file the browser suite tests the server with,
 * and the pom's pin agrees with the suite's lock file.
 */
class DemoBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The suite's copy, installed by {@code npm ci} in e2e/ (scripts/test.sh runs it before Maven). */
    private static final Path SUITE_BUNDLE = Path.of("e2e", "node_modules", "peerjs", "dist", "peerjs.min.js");

    @Test
    void theBundleAndItsLicenceAreOnTheClasspath() {
        byte[] bundle = DemoPage.resource(DemoPage.BUNDLE, true);
        String licence = new String(DemoPage.resource("peerjs.LICENSE.txt", true), StandardCharsets.UTF_8);

        assertThat(bundle.length).isGreaterThan(50_000);
        assertThat(new String(bundle, StandardCharsets.UTF_8))
                .contains("window.peerjs=")
                .contains("\"" + pinned().getProperty("version") + "\"");
        assertThat(licence).contains("The MIT License");
    }

    @Test
    void theBundleIsByteIdenticalToTheOneTheBrowserSuiteUses() throws Exception {
        // Not an assumption: a missing install must fail, not hide the check (scripts/test.sh installs it).
        assertThat(SUITE_BUNDLE).as("the browser suite's client: run npm ci in e2e first").exists();
        assertThat(DemoPage.resource(DemoPage.BUNDLE, true)).isEqualTo(Files.readAllBytes(SUITE_BUNDLE));
    }

    /** One pin for two installs: an upgrade that changes only one of them fails here. */
    @Test
    void thePomPinMatchesTheBrowserSuitesLockFile() throws Exception {
        Properties pin = pinned();
        JsonNode lock = JSON.readTree(Path.of("e2e", "package-lock.json").toFile()).path("packages").path("node_modules/peerjs");
        JsonNode manifest = JSON.readTree(Path.of("e2e", "package.json").toFile());
        String integrity = lock.path("integrity").asText();
        assertThat(integrity).startsWith("sha512-");

        assertThat(pin.getProperty("version"))
                .isEqualTo(lock.path("version").asText())
                .isEqualTo(manifest.path("dependencies").path("peerjs").asText());
        assertThat(pin.getProperty("tarball-sha512"))
                .isEqualTo(HexFormat.of().formatHex(Base64.getDecoder().decode(integrity.substring("sha512-".length()))));
    }

    /** What the build recorded next to the bundle: the pom's version and tarball hash. */
    private static Properties pinned() {
        Properties props = new Properties();
        try {
            props.load(new ByteArrayInputStream(DemoPage.resource("peerjs.properties", true)));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        assertThat(props.getProperty("version")).matches("\\d+\\.\\d+\\.\\d+.*");
        assertThat(props.getProperty("tarball-sha512")).matches("[0-9a-f]{128}");
        return props;
    }
}
