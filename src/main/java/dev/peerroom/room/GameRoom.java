package dev.peerroom.room;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageType;
import dev.peerroom.protocol.OutboundFrames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, Peer> peers = new LinkedHashMap<>();
    private final PendingJoins pending = new PendingJoins();
    private final HeldMessages held;
    private final SignalRouter router;
    private final long createdAt;
    private long lastActivityAt;
    private long idleSince;
    private RoomState state = RoomState.EMPTY;

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
        this.router = new SignalRouter(context, held, peers::get);
        this.createdAt = clock.millis();
        this.lastActivityAt = createdAt;
        this.idleSince = createdAt;
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
            peers.put(join.peerId, new Peer(join.peerId, join.token, join.connection, now,
                    new RateLimitState(rules.rateLimit(), rules.rateWindowMs(), rules.rateStrikes())));
            metrics.peerJoined();
            log.info("room={} peer={} joined from {} ({} of {})", roomId, join.peerId,
                    join.connection.describe(), peers.size(), rules.maxPeers());
            if (state != RoomState.ACTIVE) {
                moveTo(RoomState.ACTIVE);
            }
        }
        lastActivityAt = now;
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
        Peer peer = peerOf(conn);
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
        lastActivityAt = now;
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
        byte[] frame = OutboundFrames.leave(peer.id());
        remove(peer, now);
        broadcast(peer.id(), frame);
        log.info("room={} peer={} left", roomId, peer.id());
        peer.connection().close(CloseCodes.NORMAL, "Left the room");
    }

    /** A WebSocket pong: liveness only. */
    public void onPong(PeerConnection conn) {
        Peer peer = peerOf(conn);
        if (peer != null) {
            peer.heard(clock.millis());
        }
    }

    /** The socket closed for any reason; the peer leaves silently and its id is free at once. */
    public void onClose(PeerConnection conn) {
        Peer peer = peerOf(conn);
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
        for (Peer peer : new ArrayList<>(peers.values())) {
            if (peer.isStale(now, rules.heartbeatTimeoutMs())) {
                expireStale(peer, now);
            } else if (peer.pingDue(now, rules.pingIntervalMs())) {
                peer.connection().ping();
            }
        }
        router.expireHeld(now);
        boolean unused = state == RoomState.EMPTY || state == RoomState.IDLE;
        if (unused && pending.isEmpty() && peers.isEmpty()
                && (state == RoomState.EMPTY || now - idleSince >= rules.idleRoomTtlMs())) {
            if (state == RoomState.IDLE) {
                log.debug("room={} hibernated after {} ms idle", roomId, now - idleSince);
            }
            moveTo(RoomState.HIBERNATED);
            return true;
        }
        return false;
    }

    private void expireStale(Peer peer, long now) {
        peer.markStale();
        metrics.heartbeatExpired();
        log.info("room={} peer={} expired: no frame for {} ms", roomId, peer.id(), now - peer.lastHeartbeat());
        remove(peer, now);
        peer.connection().close(CloseCodes.STALE, "Heartbeat timeout");
        broadcast(peer.id(), OutboundFrames.expire(peer.id()));
    }

    /** Server shutdown: close every socket with the given code. */
    public void closeAll(int code, String reason) {
        // Pending joins first, so no pending reconnect keeps a leaving peer's id claimed.
        pending.closeAll(code, reason);
        for (Peer peer : new ArrayList<>(peers.values())) {
            remove(peer, clock.millis());
            peer.connection().close(code, reason);
        }
    }

    private void remove(Peer peer, long now) {
        peers.remove(peer.id());
        if (peer.state() != Peer.State.STALE) {
            peer.markDisconnected();
        }
        releaseUnlessStillClaimed(peer.id(), peer.token());
        metrics.peerLeft();
        lastActivityAt = now;
        if (peers.isEmpty() && state == RoomState.ACTIVE) {
            idleSince = now;
            moveTo(RoomState.IDLE);
        }
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

    private void moveTo(RoomState next) {
        metrics.roomState(state, next);
        state = next;
    }

    /** Sends to every other peer of the room, here and on other nodes. */
    void broadcast(String exceptPeer, byte[] frame) {
        for (Peer other : peers.values()) {
            if (!other.id().equals(exceptPeer)) {
                other.connection().send(frame);
            }
        }
        membership.broadcastRemote(roomId, exceptPeer, frame);
    }

    private void refuse(PeerConnection conn, ErrorCode code) {
        sendError(conn, code);
        conn.close(CloseCodes.POLICY_VIOLATION, code.message());
    }

    private void sendError(PeerConnection conn, ErrorCode code) {
        metrics.error(code);
        conn.send(OutboundFrames.error(code));
    }

    private Peer peerOf(PeerConnection conn) {
        for (Peer peer : peers.values()) {
            if (peer.connection() == conn) {
                return peer;
            }
        }
        return null;
    }

    public String roomId() {
        return roomId;
    }

    public RoomState state() {
        return state;
    }

    public int maxPeers() {
        return rules.maxPeers();
    }

    public long createdAt() {
        return createdAt;
    }

    public long lastActivityAt() {
        return lastActivityAt;
    }

    public List<String> peerIds() {
        return new ArrayList<>(peers.keySet());
    }

    public boolean hasPeer(String id) {
        return peers.containsKey(id);
    }
}
