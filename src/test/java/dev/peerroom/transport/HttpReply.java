package dev.peerroom.transport;

import io.netty.handler.codec.http.HttpHeaders;

/** An HTTP response as a client read it off the wire; holds no Netty buffers. */
record HttpReply(int status, HttpHeaders headers, String body) {
    String header(CharSequence name) {
        return headers.get(name);
    }

    @Override
    public String toString() {
        return status + " " + headers + " body=" + body;
    }
}
