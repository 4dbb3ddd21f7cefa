package dev.peerroom.transport;

import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;

/**
 * Size caps on what a client may send before it is a WebSocket. They are constants, not settings:
 * every legitimate request to this server is small and of a known shape, so there is nothing for an
 * operator to tune, and a cap that can be raised is one more way to misconfigure a public server.
 */
final class HttpLimits {
    /**
     * The request line: method, URL and version (answer 414). The longest legitimate line is the
     * PeerJS join, {@code GET {base}rooms/<20 digits>/peerjs?key=…&id=<64>&token=…&version=…}: about
     * 150 bytes plus the key and the token, and a signed join token (a JWT) is around 1 KiB. 4 KiB
     * leaves room for a 3 KiB token behind a long base path.
     */
    static final int MAX_REQUEST_LINE_BYTES = 4 * 1024;

    /**
     * All header lines of one request together (answer 431). Browsers send well under 2 KiB to this
     * server; the only large header a browser may add is Cookie, when the server shares a site with
     * pages that set big cookies. Serve it from its own host name in that case.
     */
    static final int MAX_HEADER_BYTES = 8 * 1024;

    /** The body of one request, after reassembly (answer 413): the server reads no bodies at all. */
    static final int MAX_CONTENT_BYTES = 64 * 1024;

    /** Content is handed on in pieces of at most this much, before the aggregator caps the whole. */
    private static final int MAX_CHUNK_BYTES = 8 * 1024;

    private HttpLimits() {
    }

    /** The answer to a request the codec could not read: a cap it hit, or else 400. */
    static HttpResponseStatus statusFor(DecoderResult failed) {
        Throwable cause = failed.cause();
        if (cause instanceof TooLongHttpLineException) {
            return HttpResponseStatus.REQUEST_URI_TOO_LONG;
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
        }
        return HttpResponseStatus.BAD_REQUEST;
    }

    /** The server's HTTP codec with the caps above. */
    static HttpServerCodec serverCodec() {
        return new HttpServerCodec(new HttpDecoderConfig()
                .setMaxInitialLineLength(MAX_REQUEST_LINE_BYTES)
                .setMaxHeaderSize(MAX_HEADER_BYTES)
                .setMaxChunkSize(MAX_CHUNK_BYTES));
    }
}
