package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A peer that stops reading must not make the server buffer its traffic without bound. */
class SlowReaderTest {
    private static final String ROOM = TestServer.ROOM;
    private TestServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPeerThatStopsReadingIsCutOffAndItsSenderGetsExpire() throws Exception {
        // ~56 KiB messages, 64 KiB cap: the backlog cap is 256 KiB; kernel buffers take a few MiB more.
        server = TestServer.start(TestConfig.defaults()
                .rate(1000, Duration.ofSeconds(1), 3)
                .maxMessageBytes(64 * 1024));
        try (WsClient a = server.join("a");
             RawWsClient b = server.joinRaw(ROOM, "b", "tok-b")) {
            String big = Frames.offer("b", "dc_" + "x".repeat(28 * 1024));
            String expire = "{\"type\":\"EXPIRE\",\"src\":\"b\",\"dst\":\"a\"}";
            String seen = null;
            for (int i = 0; i < 1200 && seen == null; i++) {
                a.send(big);
                seen = a.poll(0);
            }
            if (seen == null) {
                seen = a.next();
            }

            assertThat(seen).isEqualTo(expire);
            b.setReadTimeout(5_000);
            assertThat(b.tcpClosedByServer()).as("the slow reader's connection is closed").isTrue();
            try (WsClient again = server.join(ROOM, "b", "other-token")) {
                assertThat(again.isClosed()).as("its id is free again").isFalse();
            }
        }
    }
}
