package dev.peerroom.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import java.io.IOException;

/**
 * Decodes and validates one client text frame (UTF-8 JSON) without building a tree.
 * Only the checks that need no room state happen here; the room checks dst against the sender.
 * Thread-safe and stateless.
 *
 * <p>A frame over one of the JSON limits below is an invalid message like any other (the room
 * answers ERROR INVALID_MESSAGE and keeps the socket). The limits are far above anything the
 * stock client sends, and they bound what a hostile frame can make the parser do.
 */
public final class MessageDecoder {
    /**
     * Deepest nesting of objects and arrays, the frame itself counting as 1. A PeerJS OFFER nests
     * 3 levels (frame, payload, payload.sdp) and puts the user's {@code metadata} at level 3, so
     * metadata may nest 30 levels, itself included. Jackson's default (500) only guards the stack.
     */
    public static final int MAX_NESTING_DEPTH = 32;
    /**
     * Longest string value, in UTF-16 chars after unescaping (a character outside the BMP counts 2).
     * An SDP, the longest string PeerJS sends, is a few KiB and well under 64 KiB even with many
     * media sections and candidates.
     */
    public static final int MAX_STRING_LENGTH = 256 * 1024;
    /**
     * Longest field name, in UTF-8 bytes after unescaping (Jackson counts a character outside the
     * BMP written as a pair of escaped surrogates as 6). PeerJS's longest is {@code "serialization"}.
     */
    public static final int MAX_NAME_LENGTH = 1024;

    /** The invalid reasons of frames over a limit (logged at debug; tests match on them). */
    static final String NESTED_TOO_DEEP = "nested too deep";
    static final String STRING_TOO_LONG = "string too long";
    static final String NAME_TOO_LONG = "field name too long";

    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_NESTING_DEPTH)
                    .maxStringLength(MAX_STRING_LENGTH)
                    .maxNameLength(MAX_NAME_LENGTH)
                    .build())
            .build();

    /** src and dst follow the stock client's id grammar (the classic namespace) instead of the room one. */
    private final boolean classicIds;

    /** The decoder of room sockets. */
    public MessageDecoder() {
        this(false);
    }

    private MessageDecoder(boolean classicIds) {
        this.classicIds = classicIds;
    }

    /** The decoder of the classic namespace's sockets ({@code --peerjs-compat}): ids as the stock client allows. */
    public static MessageDecoder classic() {
        return new MessageDecoder(true);
    }

    private boolean isValidId(String id) {
        return classicIds ? Identifiers.isValidClassicPeerId(id) : Identifiers.isValidPeerId(id);
    }

    public InboundMessage decode(byte[] bytes) {
        return decode(bytes, 0, bytes.length);
    }

    public InboundMessage decode(byte[] bytes, int offset, int length) {
        if (!Utf8.isStrict(bytes, offset, offset + length)) {
            return InboundMessage.invalid("not UTF-8 JSON");
        }
        try {
            // Only a frame longer than the string limit can hold a string over it (a char takes at
            // least one byte), so typical frames skip this second pass.
            if (length > MAX_STRING_LENGTH && hasOverlongString(bytes, offset, length)) {
                return InboundMessage.invalid(STRING_TOO_LONG);
            }
            try (JsonParser p = JSON.createParser(bytes, offset, length)) {
                return decodeObject(p, bytes, offset);
            }
        } catch (StreamConstraintsException e) {
            return InboundMessage.invalid(limitReason(e));
        } catch (IOException | RuntimeException e) {
            return InboundMessage.invalid("not JSON");
        }
    }

    /**
     * Jackson checks nesting and names on every token, but a string only when it is read, and the
     * decoder skips most strings unread (the payload is forwarded as bytes). This pass reads each
     * string's exact length without building it; malformed JSON is left to the main pass.
     */
    private static boolean hasOverlongString(byte[] bytes, int offset, int length) throws IOException {
        try (JsonParser p = JSON.createParser(bytes, offset, length)) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.VALUE_STRING && p.getTextLength() > MAX_STRING_LENGTH) {
                    return true;
                }
            }
        } catch (StreamConstraintsException e) {
            throw e;
        } catch (IOException e) {
            return false;
        }
        return false;
    }

    /** Jackson's exception has no kind; its message names the limit's getter. */
    private static String limitReason(StreamConstraintsException e) {
        String m = String.valueOf(e.getMessage());
        if (m.contains("getMaxNestingDepth")) {
            return NESTED_TOO_DEEP;
        }
        if (m.contains("getMaxStringLength")) {
            return STRING_TOO_LONG;
        }
        if (m.contains("getMaxNameLength")) {
            return NAME_TOO_LONG;
        }
        return "over a JSON limit";
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
                    p.skipChildren(); // an object or array here must not be read as top-level fields
                    break;
                case "src":
                    badSrc = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
                    src = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
                    break;
                case "dst":
                    badDst = value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL;
                    dst = value == JsonToken.VALUE_STRING ? p.getText() : null;
                    p.skipChildren();
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
        if (badSrc || (src != null && !isValidId(src))) {
            return InboundMessage.invalid("invalid src");
        }
        if (badDst || (dst != null && !isValidId(dst))) {
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
