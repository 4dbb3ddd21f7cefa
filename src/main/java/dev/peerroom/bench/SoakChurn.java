package dev.peerroom.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The soak's deliberate changes, one peer at a time: a LEAVE, an abrupt TCP close, a peer that
 * goes half-dead (its expiry is expected), or a takeover by a second socket with the same id and
 * token. Each closed peer is replaced by a new id in its room ({@link SoakWorld#gone}).
 *
 * <p>A peer is only picked while it has no message of its own in flight, because once it is
 * gone nobody could receive the EXPIRE for it. An abrupt close also waits until nothing is in
 * flight to it: the server cannot know that bytes it wrote into a closing TCP connection were
 * never read, so such a message could be neither delivered nor EXPIRE'd.
 */
final class SoakChurn {
    enum Kind { LEAVE, ABRUPT, DEAD, TAKEOVER }

    private static final int PICK_ATTEMPTS = 32;
    private static final long RETRY_MILLIS = 20;

    private final SoakWorld world;
    private final SplittableRandom random;
    private final double deadShare;
    private final double takeoverShare;
    private final long heartbeatMillis;
    private final long holdMillis;

    SoakChurn(SoakWorld world, long seed, double deadShare, double takeoverShare, long heartbeatMillis,
              long holdMillis) {
        this.world = world;
        this.random = new SplittableRandom(seed);
        this.deadShare = deadShare;
        this.takeoverShare = takeoverShare;
        this.heartbeatMillis = heartbeatMillis;
        this.holdMillis = holdMillis;
    }

    /** One churn action on a random eligible peer; false when none was found. Driver thread. */
    boolean act() {
        double r = random.nextDouble();
        Kind kind = r < deadShare ? Kind.DEAD : r < deadShare + takeoverShare ? Kind.TAKEOVER
                : random.nextBoolean() ? Kind.LEAVE : Kind.ABRUPT;
        for (int attempt = 0; attempt < PICK_ATTEMPTS; attempt++) {
            SoakWorld.Room room = world.rooms[random.nextInt(world.rooms.length)];
            synchronized (world) {
                SoakPeer p = world.randomStable(room, null);
                if (p == null || !eligible(p, kind)) {
                    continue;
                }
                switch (kind) {
                    case LEAVE -> leave(p);
                    case ABRUPT -> abrupt(p);
                    case DEAD -> kill(p);
                    case TAKEOVER -> takeOver(p);
                }
                return true;
            }
        }
        world.tally.count("churn actions skipped (no quiet peer found)");
        return false;
    }

    private static boolean eligible(SoakPeer p, Kind kind) {
        return switch (kind) {
            case TAKEOVER -> true;
            case ABRUPT -> p.outbound.isEmpty() && p.inbound == 0;
            default -> p.outbound.isEmpty();
        };
    }

    /** LEAVE, then the server closes the socket (1000) and tells the mates. Under the lock. */
    private void leave(SoakPeer p) {
        SoakSocket s = p.current;
        p.state = SoakPeer.State.LEAVING;
        p.left = true;
        p.epoch++;
        s.expect = SoakSocket.Expect.ANY;
        s.replaceDelayMillis = 100; // the server freed the slot before it closed the socket
        world.tally.count("leaves (LEAVE)");
        s.loop().execute(s::sendLeave);
        s.loop().schedule(() -> {
            if (s.isActive()) {
                world.tally.violation("socket not closed by the server after LEAVE", p.id);
                s.closeNormally();
            }
        }, heartbeatMillis + 5_000, TimeUnit.MILLISECONDS);
    }

    /** TCP FIN or RST without a WebSocket close: the mates are told nothing. Under the lock. */
    private void abrupt(SoakPeer p) {
        SoakSocket s = p.current;
        p.state = SoakPeer.State.CLOSING;
        p.epoch++;
        s.expect = SoakSocket.Expect.ANY;
        s.replaceDelayMillis = 1_000; // the server may not have seen the FIN yet
        boolean reset = random.nextBoolean();
        world.tally.count(reset ? "abrupt closes (RST)" : "abrupt closes (FIN)");
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(holdMillis + 2_000);
        s.loop().execute(() -> closeWhenQuiet(p, s, reset, deadline));
    }

    private void closeWhenQuiet(SoakPeer p, SoakSocket s, boolean reset, long deadline) {
        boolean quiet;
        synchronized (world) {
            quiet = p.inbound == 0 && p.outbound.isEmpty();
            if (!quiet && System.nanoTime() - deadline > 0) {
                world.tally.count("abrupt closes forced with messages in flight");
                quiet = true;
            }
        }
        if (quiet) {
            s.closeAbruptly(reset);
        } else {
            s.loop().schedule(() -> closeWhenQuiet(p, s, reset, deadline), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        }
    }

    /** Freezes the socket for good: the server must close it with 4001 and tell the mates. Under the lock. */
    private void kill(SoakPeer p) {
        SoakSocket s = p.current;
        p.state = SoakPeer.State.DEAD;
        p.killed = true;
        p.epoch++;
        s.expect = SoakSocket.Expect.STALE;
        s.frozen = true;
        s.replaceDelayMillis = 100;
        world.tally.count("dead peers (frozen on purpose)");
        s.loop().execute(s::freeze);
        s.loop().schedule(() -> {
            if (s.isActive()) {
                synchronized (world) {
                    world.tally.violation("dead peer not expired by the server", p.id);
                    s.expect = SoakSocket.Expect.ANY;
                }
                s.closeAbruptly(false);
            }
        }, heartbeatMillis + 10_000, TimeUnit.MILLISECONDS);
    }

    /**
     * Opens a second socket with the same id and token, as PeerJS's reconnect() does. Half of the
     * time the old socket first freezes for a moment, like a network blip that made the client
     * reconnect; it thaws once the new socket is open. Under the lock.
     */
    private void takeOver(SoakPeer p) {
        SoakSocket old = p.current;
        p.takingOver = true;
        p.epoch++;
        p.staleNotices = 0;
        old.expect = SoakSocket.Expect.REPLACED;
        boolean freeze = random.nextBoolean();
        world.tally.count(freeze ? "takeovers started (after a freeze)" : "takeovers started");
        if (freeze) {
            old.frozen = true;
            p.frozenSocket = true;
            old.loop().execute(old::freeze);
            long blip = Math.min(1_000, heartbeatMillis / 5);
            world.timer.schedule(() -> world.connect(p, true), blip, TimeUnit.MILLISECONDS);
        } else {
            world.timer.execute(() -> world.connect(p, true));
        }
    }
}
