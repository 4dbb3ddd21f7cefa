package dev.peerroom.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The four checks of a soak, from what the world counted and what the probe read:
 * <ul>
 *   <li><b>liveness</b>: no violation at all (no healthy socket closed by the server, no EXPIRE or
 *       LEAVE naming a live peer, no refused join or takeover), and every peer killed on purpose
 *       was closed with 4001;</li>
 *   <li><b>messages</b>: none unaccounted for, none delivered twice or to the wrong peer, none
 *       EXPIRE'd while its destination stayed in the room;</li>
 *   <li><b>heap</b>: heap after GC at the end within the tolerance of the baseline, and flat
 *       during the run (last sample minus first within the tolerance);</li>
 *   <li><b>fds</b>: the server's descriptors at the end within the tolerance of the baseline.</li>
 * </ul>
 * Heap and fds are "not checked" (and do not fail) without {@code --server-pid}.
 */
final class SoakVerdict {
    /** Inputs beyond the world: readings, tolerances and how the drain went. */
    record Inputs(SoakServerProbe.Reading baseline, List<SoakServerProbe.Reading> during,
                  SoakServerProbe.Reading end, long heapToleranceBytes, long fdTolerance, boolean drained,
                  boolean baselineRoomsEmpty, boolean endRoomsEmpty, int unaccountedAtDrain,
                  List<String> unaccountedExamples) {
    }

    private final Map<String, Object> liveness = new LinkedHashMap<>();
    private final Map<String, Object> messages = new LinkedHashMap<>();
    private final Map<String, Object> heap = new LinkedHashMap<>();
    private final Map<String, Object> fds = new LinkedHashMap<>();
    private final List<String> failed = new ArrayList<>();

    SoakVerdict(SoakWorld world, Inputs in) {
        SoakTally t = world.tally;
        long killed = t.get("dead peers (frozen on purpose)");
        long expired = t.get("dead peers closed with 4001");
        liveness.put("pass", t.violations() == 0 && killed == expired);
        liveness.put("violations", t.violations());
        liveness.put("violationKinds", t.violationsByKind());
        liveness.put("deadPeersKilled", killed);
        liveness.put("deadPeersClosedWith4001", expired);
        liveness.put("expiresNamingDeadPeersSeenByMates", t.get("EXPIREs naming dead peers"));
        check("liveness", liveness);

        SoakLedger l = world.ledger;
        int unaccounted = in.unaccountedAtDrain();
        messages.put("pass", unaccounted == 0 && l.duplicates == 0 && l.misrouted == 0 && l.unknown == 0
                && l.expiredForStablePeer == 0);
        messages.put("sent", l.sent());
        messages.put("delivered", l.deliveredCount);
        messages.put("expired", l.expiredCount);
        messages.put("deliveredAfterExpiry", l.deliveredAfterExpiry);
        messages.put("unaccounted", unaccounted);
        messages.put("duplicates", l.duplicates);
        messages.put("misrouted", l.misrouted);
        messages.put("unknownIds", l.unknown);
        messages.put("expiredWhileDestinationStayed", l.expiredForStablePeer);
        messages.put("notWritten", l.notWritten);
        messages.put("drainedQuietly", in.drained());
        messages.put("unaccountedExamples", in.unaccountedExamples());
        messages.put("problems", l.problems());
        check("messages", messages);

        heapCheck(in);
        fdCheck(in);
    }

    private void heapCheck(Inputs in) {
        Long base = in.baseline() == null ? null : in.baseline().heapBytes();
        Long end = in.end() == null ? null : in.end().heapBytes();
        List<Long> samples = new ArrayList<>();
        for (SoakServerProbe.Reading r : in.during()) {
            if (r.heapBytes() != null) {
                samples.add(r.heapBytes());
            }
        }
        heap.put("toleranceBytes", in.heapToleranceBytes());
        heap.put("baselineBytes", base);
        heap.put("duringBytes", samples);
        heap.put("endBytes", end);
        if (base == null || end == null) {
            heap.put("pass", null);
            heap.put("note", "not checked: needs --server-pid of a JVM with /metrics");
            return;
        }
        long growth = end - base;
        Long drift = samples.size() >= 2 ? samples.get(samples.size() - 1) - samples.get(0) : null;
        heap.put("endMinusBaselineBytes", growth);
        heap.put("duringLastMinusFirstBytes", drift);
        heap.put("duringMinBytes", samples.stream().min(Long::compare).orElse(null));
        heap.put("duringMaxBytes", samples.stream().max(Long::compare).orElse(null));
        heap.put("roomsEmptyAtBaselineAndEnd", in.baselineRoomsEmpty() && in.endRoomsEmpty());
        heap.put("pass", growth <= in.heapToleranceBytes() && (drift == null || drift <= in.heapToleranceBytes()));
        check("heap", heap);
    }

    private void fdCheck(Inputs in) {
        Long base = in.baseline() == null ? null : in.baseline().fds();
        Long end = in.end() == null ? null : in.end().fds();
        fds.put("tolerance", in.fdTolerance());
        fds.put("baseline", base);
        List<Map<String, Object>> during = new ArrayList<>();
        for (SoakServerProbe.Reading r : in.during()) {
            if (r.fds() != null && base != null) {
                during.add(Map.of("fds", r.fds(), "clientSockets", r.clientSockets(),
                        "beyondBaselinePlusSockets", r.fds() - base - r.clientSockets()));
            }
        }
        fds.put("during", during);
        fds.put("end", end);
        if (base == null || end == null) {
            fds.put("pass", null);
            fds.put("note", "not checked: needs --server-pid");
            return;
        }
        fds.put("endMinusBaseline", end - base);
        fds.put("pass", end - base <= in.fdTolerance());
        check("fds", fds);
    }

    private void check(String name, Map<String, Object> m) {
        if (Boolean.FALSE.equals(m.get("pass"))) {
            failed.add(name);
        }
    }

    boolean pass() {
        return failed.isEmpty();
    }

    List<String> failed() {
        return failed;
    }

    Map<String, Object> liveness() {
        return liveness;
    }

    Map<String, Object> messages() {
        return messages;
    }

    Map<String, Object> heap() {
        return heap;
    }

    Map<String, Object> fds() {
        return fds;
    }

    static String mark(Object pass) {
        return pass == null ? "n/a " : Boolean.TRUE.equals(pass) ? "PASS" : "FAIL";
    }
}
