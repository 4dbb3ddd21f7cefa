package dev.peerroom.transport;

import io.netty.channel.Channel;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The handshake timeout of every connection that is not (yet) a WebSocket, checked by one
 * node-wide sweep instead of a timer per connection.
 *
 * <p>A connection's deadline starts when it is accepted and restarts each time a whole request has
 * been read. So the timeout bounds, in one rule: sending a request (a slowloris client that dribbles
 * its headers is closed), finishing an upgrade once its request is in, and sitting idle on an HTTP
 * keep-alive connection. A successful upgrade disarms the deadline for good: from then on the
 * heartbeat rules apply.
 *
 * <p>Each deadline is one atomic number, so the sweep (on one event loop) and the connection's own
 * event loop never lock: expiry and disarming race through compare-and-set, and exactly one wins.
 */
final class HandshakeDeadlines {
    private static final long DISARMED = Long.MAX_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE;

    private final long timeoutMs;
    private final Set<Deadline> pending = ConcurrentHashMap.newKeySet();

    HandshakeDeadlines(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Starts the deadline of a newly accepted connection. */
    Deadline arm(Channel channel, long now) {
        Deadline deadline = new Deadline(channel, now + timeoutMs);
        pending.add(deadline);
        return deadline;
    }

    /** Closes every connection whose deadline has passed; returns how many. Never throws. */
    int sweep(long now) {
        int closed = 0;
        for (Deadline d : pending) {
            if (d.expireIfDue(now)) {
                pending.remove(d);
                try {
                    d.channel.close();
                } catch (RuntimeException e) {
                    // Not on a loop right now (moving to its room's loop): the upgrade sees the expiry and closes it.
                }
                closed++;
            }
        }
        return closed;
    }

    /** Connections whose deadline is running. */
    int pending() {
        return pending.size();
    }

    final class Deadline {
        private final Channel channel;
        private final AtomicLong at;

        private Deadline(Channel channel, long at) {
            this.channel = channel;
            this.at = new AtomicLong(at);
        }

        /** A whole request was read: the next one (or the upgrade) has a full timeout again. */
        void restart(long now) {
            long current = at.get();
            while (current != EXPIRED && current != DISARMED && !at.compareAndSet(current, now + timeoutMs)) {
                current = at.get();
            }
        }

        /**
         * Stops the deadline for good: the connection was upgraded or closed. False when the sweep
         * expired it first (the connection is being closed).
         */
        boolean disarm() {
            pending.remove(this);
            long current = at.get();
            while (current != EXPIRED && !at.compareAndSet(current, DISARMED)) {
                current = at.get();
            }
            return current != EXPIRED;
        }

        private boolean expireIfDue(long now) {
            long current = at.get();
            return current != DISARMED && current != EXPIRED && current <= now && at.compareAndSet(current, EXPIRED);
        }
    }
}
