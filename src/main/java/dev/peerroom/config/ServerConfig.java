package dev.peerroom.config;

import java.time.Duration;
import java.util.List;

/**
 * Every setting of a PeerRoom node. Defaults are the seed's numbers.
 *
 * @param basePath       starts and ends with '/'
 * @param allowedOrigins empty = any origin may connect
 * @param redis          null = the embedded engine; else the Redis URI of the cluster
 * @param clusterLease   how long a peer stays claimed in the cluster without its node renewing it
 * @param security       TLS, join tokens and per-address limits
 * @param operator       admin API, status page, peerjs-server namespace, log format
 */
public record ServerConfig(
        String host,
        int port,
        String basePath,
        String key,
        int maxPeers,
        Duration heartbeatTimeout,
        Duration pingInterval,
        int rateLimit,
        Duration rateWindow,
        int rateStrikes,
        int maxMessageBytes,
        Duration holdTimeout,
        int holdMaxMessages,
        int holdMaxBytes,
        Duration idleRoomTtl,
        List<String> allowedOrigins,
        boolean discovery,
        String redis,
        Duration clusterLease,
        SecuritySettings security,
        OperatorSettings operator) {

    public static final Duration DEFAULT_CLUSTER_LEASE = Duration.ofSeconds(10);

    public ServerConfig {
        allowedOrigins = List.copyOf(allowedOrigins);
        java.util.Objects.requireNonNull(security, "security");
        java.util.Objects.requireNonNull(operator, "operator");
    }

    /** A single node (no cluster). */
    public ServerConfig(String host, int port, String basePath, String key, int maxPeers, Duration heartbeatTimeout,
                        Duration pingInterval, int rateLimit, Duration rateWindow, int rateStrikes,
                        int maxMessageBytes, Duration holdTimeout, int holdMaxMessages, int holdMaxBytes,
                        Duration idleRoomTtl, List<String> allowedOrigins, boolean discovery) {
        this(host, port, basePath, key, maxPeers, heartbeatTimeout, pingInterval, rateLimit, rateWindow,
                rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages, holdMaxBytes, idleRoomTtl,
                allowedOrigins, discovery, null, DEFAULT_CLUSTER_LEASE, SecuritySettings.defaults(),
                OperatorSettings.defaults());
    }

    public static ServerConfig defaults() {
        return new ServerConfig("0.0.0.0", 9000, "/", "peerjs",
                4, Duration.ofSeconds(5), Duration.ofSeconds(2),
                100, Duration.ofSeconds(1), 3, 1 << 20,
                Duration.ofSeconds(5), 64, 256 * 1024,
                Duration.ofMinutes(5), List.of(), false);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, basePath, key, maxPeers, heartbeatTimeout, pingInterval,
                rateLimit, rateWindow, rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages,
                holdMaxBytes, idleRoomTtl, allowedOrigins, discovery, redis, clusterLease, security, operator);
    }

    public ServerConfig withHost(String newHost) {
        return new ServerConfig(newHost, port, basePath, key, maxPeers, heartbeatTimeout, pingInterval,
                rateLimit, rateWindow, rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages,
                holdMaxBytes, idleRoomTtl, allowedOrigins, discovery, redis, clusterLease, security, operator);
    }

    /** The same node as a member of the cluster on {@code redisUri}. */
    public ServerConfig withRedis(String redisUri, Duration lease) {
        return new ServerConfig(host, port, basePath, key, maxPeers, heartbeatTimeout, pingInterval,
                rateLimit, rateWindow, rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages,
                holdMaxBytes, idleRoomTtl, allowedOrigins, discovery, redisUri, lease, security, operator);
    }

    /** The same node with other security settings. */
    public ServerConfig withSecurity(SecuritySettings newSecurity) {
        return new ServerConfig(host, port, basePath, key, maxPeers, heartbeatTimeout, pingInterval,
                rateLimit, rateWindow, rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages,
                holdMaxBytes, idleRoomTtl, allowedOrigins, discovery, redis, clusterLease, newSecurity, operator);
    }

    /** The same node with other operator settings. */
    public ServerConfig withOperator(OperatorSettings newOperator) {
        return new ServerConfig(host, port, basePath, key, maxPeers, heartbeatTimeout, pingInterval,
                rateLimit, rateWindow, rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages,
                holdMaxBytes, idleRoomTtl, allowedOrigins, discovery, redis, clusterLease, security, newOperator);
    }
}
