package dev.peerroom.room;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.OutboundFrames;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The join flow of one room: claim the id in the engine, then refuse, take over, or admit, and
 * hand the newcomer its OPEN, the messages held for it and the frames it sent meanwhile. Part of
 * its {@link GameRoom}, on the room's executor.
 */
final class RoomJoins {
    /** The room's logger: join lines read as the room's, as they did before the flow moved here. */
    private static final Logger log = LoggerFactory.getLogger(GameRoom.class);

    private final GameRoom room;
    private final RoomContext context;
    private final RoomRules rules;
    private final RoomPeers peers;
    private final PendingJoins pending;
    private final HeldMessages held;
    private final SignalRouter router;

    RoomJoins(GameRoom room, RoomContext context, RoomPeers peers, PendingJoins pending, HeldMessages held,
              SignalRouter router) {
        this.room = room;
        this.context = context;
        this.rules = context.rules();
        this.peers = peers;
        this.pending = pending;
        this.held = held;
        this.router = router;
    }

    void join(String peerId, String token, PeerConnection connection) {
        PendingJoin join = new PendingJoin(peerId, token, connection, rules.rateLimit() + 1);
        pending.add(join);
        CompletionStage<Membership.Claim> claim =
                context.membership().claim(context.roomId(), peerId, token, rules.maxPeers());
        var future = claim.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            complete(join, future.join(), null);
        } else {
            claim.whenComplete((c, e) -> context.executor().execute(() -> complete(join, c, e)));
        }
    }

    private void complete(PendingJoin join, Membership.Claim claim, Throwable failure) {
        pending.remove(join);
        PeerConnection conn = join.connection;
        String roomId = context.roomId();
        if (failure != null) {
            log.warn("room={} peer={} join failed: {}", roomId, join.peerId, failure.toString());
            conn.close(CloseCodes.SERVICE_RESTART, "Membership unavailable");
            return;
        }
        if (join.closed) {
            if (claim == Membership.Claim.JOINED || claim == Membership.Claim.REPLACED) {
                room.releaseUnlessStillClaimed(join.peerId, join.token);
            }
            return;
        }
        switch (claim) {
            case ID_TAKEN -> {
                log.info("room={} peer={} refused: id taken", roomId, join.peerId);
                conn.send(OutboundFrames.idTaken());
                conn.close(CloseCodes.POLICY_VIOLATION, "ID is taken");
            }
            case ROOM_FULL -> {
                log.info("room={} peer={} refused: {} ({} peers)", roomId, join.peerId,
                        rules.fullRoomError().message(), rules.maxPeers());
                room.refuse(conn, rules.fullRoomError());
            }
            case REPLACED, JOINED -> admit(join, context.clock().millis());
        }
    }

    private void admit(PendingJoin join, long now) {
        String roomId = context.roomId();
        Peer existing = peers.get(join.peerId);
        if (existing != null) {
            PeerConnection old = existing.connection();
            peers.replaceConnection(existing, join.connection, now);
            old.close(CloseCodes.REPLACED, "Replaced by a newer connection");
            log.info("room={} peer={} reconnected from {}", roomId, join.peerId, join.connection.describe());
        } else {
            peers.add(new Peer(join.peerId, join.token, join.connection, now,
                    new RateLimitState(rules.rateLimit(), rules.rateWindowMs(), rules.rateStrikes())), now);
            log.info("room={} peer={} joined from {} ({} of {})", roomId, join.peerId,
                    join.connection.describe(), peers.size(), rules.maxPeers());
        }
        peers.touch(now);
        join.connection.send(OutboundFrames.open());
        // Held messages past their timeout are not delivered even if no tick has expired them yet.
        router.expireHeld(now);
        for (byte[] frame : held.takeFor(join.peerId)) {
            join.connection.send(frame);
        }
        while (!join.queued.isEmpty()) {
            room.onMessage(join.connection, join.queued.pollFirst(), join.queuedAt.pollFirst());
        }
    }
}
