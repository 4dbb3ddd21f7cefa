package dev.peerroom.room;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Routed messages whose destination is not (yet) in the room, bounded per room by count and
 * bytes. Held in arrival order; since every message gets the same timeout, the head expires first.
 */
final class HeldMessages {
    /** A (sender, destination) pair whose held messages were dropped. */
    record Pair(String sender, String dst, int messages) {
    }

    /** One held frame, already stamped with its sender. */
    record Held(String sender, String dst, byte[] frame, long arrivedAt) {
    }

    private final ArrayDeque<Held> queue = new ArrayDeque<>();
    private final int maxMessages;
    private final int maxBytes;
    private final long timeoutMs;
    private int bytes;

    HeldMessages(int maxMessages, int maxBytes, long timeoutMs) {
        this.maxMessages = maxMessages;
        this.maxBytes = maxBytes;
        this.timeoutMs = timeoutMs;
    }

    /** Holds the frame, or returns false when it does not fit the bound. */
    boolean offer(String sender, String dst, byte[] frame, long now) {
        if (queue.size() >= maxMessages || (long) bytes + frame.length > maxBytes) {
            return false;
        }
        queue.addLast(new Held(sender, dst, frame, now));
        bytes += frame.length;
        return true;
    }

    /** Removes and returns, in arrival order, every frame held for {@code dst}. */
    List<byte[]> takeFor(String dst) {
        List<byte[]> out = new ArrayList<>();
        for (Held h : takeHeldFor(dst)) {
            out.add(h.frame);
        }
        return out;
    }

    /** Removes and returns, in arrival order, every message held for {@code dst}. */
    List<Held> takeHeldFor(String dst) {
        List<Held> out = new ArrayList<>();
        for (Iterator<Held> it = queue.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.dst.equals(dst)) {
                out.add(h);
                bytes -= h.frame.length;
                it.remove();
            }
        }
        return out;
    }

    /** Drops every held message of one pair; returns how many were dropped. */
    int dropPair(String sender, String dst) {
        int dropped = 0;
        for (Iterator<Held> it = queue.iterator(); it.hasNext(); ) {
            Held h = it.next();
            if (h.sender.equals(sender) && h.dst.equals(dst)) {
                bytes -= h.frame.length;
                it.remove();
                dropped++;
            }
        }
        return dropped;
    }

    /** Drops whole pairs whose first message has expired; each pair is reported once. */
    List<Pair> expire(long now) {
        List<Pair> expired = List.of();
        while (!queue.isEmpty() && now - queue.peekFirst().arrivedAt >= timeoutMs) {
            Held head = queue.peekFirst();
            if (expired.isEmpty()) {
                expired = new ArrayList<>();
            }
            expired.add(new Pair(head.sender, head.dst, dropPair(head.sender, head.dst)));
        }
        return expired;
    }

    int size() {
        return queue.size();
    }

    int bytes() {
        return bytes;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }
}
