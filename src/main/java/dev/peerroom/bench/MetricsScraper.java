package dev.peerroom.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads PeerRoom's JVM heap in use from its Prometheus {@code /metrics}. */
final class MetricsScraper {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI uri;

    MetricsScraper(String url) {
        this.uri = URI.create(url);
    }

    /** The sum of {@code jvm_memory_used_bytes{area="heap",...}}, or null when it cannot be read. */
    Long heapUsedBytes() {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET()
                    .build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? sumHeapUsed(r.body()) : null;
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Sums the heap series of {@code jvm_memory_used_bytes} in a Prometheus text body; null if none. */
    static Long sumHeapUsed(String body) {
        double sum = 0;
        boolean found = false;
        for (String line : body.split("\n")) {
            if (!line.startsWith("jvm_memory_used_bytes{") || !line.contains("area=\"heap\"")) {
                continue;
            }
            int close = line.lastIndexOf('}');
            String[] rest = line.substring(close + 1).trim().split("\\s+");
            try {
                sum += Double.parseDouble(rest[0]);
                found = true;
            } catch (NumberFormatException e) {
                // skip a malformed sample
            }
        }
        return found ? (long) sum : null;
    }
}
