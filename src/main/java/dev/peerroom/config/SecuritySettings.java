package dev.peerroom.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The settings that face the open internet: transport encryption, who may join, and what one
 * client address may cost the node.
 *
 * @param tlsCert              PEM certificate chain; null = plain ws:// and http:// (both or neither with tlsKey)
 * @param tlsKey               PEM private key (PKCS#8) of {@code tlsCert}
 * @param jwtSecret            HS256 secret for join tokens (at least 32 bytes); null = none
 * @param jwtPublicKey         PEM public key (RSA for RS256, EC P-256 for ES256) for join tokens; null = none
 * @param maxConnectionsPerIp  open connections (HTTP and WebSocket) one client address may hold; 0 = no limit
 * @param maxUpgradesPerIp     WebSocket upgrades one client address may attempt per second; 0 = no limit
 * @param handshakeTimeout     how long a connection may take to send a whole HTTP request or finish its upgrade
 * @param trustedProxies       addresses or CIDR blocks whose X-Forwarded-For is believed; empty = none
 */
public record SecuritySettings(
        Path tlsCert,
        Path tlsKey,
        String jwtSecret,
        Path jwtPublicKey,
        int maxConnectionsPerIp,
        int maxUpgradesPerIp,
        Duration handshakeTimeout,
        List<String> trustedProxies) {

    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    public SecuritySettings {
        trustedProxies = List.copyOf(trustedProxies);
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and a key");
        }
        if (jwtSecret != null && jwtPublicKey != null) {
            throw new IllegalArgumentException("join tokens take a secret or a public key, not both");
        }
    }

    public static SecuritySettings defaults() {
        return new SecuritySettings(null, null, null, null, 0, 0, DEFAULT_HANDSHAKE_TIMEOUT, List.of());
    }

    public boolean tls() {
        return tlsCert != null;
    }

    /** Whether a join must carry a signed token. */
    public boolean joinTokens() {
        return jwtSecret != null || jwtPublicKey != null;
    }

    public SecuritySettings withTls(Path cert, Path key) {
        return new SecuritySettings(cert, key, jwtSecret, jwtPublicKey, maxConnectionsPerIp, maxUpgradesPerIp,
                handshakeTimeout, trustedProxies);
    }

    public SecuritySettings withJwtSecret(String secret) {
        return new SecuritySettings(tlsCert, tlsKey, secret, null, maxConnectionsPerIp, maxUpgradesPerIp,
                handshakeTimeout, trustedProxies);
    }

    public SecuritySettings withJwtPublicKey(Path publicKey) {
        return new SecuritySettings(tlsCert, tlsKey, null, publicKey, maxConnectionsPerIp, maxUpgradesPerIp,
                handshakeTimeout, trustedProxies);
    }

    public SecuritySettings withLimits(int connectionsPerIp, int upgradesPerIp, Duration handshake) {
        return new SecuritySettings(tlsCert, tlsKey, jwtSecret, jwtPublicKey, connectionsPerIp, upgradesPerIp,
                handshake, trustedProxies);
    }

    public SecuritySettings withTrustedProxies(List<String> proxies) {
        return new SecuritySettings(tlsCert, tlsKey, jwtSecret, jwtPublicKey, maxConnectionsPerIp, maxUpgradesPerIp,
                handshakeTimeout, proxies);
    }

    /** The secret is never printed. */
    @Override
    public String toString() {
        return "SecuritySettings[tlsCert=" + tlsCert + ", tlsKey=" + tlsKey
                + ", jwtSecret=" + (jwtSecret == null ? "none" : "(set)") + ", jwtPublicKey=" + jwtPublicKey
                + ", maxConnectionsPerIp=" + maxConnectionsPerIp + ", maxUpgradesPerIp=" + maxUpgradesPerIp
                + ", handshakeTimeout=" + handshakeTimeout + ", trustedProxies=" + trustedProxies + "]";
    }
}
