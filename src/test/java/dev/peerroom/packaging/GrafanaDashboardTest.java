package dev.peerroom.packaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.integration.Frames;
import dev.peerroom.integration.TestServer;
import dev.peerroom.integration.WsClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * packaging/grafana-dashboard.json against a real scrape: every metric its queries use exists in
 * GET /metrics of a running server after some traffic, and every PeerRoom metric is on it, so the
 * dashboard cannot drift from the code.
 */
class GrafanaDashboardTest {
    private static final Path DASHBOARD = Path.of("packaging", "grafana-dashboard.json");
    /** Series Prometheus makes itself for each target, not the server. */
    private static final Set<String> FROM_PROMETHEUS = Set.of("up");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "bool", "and", "or", "unless", "offset", "inf", "nan");
    private static final Pattern NAME = Pattern.compile("(?<![\\w:$])([a-zA-Z_:][\\w:]*)(?![\\w:])(?!\\s*\\()");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][\\w:]*)");

    private static JsonNode dashboard;
    private static TestServer server;

    @BeforeAll
    static void readDashboardAndStartServer() throws Exception {
        dashboard = new ObjectMapper().readTree(DASHBOARD.toFile());
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void isAnImportableGrafanaDashboardWithAPrometheusInput() {
        assertThat(dashboard.get("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.get("uid").asText()).isEqualTo("peerroom");
        assertThat(dashboard.get("__inputs").findValuesAsText("name")).containsExactly("DS_PROMETHEUS");
        List<JsonNode> panels = panels();
        assertThat(panels).hasSizeGreaterThan(10);
        for (JsonNode panel : panels) {
            assertThat(panel.get("datasource").get("uid").asText()).as(title(panel)).isEqualTo("${DS_PROMETHEUS}");
            assertThat(panel.get("targets")).as(title(panel)).isNotEmpty();
            assertThat(panel.get("gridPos").get("x").asInt() + panel.get("gridPos").get("w").asInt())
                    .as("%s fits the 24-column grid", title(panel)).isLessThanOrEqualTo(24);
        }
        assertThat(panels).extracting(p -> p.get("id").asInt()).doesNotHaveDuplicates();
    }

    @Test
    void everyMetricItQueriesIsInARealScrape() throws Exception {
        Set<String> scraped = sampleNames(scrapeAfterTraffic());

        Set<String> used = metricsUsed();

        assertThat(used).contains("peerroom_peers_connected", "peerroom_routing_latency_seconds_bucket",
                "jvm_memory_used_bytes", "process_cpu_usage");
        Set<String> unknown = new TreeSet<>(used);
        unknown.removeAll(scraped);
        unknown.removeAll(FROM_PROMETHEUS);
        assertThat(unknown).as("metrics the dashboard queries but /metrics does not have").isEmpty();
    }

    @Test
    void everyPeerRoomMetricIsOnIt() throws Exception {
        Set<String> used = metricsUsed();
        Set<String> families = familyNames(scrapeAfterTraffic()).stream()
                .filter(name -> name.startsWith("peerroom_")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(families).hasSizeGreaterThan(5);
        Set<String> missing = new TreeSet<>();
        for (String family : families) {
            boolean shown = used.contains(family) || used.contains(family + "_bucket")
                    || used.contains(family + "_count") || used.contains(family + "_sum");
            if (!shown) {
                missing.add(family);
            }
        }
        assertThat(missing).as("PeerRoom metrics with no panel in packaging/grafana-dashboard.json").isEmpty();
    }

    @Test
    void theNameExtractionSkipsFunctionsLabelsAndVariables() {
        assertThat(names("histogram_quantile(0.99, sum by (type, le) (rate(a_bucket{job=~\"$job\", x=\"y z\"}"
                + "[$__rate_interval]))) / on (instance) b_total > 0 and ignoring(le) c"))
                .containsExactlyInAnyOrder("a_bucket", "b_total", "c");
    }

    /** Joins, routes an offer and holds one for an absent peer, so every meter has seen use. */
    private static String scrapeAfterTraffic() throws Exception {
        String suffix = Long.toString(System.nanoTime());
        try (WsClient a = server.join("a" + suffix); WsClient b = server.join("b" + suffix)) {
            a.send(Frames.offer("b" + suffix));
            assertThat(b.next()).contains("\"type\":\"OFFER\"");
            a.send(Frames.offer("not-here-yet"));
        }
        System.gc(); // so the GC pause timers exist
        await().atMost(Duration.ofSeconds(10)).until(() -> scrape().contains("jvm_gc_pause_seconds_count"));
        return scrape();
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(server.http("/metrics"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Set<String> sampleNames(String exposition) {
        return exposition.lines().filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("[{ ]", 2)[0]).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> familyNames(String exposition) {
        return exposition.lines().filter(line -> line.startsWith("# TYPE "))
                .map(line -> line.split(" ")[2]).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Panels at the top and inside (collapsed) rows. */
    private static List<JsonNode> panels() {
        List<JsonNode> found = new java.util.ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                panel.path("panels").forEach(found::add);
            } else {
                found.add(panel);
            }
        }
        return found;
    }

    private static Set<String> metricsUsed() {
        Set<String> used = new TreeSet<>();
        for (JsonNode panel : panels()) {
            for (JsonNode target : panel.get("targets")) {
                used.addAll(names(target.get("expr").asText()));
            }
        }
        for (JsonNode variable : dashboard.get("templating").get("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.get("definition").asText());
            assertThat(m.find()).as("variable %s queries label_values", variable.get("name")).isTrue();
            used.add(m.group(1));
        }
        return used;
    }

    /** Metric names in a PromQL expression: what is left without label sets, ranges, groupings and functions. */
    static Set<String> names(String promql) {
        String bare = promql.replaceAll("\\{[^}]*}", " ")
                .replaceAll("\\[[^]]*]", " ")
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
        Set<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(bare);
        while (m.find()) {
            String name = m.group(1);
            if (!PROMQL_WORDS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return names;
    }

    private static String title(JsonNode panel) {
        return panel.get("title").asText();
    }
}
