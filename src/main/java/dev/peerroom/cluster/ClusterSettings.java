package dev.peerroom.cluster;

import java.time.Duration;

/**
 * How a node takes part in a cluster. The lease is the one figure operators may tune: a node that
 * dies is noticed within about lease + lease/4; a node cut off from Redis fences itself after
 * lease - lease/4.
 *
 * @param redisUri       {@code redis://host:port} (or {@code rediss://} for TLS)
 * @param lease          how long a peer stays claimed without its node renewing it
 * @param commandTimeout how long one Redis command may take before it counts as failed
 * @param probeTimeout   how long the node waits for its own inbox probe
 */
public record ClusterSettings(String redisUri, Duration lease, Duration commandTimeout, Duration probeTimeout) {
    public static final Duration DEFAULT_LEASE = Duration.ofSeconds(10);

    public static ClusterSettings of(String redisUri, Duration lease) {
        Duration half = lease.dividedBy(2);
        return new ClusterSettings(redisUri, lease, min(half, Duration.ofSeconds(2)), min(half, Duration.ofSeconds(2)));
    }

    /** Renewal, eviction and probe period: a quarter of the lease. */
    public Duration period() {
        return lease.dividedBy(4);
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
