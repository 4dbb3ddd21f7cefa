package dev.peerroom.room;

import dev.peerroom.protocol.Identifiers;
import dev.peerroom.protocol.InboundMessage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The node's rooms. Every call for a room id runs on that room's executor, which is also where
 * the room is created and dropped, so creation, use and hibernation of one room never race.
 * A call made on the room's executor thread runs inline; any other call hops onto it. The
 * transport places each socket on its room's executor, so a socket's calls all take the same way
 * and keep their order.
 */
public final class RoomRegistry {
    private final ConcurrentHashMap<String, GameRoom> rooms = new ConcurrentHashMap<>();
    private final RoomRules rules;
    /** peerjs-server's classic namespace: a room too, with its own rules (see {@link RoomRules#classic()}). */
    private final RoomRules classicRules;
    private final Clock clock;
    private final Membership membership;
    private final RoomMetrics metrics;
    private final RoomExecutors executors;

    public RoomRegistry(RoomRules rules, Clock clock, Membership membership, RoomMetrics metrics,
                        RoomExecutors executors) {
        this.rules = rules;
        this.classicRules = rules.classic();
        this.clock = clock;
        this.membership = membership;
        this.metrics = metrics;
        this.executors = executors;
        membership.bind(new RoomClusterEvents(this, membership));
    }

    /** The executor that owns {@code roomId}: the transport puts the room's sockets on it. */
    public Executor executor(String roomId) {
        return executors.forRoom(roomId);
    }

    public void join(String roomId, String peerId, String token, PeerConnection conn) {
        Executor executor = executors.forRoom(roomId);
        if (executors.isCurrent(executor)) {
            joinHere(roomId, peerId, token, conn, executor);
        } else {
            executor.execute(() -> joinHere(roomId, peerId, token, conn, executor));
        }
    }

    private void joinHere(String roomId, String peerId, String token, PeerConnection conn, Executor executor) {
        rooms.computeIfAbsent(roomId, id -> new GameRoom(id, rulesFor(id), clock, membership, metrics, executor))
                .join(peerId, token, conn);
    }

    /**
     * The classic namespace's id is no snowflake, so no room URL reaches it; the transport admits
     * it only through the classic paths, which exist only with {@code --peerjs-compat}.
     */
    RoomRules rulesFor(String roomId) {
        return Identifiers.CLASSIC_ROOM.equals(roomId) ? classicRules : rules;
    }

    /** The hot path: inline on the room's thread (no allocation), else one task per message. */
    public void message(String roomId, PeerConnection conn, InboundMessage message, long receivedNanos) {
        Executor executor = executors.forRoom(roomId);
        if (executors.isCurrent(executor)) {
            messageHere(roomId, conn, message, receivedNanos);
        } else {
            InboundMessage own = message.detach(); // the caller's buffer is reused after this call
            executor.execute(() -> messageHere(roomId, conn, own, receivedNanos));
        }
    }

    private void messageHere(String roomId, PeerConnection conn, InboundMessage message, long receivedNanos) {
        GameRoom room = rooms.get(roomId);
        if (room != null) {
            room.onMessage(conn, message, receivedNanos);
        }
    }

    public void pong(String roomId, PeerConnection conn) {
        onRoom(roomId, room -> room.onPong(conn));
    }

    public void closed(String roomId, PeerConnection conn) {
        onRoom(roomId, room -> room.onClose(conn));
    }

    /** Ids held in the room (here or, in a cluster, on any node). */
    public CompletionStage<List<String>> peerIds(String roomId) {
        return membership.members(roomId);
    }

    /** One pass of the node-wide sweeper: each room ticks on its own executor. */
    public void sweep() {
        for (GameRoom room : rooms.values()) {
            executors.forRoom(room.roomId()).execute(() -> {
                if (room.tick()) {
                    rooms.remove(room.roomId(), room);
                }
            });
        }
    }

    /** Shutdown: every socket closes with {@code code}; completes when all rooms have done so. */
    public CompletableFuture<Void> closeAll(int code, String reason) {
        CompletableFuture<?>[] done = rooms.values().stream()
                .map(room -> CompletableFuture.runAsync(() -> room.closeAll(code, reason),
                        executors.forRoom(room.roomId())))
                .toArray(CompletableFuture[]::new);
        return CompletableFuture.allOf(done);
    }

    /** Where rooms, and the transport for refusals before a room is involved, report events. */
    public RoomMetrics metrics() {
        return metrics;
    }

    /** Snapshot for observability: reads state without owning the room, so values may lag. */
    public int roomCount() {
        return rooms.size();
    }

    /** Runs on the room's executor; a room that no longer exists ignores the call. */
    void onRoom(String roomId, Consumer<GameRoom> action) {
        Executor executor = executors.forRoom(roomId);
        if (executors.isCurrent(executor)) {
            onRoomHere(roomId, action);
        } else {
            executor.execute(() -> onRoomHere(roomId, action));
        }
    }

    private void onRoomHere(String roomId, Consumer<GameRoom> action) {
        GameRoom room = rooms.get(roomId);
        if (room != null) {
            action.accept(room);
        }
    }

    /** Runs on the room's executor with the room, or with null when this node does not have it. */
    void onRoomOrAbsent(String roomId, Consumer<GameRoom> action) {
        executors.forRoom(roomId).execute(() -> action.accept(rooms.get(roomId)));
    }

    /**
     * Runs {@code query} on every room in memory, each on its own executor; completes with the
     * answers of the rooms that still existed when their turn came.
     */
    public <T> CompletionStage<List<T>> queryAll(Function<GameRoom, T> query) {
        List<CompletableFuture<T>> answers = rooms.keySet().stream()
                .map(id -> query(id, query, null).toCompletableFuture())
                .toList();
        return CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new))
                .thenApply(done -> answers.stream().map(CompletableFuture::join).filter(Objects::nonNull).toList());
    }

    /**
     * Kicks {@code peerId} out of {@code roomId} (admin API): on this node if it is here, else
     * through the engine on the node that holds it.
     */
    public CompletionStage<KickOutcome> kick(String roomId, String peerId) {
        return query(roomId, room -> room.kick(peerId), false).thenCompose(here -> here
                ? CompletableFuture.completedFuture(new KickOutcome(KickOutcome.Kind.HERE, null))
                : membership.kickElsewhere(roomId, peerId).thenApply(node -> node == null
                        ? new KickOutcome(KickOutcome.Kind.NOT_FOUND, null)
                        : new KickOutcome(KickOutcome.Kind.FORWARDED, node)));
    }

    /** Where a kick went; {@code node} names the other node it was handed to (FORWARDED only). */
    public record KickOutcome(Kind kind, String node) {
        public enum Kind { HERE, FORWARDED, NOT_FOUND }
    }

    /** Runs a query on the room's executor; {@code ifAbsent} answers for a room not in memory. */
    public <T> CompletionStage<T> query(String roomId, Function<GameRoom, T> query, T ifAbsent) {
        CompletableFuture<T> result = new CompletableFuture<>();
        executors.forRoom(roomId).execute(() -> {
            GameRoom room = rooms.get(roomId);
            result.complete(room == null ? ifAbsent : query.apply(room));
        });
        return result;
    }
}
