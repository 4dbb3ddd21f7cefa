package dev.peerroom.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo at {@code /demo} (docs/demo.md): a page on which two browser tabs meet in a room through
 * this server, with the stock PeerJS client that the build bundled into the jar. The files are read
 * from the classpath once, at start; the page learns the base path from the HTML. Like
 * {@code /health}, it lives at the host root, and it is always on: it holds no data.
 */
final class DemoPage {
    static final String ROOT = "/demo";
    static final String RESOURCES = "/dev/peerroom/web/demo/";
    static final String BUNDLE = "peerjs.min.js";

    private static final Logger log = LoggerFactory.getLogger(DemoPage.class);
    private static final String HTML = "text/html; charset=utf-8";
    private static final String REVALIDATE = "no-cache";
    /** The page asks for the bundle with its version ({@code ?v=}): an upgrade changes the URL, so caching is safe. */
    private static final String CACHEABLE = "public, max-age=86400";
    /** A host and optional port, as a Host header carries them: safe to repeat inside the CSP. */
    private static final Pattern HOST = Pattern.compile("(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?");

    private record Asset(String contentType, String cacheControl, byte[] body) {
    }

    private final boolean enabled;
    private final HttpResponder responder;
    private final Map<String, Asset> assets = new HashMap<>();

    /**
     * @param basePath the PeerJS base path, which the page needs to build its socket path. When it
     *                 is itself under {@code /demo/}, the PeerJS API owns those paths and the demo is off.
     */
    DemoPage(String basePath, HttpResponder responder) {
        this.enabled = !basePath.startsWith(ROOT + "/");
        this.responder = responder;
        if (!enabled) {
            log.info("the demo page is off: the base path {} overlaps {}", basePath, ROOT);
            return;
        }
        String version = bundledVersion();
        byte[] page = new String(resource("index.html", true), StandardCharsets.UTF_8)
                .replace("{{BASE_PATH}}", htmlAttribute(basePath))
                .replace("{{PEERJS_VERSION}}", htmlAttribute(version))
                .getBytes(StandardCharsets.UTF_8);
        assets.put(ROOT, new Asset(HTML, "no-store", page));
        assets.put(ROOT + "/", new Asset(HTML, "no-store", page));
        for (String script : new String[] {"demo.js", "demo-view.js", "demo-signals.js"}) {
            assets.put(ROOT + "/" + script, new Asset("text/javascript; charset=utf-8", REVALIDATE, resource(script, true)));
        }
        assets.put(ROOT + "/demo.css", new Asset("text/css; charset=utf-8", REVALIDATE, resource("demo.css", true)));
        byte[] bundle = resource(BUNDLE, false);
        if (bundle == null) {
            // Only a build that skipped Maven's generate-resources (some IDEs) lacks it; the page says so.
            log.warn("the demo page has no PeerJS bundle ({} is not on the classpath): build with Maven", BUNDLE);
        } else {
            assets.put(ROOT + "/" + BUNDLE, new Asset("text/javascript; charset=utf-8", CACHEABLE, bundle));
            assets.put(ROOT + "/peerjs.LICENSE.txt", new Asset("text/plain; charset=utf-8", CACHEABLE,
                    resource("peerjs.LICENSE.txt", true)));
        }
    }

    /** {@code /demo}, {@code /demo/} and everything under it, unless the demo is off. */
    boolean owns(String path) {
        return enabled && (path.equals(ROOT) || path.startsWith(ROOT + "/"));
    }

    /** Answers a GET of a path that {@link #owns} owns: the file, or 404 for an unknown name. */
    void handle(ChannelHandlerContext ctx, FullHttpRequest req, String path, boolean keepAlive) {
        FullHttpResponse response = response(path, req.headers().get(HttpHeaderNames.HOST));
        if (response == null) {
            responder.status(ctx, keepAlive, req.headers().get(HttpHeaderNames.ORIGIN), HttpResponseStatus.NOT_FOUND);
        } else {
            HttpResponder.write(ctx, keepAlive, response);
        }
    }

    /** The response for {@code path}, or null when the demo has no such file. */
    FullHttpResponse response(String path, String host) {
        Asset asset = assets.get(path);
        if (asset == null) {
            return null;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(asset.body()));
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, asset.contentType());
        headers.set(HttpHeaderNames.CACHE_CONTROL, asset.cacheControl());
        headers.set("x-content-type-options", "nosniff");
        headers.set(HttpHeaderNames.CONTENT_SECURITY_POLICY, contentSecurityPolicy(host));
        headers.set("referrer-policy", "no-referrer");
        return response;
    }

    /**
     * Scripts and styles from this origin only, nothing inline; the page may connect (HTTP and
     * WebSocket) only to its own host. Browsers that follow CSP 3 already let {@code 'self'} cover
     * ws: and wss:; the explicit sources are for those that do not. A Host header that is not a
     * plain host[:port] leaves {@code 'self'} alone.
     */
    static String contentSecurityPolicy(String host) {
        String connect = "'self'";
        if (host != null && HOST.matcher(host).matches()) {
            connect += " ws://" + host + " wss://" + host + " http://" + host + " https://" + host;
        }
        return "default-src 'none'; script-src 'self'; style-src 'self'; connect-src " + connect
                + "; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }

    /** The version of the bundled client, as the build recorded it next to the bundle. */
    private static String bundledVersion() {
        byte[] bytes = resource("peerjs.properties", false);
        if (bytes == null) {
            return "unknown";
        }
        Properties props = new Properties();
        try {
            props.load(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return props.getProperty("version", "unknown");
    }

    /** A file of the demo on the classpath; null when it is missing and not {@code required}. */
    static byte[] resource(String name, boolean required) {
        return WebResources.read(RESOURCES + name, required);
    }

    private static String htmlAttribute(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
