package dev.peerroom.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time and memory of a process from Linux's /proc: {@code /proc/<pid>/stat} fields 14 and 15
 * (utime and stime, in clock ticks of {@code getconf CLK_TCK}), {@code /proc/<pid>/status}
 * VmRSS, and the open-files limit from {@code /proc/<pid>/limits}.
 */
final class ProcStats {
    /** One reading: CPU time in nanoseconds and resident memory in bytes. */
    record Sample(long cpuNanos, long rssBytes) {
    }

    private static volatile long clockTicks = -1;

    private ProcStats() {
    }

    /**
     * Reads {@code pid} ("self" for this process), or the sum over a comma-separated list of pids
     * (a cluster's nodes and its Redis); null when /proc cannot tell.
     */
    static Sample read(String pid) {
        if (pid.indexOf(',') >= 0) {
            long cpu = 0;
            long rss = 0;
            for (String one : pid.split(",")) {
                Sample s = read(one);
                if (s == null) {
                    return null;
                }
                cpu += s.cpuNanos();
                rss += s.rssBytes();
            }
            return new Sample(cpu, rss);
        }
        try {
            long ticks = parseCpuTicks(Files.readString(Path.of("/proc", pid, "stat"), StandardCharsets.US_ASCII));
            long rssKb = parseRssKb(Files.readString(Path.of("/proc", pid, "status"), StandardCharsets.US_ASCII));
            return new Sample(ticks * (1_000_000_000L / clockTicksPerSecond()), rssKb * 1024);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** True when {@code /proc/<pid>} exists (for each pid of a comma-separated list). */
    static boolean exists(String pid) {
        for (String one : pid.split(",")) {
            if (!Files.isDirectory(Path.of("/proc", one))) {
                return false;
            }
        }
        return true;
    }

    /** utime + stime of a {@code /proc/<pid>/stat} line. The command name may hold spaces and ')'. */
    static long parseCpuTicks(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            throw new IllegalArgumentException("not a /proc/<pid>/stat line");
        }
        String[] f = stat.substring(close + 1).trim().split("\\s+");
        // f[0] is field 3 (state), so utime (field 14) is f[11] and stime (field 15) is f[12].
        return Long.parseLong(f[11]) + Long.parseLong(f[12]);
    }

    /** VmRSS of a {@code /proc/<pid>/status} text, in kB. */
    static long parseRssKb(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("VmRSS:")) {
                String[] f = line.substring(6).trim().split("\\s+");
                return Long.parseLong(f[0]);
            }
        }
        throw new IllegalArgumentException("no VmRSS line");
    }

    /** The soft "Max open files" of a {@code /proc/<pid>/limits} text; -1 when unlimited or absent. */
    static long parseOpenFilesLimit(String limits) {
        for (String line : limits.split("\n")) {
            if (line.startsWith("Max open files")) {
                String[] f = line.substring("Max open files".length()).trim().split("\\s+");
                return f[0].equals("unlimited") ? -1 : Long.parseLong(f[0]);
            }
        }
        return -1;
    }

    /** The soft open-files limit of {@code pid}, or -1 when unknown or unlimited. */
    static long openFilesLimit(String pid) {
        if (pid.indexOf(',') >= 0) {
            pid = pid.substring(0, pid.indexOf(','));   // the first listed: the node facing the load
        }
        try {
            return parseOpenFilesLimit(Files.readString(Path.of("/proc", pid, "limits"), StandardCharsets.US_ASCII));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * Sets the calling thread's timer slack to 1 ns (Linux adds 50 us to every timed wait by
     * default, which would show up as generator send lag). Best effort: false when not allowed.
     */
    static boolean lowerTimerSlack() {
        try {
            String self = Files.readSymbolicLink(Path.of("/proc/thread-self")).toString();
            String tid = self.substring(self.lastIndexOf('/') + 1);
            Files.writeString(Path.of("/proc", tid, "timerslack_ns"), "1");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Asks a JVM for a full GC with this JDK's {@code jcmd}; false when that did not work. */
    static boolean runGc(String pid) throws InterruptedException {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process p = new ProcessBuilder(Files.isExecutable(jcmd) ? jcmd.toString() : "jcmd", pid, "GC.run")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroy();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code getconf CLK_TCK}, read once; 100 (Linux's usual value) when it cannot be run. */
    static long clockTicksPerSecond() {
        long t = clockTicks;
        if (t > 0) {
            return t;
        }
        t = 100;
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
                long parsed = Long.parseLong(out);
                if (parsed > 0 && parsed <= 1_000_000_000L) {
                    t = parsed;
                }
            } else {
                p.destroy();
            }
        } catch (IOException | NumberFormatException e) {
            // keep 100
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clockTicks = t;
        return t;
    }
}
