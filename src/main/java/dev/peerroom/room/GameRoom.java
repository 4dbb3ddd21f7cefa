package dev.peerroom.room;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageType;
import dev.peerroom.protocol.OutboundFrames;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room (seed: GameRoom), the Durable Object of this server. Every method runs on the room's
 * executor, so the room has exactly one writer and no locks. Time comes from the injected clock;
 * the node-wide sweeper calls {@link #tick()}.
 */
public final class GameRoom {
    private static final Logger log = LoggerFactory.getLogger(GameRoom.class);

    private final String roomId;
    private final RoomRules rules;
    private final Clock clock;
    private final Membership membership;
    private final RoomMetrics metrics;
    private final Executor executor;
    private final RoomPeers peers;
    private final PendingJoins pending = new PendingJoins();
    private final HeldMessages held;
    private final SignalRouter router;
    private final RemoteRoomEvents remote;
    private final long createdAt;

    public GameRoom(String roomId, RoomRules rules, Clock clock, Membership membership,
                    RoomMetrics metrics, Executor executor) {
        this(new RoomContext(roomId, rules, clock, membership, metrics, executor));
    }

    GameRoom(RoomContext context) {
        this.roomId = context.roomId();
        this.rules = context.rules();
        this.clock = context.clock();
        this.membership = context.membership();
        this.metrics = context.metrics();
        this.executor = context.executor();
        this.held = new HeldMessages(rules.holdMaxMessages(), rules.holdMaxBytes(), rules.holdTimeoutMs());
        this.createdAt = clock.millis();
        this.peers = new RoomPeers(metrics, createdAt);
        this.router = new SignalRouter(context, held, peers::get);
        this.remote = new RemoteRoomEvents(this, router, context);
    }

    /** A socket passed the parameter checks and asks for {@code peerId}. */
    public void join(String peerId, String token, PeerConnection connection) {
        PendingJoin join = new PendingJoin(peerId, token, connection, rules.rateLimit() + 1);
        pending.add(join);
        CompletionStage<Membership.Claim> claim = membership.claim(roomId, peerId, token, rules.maxPeers());
        var future = claim.toCompletableFuture();
        if (future.isDone() && !future.isCompletedExceptionally()) {
            completeJoin(join, future.join(), null);
        } else {
            claim.whenComplete((c, e) -> executor.execute(() -> completeJoin(join, c, e)));
        }
    }

    private void completeJoin(PendingJoin join, Membership.Claim claim, Throwable failure) {
        pending.remove(join);
        PeerConnection conn = join.connection;
        if (failure != null) {
            log.warn("room={} peer={} join failed: {}", roomId, join.peerId, failure.toString());
            conn.close(CloseCodes.SERVICE_RESTART, "Membership unavailable");
            return;
        }
        if (join.closed) {
            if (claim == Membership.Claim.JOINED || claim == Membership.Claim.REPLACED) {
                releaseUnlessStillClaimed(join.peerId, join.token);
            }
            return;
        }
        long now = clock.millis();
        switch (claim) {
            case ID_TAKEN -> {
                log.info("room={} peer={} refused: id taken", roomId, join.peerId);
                conn.send(OutboundFrames.idTaken());
                conn.close(CloseCodes.POLICY_VIOLATION, "ID is taken");
            }
            case ROOM_FULL -> {
                log.info("room={} peer={} refused: room is full", roomId, join.peerId);
                refuse(conn, ErrorCode.ROOM_FULL);
            }
            case REPLACED, JOINED -> admit(join, claim, now);
        }
    }

    private void admit(PendingJoin join, Membership.Claim claim, long now) {
        Peer existing = peers.get(join.peerId);
        if (existing != null) {
            PeerConnection old = existing.connection();
            existing.replaceConnection(join.connection, now);
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
            onMessage(join.connection, join.queued.pollFirst(), join.queuedAt.pollFirst());
        }
    }

    /** A text or binary frame from a socket of this room, already decoded. */
    public void onMessage(PeerConnection conn, InboundMessage message, long receivedNanos) {
        Peer peer = peers.of(conn);
        if (peer == null) {
            PendingJoin join = pending.of(conn);
            if (join != null) {
                join.queue(message, receivedNanos);
            }
            return; // A replaced, stale or closed socket: its late frames mean nothing.
        }
        long now = clock.millis();
        peer.heard(now);
        peer.countMessage();
        peers.touch(now);
        switch (peer.rateLimit().onMessage(now)) {
            case ALLOW -> handle(peer, message, receivedNanos, now);
            case DROP -> metrics.rateLimitDropped();
            case DROP_AND_WARN -> {
                metrics.rateLimitDropped();
                sendError(peer.connection(), ErrorCode.RATE_LIMITED);
            }
            case DISCONNECT -> {
                metrics.rateLimitDropped();
                log.info("room={} peer={} disconnected: persistent rate limit abuse", roomId, peer.id());
                refuse(peer.connection(), ErrorCode.RATE_LIMITED);
                remove(peer, now);
            }
        }
    }

    private void handle(Peer peer, InboundMessage message, long receivedNanos, long now) {
        if (!message.isValid() || !message.fitsSender(peer.id())) {
            log.debug("room={} peer={} invalid message: {}", roomId, peer.id(),
                    message.isValid() ? "src or dst names the sender" : message.invalidReason());
            sendError(peer.connection(), ErrorCode.INVALID_MESSAGE);
            return;
        }
        MessageType type = message.type();
        if (type.isSignal()) {
            router.route(peer, message, receivedNanos, now);
        } else if (type == MessageType.LEAVE) {
            if (message.dst() != null) {
                router.leaveTo(peer, message.dst());
            } else {
                leave(peer, now);
            }
        }
        // HEARTBEAT: liveness only, already recorded.
    }

    private void leave(Peer peer, long now) {
        // Mates hear first: the engine may forget where they are once the room has no peer here.
        broadcast(peer.id(), OutboundFrames.leave(peer.id()));
        remove(peer, now);
        log.info("room={} peer={} left", roomId, peer.id());
        peer.connection().close(CloseCodes.NORMAL, "Left the room");
    }

    /** A WebSocket pong: liveness only. */
    public void onPong(PeerConnection conn) {
        Peer peer = peers.of(conn);
        if (peer != null) {
            peer.heard(clock.millis());
        }
    }

    /** The socket closed for any reason; the peer leaves silently and its id is free at once. */
    public void onClose(PeerConnection conn) {
        Peer peer = peers.of(conn);
        if (peer != null) {
            remove(peer, clock.millis());
            log.info("room={} peer={} disconnected", roomId, peer.id());
            return;
        }
        PendingJoin join = pending.of(conn);
        if (join != null) {
            join.closed = true;
        }
    }

    /**
     * Periodic work from the node-wide sweeper: pings, stale peers, held-message expiry, idle TTL.
     * Returns true when the room has hibernated and should be dropped from memory.
     */
    public boolean tick() {
        long now = clock.millis();
        for (Peer peer : peers.snapshot()) {
            if (peer.isStale(now, rules.heartbeatTimeoutMs())) {
                expireStale(peer, now);
            } else if (peer.pingDue(now, rules.pingIntervalMs())) {
                peer.connection().ping();
            }
        }
        router.expireHeld(now);
        boolean wasIdle = peers.state() == RoomState.IDLE;
        if (pending.isEmpty() && peers.hibernateIfUnused(now, rules.idleRoomTtlMs())) {
            if (wasIdle) {
                log.debug("room={} hibernated after {} ms idle", roomId, now - peers.idleSince());
            }
            return true;
        }
        return false;
    }

    private void expireStale(Peer peer, long now) {
        peer.markStale();
        metrics.heartbeatExpired();
        log.info("room={} peer={} expired: no frame for {} ms", roomId, peer.id(), now - peer.lastHeartbeat());
        broadcast(peer.id(), OutboundFrames.expire(peer.id()));
        remove(peer, now);
        peer.connection().close(CloseCodes.STALE, "Heartbeat timeout");
    }

    /** Server shutdown: close every socket with the given code. */
    public void closeAll(int code, String reason) {
        // Pending joins first, so no pending reconnect keeps a leaving peer's id claimed.
        pending.closeAll(code, reason);
        for (Peer peer : peers.snapshot()) {
            remove(peer, clock.millis());
            peer.connection().close(code, reason);
        }
    }

    private void remove(Peer peer, long now) {
        peers.remove(peer, now);
        releaseUnlessStillClaimed(peer.id(), peer.token());
    }

    /**
     * Releases the id unless another socket of this room holds or is claiming it with the same token
     * (a reconnect racing the close of the socket it replaces): that socket inherits the claim.
     */
    private void releaseUnlessStillClaimed(String peerId, String token) {
        Peer holder = peers.get(peerId);
        if (holder != null && holder.token().equals(token)) {
            return;
        }
        if (!pending.claims(peerId, token)) {
            membership.release(roomId, peerId, token);
        }
    }

    /** Sends to every other peer of the room, here and on other nodes. */
    void broadcast(String exceptPeer, byte[] frame) {
        broadcastHere(exceptPeer, frame);
        membership.broadcastRemote(roomId, exceptPeer, frame);
    }

    /** Sends to every peer of the room on this node except {@code exceptPeer}. */
    void broadcastHere(String exceptPeer, byte[] frame) {
        peers.sendToAllBut(exceptPeer, frame);
    }

    /** Closes a peer's socket and forgets it here, leaving the engine's claim alone. */
    void dropKeepingClaim(Peer peer, int code, String reason) {
        peers.remove(peer, clock.millis());
        peer.connection().close(code, reason);
    }

    /** Events from other nodes for this room (cluster engine only). */
    RemoteRoomEvents remote() {
        return remote;
    }

    Peer peer(String id) {
        return peers.get(id);
    }

    private void refuse(PeerConnection conn, ErrorCode code) {
        sendError(conn, code);
        conn.close(CloseCodes.POLICY_VIOLATION, code.message());
    }

    private void sendError(PeerConnection conn, ErrorCode code) {
        metrics.error(code);
        conn.send(OutboundFrames.error(code));
    }

    public String roomId() {
        return roomId;
    }

    public RoomState state() {
        return peers.state();
    }

    public int maxPeers() {
        return rules.maxPeers();
    }

    public long createdAt() {
        return createdAt;
    }

    public long lastActivityAt() {
        return peers.lastActivityAt();
    }

    public List<String> peerIds() {
        return peers.ids();
    }

    public boolean hasPeer(String id) {
        return peers.get(id) != null;
    }
}
