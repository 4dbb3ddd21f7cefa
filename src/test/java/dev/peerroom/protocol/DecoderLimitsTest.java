package dev.peerroom.protocol;

import static dev.peerroom.protocol.MessageDecoder.MAX_NAME_LENGTH;
import static dev.peerroom.protocol.MessageDecoder.MAX_NESTING_DEPTH;
import static dev.peerroom.protocol.MessageDecoder.MAX_STRING_LENGTH;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The decoder's JSON limits (nesting depth, string length, name length), wherever in the frame
 * the offending value sits, skipped or read: under the limit the frame is valid, over it the frame
 * is refused with a reason that names the limit.
 */
class DecoderLimitsTest {
    private final MessageDecoder decoder = new MessageDecoder();

    /** Frames with a slot {@code %s} for a value, and the nesting depth of the object holding it. */
    private record Slot(String template, int depth) {
        String fill(String value) {
            return template.replace("%s", value);
        }
    }

    private static final List<Slot> VALUE_SLOTS = List.of(
            new Slot("{\"type\":\"HEARTBEAT\",\"x\":%s}", 1),
            new Slot("{\"x\":%s,\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"v=0\"}}", 1),
            new Slot("{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"v=0\",\"metadata\":%s}}", 2),
            new Slot("{\"type\":\"ANSWER\",\"dst\":\"b\",\"payload\":{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\",\"m\":%s}}}", 3),
            new Slot("{\"type\":\"CANDIDATE\",\"payload\":{\"candidate\":{\"candidate\":\"c\",\"x\":%s}},\"dst\":\"b\"}", 3),
            new Slot("{\"type\":\"LEAVE\",\"payload\":%s}", 1));

    @Test
    void nestingIsRefusedBeyondTheLimitWhereverItIs() {
        ForAll.check(500, g -> {
            Slot slot = g.pick(VALUE_SLOTS);
            int levels = g.between(1, 2 * MAX_NESTING_DEPTH);
            String frame = slot.fill(g.nest(levels, g.value(0)));
            InboundMessage m = decoder.decode(frame.getBytes(UTF_8));
            if (slot.depth() + levels <= MAX_NESTING_DEPTH) {
                assertThat(m.isValid()).as("%s: %s", m.invalidReason(), frame).isTrue();
            } else {
                assertThat(m.invalidReason()).as(frame).isEqualTo(MessageDecoder.NESTED_TOO_DEEP);
            }
        });
    }

    @Test
    void peerJsMetadataMayNestThirtyLevelsItselfIncluded() {
        String ok = VALUE_SLOTS.get(2).fill("{\"a\":".repeat(30) + "1" + "}".repeat(30));
        String deep = VALUE_SLOTS.get(2).fill("{\"a\":".repeat(31) + "1" + "}".repeat(31));
        assertThat(decoder.decode(ok.getBytes(UTF_8)).isValid()).isTrue();
        assertThat(decoder.decode(deep.getBytes(UTF_8)).invalidReason()).isEqualTo(MessageDecoder.NESTED_TOO_DEEP);
    }

    /** Where a long string can sit: forwarded in the payload, skipped, or read by the decoder. */
    private static final List<String> STRING_SLOTS = List.of(
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":{\"type\":\"offer\",\"sdp\":%s}}}",
            "{\"type\":\"ANSWER\",\"dst\":\"b\",\"payload\":{\"sdp\":%s}}",
            "{\"type\":\"CANDIDATE\",\"dst\":\"b\",\"payload\":{\"candidate\":{\"candidate\":%s}}}",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"v=0\",\"metadata\":{\"n\":[1,{\"s\":%s}]}}}",
            "{\"type\":\"HEARTBEAT\",\"note\":%s}",
            "{\"type\":\"LEAVE\",\"x\":[%s]}");

    @Test
    void stringsAreRefusedBeyondTheLimitWhereverTheyAre() {
        ForAll.check(40, g -> {
            int length = g.chance(0.5) ? MAX_STRING_LENGTH + g.between(-2, 2) : MAX_STRING_LENGTH + g.between(-3000, 3000);
            String frame = g.pick(STRING_SLOTS).replace("%s", longLiteral(g, length));
            InboundMessage m = decoder.decode(frame.getBytes(UTF_8));
            if (length <= MAX_STRING_LENGTH) {
                assertThat(m.isValid()).as("length %d: %s", length, m.invalidReason()).isTrue();
            } else {
                assertThat(m.invalidReason()).as("length %d", length).isEqualTo(MessageDecoder.STRING_TOO_LONG);
            }
        });
    }

    @Test
    void aLongStringInAFieldTheDecoderReadsIsRefusedToo() {
        String dst = "a".repeat(MAX_STRING_LENGTH + 1);
        String frame = "{\"type\":\"OFFER\",\"dst\":\"" + dst + "\",\"payload\":{\"sdp\":\"x\"}}";
        assertThat(decoder.decode(frame.getBytes(UTF_8)).invalidReason()).isEqualTo(MessageDecoder.STRING_TOO_LONG);
    }

    @Test
    void aLargeFrameOfShortStringsIsStillValid() {
        // Frames over the string limit take the second pass; it must not refuse what is fine.
        String many = ("\"" + "x".repeat(100) + "\",").repeat(MAX_STRING_LENGTH / 50) + "\"end\"";
        String frame = "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"v=0\",\"metadata\":[" + many + "]}}";
        assertThat(frame.length()).isGreaterThan(2 * MAX_STRING_LENGTH);
        InboundMessage m = decoder.decode(frame.getBytes(UTF_8));
        assertThat(m.isValid()).as(m.invalidReason()).isTrue();
    }

    @Test
    void fieldNamesAreRefusedBeyondTheLimitInUtf8Bytes() {
        ForAll.check(300, g -> {
            StringBuilder name = new StringBuilder("\"");
            int bytes = 0;
            int target = MAX_NAME_LENGTH + g.between(-8, 8);
            while (bytes < target) {
                String c = g.pick(List.of("n", "é", "€", "😀"));
                boolean escaped = g.chance(0.1);
                for (char unit : escaped ? c.toCharArray() : new char[0]) {
                    name.append(String.format("\\u%04x", (int) unit));
                }
                name.append(escaped ? "" : c);
                // Jackson counts an escaped surrogate pair as two 3-byte halves (as CESU-8 would).
                bytes += escaped && c.length() == 2 ? 6 : c.getBytes(UTF_8).length;
            }
            String frame = g.pick(VALUE_SLOTS).fill("{" + name + "\":1}");
            InboundMessage m = decoder.decode(frame.getBytes(UTF_8));
            if (bytes <= MAX_NAME_LENGTH) {
                assertThat(m.isValid()).as("%d bytes: %s", bytes, m.invalidReason()).isTrue();
            } else {
                assertThat(m.invalidReason()).as("%d bytes", bytes).isEqualTo(MessageDecoder.NAME_TOO_LONG);
            }
        });
    }

    /**
     * A JSON string literal of exactly {@code length} UTF-16 chars: mostly ASCII, with escapes (one
     * char, six bytes) and characters outside the BMP (two chars, four bytes) mixed in.
     */
    private static String longLiteral(JsonGen g, int length) {
        StringBuilder sb = new StringBuilder(length + 1024).append('"');
        int chars = 0;
        while (chars < length) {
            int kind = g.random().nextInt(100);
            if (kind == 0 && chars + 2 <= length) {
                sb.append("😀");
                chars += 2;
            } else if (kind == 1) {
                sb.append("\\u00e9");
                chars++;
            } else if (kind == 2) {
                sb.append("\\n");
                chars++;
            } else {
                sb.append((char) ('a' + g.random().nextInt(26)));
                chars++;
            }
        }
        return sb.append('"').toString();
    }
}
