package dev.peerroom.room;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The in-memory engine: one node is the whole world. A room's entry is only mutated from that
 * room's executor, so the per-room map needs no lock; the outer map is concurrent because rooms
 * on different executors add and remove entries at once.
 */
public final class LocalMembership implements Membership {
    private final ConcurrentHashMap<String, Map<String, String>> tokensByRoom = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<Claim> claim(String roomId, String peerId, String token, int maxPeers) {
        Map<String, String> tokens = tokensByRoom.computeIfAbsent(roomId, r -> new LinkedHashMap<>());
        String held = tokens.get(peerId);
        Claim claim;
        if (held != null) {
            claim = held.equals(token) ? Claim.REPLACED : Claim.ID_TAKEN;
        } else if (tokens.size() >= maxPeers) {
            claim = Claim.ROOM_FULL;
        } else {
            tokens.put(peerId, token);
            claim = Claim.JOINED;
        }
        if (tokens.isEmpty()) {
            tokensByRoom.remove(roomId);
        }
        return CompletableFuture.completedFuture(claim);
    }

    @Override
    public void release(String roomId, String peerId, String token) {
        Map<String, String> tokens = tokensByRoom.get(roomId);
        if (tokens != null && token.equals(tokens.get(peerId))) {
            tokens.remove(peerId);
            if (tokens.isEmpty()) {
                tokensByRoom.remove(roomId);
            }
        }
    }

    @Override
    public CompletionStage<List<String>> members(String roomId) {
        Map<String, String> tokens = tokensByRoom.get(roomId);
        return CompletableFuture.completedFuture(tokens == null ? List.of() : new ArrayList<>(tokens.keySet()));
    }

    @Override
    public boolean forward(String roomId, String src, String dst, byte[] frame) {
        return false;
    }

    @Override
    public void broadcastRemote(String roomId, String exceptPeer, byte[] frame) {
        // No other nodes.
    }

    /** Rooms with at least one claimed id; for tests and leak checks. */
    int roomCount() {
        return tokensByRoom.size();
    }
}
