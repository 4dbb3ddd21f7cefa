package dev.peerroom.config;

import static dev.peerroom.config.SettingParsers.atLeast;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The flags of {@link ServeCommand} that face the open internet (mixed in): TLS, join tokens and
 * per-address limits. Raw strings, converted by {@link #toSettings}.
 */
final class SecurityOptions {

    @Option(names = "--tls-cert", paramLabel = "<file>",
            description = "PEM certificate chain: serve wss:// and https:// (TLS 1.2 and 1.3 only); needs --tls-key. "
                    + "Default: none. Env: PEERROOM_TLS_CERT.")
    String tlsCert;

    @Option(names = "--tls-key", paramLabel = "<file>",
            description = "PEM private key (PKCS#8) of --tls-cert. Default: none. Env: PEERROOM_TLS_KEY.")
    String tlsKey;

    @Option(names = "--jwt-secret", paramLabel = "<secret>",
            description = "Require a join token signed with HS256 and this secret (at least 32 bytes) in the "
                    + "PeerJS token option. Prefer the variable: flags show in ps. Default: none. Env: PEERROOM_JWT_SECRET.")
    String jwtSecret;

    @Option(names = "--jwt-public-key", paramLabel = "<file>",
            description = "Require a join token signed with RS256 or ES256, checked with this PEM public key. "
                    + "Default: none. Env: PEERROOM_JWT_PUBLIC_KEY.")
    String jwtPublicKey;

    @Option(names = "--max-connections-per-ip", paramLabel = "<n>",
            description = "Most open connections one client address may hold; 0 = no limit. "
                    + "Default: 0. Env: PEERROOM_MAX_CONNECTIONS_PER_IP.")
    String maxConnectionsPerIp;

    @Option(names = "--max-upgrades-per-ip", paramLabel = "<n>",
            description = "Most WebSocket upgrades one client address may attempt per second; 0 = no limit. "
                    + "Default: 0. Env: PEERROOM_MAX_UPGRADES_PER_IP.")
    String maxUpgradesPerIp;

    @Option(names = "--handshake-timeout", paramLabel = "<duration>",
            description = "Close a connection that takes longer than this to send a whole HTTP request or to "
                    + "finish its WebSocket upgrade. Default: 10s. Env: PEERROOM_HANDSHAKE_TIMEOUT.")
    String handshakeTimeout;

    @Option(names = "--trusted-proxies", paramLabel = "<addresses>",
            description = "Comma-separated proxy addresses or CIDR blocks (10.0.0.0/8) whose X-Forwarded-For "
                    + "names the client address. Default: none. Env: PEERROOM_TRUSTED_PROXIES.")
    String trustedProxies;

    SecuritySettings toSettings(SettingReader r) {
        SecuritySettings d = SecuritySettings.defaults();
        Path cert = r.read(tlsCert, "--tls-cert", d.tlsCert(), SettingParsers::filePath);
        Path keyFile = r.read(tlsKey, "--tls-key", d.tlsKey(), SettingParsers::filePath);
        if ((cert == null) != (keyFile == null)) {
            String missing = cert == null ? "--tls-cert" : "--tls-key";
            String given = cert == null ? "--tls-key" : "--tls-cert";
            throw r.error("missing " + r.origin(missing) + ": " + r.origin(given) + " needs it");
        }
        String secret = r.read(jwtSecret, "--jwt-secret", d.jwtSecret(), SettingParsers::jwtSecret);
        Path publicKey = r.read(jwtPublicKey, "--jwt-public-key", d.jwtPublicKey(), SettingParsers::filePath);
        if (secret != null && publicKey != null) {
            throw r.error("use " + r.origin("--jwt-secret") + " or " + r.origin("--jwt-public-key") + ", not both");
        }
        int connections = r.read(maxConnectionsPerIp, "--max-connections-per-ip", d.maxConnectionsPerIp(),
                atLeast(0));
        int upgrades = r.read(maxUpgradesPerIp, "--max-upgrades-per-ip", d.maxUpgradesPerIp(), atLeast(0));
        Duration handshake = r.read(handshakeTimeout, "--handshake-timeout", d.handshakeTimeout(),
                SettingParsers::positiveDuration);
        List<String> proxies = r.read(trustedProxies, "--trusted-proxies", d.trustedProxies(),
                SettingParsers::addressBlocks);
        return new SecuritySettings(cert, keyFile, secret, publicKey, connections, upgrades, handshake, proxies);
    }
}
