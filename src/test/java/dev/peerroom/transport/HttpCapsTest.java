package dev.peerroom.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The size caps of {@link HttpLimits}, and the status each answers with. */
class HttpCapsTest {
    private final EmbeddedServer server = new EmbeddedServer();

    @AfterEach
    void tearDown() {
        server.close();
    }

    @Test
    void aUrlOverTheCapIs414AndCloses() {
        Client client = server.connect();
        HttpReply reply = client.get("/health?pad=" + "a".repeat(5 * 1024));

        assertThat(reply.status()).isEqualTo(414);
        assertThat(reply.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void aJoinWithATokenOfThreeKibFitsTheUrlCap() {
        Client client = server.connect();
        String path = "/rooms/" + EmbeddedServer.ROOM + "/peerjs?key=peerjs&id=" + "a".repeat(64)
                + "&token=" + "t".repeat(3 * 1024) + "&version=1.5.5";

        assertThat(client.upgrade(path, "https://app.example.com").status()).isEqualTo(101);
        assertThat(client.nextText()).isEqualTo("{\"type\":\"OPEN\"}");
    }

    @Test
    void headersOverTheCapAre431AndClose() {
        Client client = server.connect();
        HttpReply reply = client.get("/health", "X-Pad", "a".repeat(9 * 1024));

        assertThat(reply.status()).isEqualTo(431);
        assertThat(reply.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void theHeaderCapIsOnAllHeadersTogether() {
        Client client = server.connect();
        String[] headers = new String[2 * 6];
        for (int i = 0; i < 6; i++) {
            headers[2 * i] = "X-Pad-" + i;
            headers[2 * i + 1] = "a".repeat(1536);
        }

        assertThat(client.get("/health", headers).status()).as("six 1.5 KiB headers: 9 KiB in all").isEqualTo(431);
    }

    @Test
    void aDeclaredBodyOverTheCapIs413AndIsSkippedOnAKeepAliveConnection() {
        Client client = server.connect();
        DefaultFullHttpRequest req = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, "/health",
                Unpooled.wrappedBuffer(new byte[HttpLimits.MAX_CONTENT_BYTES + 1]));
        req.headers().set(HttpHeaderNames.HOST, "localhost");
        req.headers().set(HttpHeaderNames.ORIGIN, "https://app.example.com");
        HttpUtil.setContentLength(req, req.content().readableBytes());
        client.writeRequest(req);
        HttpReply reply = client.readHttpReply();

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.header(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).as("readable by the page")
                .isEqualTo("https://app.example.com");
        assertThat(reply.header(HttpHeaderNames.CONNECTION)).isEqualTo("keep-alive");
        assertThat(client.get("/health").status()).as("the body was read and dropped, not taken for a request")
                .isEqualTo(200);
    }

    @Test
    void aChunkedBodyThatGrowsOverTheCapIs413AndCloses() {
        Client client = server.connect();
        StringBuilder raw = new StringBuilder("POST /health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n");
        String chunk = "a".repeat(8 * 1024);
        for (int i = 0; i <= HttpLimits.MAX_CONTENT_BYTES / chunk.length(); i++) {
            raw.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        client.server.writeInbound(Unpooled.copiedBuffer(raw.append("0\r\n\r\n"), StandardCharsets.US_ASCII));

        HttpReply reply = client.readHttpReply();

        assertThat(reply.status()).isEqualTo(413);
        assertThat(reply.header(HttpHeaderNames.CONNECTION)).isEqualTo("close");
        assertThat(client.isOpen()).isFalse();
    }

    @Test
    void otherMalformedRequestsStay400() {
        Client client = server.connect();
        client.server.writeInbound(Unpooled.copiedBuffer("GET /health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n",
                StandardCharsets.US_ASCII));

        assertThat(client.readHttpReply().status()).isEqualTo(400);
        assertThat(client.isOpen()).isFalse();
    }
}
