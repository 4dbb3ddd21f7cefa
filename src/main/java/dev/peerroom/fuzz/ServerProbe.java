package dev.peerroom.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * What the kernel says about the server: its open TCP connections (from /proc/net/tcp, so it works
 * for any local server) and, given its pid, its RSS and open file descriptors. -1 when unknown.
 */
final class ServerProbe {
    /** TCP states from include/net/tcp_states.h that are not an open connection. */
    private static final String LISTEN = "0A";
    private static final String TIME_WAIT = "06";

    private ServerProbe() {
    }

    /** A snapshot: open connections on the server's port, and the process's RSS and fds. */
    record Snapshot(long connections, long rssKb, long fds) {
    }

    static Snapshot take(int port, String pid) {
        return new Snapshot(openConnections(port), pid == null ? -1 : rssKb(pid), pid == null ? -1 : fds(pid));
    }

    /** Sockets whose local port is {@code port}, other than the listener and TIME_WAIT: the server's side. */
    static long openConnections(int port) {
        long n = 0;
        boolean any = false;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length < 4 || !f[1].contains(":")) {
                        continue;
                    }
                    int local = Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16);
                    if (local == port && !f[3].equals(LISTEN) && !f[3].equals(TIME_WAIT)) {
                        n++;
                    }
                }
                any = true;
            } catch (IOException | NumberFormatException e) {
                // this table is missing (no IPv6) or unreadable
            }
        }
        return any ? n : -1;
    }

    static long rssKb(String pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone or not readable
        }
        return -1;
    }

    static long fds(String pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc", pid, "fd"))) {
            return s.count();
        } catch (IOException e) {
            return -1;
        }
    }
}
