package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code GET /demo} and its files, through the server pipeline on an EmbeddedChannel. */
class DemoPageTest {
    /** The Host header every embedded client request carries. */
    private static final String HOST = "localhost:9000";

    private EmbeddedServer server;

    @AfterEach
    void tearDown() {
        if (server != null) {
            server.close();
        }
    }

    private Client client(TestConfigs config) {
        server = new EmbeddedServer(config.build());
        return server.connect();
    }

    private Client client() {
        return client(TestConfigs.defaults());
    }

    @Test
    void thePageIsHtmlWithAStrictPolicyAndNoCaching() {
        Client client = client();
        for (String path : List.of("/demo", "/demo/", "/demo?room=123456789012345678")) {
            HttpReply reply = client.get(path);

            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
            assertThat(reply.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
            assertThat(reply.header("x-content-type-options")).isEqualTo("nosniff");
            assertThat(reply.header(HttpHeaderNames.CONTENT_SECURITY_POLICY))
                    .contains("default-src 'none'", "script-src 'self';", "style-src 'self';",
                            "connect-src 'self' ws://" + HOST + " wss://" + HOST + " http://" + HOST + " https://" + HOST + ";",
                            "frame-ancestors 'none'")
                    .doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(reply.body())
                    .contains("<script src=\"/demo/peerjs.min.js?v=1.5.5\" defer></script>")
                    .contains("<script src=\"/demo/demo-view.js\" defer></script>")
                    .contains("<script src=\"/demo/demo-signals.js\" defer></script>")
                    .contains("<script src=\"/demo/demo.js\" defer></script>")
                    .contains("<meta name=\"peerroom-base-path\" content=\"/\">")
                    .contains("aria-live=\"polite\"")
                    .doesNotContain("{{")
                    .doesNotContainPattern("<script>|<style>| style=| on[a-z]+=\""); // nothing inline: the CSP would block it
        }
        assertThat(client.isOpen()).as("HTTP/1.1 keep-alive").isTrue();
    }

    @Test
    void theFilesHaveTheirTypesAndTheBundleMayBeCached() {
        Client client = client();
        Map<String, String> types = Map.of(
                "/demo/demo.js", "text/javascript; charset=utf-8",
                "/demo/demo-view.js", "text/javascript; charset=utf-8",
                "/demo/demo-signals.js", "text/javascript; charset=utf-8",
                "/demo/demo.css", "text/css; charset=utf-8",
                "/demo/peerjs.min.js", "text/javascript; charset=utf-8",
                "/demo/peerjs.LICENSE.txt", "text/plain; charset=utf-8");
        types.forEach((path, type) -> {
            HttpReply reply = client.get(path);
            assertThat(reply.status()).as(path).isEqualTo(200);
            assertThat(reply.header(HttpHeaderNames.CONTENT_TYPE)).as(path).isEqualTo(type);
            assertThat(reply.header("x-content-type-options")).as(path).isEqualTo("nosniff");
            assertThat(reply.body()).as(path).isNotEmpty();
        });
        assertThat(client.get("/demo/demo.js").header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-cache");
        HttpReply bundle = client.get("/demo/peerjs.min.js?v=1.5.5");
        assertThat(bundle.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("public, max-age=86400");
        // The bundle is ASCII, so the text body is its bytes.
        assertThat(bundle.body().getBytes(StandardCharsets.UTF_8)).isEqualTo(DemoPage.resource(DemoPage.BUNDLE, true));
        assertThat(client.get("/demo/demo.js").body()).contains("peer.socket").contains("new Peer(");
    }

    @Test
    void unknownDemoFilesAre404() {
        Client client = client();
        for (String path : List.of("/demo/nope", "/demo/index.html", "/demo/peerjs.properties", "/demo/../demo/demo.js",
                "/demo/demo.js/", "/demo//demo.js", "/demox", "/demo.js")) {
            assertThat(client.get(path).status()).as(path).isEqualTo(404);
        }
    }

    @Test
    void otherMethodsBehaveLikeTheOtherEndpoints() {
        Client client = client();
        // HEAD is in DemoHttpTest: the codec rightly sends no body with it, which this client cannot read.
        for (HttpMethod method : List.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.DELETE)) {
            for (String path : List.of("/demo", "/demo/demo.js")) {
                assertThat(client.request(method, path).status()).as(method + " " + path).isEqualTo(405);
            }
        }
        HttpReply preflight = client.request(HttpMethod.OPTIONS, "/demo", "Origin", "https://app.example",
                "Access-Control-Request-Method", "GET");
        assertThat(preflight.status()).isEqualTo(server.connect().request(HttpMethod.OPTIONS, "/health",
                "Origin", "https://app.example", "Access-Control-Request-Method", "GET").status());
    }

    @Test
    void thePageCarriesTheBasePathItsSocketsUse() {
        HttpReply reply = client(TestConfigs.defaults().basePath("/signal/")).get("/demo");

        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.body()).contains("<meta name=\"peerroom-base-path\" content=\"/signal/\">");
    }

    @Test
    void aBasePathUnderDemoKeepsItsPeerJsPaths() throws Exception {
        Client client = client(TestConfigs.defaults().basePath("/demo/"));

        HttpReply info = client.get("/demo/");
        assertThat(info.status()).isEqualTo(200);
        assertThat(new ObjectMapper().readTree(info.body()).get("name").asText()).isEqualTo("PeerRoom");
        assertThat(client.get("/demo/rooms/" + EmbeddedServer.ROOM + "/peerjs/id").status()).isEqualTo(200);
        assertThat(client.get("/demo/demo.js").status()).isEqualTo(404);
    }

    @Test
    void theConnectSourcesRepeatOnlyAPlainHost() {
        assertThat(DemoPage.contentSecurityPolicy("[::1]:9000")).contains("ws://[::1]:9000 wss://[::1]:9000");
        assertThat(DemoPage.contentSecurityPolicy("example.com")).contains("connect-src 'self' ws://example.com wss://");
        for (String hostile : new String[] {null, "", "a b", "x;script-src *", "evil.com/x", "h:99999999", "'self'"}) {
            assertThat(DemoPage.contentSecurityPolicy(hostile)).as(String.valueOf(hostile))
                    .contains("connect-src 'self'; base-uri");
        }
    }
}
