package dev.peerroom.integration;

import static org.assertj.core.api.Assertions.assertThat;

/** Small shared assertions. */
public final class Expect {
    private Expect() {
    }

    /** Asserts that none of the clients receives a text frame within {@code ms}. */
    public static void silent(long ms, WsClient... clients) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ms;
        for (WsClient c : clients) {
            long left = Math.max(1, deadline - System.currentTimeMillis());
            assertThat(c.poll(left)).as("unexpected frame").isNull();
        }
    }

    /** Asserts a refusal: exactly one frame, then the close code. */
    public static void refused(WsClient c, String frame, int code) throws InterruptedException {
        assertThat(c.next()).isEqualTo(frame);
        assertThat(c.awaitClose()).isEqualTo(code);
        assertThat(c.poll(0)).as("frames after the refusal frame").isNull();
    }

    /** Asserts that {@code from} can still signal {@code to} (both joined in the same room). */
    public static void routes(WsClient from, String fromId, WsClient to, String toId) {
        from.send(Frames.candidate(toId, "dc_probe"));
        assertThat(to.next()).isEqualTo(Frames.routedCandidate(fromId, toId, "dc_probe"));
    }
}
