package dev.peerroom.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * What a signal payload carries: an SDP ({@code payload.sdp.sdp} as PeerJS sends it, or a
 * {@code payload.sdp} string) and/or an ICE candidate ({@code payload.candidate.candidate},
 * or a {@code payload.candidate} string).
 */
record PayloadShape(boolean hasSdp, boolean hasCandidate) {

    /**
     * Reads the payload object the parser is positioned on, leaving it on the closing brace. It
     * descends at most one level itself and skips the rest, and the parser enforces the nesting and
     * name limits on every token it passes, skipped ones included, so a hostile payload costs one
     * linear pass. Strings are not read here: the decoder checks their length (see
     * {@link MessageDecoder#MAX_STRING_LENGTH}).
     */
    static PayloadShape scan(JsonParser p) throws IOException {
        boolean sdp = false;
        boolean candidate = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if ("sdp".equals(field)) {
                sdp = carries(p, value, "sdp");
            } else if ("candidate".equals(field)) {
                candidate = carries(p, value, "candidate");
            } else {
                p.skipChildren();
            }
        }
        return new PayloadShape(sdp, candidate);
    }

    /** True for a string value, or an object with a string field of the same name. */
    private static boolean carries(JsonParser p, JsonToken value, String name) throws IOException {
        if (value == JsonToken.VALUE_STRING) {
            return true;
        }
        if (value != JsonToken.START_OBJECT) {
            p.skipChildren();
            return false;
        }
        boolean found = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken inner = p.nextToken();
            if (name.equals(field) && inner == JsonToken.VALUE_STRING) {
                found = true;
            } else {
                p.skipChildren();
            }
        }
        return found;
    }
}
