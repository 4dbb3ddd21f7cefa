package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import dev.peerroom.auth.TestTokens;
import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/** Join tokens on (HS256, and ES256 from a PEM file), over real sockets. */
class JoinTokensTest {
    static final String UNAUTHORIZED = Frames.error("Unauthorized", "UNAUTHORIZED");
    private static TestServer server;
    private static int roomCounter = 0;

    @BeforeAll
    static void start() throws InterruptedException {
        server = TestServer.start(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtSecret(TestTokens.SECRET)));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(300000000000000000L + (++roomCounter));
    }

    private static String token(String room, String peer) {
        return TestTokens.hs256(room, peer);
    }

    private static long inTwoMinutes() {
        return System.currentTimeMillis() + 120_000;
    }

    @Test
    void peersWithValidTokensJoinAndRoute() {
        String room = freshRoom();
        try (WsClient a = server.join(room, "alice", token(room, "alice"));
             WsClient b = server.join(room, "bob", token(room, "bob"))) {
            Expect.routes(a, "alice", b, "bob");
            Expect.routes(b, "bob", a, "alice");
        }
    }

    /** Each way a token can be wrong, for peer "alice" joining room {@code room}. */
    static Stream<Arguments> badTokens() {
        String room = "300000000000009999";
        JWTClaimsSet good = TestTokens.claims(room, "alice", inTwoMinutes()).build();
        return Stream.of(
                Arguments.of("the stock client's random token (no token option)", "x7k2m9q4p1"),
                Arguments.of("expired", TestTokens.hs256(TestTokens.SECRET,
                        TestTokens.claims(room, "alice", System.currentTimeMillis() - 3_600_000).build())),
                Arguments.of("another room", token("300000000000009998", "alice")),
                Arguments.of("another peer id", token(room, "bob")),
                Arguments.of("another secret", TestTokens.hs256("wrong-secret-0123456789abcdef012345678", good)),
                Arguments.of("no exp", TestTokens.hs256(TestTokens.SECRET,
                        new JWTClaimsSet.Builder(good).expirationTime(null).build())),
                Arguments.of("alg none", new PlainJWT(good).serialize()),
                Arguments.of("RS256 on an HS256 server", TestTokens.rs256(TestTokens.rsa(2048), good)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badTokens")
    void aBadTokenGetsUnauthorizedThen1008(String why, String token) throws Exception {
        WsClient c = server.connect("300000000000009999", "alice", token);
        Expect.refused(c, UNAUTHORIZED, 1008);
    }

    @Test
    void theStatelessChecksComeBeforeTheToken() throws Exception {
        String room = freshRoom();
        String valid = token(room, "alice");
        String base = "ws://127.0.0.1:" + server.port() + "/rooms/";
        Expect.refused(WsClient.connect(base + "abc/peerjs?key=peerjs&id=alice&token=bad"), Frames.INVALID_ROOM, 1008);
        Expect.refused(WsClient.connect(base + room + "/peerjs?key=peerjs&id=alice"), Frames.MISSING_PARAMS, 1008);
        Expect.refused(WsClient.connect(base + room + "/peerjs?key=wrong&id=alice&token=" + valid),
                Frames.INVALID_KEY, 1008);
        Expect.refused(server.connect(room, "a_b", "bad"), Frames.INVALID_ID, 1008);
    }

    @Test
    void theTokenComesBeforeTheRoomRules() throws Exception {
        String room = freshRoom();
        List<WsClient> four = new ArrayList<>();
        for (String id : List.of("p1", "p2", "p3", "p4")) {
            four.add(server.join(room, id, token(room, id)));
        }
        // A bad token is refused as such, whether the id is taken or the room full...
        Expect.refused(server.connect(room, "p1", "stolen-or-guessed"), UNAUTHORIZED, 1008);
        Expect.refused(server.connect(room, "p5", token(room, "p6")), UNAUTHORIZED, 1008);
        // ...and a good one still meets the room's rules.
        Expect.refused(server.connect(room, "p5", token(room, "p5")), Frames.ROOM_FULL, 1008);
        Expect.silent(200, four.toArray(WsClient[]::new));
        Expect.routes(four.get(0), "p1", four.get(3), "p4");
        four.forEach(WsClient::close);
    }

    @Test
    void theSameTokenTakesTheOldSocketOver() throws Exception {
        String room = freshRoom();
        String aliceToken = token(room, "alice");
        WsClient old = server.join(room, "alice", aliceToken);
        WsClient bob = server.join(room, "bob", token(room, "bob"));
        WsClient fresh = server.connect(room, "alice", aliceToken);
        assertThat(fresh.next()).isEqualTo(Frames.OPEN);
        assertThat(old.awaitClose()).isEqualTo(4000);
        assertThat(old.poll(0)).as("the replaced socket gets no frame").isNull();
        Expect.silent(200, bob);
        Expect.routes(bob, "bob", fresh, "alice");
        Expect.routes(fresh, "alice", bob, "bob");
        fresh.close();
        bob.close();
    }

    @Test
    void anotherValidTokenForAnIdInUseIsIdTaken() throws Exception {
        String room = freshRoom();
        WsClient holder = server.join(room, "alice", token(room, "alice"));
        WsClient bob = server.join(room, "bob", token(room, "bob"));
        // Minted later for the same room and id: valid, but not the holder's token.
        String second = TestTokens.hs256(TestTokens.SECRET,
                TestTokens.claims(room, "alice", inTwoMinutes() + 5_000).build());
        Expect.refused(server.connect(room, "alice", second), Frames.ID_TAKEN, 1008);
        assertThat(holder.isClosed()).isFalse();
        Expect.routes(bob, "bob", holder, "alice");
        holder.close();
        bob.close();
    }

    @Test
    void refusalsAreCounted() {
        String metric = "peerroom_errors_total{code=\"UNAUTHORIZED\"";
        double before = Http.sampleStartingWith(Http.get(server.http("/metrics")).body(), metric);
        for (int i = 0; i < 3; i++) {
            try {
                Expect.refused(server.connect(freshRoom(), "alice", "nope"), UNAUTHORIZED, 1008);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(Http.sampleStartingWith(Http.get(server.http("/metrics")).body(), metric))
                        .isEqualTo(Math.max(before, 0) + 3));
    }

    @Test
    void aRefusalLogsWhyAtDebugButNoTokenIsEverLogged() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger("dev.peerroom");
        Level level = logger.getLevel();
        ListAppender<ILoggingEvent> events = new ListAppender<>();
        events.start();
        logger.addAppender(events);
        logger.setLevel(Level.DEBUG);
        String room = freshRoom();
        String expired = TestTokens.hs256(TestTokens.SECRET,
                TestTokens.claims(room, "alice", System.currentTimeMillis() - 3_600_000).build());
        String wrongRoom = token(freshRoom(), "alice");
        String valid = token(room, "bob");
        try {
            Expect.refused(server.connect(room, "alice", expired), UNAUTHORIZED, 1008);
            Expect.refused(server.connect(room, "alice", wrongRoom), UNAUTHORIZED, 1008);
            WsClient bob = server.join(room, "bob", valid);
            bob.send(Frames.HEARTBEAT);
            bob.close();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> messages(events).stream()
                    .anyMatch(m -> m.contains("peer=bob disconnected")));
        } finally {
            logger.setLevel(level);
            logger.detachAppender(events);
        }
        List<String> lines = messages(events);
        assertThat(lines).anyMatch(m -> m.contains("join refused") && m.endsWith("UNAUTHORIZED (expired)"));
        assertThat(lines).anyMatch(m -> m.endsWith("UNAUTHORIZED (room claim is not the room joined)"));
        assertThat(lines).anyMatch(m -> m.contains("peer=bob joined"));
        for (String token : List.of(expired, wrongRoom, valid)) {
            assertThat(lines).noneMatch(m -> m.contains(token) || m.contains(token.split("\\.")[2]));
        }
    }

    private static List<String> messages(ListAppender<ILoggingEvent> events) {
        synchronized (events) {
            return events.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    @Test
    void anEs256ServerTakesItsKeyFromAPemFile(@TempDir Path dir) throws Exception {
        KeyPair ec = TestTokens.ec("secp256r1");
        ServerConfig config = ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtPublicKey(TestTokens.writePem(dir, ec.getPublic())));
        try (TestServer es = TestServer.start(config)) {
            String room = freshRoom();
            try (WsClient a = es.join(room, "alice", TestTokens.es256(ec, TestTokens.claims(room, "alice", inTwoMinutes()).build()));
                 WsClient b = es.join(room, "bob", TestTokens.es256(ec, TestTokens.claims(room, "bob", inTwoMinutes()).build()))) {
                Expect.routes(a, "alice", b, "bob");
            }
            // HS256 signed with the PEM text as the secret: the algorithm confusion attack.
            String confused = TestTokens.hs256(TestTokens.pem(ec.getPublic()),
                    TestTokens.claims(room, "mallory", inTwoMinutes()).build());
            Expect.refused(es.connect(room, "mallory", confused), UNAUTHORIZED, 1008);
        }
    }
}
