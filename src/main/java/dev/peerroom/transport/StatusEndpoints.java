package dev.peerroom.transport;

import dev.peerroom.config.OperatorSettings.StatusPage;
import dev.peerroom.metrics.NodeSampler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/**
 * The live status page: {@code /status} (an HTML shell with no data), its script and style, and
 * {@code /status.json}, which the page polls. {@code off}: all four answer 404 like any unknown
 * path. {@code public}: all open. {@code token}: the shell, script and style are open, the data
 * needs the admin token, which the page asks for.
 */
final class StatusEndpoints {
    static final String PAGE = "/status";
    static final String DATA = "/status.json";
    static final String SCRIPT = "/status/status.js";
    static final String STYLE = "/status/status.css";

    /** Only same-origin script, style and fetches; nothing inline, nothing framed, no form posts. */
    static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private record Asset(String contentType, byte[] body) {
    }

    private final StatusPage mode;
    private final AdminAuth auth;
    private final NodeSampler sampler;
    private final String nodeId;
    private final HttpResponder responder;
    private final Map<String, Asset> assets;

    StatusEndpoints(ServerContext context, HttpResponder responder) {
        this.mode = context.config().operator().statusPage();
        this.auth = new AdminAuth(context.config().operator().adminToken());
        this.sampler = context.sampler();
        this.nodeId = context.nodeId();
        this.responder = responder;
        this.assets = mode == StatusPage.OFF ? Map.of() : Map.of(
                PAGE, new Asset("text/html; charset=utf-8", resource("index.html")),
                SCRIPT, new Asset("text/javascript; charset=utf-8", resource("status.js")),
                STYLE, new Asset("text/css; charset=utf-8", resource("status.css")));
    }

    /** A GET of {@link #PAGE}, {@link #DATA}, {@link #SCRIPT} or {@link #STYLE} (off: 404 like any unknown path). */
    void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path, boolean keepAlive) {
        if (mode == StatusPage.OFF) {
            responder.status(ctx, keepAlive, req.headers().get(HttpHeaderNames.ORIGIN), HttpResponseStatus.NOT_FOUND);
        } else if (path.equals(DATA)) {
            data(ctx, req, keepAlive);
        } else {
            Asset asset = assets.get(path);
            OperatorReplies.send(ctx, keepAlive, HttpResponseStatus.OK, asset.contentType(), asset.body(),
                    "Content-Security-Policy", CSP,
                    "Referrer-Policy", "no-referrer",
                    "X-Frame-Options", "DENY");
        }
    }

    private void data(ChannelHandlerContext ctx, FullHttpRequest req, boolean keepAlive) {
        if (mode == StatusPage.TOKEN) {
            AdminAuth.Verdict verdict = auth.check(req.headers().get(HttpHeaderNames.AUTHORIZATION));
            if (verdict != AdminAuth.Verdict.OK) {
                OperatorReplies.unauthorized(ctx, keepAlive, verdict, "The status data needs the admin token.");
                return;
            }
        }
        OperatorReplies.json(ctx, keepAlive, HttpResponseStatus.OK,
                OperatorJson.status(nodeId, sampler.current(), sampler.history()));
    }

    private static byte[] resource(String name) {
        return WebResources.read("/dev/peerroom/web/status/" + name, true);
    }
}
