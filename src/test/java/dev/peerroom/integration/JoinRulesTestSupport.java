package dev.peerroom.integration;

/** Joining helpers for rules that take effect once the server has processed a close. */
final class JoinRulesTestSupport {
    private JoinRulesTestSupport() {
    }

    /**
     * Joins as {@code id}, retrying while the id is still taken or the room still full because the
     * server has not yet processed an earlier close. Fails after 5 s.
     */
    static WsClient awaitJoinable(TestServer server, String room, String id, String token) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (true) {
            WsClient c = server.connect(room, id, token);
            String first = c.next();
            if (first.equals(Frames.OPEN)) {
                return c;
            }
            c.close();
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("could not join " + id + ": " + first);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
