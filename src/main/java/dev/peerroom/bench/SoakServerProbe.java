package dev.peerroom.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the server under soak: rooms in memory ({@code GET /health}), heap after a full GC
 * ({@code jcmd <pid> GC.run}, then {@code /metrics}), open file descriptors
 * ({@code /proc/<pid>/fd}) and RSS. Without a pid only the room count is read.
 *
 * <p>The heap figure is the old generation when the server reports one (G1, Serial, Parallel):
 * right after a full GC it holds every live object, and unlike the young pools it is not
 * disturbed by what the server allocates to answer the scrape. Otherwise it is all heap pools.
 */
final class SoakServerProbe {
    /** One reading; null fields could not be read. */
    record Reading(String phase, double atSeconds, Long heapBytes, Long heapTotalBytes, Long fds, Long rssBytes,
                   int clientSockets) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("phase", phase);
            m.put("atSeconds", atSeconds);
            m.put("heapAfterGcBytes", heapBytes);
            m.put("heapAllPoolsBytes", heapTotalBytes);
            m.put("fds", fds);
            m.put("rssBytes", rssBytes);
            m.put("clientSockets", clientSockets);
            return m;
        }
    }

    private static final Pattern ROOMS = Pattern.compile("\"rooms\"\\s*:\\s*(\\d+)");
    private final String pid;
    private final URI health;
    private final URI metrics;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** @param wsTemplate the {@code --url} template; /health and /metrics are at its host's root */
    SoakServerProbe(String pid, String wsTemplate) {
        this.pid = pid;
        URI ws = URI.create(UrlTemplates.expandText(wsTemplate, "100000000000000000", "x", "t"));
        String base = "http://" + ws.getHost() + (ws.getPort() == -1 ? "" : ":" + ws.getPort());
        this.health = URI.create(base + "/health");
        this.metrics = URI.create(base + "/metrics");
    }

    boolean hasPid() {
        return pid != null;
    }

    /** Rooms in the server's memory, idle ones included; null when /health cannot be read. */
    Integer rooms() {
        String body = get(health);
        if (body == null) {
            return null;
        }
        Matcher m = ROOMS.matcher(body);
        return m.find() ? Integer.valueOf(m.group(1)) : null;
    }

    /** Waits until the server holds no room (idle rooms linger for its --idle-room-ttl). */
    boolean awaitNoRooms(long timeoutMillis, Progress progress) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            Integer rooms = rooms();
            if (rooms != null && rooms == 0) {
                return true;
            }
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            if (elapsed >= timeoutMillis) {
                return false;
            }
            progress.show(String.format(java.util.Locale.ROOT, "soak waiting for idle rooms to go: %s left, %.0f s",
                    rooms, elapsed / 1e3), 1000);
            Thread.sleep(500);
        }
    }

    /** Open file descriptors of the server, or null. */
    Long fds() {
        if (pid == null) {
            return null;
        }
        try (Stream<Path> s = Files.list(Path.of("/proc", pid, "fd"))) {
            return s.count();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Waits (at most {@code timeoutMillis}) until the server has at most {@code limit} fds; the last count. */
    Long awaitFds(long limit, long timeoutMillis) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        Long fds = fds();
        while (fds != null && fds > limit && System.nanoTime() < deadline) {
            Thread.sleep(200);
            fds = fds();
        }
        return fds;
    }

    /** A full GC in the server, then heap, fds and RSS. */
    Reading read(String phase, double atSeconds, int clientSockets) throws InterruptedException {
        Long heap = null;
        Long total = null;
        if (pid != null && ProcStats.runGc(pid)) {
            String body = get(metrics);
            if (body != null) {
                total = MetricsScraper.sumHeapUsed(body);
                Long old = oldGenUsed(body);
                heap = old != null ? old : total;
            }
        }
        ProcStats.Sample s = pid == null ? null : ProcStats.read(pid);
        return new Reading(phase, atSeconds, heap, total, fds(), s == null ? null : s.rssBytes(), clientSockets);
    }

    /** The old generation's {@code jvm_memory_used_bytes} in a Prometheus body, or null. */
    static Long oldGenUsed(String body) {
        for (String line : body.split("\n")) {
            if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")
                    && (line.contains("Old Gen") || line.contains("Tenured Gen"))) {
                String[] rest = line.substring(line.lastIndexOf('}') + 1).trim().split("\\s+");
                try {
                    return (long) Double.parseDouble(rest[0]);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private String get(URI uri) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.body();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
