package dev.peerroom.room;

import dev.peerroom.protocol.InboundMessage;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * The node's rooms. Every call for a room id hops onto that room's executor, which is also where
 * the room is created and dropped, so creation, use and hibernation of one room never race.
 */
public final class RoomRegistry {
    private final ConcurrentHashMap<String, GameRoom> rooms = new ConcurrentHashMap<>();
    private final RoomRules rules;
    private final Clock clock;
    private final Membership membership;
    private final RoomMetrics metrics;
    private final RoomExecutors executors;

    public RoomRegistry(RoomRules rules, Clock clock, Membership membership, RoomMetrics metrics,
                        RoomExecutors executors) {
        this.rules = rules;
        this.clock = clock;
        this.membership = membership;
        this.metrics = metrics;
        this.executors = executors;
    }

    public void join(String roomId, String peerId, String token, PeerConnection conn) {
        Executor executor = executors.forRoom(roomId);
        executor.execute(() -> rooms.computeIfAbsent(roomId,
                id -> new GameRoom(id, rules, clock, membership, metrics, executor)).join(peerId, token, conn));
    }

    public void message(String roomId, PeerConnection conn, InboundMessage message, long receivedNanos) {
        onRoom(roomId, room -> room.onMessage(conn, message, receivedNanos));
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
    private void onRoom(String roomId, java.util.function.Consumer<GameRoom> action) {
        executors.forRoom(roomId).execute(() -> {
            GameRoom room = rooms.get(roomId);
            if (room != null) {
                action.accept(room);
            }
        });
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
