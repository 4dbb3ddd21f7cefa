package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fixed-window rate limit: ERROR at the first excess, then close 1008 on the 3rd window in a row. */
class RateLimitTest {
    /** 5 messages per 10 s: a window never ends during a test. */
    private static TestServer longWindow;
    /** 5 messages per 300 ms, 3 strikes: persistent abuse is seen within about a second. */
    private static TestServer shortWindow;
    private static long roomSeq = 700000000000000000L;

    @BeforeAll
    static void start() throws InterruptedException {
        longWindow = TestServer.start(TestConfig.defaults().rate(5, Duration.ofSeconds(10), 3)
                .pingInterval(Duration.ofMillis(50)).heartbeatTimeout(Duration.ofSeconds(5)));
        shortWindow = TestServer.start(TestConfig.defaults().rate(5, Duration.ofMillis(300), 3));
    }

    @AfterAll
    static void stop() {
        longWindow.close();
        shortWindow.close();
    }

    private static synchronized String freshRoom() {
        return String.valueOf(++roomSeq);
    }

    @Test
    void firstExcessMessageGetsOneErrorAndIsNotForwarded() throws Exception {
        String room = freshRoom();
        WsClient a = longWindow.join(room, "a", "ta");
        WsClient b = longWindow.join(room, "b", "tb");
        for (int i = 0; i < 5; i++) {
            a.send(Frames.candidate("b", "dc_" + i));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_" + i));
        }
        a.send(Frames.candidate("b", "dc_excess"));
        assertThat(a.next()).isEqualTo("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Rate limit exceeded\",\"code\":\"RATE_LIMITED\"}}");
        // further excess in the same window: dropped silently (one ERROR per window)
        a.send(Frames.candidate("b", "dc_more"));
        a.send(Frames.offer("b"));
        a.send(Frames.HEARTBEAT);
        a.sendBinary(new byte[] {1, 2, 3});
        a.send("garbage");
        Expect.silent(400, a, b);
        assertThat(a.isClosed()).isFalse();
        // the limit is per peer: b is not limited
        Expect.routes(b, "b", a, "a");
        a.close();
        b.close();
    }

    @Test
    void everyTextAndBinaryFrameCountsButPongsDoNot() throws Exception {
        String room = freshRoom();
        WsClient a = longWindow.join(room, "a", "ta");
        WsClient b = longWindow.join(room, "b", "tb");
        // the server pings every 50 ms; a answers ~10 pongs meanwhile: they do not count
        Thread.sleep(500);
        a.send(Frames.HEARTBEAT);
        a.send("not json");
        assertThat(a.next()).isEqualTo(Frames.INVALID_MESSAGE);
        a.sendBinary(new byte[] {42});
        assertThat(a.next()).isEqualTo(Frames.INVALID_MESSAGE);
        a.send(Frames.candidate("b", "dc_4"));
        assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_4"));
        a.send(Frames.candidate("b", "dc_5"));
        assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_5"));
        // that was the 5th frame; the 6th is over
        a.send(Frames.candidate("b", "dc_6"));
        assertThat(a.next()).isEqualTo(Frames.RATE_LIMITED);
        Expect.silent(200, a, b);
        a.close();
        b.close();
    }

    @Test
    void aNewWindowAllowsMessagesAgain() throws Exception {
        TestServer server = TestServer.start(TestConfig.defaults().rate(5, Duration.ofMillis(600), 3));
        try {
            String room = freshRoom();
            WsClient a = server.join(room, "a", "ta");
            WsClient b = server.join(room, "b", "tb");
            for (int i = 0; i < 6; i++) {
                a.send(Frames.candidate("b", "dc_" + i));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_" + i));
            }
            assertThat(a.next()).isEqualTo(Frames.RATE_LIMITED);
            Thread.sleep(800);
            for (int i = 0; i < 5; i++) {
                a.send(Frames.candidate("b", "dc_next" + i));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_next" + i));
            }
            Expect.silent(200, a);
            a.close();
            b.close();
        } finally {
            server.close();
        }
    }

    @Test
    void persistentAbuseAcrossThreeWindowsIsClosed1008() throws Exception {
        String room = freshRoom();
        RawWsClient abuser = shortWindow.joinRaw(room, "a", "ta");
        WsClient b = shortWindow.join(room, "b", "tb");
        byte[] frame = RawWsClient.frame(RawWsClient.OP_TEXT, true,
                Frames.candidate("b", "dc_flood").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
        Thread flood = new Thread(() -> {
            long deadline = System.currentTimeMillis() + 8_000;
            try {
                while (System.currentTimeMillis() < deadline) {
                    abuser.write(frame);
                    sent.incrementAndGet();
                }
            } catch (java.io.IOException closed) {
                // the server closed the connection
            }
        });
        flood.start();
        List<String> frames = new ArrayList<>();
        int code = abuser.awaitClose(frames);
        abuser.close();
        flood.join(10_000);
        assertThat(code).isEqualTo(1008);
        assertThat(frames).as("one ERROR per window, the last one followed by the close")
                .containsExactly(Frames.RATE_LIMITED, Frames.RATE_LIMITED, Frames.RATE_LIMITED);
        // b got only routed candidates: at most 5 per window over 3 windows
        List<String> routed = drain(b);
        assertThat(routed).hasSizeBetween(5, 15).allMatch(f -> f.equals(Frames.routedCandidate("a", "b", "dc_flood")));
        assertThat(sent.get()).isGreaterThan(15);
        // the abuser left the room: b was told nothing, the id is free
        WsClient again = JoinRulesTestSupport.awaitJoinable(shortWindow, room, "a", "new-token");
        Expect.silent(200, b);
        Expect.routes(again, "a", b, "b");
        again.close();
        b.close();
    }

    @Test
    void burstsSeparatedByQuietWindowsAreWarnedButNeverClosed() throws Exception {
        String room = freshRoom();
        WsClient a = shortWindow.join(room, "a", "ta");
        WsClient b = shortWindow.join(room, "b", "tb");
        for (int burst = 0; burst < 3; burst++) {
            for (int i = 0; i < 6; i++) {
                a.send(Frames.candidate("b", "dc_" + burst + "_" + i));
            }
            assertThat(a.next()).isEqualTo(Frames.RATE_LIMITED);
            for (int i = 0; i < 5; i++) {
                assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_" + burst + "_" + i));
            }
            if (burst < 2) {
                Thread.sleep(900); // three quiet windows
            }
        }
        assertThat(a.isClosed()).isFalse();
        Thread.sleep(400); // the last window is over: a may send again
        Expect.routes(a, "a", b, "b");
        a.close();
        b.close();
    }

    private static List<String> drain(WsClient c) throws InterruptedException {
        List<String> out = new ArrayList<>();
        String f;
        while ((f = c.poll(300)) != null) {
            out.add(f);
        }
        return out;
    }
}
