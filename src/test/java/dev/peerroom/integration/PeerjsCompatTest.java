package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.peerroom.auth.TestTokens;
import dev.peerroom.config.OperatorSettings;
import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * --peerjs-compat over real sockets: peerjs-server's classic namespace at {@code /peerjs} and
 * {@code /{key}/id|peers}, next to the room URLs, with its concurrent limit and 5 s hold.
 */
class PeerjsCompatTest {
    private static final String UUID = "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
    private static final String CONCURRENT_LIMIT =
            Frames.error("Server has reached its concurrent user limit", "CONCURRENT_LIMIT");
    /** Compat on, discovery on, the default limit (5000). */
    private static TestServer compat;
    /** Compat on with --concurrent-limit 2, discovery off. */
    private static TestServer limited;
    /** Compat off: the classic paths do not exist. */
    private static TestServer plain;
    private static long roomSeq = 600000000000000000L;

    private static ServerConfig withCompat(ServerConfig config, int limit) {
        return config.withOperator(OperatorSettings.defaults().withPeerjsCompat(true, limit));
    }

    @BeforeAll
    static void start() throws InterruptedException {
        compat = TestServer.start(withCompat(TestConfig.defaults().discovery(true).build(), 5000));
        limited = TestServer.start(withCompat(ServerConfig.defaults(), 2));
        plain = TestServer.start(ServerConfig.defaults());
    }

    @AfterAll
    static void stop() {
        compat.close();
        limited.close();
        plain.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    /** The URL the stock client builds with {@code path: "/"}: spaces are percent-encoded by the browser. */
    private static String classicUrl(TestServer server, String id, String token) {
        return "ws://127.0.0.1:" + server.port() + "/peerjs?key=peerjs&id="
                + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20") + "&token=" + token
                + "&version=1.5.5";
    }

    private static WsClient classicJoin(TestServer server, String id) {
        WsClient client = WsClient.connect(classicUrl(server, id, "tok"));
        assertThat(client.next()).as("answer to %s's join", id).isEqualTo(Frames.OPEN);
        return client;
    }

    private static int upgradeStatus(TestServer server, String pathAndQuery) {
        Throwable thrown = catchThrowable(() -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + server.port() + pathAndQuery),
                        new WebSocket.Listener() { }).join());
        assertThat(thrown).isInstanceOf(CompletionException.class).cause().isInstanceOf(WebSocketHandshakeException.class);
        return ((WebSocketHandshakeException) thrown.getCause()).getResponse().statusCode();
    }

    @Test
    void twoPeersWithTheClientsIdsExchangeOfferAndAnswer() {
        WsClient a = classicJoin(compat, "player_one");
        WsClient b = classicJoin(compat, "player two");

        a.send(Frames.offer("player two"));
        assertThat(b.next()).isEqualTo(Frames.routedOffer("player_one", "player two"));
        b.send(Frames.answer("player_one"));
        assertThat(a.next()).isEqualTo(Frames.routed("ANSWER", "player two", "player_one", Frames.answerPayload("dc_abc")));
        a.close();
        b.close();
    }

    @Test
    void idGivesATextUuidAndPeersListsTheNamespaceWhenDiscoveryIsOn() {
        HttpResponse<String> id = Http.get(compat.http("/peerjs/id"));
        assertThat(id.statusCode()).isEqualTo(200);
        assertThat(id.body()).matches(UUID);
        assertThat(id.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/"));

        WsClient listed = classicJoin(compat, "listed_peer");
        HttpResponse<String> peers = Http.get(compat.http("/peerjs/peers"));
        assertThat(peers.statusCode()).isEqualTo(200);
        assertThat(peers.body()).startsWith("[").contains("\"listed_peer\"");
        listed.close();
    }

    @Test
    void peersIs401WithoutDiscoveryAndAWrongKeyIs403() {
        assertThat(Http.get(limited.http("/peerjs/peers")).statusCode()).isEqualTo(401);
        assertThat(Http.get(limited.http("/peerjs/id")).statusCode()).isEqualTo(200);
        assertThat(Http.get(limited.http("/otherkey/id")).statusCode()).isEqualTo(403);
        assertThat(Http.get(limited.http("/peerjs/other")).statusCode()).isEqualTo(404);
    }

    @Test
    void anOfferToAnIdThatRegistersWithinTheHoldIsDeliveredAfterItsOpen() throws Exception {
        WsClient a = classicJoin(compat, "early_bird");
        WsClient probe = classicJoin(compat, "probe_peer");
        a.send(Frames.offer("late_comer"));
        Expect.routes(a, "early_bird", probe, "probe_peer"); // the room has handled the offer

        WsClient late = WsClient.connect(classicUrl(compat, "late_comer", "tok"));
        assertThat(late.next()).isEqualTo(Frames.OPEN);
        assertThat(late.next()).isEqualTo(Frames.routedOffer("early_bird", "late_comer"));
        Expect.silent(5500, a); // delivered: no EXPIRE after the hold
        a.close();
        probe.close();
        late.close();
    }

    @Test
    void anOfferToAnAbsentIdIsAnsweredWithExpireAfterAboutFiveSeconds() throws Exception {
        WsClient a = classicJoin(compat, "lonely_one");
        long sent = System.nanoTime();
        a.send(Frames.offer("nobody home"));

        assertThat(a.poll(4000)).as("nothing before the hold ends").isNull();
        String expire = a.poll(4000);
        long ms = (System.nanoTime() - sent) / 1_000_000;
        assertThat(expire).isEqualTo(Frames.expire("nobody home", "lonely_one"));
        assertThat(ms).isBetween(4500L, 7500L);
        a.close();
    }

    @Test
    void aJoinOverTheConcurrentLimitIsRefusedAndASameTokenReconnectStillTakesOver() throws Exception {
        WsClient a = classicJoin(limited, "a1");
        WsClient b = classicJoin(limited, "b1");

        WsClient c = WsClient.connect(classicUrl(limited, "c1", "tok"));
        Expect.refused(c, CONCURRENT_LIMIT, 1008);

        WsClient again = classicJoin(limited, "a1");
        assertThat(a.awaitClose()).isEqualTo(4000);
        again.close();
        b.close();
    }

    @Test
    void departuresAreAnnouncedToNobody() throws Exception {
        WsClient stays = classicJoin(compat, "stays_here");
        WsClient leaves = classicJoin(compat, "leaves_now");
        WsClient closes = classicJoin(compat, "closes_now");

        leaves.send(Frames.CLIENT_LEAVE);
        assertThat(leaves.awaitClose()).isEqualTo(1000);
        closes.close();
        Expect.silent(500, stays);
        stays.close();
    }

    @Test
    void aClassicIdOutsideTheClientsGrammarIsRefused() throws Exception {
        WsClient bad = WsClient.connect(classicUrl(compat, "a__b", "tok"));
        Expect.refused(bad, Frames.INVALID_ID, 1008);
    }

    @Test
    void withoutTheSettingTheClassicPathsAre404() {
        assertThat(upgradeStatus(plain, "/peerjs?key=peerjs&id=a&token=t")).isEqualTo(404);
        assertThat(Http.get(plain.http("/peerjs/id")).statusCode()).isEqualTo(404);
        assertThat(Http.get(plain.http("/peerjs/peers")).statusCode()).isEqualTo(404);
    }

    @Test
    void roomUrlsKeepWorkingNextToTheClassicNamespace() throws Exception {
        String room = freshRoom();
        WsClient a = compat.join(room, "a", "ta");
        WsClient b = compat.join(room, "b", "tb");
        Expect.routes(a, "a", b, "b");
        // The same id in the classic namespace is another peer: rooms and the namespace are apart.
        WsClient classicA = classicJoin(compat, "a");
        classicA.send(Frames.offer("b"));
        Expect.silent(300, b);
        // Room mates still hear of departures.
        a.send(Frames.CLIENT_LEAVE);
        assertThat(b.next()).isEqualTo(Frames.leave("a"));

        assertThat(Http.get(compat.http("/rooms/" + room + "/peerjs/id")).statusCode()).isEqualTo(200);
        assertThat(Http.get(compat.http("/")).body()).contains("\"name\":\"PeerRoom\"");
        // Room mode keeps its stricter ids, and no room URL reaches the classic room.
        WsClient underscore = WsClient.connect(compat.socketUrl(room, "a_b", "t"));
        Expect.refused(underscore, Frames.INVALID_ID, 1008);
        WsClient named = WsClient.connect(compat.socketUrl("classic", "x", "t"));
        Expect.refused(named, Frames.INVALID_ROOM, 1008);
        assertThat(Http.get(compat.http("/rooms/classic/peerjs/id")).statusCode()).isEqualTo(400);
        classicA.close();
        b.close();
    }

    @Test
    void joinTokensForTheClassicNamespaceNameTheRoomClassic() throws Exception {
        try (TestServer tokens = TestServer.start(withCompat(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtSecret(TestTokens.SECRET)), 10))) {
            WsClient ok = WsClient.connect(classicUrl(tokens, "signed_one", TestTokens.hs256("classic", "signed_one")));
            assertThat(ok.next()).isEqualTo(Frames.OPEN);
            WsClient wrongRoom = WsClient.connect(classicUrl(tokens, "signed_two",
                    TestTokens.hs256("123456789012345678", "signed_two")));
            Expect.refused(wrongRoom, Frames.error("Unauthorized", "UNAUTHORIZED"), 1008);
            ok.close();
        }
    }
}
