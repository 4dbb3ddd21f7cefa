package dev.peerroom.cluster;

import dev.peerroom.room.Clock;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's periodic pass, once per quarter lease. For each room with a peer here it renews this
 * node's leases, evicts peers whose leases lapsed (their mates get EXPIRE) and refreshes the member
 * cache. A node that has not completed a pass for lease - period fences itself: its peers are about
 * to be evicted by others, so it closes their sockets (1012) first and never serves a peer the rest
 * of the cluster no longer lists.
 */
final class LeaseKeeper {
    private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);
    private static final ClusterScript RENEW = ClusterScript.load("renew");

    private final RedisMembership membership;
    private final RedisAsyncCommands<String, String> redis;
    private final SelfProbe probe;
    private final Clock clock;
    private final long leaseMs;
    private final long periodMs;
    private final long roomTtlMs;
    private volatile long lastRenewedAt;
    private volatile boolean fenced;
    private volatile boolean failing;

    LeaseKeeper(RedisMembership membership, RedisAsyncCommands<String, String> redis, SelfProbe probe,
                Clock clock, ClusterSettings settings, long roomTtlMs) {
        this.membership = membership;
        this.redis = redis;
        this.probe = probe;
        this.clock = clock;
        this.leaseMs = settings.lease().toMillis();
        this.periodMs = settings.period().toMillis();
        this.roomTtlMs = roomTtlMs;
        this.lastRenewedAt = clock.millis();
    }

    long periodMs() {
        return periodMs;
    }

    boolean healthy() {
        return !fenced && probe.answering();
    }

    /** One pass; returns true when the inbox subscription should be renewed. */
    boolean tick() {
        long startedAt = clock.millis();
        membership.pruneMembers();
        List<CompletableFuture<?>> pass = new ArrayList<>();
        pass.add(redis.ping().toCompletableFuture());
        for (Map.Entry<String, Map<String, RedisMembership.LocalClaim>> room : membership.claims().entrySet()) {
            Map<String, RedisMembership.LocalClaim> renewed = new HashMap<>(room.getValue());
            if (!renewed.isEmpty()) {
                pass.add(renew(room.getKey(), renewed));
            }
        }
        CompletableFuture.allOf(pass.toArray(CompletableFuture[]::new)).whenComplete((x, e) -> {
            if (e == null) {
                lastRenewedAt = startedAt;
                failing = false;
                if (fenced) {
                    fenced = false;
                    log.info("cluster: Redis answers again; this node serves again");
                }
            } else if (!failing) {
                failing = true;
                log.warn("cluster: lease renewal failed: {}", e.toString());
            }
        });
        if (!fenced && startedAt - lastRenewedAt >= leaseMs - periodMs) {
            fenced = true;
            log.warn("cluster: no lease renewal for {} ms; fencing: closing every socket with 1012",
                    startedAt - lastRenewedAt);
            membership.forgetAll();
            membership.events().fenced();
        }
        return probe.check();
    }

    private CompletableFuture<?> renew(String roomId, Map<String, RedisMembership.LocalClaim> renewed) {
        List<String> args = new ArrayList<>();
        args.add(membership.nodeId());
        args.add(Long.toString(leaseMs));
        args.add(Long.toString(roomTtlMs));
        renewed.forEach((peer, claim) -> {
            args.add(peer);
            args.add(Long.toString(claim.epoch()));
        });
        return RENEW.run(redis, MemberEntries.keys(roomId), args.toArray(String[]::new)).thenAccept(r -> {
            List<?> result = (List<?>) r;
            List<String> lost = MemberEntries.texts(result.get(0));
            List<String> dead = MemberEntries.texts(result.get(1));
            membership.updateMembers(roomId, result.get(2));
            if (!lost.isEmpty()) {
                membership.lost(roomId, lost, renewed);
            }
            if (!dead.isEmpty()) {
                membership.events().stale(roomId, dead);
            }
        }).toCompletableFuture();
    }
}
