package dev.peerroom.bench;

import java.util.List;
import java.util.Map;

/** The human summary of a soak: one line per check, then what happened, then any violation. */
final class SoakSummary {
    private final Report report;

    SoakSummary(Report report) {
        this.report = report;
    }

    @SuppressWarnings("unchecked")
    void print(SoakWorld world, SoakVerdict v, Map<String, Object> result) {
        Map<String, Object> live = v.liveness();
        Map<String, Object> msg = v.messages();
        Map<String, Object> heap = v.heap();
        Map<String, Object> fds = v.fds();
        Map<String, Long> ev = (Map<String, Long>) result.get("events");
        report.line("soak: %,d connections for %.0f s (peak %,d sockets open), churn %.0f/s, a burst of %d per room "
                        + "every %.0f s: %s", result.get("connections"), result.get("durationSeconds"),
                result.get("peakOpenSockets"), result.get("churnPerSecond"), result.get("burstSize"),
                result.get("burstEverySeconds"), v.pass() ? "PASS" : "FAIL " + v.failed());
        report.line("  %s no false expiry: %,d violations; dead peers: %,d killed, %,d closed with 4001, "
                        + "%,d EXPIREs to their mates", SoakVerdict.mark(live.get("pass")), live.get("violations"),
                live.get("deadPeersKilled"), live.get("deadPeersClosedWith4001"),
                live.get("expiresNamingDeadPeersSeenByMates"));
        report.line("  %s messages: %,d sent, %,d delivered, %,d expired to their sender (%,d of them delivered "
                        + "later), %,d unaccounted, %,d duplicates, %,d misrouted, %,d expired although the peer stayed",
                SoakVerdict.mark(msg.get("pass")), msg.get("sent"), msg.get("delivered"), msg.get("expired"),
                msg.get("deliveredAfterExpiry"), msg.get("unaccounted"), msg.get("duplicates"),
                msg.get("misrouted"), msg.get("expiredWhileDestinationStayed"));
        if (heap.get("pass") == null) {
            report.line("  n/a  heap after GC: %s", heap.get("note"));
        } else {
            report.line("  %s heap after GC: baseline %s, during %s .. %s (last - first %s), end %s (%s over the "
                            + "baseline; tolerance %s)", SoakVerdict.mark(heap.get("pass")),
                    Report.bytes((Long) heap.get("baselineBytes")), Report.bytes((Long) heap.get("duringMinBytes")),
                    Report.bytes((Long) heap.get("duringMaxBytes")),
                    Report.bytes((Long) heap.get("duringLastMinusFirstBytes")),
                    Report.bytes((Long) heap.get("endBytes")), Report.bytes((Long) heap.get("endMinusBaselineBytes")),
                    Report.bytes((Long) heap.get("toleranceBytes")));
        }
        if (fds.get("pass") == null) {
            report.line("  n/a  file descriptors: %s", fds.get("note"));
        } else {
            report.line("  %s file descriptors: baseline %s, end %s (tolerance %s)%s", SoakVerdict.mark(fds.get("pass")),
                    fds.get("baseline"), fds.get("end"), fds.get("tolerance"), duringFds(fds));
        }
        report.line("  churn: %,d joins of new ids, %,d LEAVEs, %,d abrupt closes, %,d dead, %,d takeovers "
                        + "(%,d after a freeze, %,d too late); %,d join retries",
                ev.getOrDefault("joins of new ids", 0L)
                        + ev.getOrDefault("joins of new ids (late: after the hold timeout)", 0L),
                ev.getOrDefault("leaves (LEAVE)", 0L),
                ev.getOrDefault("abrupt closes (FIN)", 0L) + ev.getOrDefault("abrupt closes (RST)", 0L),
                ev.getOrDefault("dead peers (frozen on purpose)", 0L), ev.getOrDefault("takeovers", 0L),
                ev.getOrDefault("takeovers started (after a freeze)", 0L),
                ev.getOrDefault("takeovers too late (the frozen socket expired first)", 0L),
                ev.getOrDefault("join retries (room full)", 0L) + ev.getOrDefault("join retries (other)", 0L));
        Map<String, Object> kinds = (Map<String, Object>) live.get("violationKinds");
        kinds.forEach((k, val) -> report.line("  violation: %s: %s", k, val));
        for (String e : (List<String>) msg.get("unaccountedExamples")) {
            report.line("  unaccounted: %s", e);
        }
        ((Map<String, Object>) msg.get("problems")).forEach((k, val) -> report.line("  message problem: %s: %s", k, val));
    }

    @SuppressWarnings("unchecked")
    private static String duringFds(Map<String, Object> fds) {
        List<Map<String, Object>> during = (List<Map<String, Object>>) fds.get("during");
        if (during.isEmpty()) {
            return "";
        }
        long worst = Long.MIN_VALUE;
        for (Map<String, Object> d : during) {
            worst = Math.max(worst, ((Number) d.get("beyondBaselinePlusSockets")).longValue());
        }
        return String.format(java.util.Locale.ROOT, "; during the run at most %d beyond baseline + open sockets",
                worst);
    }
}
