package dev.peerroom.bench;

import io.netty.channel.ChannelFuture;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The rooms, peers and sockets of a soak: who joins where, retries, the end of a peer and its
 * replacement by a new id. One lock (this object) guards every peer, socket flag and the
 * {@link SoakLedger}, so that a decision of the driver and an event of an event loop never see
 * each other half done. The {@link SoakJudge} judges what the sockets read, {@link SoakBursts}
 * makes the traffic; frames are written outside the lock, on the socket's own event loop.
 */
final class SoakWorld implements AutoCloseable {
    /** One room: up to {@code roomSize} peers, joining, alive or on their way out. */
    static final class Room {
        final String id;
        final List<SoakPeer> members = new ArrayList<>(4);

        Room(String id) {
            this.id = id;
        }
    }

    /**
     * What the world needs to know of the run.
     *
     * @param lateJoinShare share of new ids that connect only after the hold timeout, so that the
     *                      burst their room mate sent them is EXPIRE'd back to the mate
     */
    record Settings(UrlTemplates urls, int connections, int roomSize, int burstSize, long holdMillis,
                    double lateJoinShare) {
    }

    private static final int MAX_JOIN_ATTEMPTS = 5;
    private static final long RETRY_MILLIS = 1_000;

    final BenchClient client;
    final Settings settings;
    final SoakFrames frames = new SoakFrames();
    final SoakLedger ledger = new SoakLedger();
    final SoakTally tally = new SoakTally();
    final Room[] rooms;
    final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-timer");
        t.setDaemon(true);
        return t;
    });
    final SoakJudge judge;
    final SoakBursts bursts;
    private final Map<String, SoakPeer> peers = new HashMap<>();
    private final Set<SoakSocket> sockets = new HashSet<>();
    private final String tag = Topology.randomTag();
    private long nextPeer;
    private boolean replacing = true;
    private boolean closingAll;
    private int joining;
    private int open;
    private int peakOpen;

    SoakWorld(BenchClient client, Settings settings) {
        this.client = client;
        this.settings = settings;
        int count = (settings.connections() + settings.roomSize() - 1) / settings.roomSize();
        long base = Topology.randomRoomBase();
        this.rooms = new Room[count];
        for (int i = 0; i < count; i++) {
            rooms[i] = new Room(Long.toString(base + i));
        }
        this.judge = new SoakJudge(this);
        this.bursts = new SoakBursts(this);
    }

    synchronized SoakPeer peer(String id) {
        return id == null ? null : peers.get(id);
    }

    /** A new peer with a new id in {@code room}; under the lock. */
    private SoakPeer addPeer(Room room) {
        String id = "s" + tag + "n" + nextPeer++;
        String token = "t" + Long.toHexString(ThreadLocalRandom.current().nextLong());
        SoakPeer p = new SoakPeer(id, token, room);
        peers.put(id, p);
        room.members.add(p);
        return p;
    }

    /** Opens every room's peers with at most {@code concurrency} handshakes in flight. */
    void openAll(int concurrency, Progress progress, String label, long timeoutMillis) throws InterruptedException {
        List<SoakPeer> todo = new ArrayList<>(settings.connections());
        synchronized (this) {
            for (int i = 0; i < settings.connections(); i++) {
                todo.add(addPeer(rooms[i / settings.roomSize()]));
            }
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        int launched = 0;
        while (System.nanoTime() < deadline && (launched < todo.size() || joining() > 0)) {
            while (launched < todo.size() && joining() < concurrency) {
                connect(todo.get(launched++), false);
            }
            progress.show(String.format(java.util.Locale.ROOT, "%s opening %,d/%,d  open %,d", label, launched,
                    todo.size(), openSockets()), 500);
            Thread.sleep(2);
        }
    }

    /** Opens a socket for {@code p}: its first, a retry, or (takeover) a second with the same token. */
    void connect(SoakPeer p, boolean takeover) {
        SoakSocket s = new SoakSocket(this, p, takeover);
        synchronized (this) {
            if (closingAll) {
                return;
            }
            joining++;
            sockets.add(s);
        }
        URI uri = settings.urls().expand(0, p.room.id, p.id, p.token);
        client.open(uri, s.freezer, s).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                s.connectFailed(f.cause());
            }
        });
    }

    /** A peer left for good: its room gets a new peer after {@code delayMillis}. Under the lock. */
    void gone(SoakPeer p, long delayMillis) {
        p.state = SoakPeer.State.GONE;
        p.current = null;
        p.epoch++;
        p.room.members.remove(p);
        if (replacing) {
            timer.schedule(() -> replace(p.room), delayMillis, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * A new id joins {@code room}; a room mate greets it with a burst before it has even joined, as
     * peers that meet at the same moment do. The server holds that burst until the new peer is in,
     * or EXPIREs it back to the mate when the peer is late.
     */
    private void replace(Room room) {
        SoakPeer p;
        SoakPeer mate;
        boolean late = ThreadLocalRandom.current().nextDouble() < settings.lateJoinShare();
        synchronized (this) {
            if (!replacing || room.members.size() >= settings.roomSize()) {
                return;
            }
            mate = randomStable(room, null);
            p = addPeer(room);
            tally.count(late ? "joins of new ids (late: after the hold timeout)" : "joins of new ids");
        }
        if (late) {
            timer.schedule(() -> connect(p, false), settings.holdMillis() + 1_000, TimeUnit.MILLISECONDS);
        } else {
            connect(p, false);
        }
        if (mate != null) {
            bursts.start(mate, p, true);
        }
    }

    /** A random stable member of {@code room} other than {@code not}, or null. Under the lock. */
    SoakPeer randomStable(Room room, SoakPeer not) {
        List<SoakPeer> m = room.members;
        int n = m.size();
        if (n == 0) {
            return null;
        }
        int start = ThreadLocalRandom.current().nextInt(n);
        for (int i = 0; i < n; i++) {
            SoakPeer p = m.get((start + i) % n);
            if (p != not && p.stable()) {
                return p;
            }
        }
        return null;
    }

    synchronized void onNotWritten(long id) {
        ledger.notWritten(id);
        tally.count("messages not written (socket already closed)");
    }

    /** The socket closed, or (with code -1 and no OPEN) never connected. */
    void onClosed(SoakSocket s, int code, String why) {
        synchronized (this) {
            if (!sockets.remove(s)) {
                return; // reported already (a failed connect has no channel to close)
            }
            if (!s.opened) {
                settled(s);
                joinFailed(s, code < 0 ? why : "close " + code + " " + why);
                return;
            }
            open--;
            judge.onClosed(s, code, why);
        }
    }

    /** A join or a takeover did not reach OPEN: retried a few times (a slot may not be free yet). */
    private void joinFailed(SoakSocket s, String why) {
        SoakPeer p = s.peer;
        p.joinAttempts++;
        String kind = why.contains("ROOM_FULL") || why.contains("Room is full") ? "room full" : "other";
        if (p.joinAttempts < MAX_JOIN_ATTEMPTS && !closingAll) {
            tally.count("join retries (" + kind + ")");
            timer.schedule(() -> connect(p, s.takeover), RETRY_MILLIS, TimeUnit.MILLISECONDS);
            return;
        }
        if (!closingAll) {
            tally.violation(s.takeover ? "takeover failed" : "join failed", p.id + ": " + why);
        }
        p.takingOver = false;
        if (p.current != null) {
            p.current.expect = SoakSocket.Expect.ANY; // its close brings the peer's end
            p.current.closeNormally();
        } else {
            gone(p, RETRY_MILLIS);
        }
    }

    /** OPEN or failure: the socket no longer counts as joining. Under the lock. */
    void settled(SoakSocket s) {
        if (!s.settled) {
            s.settled = true;
            joining--;
        }
    }

    /** Counts an opened socket; false when the soak is closing everything (then it is closed). Under the lock. */
    boolean admitted(SoakSocket s) {
        settled(s);
        s.opened = true;
        open++;
        peakOpen = Math.max(peakOpen, open);
        if (closingAll) {
            s.expect = SoakSocket.Expect.ANY;
            s.closeNormally();
            return false;
        }
        return true;
    }

    synchronized boolean isOpened(SoakSocket s) {
        return s.opened;
    }

    synchronized int joining() {
        return joining;
    }

    synchronized int openSockets() {
        return open;
    }

    synchronized int peakOpen() {
        return peakOpen;
    }

    /** No more new ids: rooms are not refilled any more. */
    synchronized void stopReplacing() {
        replacing = false;
    }

    /** Nothing in flight: no join, no message open, every remaining peer alive and settled. */
    synchronized boolean quiet() {
        if (joining > 0 || ledger.openCount() > 0) {
            return false;
        }
        for (Room r : rooms) {
            for (SoakPeer p : r.members) {
                if (p.state != SoakPeer.State.ALIVE || p.takingOver) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Closes every socket with a close frame (the soak's own end) and waits until all are closed. */
    boolean closeAll(long timeoutMillis) throws InterruptedException {
        List<SoakSocket> all;
        synchronized (this) {
            closingAll = true;
            replacing = false;
            for (SoakSocket s : sockets) {
                s.expect = SoakSocket.Expect.ANY;
            }
            all = new ArrayList<>(sockets);
        }
        for (SoakSocket s : all) {
            s.closeNormally();
        }
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        while (System.nanoTime() < deadline) {
            synchronized (this) {
                if (sockets.isEmpty()) {
                    return true;
                }
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Whether the soak is closing every socket: no more bursts or answers. Under the lock. */
    boolean isClosingAll() {
        return closingAll;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
