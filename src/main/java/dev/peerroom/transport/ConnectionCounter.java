package dev.peerroom.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per client address, with a cap. Connections of every event loop count here, so
 * the map is concurrent; an address is removed when its last connection closes, so the map holds
 * only addresses with open connections and cannot grow past the node's open connections.
 */
final class ConnectionCounter {
    private final int limit;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    /** @param limit most open connections per address; 0 = no limit (and nothing is counted) */
    ConnectionCounter(int limit) {
        this.limit = limit;
    }

    boolean limited() {
        return limit > 0;
    }

    /** Counts one more connection for {@code address}, unless it already holds the limit. */
    boolean tryAcquire(InetAddress address) {
        if (limit == 0) {
            return true;
        }
        boolean[] acquired = {false};
        open.compute(address, (a, n) -> {
            int count = n == null ? 0 : n;
            if (count >= limit) {
                return n;
            }
            acquired[0] = true;
            return count + 1;
        });
        return acquired[0];
    }

    /** One connection of {@code address} closed (or moved to another address). */
    void release(InetAddress address) {
        if (limit > 0) {
            open.computeIfPresent(address, (a, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** Open connections counted for {@code address}. */
    int count(InetAddress address) {
        return open.getOrDefault(address, 0);
    }

    /** Addresses with at least one counted connection. */
    int addresses() {
        return open.size();
    }
}
