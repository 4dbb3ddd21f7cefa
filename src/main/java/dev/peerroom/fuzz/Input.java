package dev.peerroom.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/**
 * One fuzz input: what is written on one connection and how the connection ends. It is a pure
 * function of the run's seed and its index, so a run can be repeated input for input.
 *
 * @param join    where the socket joins (for categories that are not {@link Category#upgraded}, where
 *                their request would have joined)
 * @param path    the path and query of the upgrade request
 * @param writes  the bytes written (after the upgrade for upgraded categories), one element per
 *                write, {@code pauseMillis} apart
 * @param ending  what happens after the writes
 */
record Input(long index, Category category, Join join, String path, List<byte[]> writes, int pauseMillis,
             Ending ending) {

    /** Where an input joins. */
    enum Join {
        /** The good peers' room, with an id of its own. */
        SAME_ROOM,
        /** The good peers' room, with a good peer's id and another token: must get ID-TAKEN. */
        GOOD_ID,
        /** A room of its own. */
        OTHER_ROOM,
        /** A join the server refuses: bad room id, key or peer id, or a missing token. */
        REFUSED
    }

    /** How the connection ends after the writes. */
    enum Ending {
        /** Read the server's answer until its close or the deadline, then send a close frame. */
        AWAIT_THEN_CLOSE_FRAME,
        /** Read the answer, then close the TCP connection (FIN). */
        AWAIT_THEN_DROP,
        /** Read the answer, then reset the TCP connection (RST, SO_LINGER 0). */
        AWAIT_THEN_RESET,
        /** Stop sending (half-close), then read the answer. */
        HALF_CLOSE_THEN_AWAIT,
        /** Close right after writing, reading nothing. */
        DROP_NOW,
        /** Reset right after writing, reading nothing. */
        RESET_NOW;

        static Ending pick(SplittableRandom r, boolean mayLeaveAtOnce) {
            int n = r.nextInt(mayLeaveAtOnce ? 10 : 8);
            return n < 3 ? AWAIT_THEN_CLOSE_FRAME : n < 5 ? AWAIT_THEN_DROP : n < 7 ? AWAIT_THEN_RESET
                    : n < 8 ? HALF_CLOSE_THEN_AWAIT : n < 9 ? DROP_NOW : RESET_NOW;
        }
    }
}
