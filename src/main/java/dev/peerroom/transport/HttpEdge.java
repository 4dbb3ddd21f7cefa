package dev.peerroom.transport;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.room.Clock;
import java.net.InetAddress;

/**
 * What one client address may cost the node before it is a peer: open connections, upgrade
 * attempts per second, and the time to send a request or finish an upgrade. One instance per node,
 * shared by every connection; the server runs {@link #sweep()} every {@link #sweepPeriodMs()} as
 * the edge's one node-wide periodic task (no timer per connection).
 */
public final class HttpEdge {
    private final Clock clock;
    private final ClientAddresses addresses;
    private final ConnectionCounter connections;
    private final UpgradeRateLimiter upgrades;
    private final HandshakeDeadlines deadlines;

    public HttpEdge(SecuritySettings security, Clock clock) {
        this.clock = clock;
        this.addresses = new ClientAddresses(security.trustedProxies());
        this.connections = new ConnectionCounter(security.maxConnectionsPerIp());
        this.upgrades = new UpgradeRateLimiter(security.maxUpgradesPerIp());
        this.deadlines = new HandshakeDeadlines(security.handshakeTimeout().toMillis());
    }

    /**
     * Closes connections past their handshake deadline and forgets ended upgrade windows. Runs on
     * one event loop; never throws, so a periodic schedule of it is never cancelled by an error.
     */
    public void sweep() {
        long now = clock.millis();
        deadlines.sweep(now);
        upgrades.sweep(now);
    }

    /**
     * A tenth of the handshake timeout, between 10 ms and 1 s: a connection is closed at most 10 %
     * (or 1 s) after its deadline, and upgrade windows are forgotten within a second of ending.
     */
    public long sweepPeriodMs() {
        return Math.max(10, Math.min(1_000, deadlines.timeoutMs() / 10));
    }

    /** Client addresses that hold at least one counted connection (0 when connections are not limited). */
    public int countedAddresses() {
        return connections.addresses();
    }

    /** Open connections counted against {@code address}. */
    public int connectionsOf(InetAddress address) {
        return connections.count(address);
    }

    /** Connections whose handshake deadline is running. */
    public int pendingHandshakes() {
        return deadlines.pending();
    }

    /** Addresses whose upgrade window is in memory. */
    public int upgradeWindows() {
        return upgrades.addresses();
    }

    long now() {
        return clock.millis();
    }

    ClientAddresses addresses() {
        return addresses;
    }

    ConnectionCounter connections() {
        return connections;
    }

    UpgradeRateLimiter upgrades() {
        return upgrades;
    }

    HandshakeDeadlines deadlines() {
        return deadlines;
    }
}
