package dev.peerroom.room;

import dev.peerroom.protocol.CloseCodes;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageType;
import dev.peerroom.protocol.OutboundFrames;
import java.util.List;
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
    private final RoomPeers peers;
    private final PendingJoins pending = new PendingJoins();
    private final HeldMessages held;
    private final SignalRouter router;
    private final RemoteRoomEvents remote;
    private final RoomJoins joins;
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
        this.held = new HeldMessages(rules.holdMaxMessages(), rules.holdMaxBytes(), rules.holdTimeoutMs());
        this.createdAt = clock.millis();
        this.peers = new RoomPeers(metrics, createdAt);
        this.router = new SignalRouter(context, held, peers::get);
        this.remote = new RemoteRoomEvents(this, router, context);
        this.joins = new RoomJoins(this, context, peers, pending, held, router);
    }

    /** A socket passed the parameter checks and asks for {@code peerId}. */
    public void join(String peerId, String token, PeerConnection connection) {
        joins.join(peerId, token, connection);
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
        announceDeparture(peer.id(), OutboundFrames.leave(peer.id()));
        remove(peer, now);
        log.info("room={} peer={} left", roomId, peer.id());
        peer.connection().close(CloseCodes.NORMAL, "Left the room");
    }

    /**
     * An operator removes the peer (admin API): it gets ERROR KICKED and close 1008, its room mates
     * here and on other nodes get LEAVE, and its id is free at once. Not a ban: it may join again.
     * Returns false when the peer is not in this room on this node.
     */
    public boolean kick(String peerId) {
        Peer peer = peers.get(peerId);
        if (peer == null) {
            return false;
        }
        log.info("room={} peer={} kicked by an operator", roomId, peerId);
        sendError(peer.connection(), ErrorCode.KICKED);
        // Like leave(): mates hear first, while the engine still knows where they are.
        announceDeparture(peerId, OutboundFrames.leave(peerId));
        remove(peer, clock.millis());
        peer.connection().close(CloseCodes.POLICY_VIOLATION, ErrorCode.KICKED.message());
        return true;
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
        announceDeparture(peer.id(), OutboundFrames.expire(peer.id()));
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
    void releaseUnlessStillClaimed(String peerId, String token) {
        Peer holder = peers.get(peerId);
        if (holder != null && holder.token().equals(token)) {
            return;
        }
        if (!pending.claims(peerId, token)) {
            membership.release(roomId, peerId, token);
        }
    }

    /**
     * Tells the room a peer has gone (LEAVE or EXPIRE), unless the rules say departures go
     * unannounced (the classic namespace: nobody there is a mate).
     */
    void announceDeparture(String peerId, byte[] frame) {
        if (rules.announceDepartures()) {
            broadcast(peerId, frame);
        }
    }

    /** Whether mates hear LEAVE/EXPIRE when a peer leaves, expires or is kicked. */
    boolean announcesDepartures() {
        return rules.announceDepartures();
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

    void refuse(PeerConnection conn, ErrorCode code) {
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
