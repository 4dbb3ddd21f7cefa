package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The origin allow-list: exact entries and {@code scheme://*.domain[:port]} wildcards. */
class CorsTest {
    private final Cors cors = new Cors(List.of("https://*.example.com", "https://app.example.org",
            "https://*.example.net:8443", "http://localhost:5173"));

    @Test
    void aWildcardMatchesAnyDepthOfSubdomainOnly() {
        assertThat(cors.allows("https://a.example.com")).isTrue();
        assertThat(cors.allows("https://a.b.example.com")).isTrue();
        assertThat(cors.allows("https://x-1.example.com")).isTrue();
        assertThat(cors.allows("https://example.com")).as("the domain itself is not a subdomain").isFalse();
    }

    @Test
    void aWildcardKeepsItsSchemeAndPort() {
        assertThat(cors.allows("http://a.example.com")).isFalse();
        assertThat(cors.allows("wss://a.example.com")).isFalse();
        assertThat(cors.allows("https://a.example.com:8443")).isFalse();
        assertThat(cors.allows("https://a.example.net:8443")).isTrue();
        assertThat(cors.allows("https://a.example.net")).as("port given in the rule: required").isFalse();
        assertThat(cors.allows("https://a.example.net:8444")).isFalse();
    }

    @Test
    void aWildcardDoesNotMatchLookAlikes() {
        assertThat(cors.allows("https://evilexample.com")).isFalse();
        assertThat(cors.allows("https://a.example.com.evil.io")).isFalse();
        assertThat(cors.allows("https://evil.io/.example.com")).isFalse();
        assertThat(cors.allows("https://evil.io#.example.com")).isFalse();
        assertThat(cors.allows("https://user@a.example.com")).isFalse();
        assertThat(cors.allows("https://.example.com")).isFalse();
        assertThat(cors.allows("https://a..example.com")).isFalse();
        assertThat(cors.allows("https://*.example.com")).as("a literal star is not a host").isFalse();
        assertThat(cors.allows("null")).isFalse();
    }

    @Test
    void matchingIgnoresCase() {
        assertThat(cors.allows("HTTPS://A.Example.COM")).isTrue();
        assertThat(cors.allows("https://APP.example.org")).isTrue();
        assertThat(cors.allows("HTTP://LOCALHOST:5173")).isTrue();
    }

    @Test
    void exactEntriesMatchThemselvesOnly() {
        assertThat(cors.allows("https://app.example.org")).isTrue();
        assertThat(cors.allows("https://x.app.example.org")).as("no implicit wildcard").isFalse();
        assertThat(cors.allows("http://app.example.org")).isFalse();
        assertThat(cors.allows("http://localhost:5173")).isTrue();
        assertThat(cors.allows("http://localhost:5174")).isFalse();
    }

    @Test
    void noOriginAndAnEmptyListAllowEverything() {
        assertThat(cors.allows(null)).isTrue();
        assertThat(new Cors(List.of()).allows("https://anything.example")).isTrue();
    }

    @Test
    void corsHeadersAreOnlyGivenToMatchingOrigins() {
        HttpHeaders matching = new DefaultHttpHeaders();
        cors.apply("https://a.b.example.com", matching);
        HttpHeaders apex = new DefaultHttpHeaders();
        cors.apply("https://example.com", apex);

        assertThat(matching.get(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isEqualTo("https://a.b.example.com");
        assertThat(apex.contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        assertThat(apex.get(HttpHeaderNames.VARY)).isEqualTo("origin");
    }
}
