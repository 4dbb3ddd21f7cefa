package dev.peerroom.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The signaling traffic of a soak: a burst is one connection setup between two peers of a room,
 * as PeerJS makes it. The initiator sends an OFFER and CANDIDATEs ({@code --burst-size} / 2,
 * rounded up); the other peer answers with an ANSWER and CANDIDATEs when the OFFER arrives.
 * Messages are registered in the {@link SoakLedger} under the world's lock, then written on the
 * sender's event loop right away.
 */
final class SoakBursts {
    private final SoakWorld world;

    SoakBursts(SoakWorld world) {
        this.world = world;
    }

    /**
     * {@code a} starts a setup with {@code b}. A welcome burst goes to a peer that is still
     * joining, so the server holds it (or EXPIREs it back when the peer is too late).
     */
    void start(SoakPeer a, SoakPeer b, boolean welcome) {
        SoakSocket s;
        synchronized (world) {
            s = a.current;
            if (s == null) {
                return;
            }
        }
        s.loop().execute(() -> {
            List<SoakLedger.Msg> msgs;
            synchronized (world) {
                boolean target = b.stable() || (welcome && b.state == SoakPeer.State.JOINING);
                if (s != a.current || !a.stable() || !target || world.isClosingAll()) {
                    world.tally.count("bursts skipped (a peer changed)");
                    return;
                }
                msgs = register(a, b, (world.settings.burstSize() + 1) / 2, SoakFrames.Type.OFFER);
                world.tally.count(welcome ? "bursts to joining peers" : "bursts");
            }
            s.send(world.frames, msgs);
        });
    }

    /** A socket read a relayed message; an OFFER to a stable peer is answered as a real client does. */
    void onRelayed(SoakSocket s, SoakFrames.Type type, String src, String dst, long id) {
        List<SoakLedger.Msg> replies = null;
        synchronized (world) {
            SoakPeer me = s.peer;
            if (type == null || src == null || id < 0) {
                world.tally.violation("relayed frame without type, src or id", me.id + " from " + src);
                return;
            }
            // The answer is registered before the OFFER counts as delivered, in one step: the
            // initiator is never without a message in flight in between (see SoakChurn).
            if (type == SoakFrames.Type.OFFER && s == me.current && me.stable() && !world.isClosingAll()) {
                SoakPeer from = world.peer(src);
                if (from != null) {
                    replies = register(me, from, world.settings.burstSize() / 2, SoakFrames.Type.ANSWER);
                }
            }
            world.ledger.delivered(id, me, src, dst);
        }
        if (replies != null && !replies.isEmpty()) {
            s.send(world.frames, replies);
        }
    }

    /** {@code count} messages from {@code from} to {@code to}: {@code first}, then CANDIDATEs. Under the lock. */
    private List<SoakLedger.Msg> register(SoakPeer from, SoakPeer to, int count, SoakFrames.Type first) {
        List<SoakLedger.Msg> msgs = new ArrayList<>(count);
        long now = System.nanoTime();
        for (int i = 0; i < count; i++) {
            msgs.add(world.ledger.register(i == 0 ? first : SoakFrames.Type.CANDIDATE, from, to, now));
        }
        return msgs;
    }
}
