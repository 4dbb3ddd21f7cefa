package dev.peerroom.transport;

import dev.peerroom.config.ServerConfig;
import java.util.List;

/** {@link ServerConfig} variants for transport tests, starting from the defaults. */
final class TestConfigs {
    private String basePath = "/";
    private String key = "peerjs";
    private int maxMessageBytes = 1 << 20;
    private List<String> allowedOrigins = List.of();
    private boolean discovery;

    static TestConfigs defaults() {
        return new TestConfigs();
    }

    TestConfigs basePath(String path) {
        basePath = path;
        return this;
    }

    TestConfigs maxMessageBytes(int bytes) {
        maxMessageBytes = bytes;
        return this;
    }

    TestConfigs allowedOrigins(String... origins) {
        allowedOrigins = List.of(origins);
        return this;
    }

    TestConfigs discovery(boolean on) {
        discovery = on;
        return this;
    }

    ServerConfig build() {
        ServerConfig d = ServerConfig.defaults();
        return new ServerConfig(d.host(), d.port(), basePath, key, d.maxPeers(), d.heartbeatTimeout(),
                d.pingInterval(), d.rateLimit(), d.rateWindow(), d.rateStrikes(), maxMessageBytes,
                d.holdTimeout(), d.holdMaxMessages(), d.holdMaxBytes(), d.idleRoomTtl(), allowedOrigins, discovery);
    }
}
