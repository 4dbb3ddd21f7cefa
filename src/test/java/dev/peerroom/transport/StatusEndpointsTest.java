package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.peerroom.config.OperatorSettings;
import dev.peerroom.config.OperatorSettings.StatusPage;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.metrics.NodeSampler;
import dev.peerroom.room.FakeClock;
import dev.peerroom.room.LocalMembership;
import dev.peerroom.room.RoomExecutors;
import dev.peerroom.room.RoomMetrics;
import dev.peerroom.room.RoomRegistry;
import dev.peerroom.room.RoomRules;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The status page and its data in the three modes, on the server pipeline (EmbeddedChannel). */
class StatusEndpointsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "status-token";
    private static final List<String> PATHS = List.of("/status", "/status.json", "/status/status.js", "/status/status.css");

    private final FakeClock clock = new FakeClock(1_700_000_000_000L);
    private final AtomicLong peers = new AtomicLong();
    private final AtomicLong routed = new AtomicLong();
    private final List<Client> clients = new ArrayList<>();
    private NodeSampler sampler;
    private ServerContext context;

    @AfterEach
    void tearDown() {
        clients.forEach(Client::close);
    }

    private void start(StatusPage page, String adminToken) {
        ServerConfig config = TestConfigs.defaults().build()
                .withOperator(OperatorSettings.defaults().withAdminToken(adminToken, page));
        RoomRegistry registry = new RoomRegistry(RoomRules.from(config), clock, new LocalMembership(),
                RoomMetrics.NONE, RoomExecutors.direct());
        sampler = new NodeSampler(clock, registry::roomCount, peers::get, routed::get);
        context = ServerContext.of(config, registry, () -> "", () -> true,
                new DefaultChannelGroup(GlobalEventExecutor.INSTANCE), "node-7", sampler);
    }

    private Client connect() {
        EmbeddedChannel channel = new EmbeddedChannel(new ServerChannelInitializer(context,
                new HttpEdge(context.config().security(), clock)));
        Client client = new Client(channel, 1 << 16);
        clients.add(client);
        return client;
    }

    @Test
    void offAnswers404OnEveryPathLikeAnUnknownOne() {
        start(StatusPage.OFF, null);
        for (String path : PATHS) {
            assertThat(connect().get(path).status()).as(path).isEqualTo(404);
        }
        start(StatusPage.OFF, TOKEN); // an admin token alone does not turn the page on
        assertThat(connect().get("/status.json", "Authorization", "Bearer " + TOKEN).status()).isEqualTo(404);
    }

    @Test
    void publicServesThePageAndTheDataToAnyone() throws Exception {
        start(StatusPage.PUBLIC, null);
        HttpReply page = connect().get("/status");
        HttpReply data = connect().get("/status.json");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/html; charset=utf-8");
        assertThat(data.status()).isEqualTo(200);
        assertThat(data.header(HttpHeaderNames.CONTENT_TYPE)).startsWith("application/json");
        assertThat(JSON.readTree(data.body()).get("node").asText()).isEqualTo("node-7");
    }

    @Test
    void thePageIsAStrictShellScriptAndStyleAreSameOriginFiles() {
        start(StatusPage.PUBLIC, null);
        HttpReply page = connect().get("/status");
        HttpReply script = connect().get("/status/status.js");
        HttpReply style = connect().get("/status/status.css");

        String csp = page.header("Content-Security-Policy");
        assertThat(csp).contains("default-src 'none'", "script-src 'self'", "style-src 'self'", "connect-src 'self'")
                .doesNotContain("unsafe-inline", "unsafe-eval", "http:", "https:");
        assertThat(page.header(HttpHeaderNames.CACHE_CONTROL)).isEqualTo("no-store");
        assertThat(page.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(page.body()).contains("<canvas", "src=\"/status/status.js\"", "href=\"/status/status.css\"");
        // No inline script or style for the policy to block, and no asset from anywhere else.
        Matcher scripts = Pattern.compile("<script([^>]*)>([^<]*)</script>").matcher(page.body());
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
            assertThat(scripts.group(2)).isBlank();
        }
        assertThat(page.body()).doesNotContain("<style", "style=\"", "http://", "https://", "//cdn");
        assertThat(script.status()).isEqualTo(200);
        assertThat(script.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/javascript; charset=utf-8");
        assertThat(script.body()).contains("/status.json", "sessionStorage", "Authorization");
        assertThat(style.status()).isEqualTo(200);
        assertThat(style.header(HttpHeaderNames.CONTENT_TYPE)).isEqualTo("text/css; charset=utf-8");
        assertThat(page.headers().contains(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
    }

    @Test
    void tokenServesTheShellButTheDataNeedsTheAdminToken() throws Exception {
        start(StatusPage.TOKEN, TOKEN);

        assertThat(connect().get("/status").status()).isEqualTo(200);
        assertThat(connect().get("/status/status.js").status()).isEqualTo(200);
        assertThat(connect().get("/status/status.css").status()).isEqualTo(200);
        HttpReply none = connect().get("/status.json");
        HttpReply wrong = connect().get("/status.json", "Authorization", "Bearer nope");
        HttpReply right = connect().get("/status.json", "Authorization", "Bearer " + TOKEN);

        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header(HttpHeaderNames.WWW_AUTHENTICATE)).isEqualTo("Bearer realm=\"peerroom\"");
        assertThat(JSON.readTree(none.body()).get("error").asText()).contains("admin token");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.header(HttpHeaderNames.WWW_AUTHENTICATE)).contains("invalid_token");
        assertThat(right.status()).isEqualTo(200);
        assertThat(JSON.readTree(right.body()).has("history")).isTrue();
    }

    @Test
    void theDataIsTheCurrentValuesAndTheSampledHistory() throws Exception {
        start(StatusPage.PUBLIC, null);
        peers.set(3);
        sampler.sample();
        clock.advance(1000);
        routed.set(42);
        sampler.sample();
        clock.advance(400);
        peers.set(4);

        JsonNode data = JSON.readTree(connect().get("/status.json").body());

        assertThat(data.get("node").asText()).isEqualTo("node-7");
        assertThat(data.get("now").asLong()).isEqualTo(1_700_000_001_400L);
        assertThat(data.get("rooms").asLong()).isZero();
        assertThat(data.get("peers").asLong()).isEqualTo(4);
        assertThat(data.get("messagesPerSecond").asDouble()).isEqualTo(42.0);
        assertThat(data.get("history")).hasSize(2);
        assertThat(data.get("history").get(0).get("t").asLong()).isEqualTo(1_700_000_000_000L);
        assertThat(data.get("history").get(0).get("peers").asLong()).isEqualTo(3);
        assertThat(data.get("history").get(0).get("mps").asDouble()).isZero();
        assertThat(data.get("history").get(1).get("mps").asDouble()).isEqualTo(42.0);
        assertThat(data.get("history").get(1).get("rooms").asLong()).isZero();
    }

    @Test
    void otherMethodsAre405AndOtherPathsUnderStatusAre404() {
        start(StatusPage.PUBLIC, null);
        assertThat(connect().request(HttpMethod.POST, "/status.json").status()).isEqualTo(405);
        assertThat(connect().get("/status/").status()).isEqualTo(404);
        assertThat(connect().get("/status/index.html").status()).isEqualTo(404);
    }
}
