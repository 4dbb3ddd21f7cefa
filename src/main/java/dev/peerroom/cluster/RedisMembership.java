package dev.peerroom.cluster;

import dev.peerroom.room.ClusterEvents;
import dev.peerroom.room.Membership;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The cluster engine: room membership lives in Redis (one hash and one lease set per room, changed
 * only by Lua scripts), and frames for peers on other nodes go to that node's inbox channel.
 * Messages between peers on the same node never reach this class.
 *
 * <p>It keeps two caches for rooms that have a peer on this node: which ids this node holds (with
 * the epoch of each claim, so a late release never frees a newer claim), and which node holds each
 * member (for routing). The periodic renewal refreshes both from Redis.
 */
public final class RedisMembership implements Membership {
    private static final ClusterScript JOIN = ClusterScript.load("join");
    private static final ClusterScript LEAVE = ClusterScript.load("leave");

    private final String nodeId;
    private final RedisAsyncCommands<String, String> redis;
    private final InboxPublisher inboxes;
    private final long leaseMs;
    private final long roomTtlMs;
    private final AtomicLong epochs = new AtomicLong();
    /** room → (peer → claim) for the claims this node holds. */
    private final Map<String, Map<String, LocalClaim>> claims = new ConcurrentHashMap<>();
    /** room → (peer → node) for rooms with a peer here. */
    private final Map<String, Map<String, String>> nodesByPeer = new ConcurrentHashMap<>();
    /** "room|peer" lookups in flight, so a burst of held messages asks Redis once. */
    private final Set<String> locating = ConcurrentHashMap.newKeySet();
    private volatile ClusterEvents events = ClusterEvents.IGNORE;

    /** One id this node holds: the epoch tells its claims apart, the token checks releases. */
    record LocalClaim(long epoch, String token) {
    }

    RedisMembership(String nodeId, RedisAsyncCommands<String, String> redis, InboxPublisher inboxes,
                    long leaseMs, long roomTtlMs) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.inboxes = inboxes;
        this.leaseMs = leaseMs;
        this.roomTtlMs = roomTtlMs;
    }

    @Override
    public void bind(ClusterEvents events) {
        this.events = events;
    }

    ClusterEvents events() {
        return events;
    }

    String nodeId() {
        return nodeId;
    }

    @Override
    public CompletionStage<Claim> claim(String roomId, String peerId, String token, int maxPeers) {
        long epoch = epochs.incrementAndGet();
        return JOIN.runInOrder(redis, MemberEntries.keys(roomId), peerId, nodeId, Long.toString(epoch),
                MemberEntries.sha256(token),
                Integer.toString(maxPeers), Long.toString(leaseMs), Long.toString(roomTtlMs)).thenApply(r -> {
                    List<?> result = (List<?>) r;
                    Claim claim = Claim.valueOf(MemberEntries.text(result.get(0)));
                    List<String> dead = MemberEntries.texts(result.get(1));
                    if (claim == Claim.JOINED || claim == Claim.REPLACED) {
                        claims.computeIfAbsent(roomId, k -> new ConcurrentHashMap<>()).put(peerId, new LocalClaim(epoch, token));
                        Map<String, String> members = updateMembers(roomId, result.get(3));
                        String previous = MemberEntries.text(result.get(2));
                        String previousNode = previous.isEmpty() ? null : MemberEntries.node(previous);
                        if (previousNode != null && !previousNode.equals(nodeId)) {
                            inboxes.send(previousNode, InboxMessage.REPLACED, null,
                                    roomId, peerId, MemberEntries.epoch(previous));
                        }
                        for (String node : otherNodes(members.values())) {
                            inboxes.send(node, InboxMessage.JOINED, null, roomId, peerId, nodeId);
                        }
                    }
                    if (!dead.isEmpty()) {
                        events.stale(roomId, dead);
                    }
                    return claim;
                });
    }

    @Override
    public void release(String roomId, String peerId, String token) {
        Map<String, LocalClaim> mine = claims.get(roomId);
        LocalClaim held = mine == null ? null : mine.get(peerId);
        if (held == null || !held.token().equals(token) || !mine.remove(peerId, held)) {
            return; // Not ours (any more): another token, replaced on another node, or lost with its lease.
        }
        forgetRoomIfUnused(roomId);
        LEAVE.runInOrder(redis, MemberEntries.keys(roomId), peerId, nodeId + "|" + held.epoch()).thenAccept(r -> {
            List<?> result = (List<?>) r;
            if (((Number) result.get(0)).longValue() == 1) {
                for (String node : otherNodes(MemberEntries.nodesOf(result.get(1)))) {
                    inboxes.send(node, InboxMessage.LEFT, null, roomId, peerId, nodeId);
                }
            }
        });
    }

    @Override
    public CompletionStage<List<String>> members(String roomId) {
        return redis.hgetall(RedisKeys.members(roomId)).thenApply(entries -> {
            List<Map.Entry<String, String>> list = new ArrayList<>(entries.entrySet());
            list.sort(java.util.Comparator.comparing(e -> MemberEntries.joinedAt(e.getValue())));
            List<String> ids = new ArrayList<>();
            list.forEach(e -> ids.add(e.getKey()));
            return ids;
        });
    }

    @Override
    public boolean forward(String roomId, String src, String dst, byte[] frame) {
        Map<String, String> members = nodesByPeer.get(roomId);
        String node = members == null ? null : members.get(dst);
        if (node == null || node.equals(nodeId)) {
            return false;
        }
        inboxes.send(node, InboxMessage.FRAME, frame, roomId, src, dst).whenComplete((receivers, e) -> {
            if ((e != null || receivers == 0) && src != null) {
                events.deliveryFailed(roomId, src, dst);
            }
        });
        return true;
    }

    @Override
    public void locate(String roomId, String peerId) {
        String key = roomId + "|" + peerId;
        if (!locating.add(key)) {
            return;
        }
        redis.hget(RedisKeys.members(roomId), peerId).whenComplete((entry, e) -> {
            locating.remove(key);
            String node = entry == null ? null : MemberEntries.node(entry);
            if (node != null && !node.equals(nodeId)) {
                // Also for a room with no claim here any more (its peer moved on): the messages
                // held here must follow. The next pass prunes such entries.
                nodesByPeer.computeIfAbsent(roomId, k -> new ConcurrentHashMap<>()).put(peerId, node);
                events.joinedElsewhere(roomId, peerId);
            }
        });
    }

    @Override
    public void sendToHolder(String roomId, String peerId, byte[] frame) {
        redis.hget(RedisKeys.members(roomId), peerId).thenAccept(entry -> {
            String node = entry == null ? null : MemberEntries.node(entry);
            if (node != null && !node.equals(nodeId)) {
                inboxes.send(node, InboxMessage.FRAME, frame, roomId, null, peerId);
            }
        });
    }

    @Override
    public CompletionStage<String> kickElsewhere(String roomId, String peerId) {
        return redis.hget(RedisKeys.members(roomId), peerId).thenCompose(entry -> {
            String node = entry == null ? null : MemberEntries.node(entry);
            if (node == null || node.equals(nodeId)) {
                // Here means the room had no such peer a moment ago: a join still in flight, or gone.
                return CompletableFuture.completedFuture(null);
            }
            return inboxes.send(node, InboxMessage.KICK, null, roomId, peerId)
                    .thenApply(receivers -> receivers > 0 ? node : null); // 0: that node is gone
        });
    }

    @Override
    public void broadcastRemote(String roomId, String exceptPeer, byte[] frame) {
        // Read from Redis, not the cache: a peer that got OPEN is in Redis already, while the
        // notice of its join may still be on its way here. Broadcasts (LEAVE, EXPIRE) are rare.
        redis.hgetall(RedisKeys.members(roomId)).thenAccept(entries -> {
            List<String> nodes = new ArrayList<>();
            entries.forEach((peer, entry) -> {
                if (!peer.equals(exceptPeer)) {
                    nodes.add(MemberEntries.node(entry));
                }
            });
            for (String node : otherNodes(nodes)) {
                inboxes.send(node, InboxMessage.BROADCAST, frame, roomId, exceptPeer);
            }
        });
    }

    /** One message from this node's inbox, already parsed. */
    void onInbox(InboxMessage m) {
        String roomId = m.field(0);
        switch (m.kind()) {
            case InboxMessage.FRAME -> events.frame(roomId, m.field(1), m.field(2), m.body());
            case InboxMessage.BROADCAST -> events.broadcast(roomId, m.field(1), m.body());
            case InboxMessage.JOINED -> {
                Map<String, String> members = nodesByPeer.get(roomId);
                if (members != null) {
                    members.put(m.field(1), m.field(2));
                }
                events.joinedElsewhere(roomId, m.field(1));
            }
            case InboxMessage.LEFT -> {
                Map<String, String> members = nodesByPeer.get(roomId);
                if (members != null) {
                    members.remove(m.field(1), m.field(2)); // only if it has not joined elsewhere since
                }
            }
            case InboxMessage.REPLACED -> {
                Map<String, LocalClaim> mine = claims.get(roomId);
                LocalClaim held = mine == null ? null : mine.get(m.field(1));
                if (held != null && Long.toString(held.epoch()).equals(m.field(2)) && mine.remove(m.field(1), held)) {
                    forgetRoomIfUnused(roomId);
                    events.replacedElsewhere(roomId, m.field(1));
                }
            }
            case InboxMessage.KICK -> events.kick(roomId, m.field(1));
            default -> {
                // Probes are answered by the node; unknown kinds are ignored.
            }
        }
    }

    /** Rooms with a claim here and, for each, the claims: what a renewal covers. */
    Map<String, Map<String, LocalClaim>> claims() {
        return claims;
    }

    /** A renewal found these claims gone (evicted after a lapsed lease): their sockets must close. */
    void lost(String roomId, List<String> peers, Map<String, LocalClaim> renewed) {
        Map<String, LocalClaim> mine = claims.get(roomId);
        for (String peer : peers) {
            LocalClaim held = renewed.get(peer);
            if (mine != null && held != null && mine.remove(peer, held)) {
                events.claimLost(roomId, peer);
            }
        }
        forgetRoomIfUnused(roomId);
    }

    /** Replaces the room's member cache with what Redis just returned (flat peer, entry, ...). */
    Map<String, String> updateMembers(String roomId, Object flat) {
        Map<String, String> fresh = new ConcurrentHashMap<>();
        List<String> kv = MemberEntries.texts(flat);
        for (int i = 0; i + 1 < kv.size(); i += 2) {
            fresh.put(kv.get(i), MemberEntries.node(kv.get(i + 1)));
        }
        if (claims.containsKey(roomId)) {
            nodesByPeer.put(roomId, fresh);
        }
        return fresh;
    }

    /** Drops the member caches of rooms that have no claim here (filled by {@link #locate}). */
    void pruneMembers() {
        nodesByPeer.keySet().removeIf(room -> !claims.containsKey(room));
    }

    /** Fencing: this node holds nothing any more. */
    void forgetAll() {
        claims.clear();
        nodesByPeer.clear();
    }

    private void forgetRoomIfUnused(String roomId) {
        claims.computeIfPresent(roomId, (k, v) -> v.isEmpty() ? null : v);
        if (!claims.containsKey(roomId)) {
            nodesByPeer.remove(roomId);
        }
    }

    private Set<String> otherNodes(Iterable<String> nodes) {
        Set<String> out = new LinkedHashSet<>();
        for (String node : nodes) {
            if (!node.equals(nodeId)) {
                out.add(node);
            }
        }
        return out;
    }
}
