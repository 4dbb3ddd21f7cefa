package dev.peerroom.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Routed messages whose destination is not (yet) in the room, bounded per room by count and
 * bytes. Held in arrival order; since every message gets the same timeout, the head expires first.
 *
 * <p>Messages are also indexed by destination, so taking a destination's messages (a join) or
 * dropping a pair (an overflow, an expiry) costs what that destination holds, not what the room
 * holds: the classic namespace's bounds are thousands of messages. A message taken or dropped
 * through the index is only marked gone in the arrival queue, and leaves it when it reaches the
 * head, or when gone ones outnumber the live ones.
 */
final class HeldMessages {
    /** A (sender, destination) pair whose held messages were dropped. */
    record Pair(String sender, String dst, int messages) {
    }

    /** One held frame, already stamped with its sender. */
    static final class Held {
        private final String sender;
        private final String dst;
        private final byte[] frame;
        private final long arrivedAt;
        private boolean gone;

        Held(String sender, String dst, byte[] frame, long arrivedAt) {
            this.sender = sender;
            this.dst = dst;
            this.frame = frame;
            this.arrivedAt = arrivedAt;
        }

        String sender() {
            return sender;
        }

        String dst() {
            return dst;
        }

        byte[] frame() {
            return frame;
        }

        long arrivedAt() {
            return arrivedAt;
        }
    }

    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private final Map<String, ArrayDeque<Held>> byDst = new HashMap<>();
    private final int maxMessages;
    private final int maxBytes;
    private final long timeoutMs;
    private int count;
    private int bytes;

    HeldMessages(int maxMessages, int maxBytes, long timeoutMs) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.timeoutMs = timeoutMs;
    }

    /** Holds the frame, or returns false when it does not fit the bound. */
    boolean offer(String sender, String dst, byte[] frame, long now) {
        if (count >= maxMessages || (long) bytes + frame.length > maxBytes) {
            return false;
        }
        Held h = new Held(sender, dst, frame, now);
        queue.addLast(h);
        byDst.computeIfAbsent(dst, d -> new ArrayDeque<>(4)).addLast(h);
        count++;
        bytes += frame.length;
        return true;
    }

    /** Removes and returns, in arrival order, every frame held for {@code dst}. */
    List<byte[]> takeFor(String dst) {
        List<Held> taken = takeHeldFor(dst);
        List<byte[]> out = new ArrayList<>(taken.size());
        for (Held h : taken) {
            out.add(h.frame);
        }
        return out;
    }

    /** Removes and returns, in arrival order, every message held for {@code dst}. */
    List<Held> takeHeldFor(String dst) {
        ArrayDeque<Held> forDst = byDst.remove(dst);
        if (forDst == null) {
            return List.of();
        }
        List<Held> out = new ArrayList<>(forDst);
        for (Held h : out) {
            markGone(h);
        }
        compactIfMostlyGone();
        return out;
    }

    /** Drops every held message of one pair; returns how many were dropped. */
    int dropPair(String sender, String dst) {
        ArrayDeque<Held> forDst = byDst.get(dst);
        if (forDst == null) {
            return 0;
        }
        int dropped = 0;
        for (Iterator<Held> it = forDst.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.sender.equals(sender)) {
                it.remove();
                markGone(h);
                dropped++;
            }
        }
        if (forDst.isEmpty()) {
            byDst.remove(dst);
        }
        compactIfMostlyGone();
        return dropped;
    }

    /** Drops whole pairs whose first message has expired; each pair is reported once. */
    List<Pair> expire(long now) {
        List<Pair> expired = List.of();
        for (Held head = liveHead(); head != null && now - head.arrivedAt >= timeoutMs; head = liveHead()) {
            if (expired.isEmpty()) {
                expired = new ArrayList<>();
            }
            expired.add(new Pair(head.sender, head.dst, dropPair(head.sender, head.dst)));
        }
        return expired;
    }

    int size() {
        return count;
    }

    int bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The oldest message still held; gone ones at the head leave the queue on the way. */
    private Held liveHead() {
        Held head = queue.peekFirst();
        while (head != null && head.gone) {
            queue.pollFirst();
            head = queue.peekFirst();
        }
        return head;
    }

    private void markGone(Held h) {
        h.gone = true;
        count--;
        bytes -= h.frame.length;
    }

    /**
     * Gone messages behind a live head would otherwise stay until it expires, keeping their frames:
     * once they outnumber the live ones, one pass removes them (amortized O(1) per message).
     */
    private void compactIfMostlyGone() {
        if (queue.size() > 2 * count + 16) {
            queue.removeIf(h -> h.gone);
        }
    }
}
