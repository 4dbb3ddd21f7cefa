package dev.peerroom.integration;

import dev.peerroom.config.ServerConfig;
import java.time.Duration;
import java.util.List;

/** A test-side builder over {@link ServerConfig} (a record), starting from the defaults. */
public final class TestConfig {
    private String host = "127.0.0.1";
    private int port = 0;
    private String basePath;
    private String key;
    private int maxPeers;
    private Duration heartbeatTimeout;
    private Duration pingInterval;
    private int rateLimit;
    private Duration rateWindow;
    private int rateStrikes;
    private int maxMessageBytes;
    private Duration holdTimeout;
    private int holdMaxMessages;
    private int holdMaxBytes;
    private Duration idleRoomTtl;
    private List<String> allowedOrigins;
    private boolean discovery;

    private TestConfig(ServerConfig c) {
        basePath = c.basePath();
        key = c.key();
        maxPeers = c.maxPeers();
        heartbeatTimeout = c.heartbeatTimeout();
        pingInterval = c.pingInterval();
        rateLimit = c.rateLimit();
        rateWindow = c.rateWindow();
        rateStrikes = c.rateStrikes();
        maxMessageBytes = c.maxMessageBytes();
        holdTimeout = c.holdTimeout();
        holdMaxMessages = c.holdMaxMessages();
        holdMaxBytes = c.holdMaxBytes();
        idleRoomTtl = c.idleRoomTtl();
        allowedOrigins = c.allowedOrigins();
        discovery = c.discovery();
    }

    /** The seed's defaults, on 127.0.0.1 and an ephemeral port. */
    public static TestConfig defaults() {
        return new TestConfig(ServerConfig.defaults());
    }

    public TestConfig heartbeatTimeout(Duration d) {
        heartbeatTimeout = d;
        return this;
    }

    public TestConfig pingInterval(Duration d) {
        pingInterval = d;
        return this;
    }

    public TestConfig rate(int limit, Duration window, int strikes) {
        rateLimit = limit;
        rateWindow = window;
        rateStrikes = strikes;
        return this;
    }

    public TestConfig maxMessageBytes(int bytes) {
        maxMessageBytes = bytes;
        return this;
    }

    public TestConfig holdTimeout(Duration d) {
        holdTimeout = d;
        return this;
    }

    public TestConfig holdBounds(int messages, int bytes) {
        holdMaxMessages = messages;
        holdMaxBytes = bytes;
        return this;
    }

    public TestConfig maxPeers(int n) {
        maxPeers = n;
        return this;
    }

    /** Starts and ends with '/'. */
    public TestConfig basePath(String path) {
        basePath = path;
        return this;
    }

    public TestConfig allowedOrigins(String... origins) {
        allowedOrigins = List.of(origins);
        return this;
    }

    public TestConfig idleRoomTtl(Duration d) {
        idleRoomTtl = d;
        return this;
    }

    public TestConfig discovery(boolean on) {
        discovery = on;
        return this;
    }

    public ServerConfig build() {
        return new ServerConfig(host, port, basePath, key, maxPeers, heartbeatTimeout, pingInterval,
                rateLimit, rateWindow, rateStrikes, maxMessageBytes, holdTimeout, holdMaxMessages,
                holdMaxBytes, idleRoomTtl, allowedOrigins, discovery);
    }
}
