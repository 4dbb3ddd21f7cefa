package dev.peerroom.bench;

import java.util.concurrent.TimeUnit;

/**
 * Decides whether what a soak socket saw was expected: OPENs (joins and takeovers), closes, and
 * the EXPIREs and LEAVEs that name room mates. Anything the soak did not cause is a violation:
 * a healthy socket closed by the server (4001 "stale" above all), an EXPIRE or LEAVE naming a
 * peer that is alive, a message given up although its destination stayed in the room.
 */
final class SoakJudge {
    /** After a frozen socket closed with 4001, how long its mates' EXPIREs may still arrive. */
    private static final long STALE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** How long the server may take to close a socket that was taken over. */
    private static final long REPLACED_CLOSE_MILLIS = 10_000;

    private final SoakWorld world;
    private final SoakTally tally;

    SoakJudge(SoakWorld world) {
        this.world = world;
        this.tally = world.tally;
    }

    void onOpen(SoakSocket s) {
        SoakPeer p = s.peer;
        SoakSocket old;
        boolean thaw;
        synchronized (world) {
            if (s.opened) {
                tally.violation("OPEN twice", p.id);
                return;
            }
            if (!world.admitted(s)) {
                return;
            }
            p.joinAttempts = 0;
            old = p.current;
            thaw = old != null && old != s && old.frozen;
            p.current = s;
            p.state = SoakPeer.State.ALIVE;
            p.epoch++;
            if (s.takeover) {
                p.takingOver = false;
                tally.count("takeovers");
            } else {
                tally.count("joins");
            }
        }
        if (old != null && old != s) {
            // The server now closes the old socket with 4000; it reads what reached it meanwhile.
            old.loop().execute(() -> {
                if (thaw) {
                    old.thaw();
                }
            });
            old.loop().schedule(() -> {
                if (old.isActive()) {
                    synchronized (world) {
                        tally.violation("taken-over socket not closed by the server", p.id);
                        old.expect = SoakSocket.Expect.ANY;
                    }
                    old.closeNormally();
                }
            }, REPLACED_CLOSE_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Under the world's lock. */
    void onClosed(SoakSocket s, int code, String why) {
        SoakPeer p = s.peer;
        switch (s.expect) {
            case ANY -> tally.count("sockets closed by the soak");
            case STALE -> {
                if (code == 4001) {
                    tally.count("dead peers closed with 4001");
                } else {
                    tally.violation("dead peer closed with " + code + " instead of 4001", p.id + ": " + why);
                }
            }
            case REPLACED -> replacedClosed(s, p, code, why);
            case NOTHING -> tally.violation(code == 4001 ? "healthy socket expired (4001)"
                    : "healthy socket closed by the server (" + code + ")", p + ": " + why);
        }
        if (p.current != s) {
            return; // an old socket of a taken-over peer
        }
        if (p.takingOver) {
            p.current = null; // the old socket went first; the new one joins afresh
            return;
        }
        world.gone(p, s.replaceDelayMillis);
    }

    private void replacedClosed(SoakSocket s, SoakPeer p, int code, String why) {
        if (s.frozen) {
            p.frozenSocket = false;
        }
        if (code == 4000) {
            tally.count("taken-over sockets closed with 4000");
            if (p.staleNotices > 0) {
                tally.violation("EXPIRE naming a peer that was taken over, not expired", p.id);
            }
        } else if (code == 4001 && s.frozen) {
            // Frozen for the takeover, and the new socket was not there before the server gave up
            // on the old one: the server was right, and so are the mates' EXPIREs.
            tally.count("takeovers too late (the frozen socket expired first)");
            p.staleGrace = true;
            p.staleGraceUntil = System.nanoTime() + STALE_GRACE_NANOS;
        } else {
            tally.violation("taken-over socket closed with " + code + " instead of 4000", p.id + ": " + why);
        }
    }

    void onExpire(SoakSocket s, String src, boolean aboutMyMessages) {
        synchronized (world) {
            SoakPeer me = s.peer;
            if (src == null) {
                tally.violation("EXPIRE without src", me.id);
                return;
            }
            long now = System.nanoTime();
            for (SoakLedger.Msg m : world.ledger.expired(me, src)) {
                tally.violation("message EXPIRE'd although its destination stayed in the room", m.describe(now));
            }
            if (aboutMyMessages) {
                tally.count("EXPIREs of messages");
                return;
            }
            SoakPeer x = world.peer(src);
            if (x != null && x.staleAllowed(now)) {
                x.staleNotices++;
                tally.count(x.killed ? "EXPIREs naming dead peers" : "EXPIREs naming late takeovers");
            } else {
                tally.violation("EXPIRE naming a peer that was not dead", me.id + " was told " + x + " expired");
            }
        }
    }

    void onUnexpectedFrame(SoakSocket s, String text) {
        synchronized (world) {
            tally.violation("unexpected frame", s.peer.id + ": " + text);
        }
    }

    void onLeave(SoakSocket s, String src, boolean withDst) {
        synchronized (world) {
            SoakPeer x = world.peer(src);
            if (!withDst && x != null && x.left) {
                tally.count("LEAVEs naming leaving peers");
            } else {
                tally.violation("LEAVE naming a peer that did not leave", s.peer.id + " was told " + x + " left");
            }
        }
    }
}
