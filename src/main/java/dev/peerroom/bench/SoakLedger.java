package dev.peerroom.bench;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Accounts for every routed message of a soak. A message is registered just before it is written;
 * it is then accounted for once it arrives at its destination (on any socket of that id), or once
 * its sender receives an EXPIRE naming the destination after sending it: either
 * {@code {"type":"EXPIRE","src":dst,"dst":sender}} (held too long, or a failed write) or
 * {@code {"type":"EXPIRE","src":dst}} (dst went stale). One EXPIRE accounts for every message
 * the sender still had open to that destination, as the server drops a pair's held messages
 * together. A message both expired and delivered later is fine; delivered twice is a failure.
 *
 * <p>Not thread-safe: every call is made under the {@link SoakWorld}'s lock.
 */
final class SoakLedger {
    /** One message in flight. */
    static final class Msg {
        final long id;
        final SoakFrames.Type type;
        final SoakPeer from;
        final SoakPeer to;
        /** The destination's epoch when sent, and whether it was stably in the room then. */
        final long toEpoch;
        final boolean toStable;
        final long sentNanos;

        Msg(long id, SoakFrames.Type type, SoakPeer from, SoakPeer to, long sentNanos) {
            this.id = id;
            this.type = type;
            this.from = from;
            this.to = to;
            this.toEpoch = to.epoch;
            this.toStable = to.stable();
            this.sentNanos = sentNanos;
        }

        String describe(long nowNanos) {
            return String.format(java.util.Locale.ROOT, "#%d %s %s -> %s, %.1f s ago", id, type, from, to,
                    (nowNanos - sentNanos) / 1e9);
        }
    }

    private long nextId = 1;
    /** Neither delivered nor expired. */
    private final Map<Long, Msg> open = new HashMap<>();
    /** Expired and not (yet) delivered: kept so that a late delivery is still checked. */
    private final Map<Long, Msg> expiredOnly = new HashMap<>();
    private final BitSet delivered = new BitSet();
    private final ErrorLog problems = new ErrorLog();

    long registered;
    long notWritten;
    long deliveredCount;
    long expiredCount;
    long deliveredAfterExpiry;
    long duplicates;
    long misrouted;
    long unknown;
    long expiredForStablePeer;

    Msg register(SoakFrames.Type type, SoakPeer from, SoakPeer to, long nowNanos) {
        Msg m = new Msg(nextId++, type, from, to, nowNanos);
        open.put(m.id, m);
        from.outbound.add(m);
        to.inbound++;
        registered++;
        return m;
    }

    /** The write failed, so the server never saw it: it is not a message of the run. */
    void notWritten(long id) {
        Msg m = open.remove(id);
        if (m != null) {
            detach(m);
            notWritten++;
        }
    }

    /** {@code receiver} read the message {@code id}, relayed with {@code src} and {@code dst}. */
    void delivered(long id, SoakPeer receiver, String src, String dst) {
        if (id <= 0 || id >= nextId || id > Integer.MAX_VALUE) {
            unknown++;
            problems.record("message with an unknown id", receiver.id + " got #" + id + " from " + src);
            return;
        }
        int bit = (int) id;
        if (delivered.get(bit)) {
            duplicates++;
            problems.record("delivered twice", receiver.id + " got #" + id + " from " + src + " again");
            return;
        }
        delivered.set(bit);
        Msg m = open.remove(id);
        if (m != null) {
            detach(m);
            deliveredCount++;
        } else {
            m = expiredOnly.remove(id);
            if (m != null) {
                deliveredAfterExpiry++;
            } else {
                unknown++;
                problems.record("message that was never written", receiver.id + " got #" + id + " from " + src);
            }
        }
        if (m != null && (m.to != receiver || !m.from.id.equals(src) || !receiver.id.equals(dst))) {
            misrouted++;
            problems.record("misrouted", "#" + id + " " + m.from.id + " -> " + m.to.id + " arrived at "
                    + receiver.id + " as " + src + " -> " + dst);
        }
    }

    /**
     * {@code sender} got an EXPIRE naming {@code dstId}: accounts for every message it still had
     * open to that id. Returns the messages that expired although their destination was, and
     * still is, stably in the room (the server gave up on a live peer).
     */
    List<Msg> expired(SoakPeer sender, String dstId) {
        List<Msg> live = null;
        for (Iterator<Msg> it = sender.outbound.iterator(); it.hasNext(); ) {
            Msg m = it.next();
            if (!m.to.id.equals(dstId)) {
                continue;
            }
            it.remove();
            m.to.inbound--;
            open.remove(m.id);
            expiredOnly.put(m.id, m);
            expiredCount++;
            if (m.toStable && m.to.stable() && m.to.epoch == m.toEpoch) {
                expiredForStablePeer++;
                if (live == null) {
                    live = new ArrayList<>();
                }
                live.add(m);
            }
        }
        return live == null ? List.of() : live;
    }

    private static void detach(Msg m) {
        m.from.outbound.remove(m);
        m.to.inbound--;
    }

    /** Messages neither delivered nor expired. */
    int openCount() {
        return open.size();
    }

    long sent() {
        return registered - notWritten;
    }

    /** Up to {@code max} open messages, oldest first, for the report. */
    List<String> openExamples(int max, long nowNanos) {
        List<String> out = new ArrayList<>();
        open.values().stream().sorted((a, b) -> Long.compare(a.id, b.id)).limit(max)
                .forEach(m -> out.add(m.describe(nowNanos)));
        return out;
    }

    /** Counts and examples of duplicates, misroutes and unknown ids. */
    Map<String, Object> problems() {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Map.Entry<String, Long> e : problems.byKind().entrySet()) {
            m.put(e.getKey(), e.getValue() + " (e.g. " + problems.example(e.getKey()) + ")");
        }
        return m;
    }
}
