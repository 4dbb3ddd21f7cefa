package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The demo page over a real socket, as a browser fetches it from a running server. */
class DemoHttpTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static TestServer server;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static <T> HttpResponse<T> send(String method, String path, HttpResponse.BodyHandler<T> body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.http(path))).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return CLIENT.send(request, body);
    }

    @Test
    void thePageAllowsSocketsToTheHostItWasLoadedFrom() throws Exception {
        HttpResponse<String> page = send("GET", "/demo", HttpResponse.BodyHandlers.ofString());
        String host = "127.0.0.1:" + server.port();

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("content-security-policy")).hasValueSatisfying(csp ->
                assertThat(csp).contains("connect-src 'self' ws://" + host + " wss://" + host));
        assertThat(page.body()).contains("<title>PeerRoom demo</title>");
    }

    @Test
    void theBundleArrivesByteForByte() throws Exception {
        HttpResponse<byte[]> bundle = send("GET", "/demo/peerjs.min.js", HttpResponse.BodyHandlers.ofByteArray());

        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("content-type")).hasValue("text/javascript; charset=utf-8");
        try (InputStream in = DemoHttpTest.class.getResourceAsStream("/dev/peerroom/web/demo/peerjs.min.js")) {
            assertThat(in).isNotNull();
            assertThat(bundle.body()).isEqualTo(in.readAllBytes());
        }
    }

    @Test
    void headAndPostAre405LikeTheOtherEndpoints() throws Exception {
        for (String method : new String[] {"HEAD", "POST"}) {
            for (String path : new String[] {"/demo", "/demo/demo.js", "/health"}) {
                HttpResponse<String> reply = send(method, path, HttpResponse.BodyHandlers.ofString());
                assertThat(reply.statusCode()).as(method + " " + path).isEqualTo(405);
            }
        }
        assertThat(send("GET", "/demo/missing.js", HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(404);
    }
}
