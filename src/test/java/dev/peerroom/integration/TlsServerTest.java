package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.support.SelfSignedCert;
import dev.peerroom.support.SelfSignedCert.KeyType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A node with --tls-cert/--tls-key, over real sockets on 127.0.0.1: https://, wss://, and what it refuses. */
class TlsServerTest {
    private static final int WAIT_MS = 10_000;
    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}";

    @TempDir
    static Path dir;
    private static SelfSignedCert cert;
    private static TestServer server;
    private static HttpClient https;
    private static long roomSeq = 700000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        cert = SelfSignedCert.create(dir);
        server = TestServer.start(tlsConfig(cert, SecuritySettings.DEFAULT_HANDSHAKE_TIMEOUT));
        https = client(cert.clientContext(), null);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static ServerConfig tlsConfig(SelfSignedCert c, Duration handshakeTimeout) {
        return ServerConfig.defaults().withSecurity(SecuritySettings.defaults().withTls(c.certFile(), c.keyFile())
                .withLimits(0, 0, handshakeTimeout));
    }

    /** A JDK client that trusts {@code context}'s certificate and checks the host name (IP SAN 127.0.0.1). */
    private static HttpClient client(SSLContext context, String onlyProtocol) {
        HttpClient.Builder b = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (onlyProtocol != null) {
            SSLParameters parameters = context.getDefaultSSLParameters();
            parameters.setProtocols(new String[] {onlyProtocol});
            b.sslParameters(parameters);
        }
        return b.build();
    }

    private static HttpResponse<String> get(HttpClient http, int port, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    private static WsClient joinWss(String room, String id) {
        WsClient client = WsClient.connect(https, "wss://127.0.0.1:" + server.port()
                + server.socketPath(room, id, "tok-" + id));
        assertThat(client.next()).isEqualTo(Frames.OPEN);
        return client;
    }

    @Test
    void healthAndServerAssignedIdAreServedOverTls13() throws Exception {
        HttpResponse<String> health = get(https, server.port(), "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo("TLSv1.3"));

        HttpResponse<String> id = get(https, server.port(), "/rooms/" + freshRoom() + "/peerjs/id");
        assertThat(id.statusCode()).isEqualTo(200);
        assertThat(id.body()).matches(UUID);
    }

    @Test
    void aTls12OnlyClientIsServed() throws Exception {
        HttpResponse<String> health = get(client(cert.clientContext(), "TLSv1.2"), server.port(), "/health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(health.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isEqualTo("TLSv1.2"));
    }

    @Test
    void anRsaCertificateServesToo() throws Exception {
        SelfSignedCert rsa = SelfSignedCert.create(dir, KeyType.RSA);
        try (TestServer rsaServer = TestServer.start(tlsConfig(rsa, SecuritySettings.DEFAULT_HANDSHAKE_TIMEOUT))) {
            HttpResponse<String> health = get(client(rsa.clientContext(), null), rsaServer.port(), "/health");
            assertThat(health.statusCode()).isEqualTo(200);
        }
    }

    /**
     * Every join moves its socket to its room's event loop (RoomLoops) with the SslHandler in the
     * pipeline. The two peers of a room connect one after the other, and accepted connections go
     * round-robin over the loops, so with two loops or more one of each pair is moved.
     */
    @Test
    void peersOfRoomsOnEveryEventLoopJoinAndRouteOverWss() throws Exception {
        // One event loop per core: on a single core nothing moves, but routing over wss is still checked.
        int eventLoops = Runtime.getRuntime().availableProcessors();
        List<String> rooms = new ArrayList<>();
        Set<Executor> loops = new HashSet<>();
        while (rooms.size() < 6 || (loops.size() < 2 && rooms.size() < 64)) {
            String room = freshRoom();
            rooms.add(room);
            loops.add(server.server().registry().executor(room));
        }
        assertThat(loops).as("rooms on distinct event loops").hasSizeGreaterThanOrEqualTo(Math.min(2, eventLoops));
        List<WsClient> clients = new ArrayList<>();
        try {
            for (String room : rooms) {
                WsClient a = joinWss(room, "a");
                WsClient b = joinWss(room, "b");
                clients.add(a);
                clients.add(b);
                String connection = "dc_" + room;
                a.send(Frames.offer("b", connection));
                assertThat(b.next()).isEqualTo("{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"b\",\"payload\":"
                        + Frames.offerPayload(connection) + "}");
                b.send("{\"type\":\"ANSWER\",\"payload\":" + Frames.answerPayload(connection) + ",\"dst\":\"a\"}");
                assertThat(a.next()).isEqualTo("{\"type\":\"ANSWER\",\"src\":\"b\",\"dst\":\"a\",\"payload\":"
                        + Frames.answerPayload(connection) + "}");
            }
            // A message larger than a TLS record (16 KiB) both ways, after every move.
            String sdp = "a=x-filler:" + "0123456789".repeat(10_000);
            String payload = "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"" + sdp + "\"},\"type\":\"data\",\"connectionId\":\"dc_big\"}";
            for (int i = 0; i < clients.size(); i += 2) {
                clients.get(i).send("{\"type\":\"OFFER\",\"payload\":" + payload + ",\"dst\":\"b\"}");
                assertThat(clients.get(i + 1).next()).isEqualTo(
                        "{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"b\",\"payload\":" + payload + "}");
            }
            Expect.silent(100, clients.toArray(new WsClient[0]));
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {ClientHellos.TLS_1_0, ClientHellos.TLS_1_1})
    void tls10And11HandshakesAreRefusedWithAProtocolVersionAlert(int version) throws Exception {
        try (Socket socket = rawSocket(server.port())) {
            socket.getOutputStream().write(ClientHellos.hello(version));
            ClientHellos.Record answer = ClientHellos.readRecord(socket.getInputStream());
            assertThat(answer.type()).as("record type (21 = alert)").isEqualTo(ClientHellos.RECORD_ALERT);
            assertThat(answer.body()).as("fatal protocol_version").containsExactly(2, 70);
            assertThat(readToEnd(socket.getInputStream())).as("then the server closes").isNotNull();
        }
    }

    @Test
    void theSameHandMadeHelloAt12GetsAServerHello() throws Exception {
        try (Socket socket = rawSocket(server.port())) {
            socket.getOutputStream().write(ClientHellos.hello(ClientHellos.TLS_1_2));
            assertThat(ClientHellos.readRecord(socket.getInputStream()).serverHelloVersion())
                    .isEqualTo(ClientHellos.TLS_1_2);
        }
    }

    @Test
    void aTls12HelloWithoutForwardSecretAeadSuitesIsRefused() throws Exception {
        try (Socket socket = rawSocket(server.port())) {
            socket.getOutputStream().write(ClientHellos.hello(ClientHellos.TLS_1_2, ClientHellos.WEAK_SUITES));
            ClientHellos.Record answer = ClientHellos.readRecord(socket.getInputStream());
            assertThat(answer.type()).as("record type (21 = alert)").isEqualTo(ClientHellos.RECORD_ALERT);
            assertThat(answer.body()).as("fatal handshake_failure").containsExactly(2, 40);
        }
    }

    @Test
    void plainHttpToTheTlsPortGetsNoHttpResponseAndTheServerGoesOn() throws Exception {
        for (String request : List.of("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
                "GET /rooms/" + freshRoom() + "/peerjs?key=peerjs&id=a&token=t HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                        + "Sec-WebSocket-Version: 13\r\n\r\n")) {
            try (Socket socket = rawSocket(server.port())) {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                byte[] answer = readToEnd(socket.getInputStream());
                assertThat(answer).as("the server closes the connection").isNotNull();
                assertThat(new String(answer, StandardCharsets.ISO_8859_1)).doesNotContain("HTTP/");
            }
        }
        assertThat(get(https, server.port(), "/health").statusCode()).isEqualTo(200);
    }

    @Test
    void aClientThatNeverSendsItsHelloIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (TestServer quick = TestServer.start(tlsConfig(cert, Duration.ofMillis(300)));
             Socket socket = rawSocket(quick.port())) {
            assertThat(readToEnd(socket.getInputStream())).as("closed by the server").isNotNull();
        }
    }

    @Test
    void shutdownClosesWssSocketsWith1012() throws Exception {
        TestServer stopping = TestServer.start(tlsConfig(cert, SecuritySettings.DEFAULT_HANDSHAKE_TIMEOUT));
        try (WsClient client = WsClient.connect(https, "wss://127.0.0.1:" + stopping.port()
                + stopping.socketPath(freshRoom(), "leaving", "tok"))) {
            assertThat(client.next()).isEqualTo(Frames.OPEN);
            stopping.close();
            assertThat(client.awaitClose()).isEqualTo(1012);
        } finally {
            stopping.close();
        }
    }

    private static Socket rawSocket(int port) throws IOException {
        Socket socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(WAIT_MS);
        return socket;
    }

    /** Everything until the server closes, or null if it kept the connection open for 10 s. */
    private static byte[] readToEnd(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            for (int n; (n = in.read(buffer)) != -1; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            return null;
        } catch (java.net.SocketException e) {
            // A reset also ends the connection: what was read so far is the answer.
        }
        return out.toByteArray();
    }
}
