package dev.peerroom.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;

/**
 * Decodes and validates one client text frame (UTF-8 JSON) without building a tree.
 * Only the checks that need no room state happen here; the room checks dst against the sender.
 * Thread-safe and stateless.
 */
public final class MessageDecoder {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    public InboundMessage decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public InboundMessage decode(byte[] bytes, int offset, int length) {
        if (!Utf8.isStrict(bytes, offset, offset + length)) {
            return InboundMessage.invalid("not UTF-8 JSON");
        }
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            return decodeObject(p, bytes, offset);
        } catch (IOException | RuntimeException e) {
            return InboundMessage.invalid("not JSON");
        }
    }

    private InboundMessage decodeObject(JsonParser p, byte[] bytes, int offset) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            return InboundMessage.invalid("not a JSON object");
        }
        String type = null;
        String src = null;
        String dst = null;
        boolean badType = false;
        boolean badSrc = false;
        boolean badDst = false;
        JsonToken payloadToken = null;
        PayloadShape shape = null;
        int payloadStart = 0;
        int payloadEnd = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "type":
                    badType = value != JsonToken.VALUE_STRING;
                    type = badType ? null : p.getText();
                    break;
                case "src":
                    badSrc = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
                    src = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "dst":
                    badDst = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
                    dst = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    break;
                case "payload":
                    payloadToken = value;
                    if (value == JsonToken.START_OBJECT) {
                        payloadStart = offset(p.currentTokenLocation().getByteOffset(), offset);
                        shape = PayloadShape.scan(p);
                        payloadEnd = offset(p.currentLocation().getByteOffset(), offset);
                    } else {
                        p.skipChildren();
                    }
                    break;
                default:
                    p.skipChildren();
            }
        }
        if (p.nextToken() != null) {
            return InboundMessage.invalid("trailing data after the JSON object");
        }
        if (type == null) {
            return InboundMessage.invalid(badType ? "type is not a string" : "no type");
        }
        MessageType t = MessageType.fromWire(type);
        if (t == null) {
            return InboundMessage.invalid("unknown type");
        }
        if (t == MessageType.HEARTBEAT) {
            return InboundMessage.valid(t, null, null, null, 0, 0);
        }
        if (badSrc || (src != null && !Identifiers.isValidPeerId(src))) {
            return InboundMessage.invalid("invalid src");
        }
        if (badDst || (dst != null && !Identifiers.isValidPeerId(dst))) {
            return InboundMessage.invalid("invalid dst");
        }
        if (t == MessageType.LEAVE) {
            return InboundMessage.valid(t, src, dst, null, 0, 0);
        }
        if (dst == null) {
            return InboundMessage.invalid("no dst");
        }
        if (payloadToken != JsonToken.START_OBJECT) {
            return InboundMessage.invalid("payload is not an object");
        }
        boolean fits = t == MessageType.CANDIDATE ? shape.hasCandidate() : shape.hasSdp();
        if (!fits) {
            return InboundMessage.invalid(t == MessageType.CANDIDATE ? "payload has no candidate" : "payload has no sdp");
        }
        return InboundMessage.valid(t, src, dst, bytes, payloadStart, payloadEnd);
    }

    /** Jackson reports byte offsets from the start of the parsed range; make them array indexes. */
    private static int offset(long parserOffset, int rangeStart) {
        return (int) parserOffset + rangeStart;
    }
}
