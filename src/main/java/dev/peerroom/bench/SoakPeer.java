package dev.peerroom.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One peer id of a soak, across its sockets (a takeover gives it a second one). Every field is
 * guarded by the {@link SoakWorld}'s lock: decisions (the driver) and events (the event loops)
 * see one consistent state.
 */
final class SoakPeer {
    /** Where the peer is in its life, as the soak meant it. */
    enum State {
        /** Its socket is opening; messages sent to it are held by the server. */
        JOINING,
        /** In the room, kept alive: it must never be expired or named in an EXPIRE or LEAVE. */
        ALIVE,
        /** Sent LEAVE; the server closes it and tells its mates. */
        LEAVING,
        /** About to close its TCP connection without a word (once nothing is in flight to it). */
        CLOSING,
        /** Frozen on purpose: the server must expire it (4001) and tell its mates. */
        DEAD,
        /** Its socket is closed; the id is never used again. */
        GONE
    }

    final String id;
    final String token;
    final SoakWorld.Room room;

    State state = State.JOINING;
    /** Bumped on every change that may make a message to this peer expire legitimately. */
    long epoch;
    /** A second socket with the same id and token is opening. */
    boolean takingOver;
    /** Sent LEAVE: its mates' LEAVEs naming it are expected. */
    boolean left;
    /** Killed on purpose (frozen for good): its mates' EXPIREs naming it are expected. */
    boolean killed;
    /** A socket of it is frozen for a takeover: the server may expire it before the takeover. */
    boolean frozenSocket;
    /** After a frozen socket closed with 4001: until then, mates' EXPIREs naming it are expected. */
    long staleGraceUntil;
    boolean staleGrace;
    /** EXPIREs naming this peer that mates received while that was allowed. */
    int staleNotices;
    /** The socket that speaks for this peer now (null while joining for the first time). */
    SoakSocket current;
    int joinAttempts;

    /** Messages from this peer that are neither delivered nor expired yet. */
    final List<SoakLedger.Msg> outbound = new ArrayList<>();
    /** Messages to this peer that are neither delivered nor expired yet. */
    int inbound;

    SoakPeer(String id, String token, SoakWorld.Room room) {
        this.id = id;
        this.token = token;
        this.room = room;
    }

    /** In the room and not changing: it can start or be the target of a burst, or be churned. */
    boolean stable() {
        return state == State.ALIVE && !takingOver && current != null;
    }

    /** Whether a mate may be told now that this peer expired. */
    boolean staleAllowed(long nowNanos) {
        return killed || frozenSocket || (staleGrace && nowNanos - staleGraceUntil < 0);
    }

    @Override
    public String toString() {
        return id + "(" + state + (takingOver ? ", taking over" : "") + ")";
    }
}
