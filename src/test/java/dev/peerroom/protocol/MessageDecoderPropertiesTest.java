package dev.peerroom.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Property tests of {@link MessageDecoder} over generated frames (see {@link ForAll} for tries and
 * replaying a seed): valid frames decode to what was sent, and no input makes it throw or report
 * something incoherent.
 */
class MessageDecoderPropertiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageDecoder decoder = new MessageDecoder();

    @Test
    void validFramesDecodeToWhatWasSentWithTheExactPayloadBytes() {
        ForAll.check(1000, g -> {
            FrameGen.Frame f = new FrameGen(g).valid();
            byte[] frame = f.bytes();
            // Decoded in place inside a larger array, as the transport's reused scratch buffer does.
            byte[] before = g.literal(g.unicode(5)).getBytes(UTF_8);
            byte[] buf = Mutator.insert(Mutator.insert(new byte[0], 0, before), before.length, frame);
            buf = Arrays.copyOf(buf, buf.length + g.between(0, 8));
            InboundMessage m = decoder.decode(buf, before.length, frame.length);

            assertThat(m.isValid()).as("%s: %s", m.invalidReason(), f.json()).isTrue();
            assertThat(m.type()).isEqualTo(f.type());
            assertThat(m.src()).isEqualTo(f.src());
            assertThat(m.dst()).isEqualTo(f.dst());
            if (f.payload() == null) {
                assertThat(m.hasPayload()).isFalse();
            } else {
                byte[] slice = Arrays.copyOfRange(m.buffer(), m.payloadStart(), m.payloadEnd());
                assertThat(new String(slice, UTF_8)).isEqualTo(f.payload());
                JsonNode payload = tree(slice);
                assertThat(payload).isEqualTo(tree(f.payload().getBytes(UTF_8)));
                assertThat(carries(payload, f.type() == MessageType.CANDIDATE ? "candidate" : "sdp")).isTrue();
            }
        });
    }

    @Test
    void mutatedFramesAreValidOrRefusedWithAReasonAndNeverThrow() {
        ForAll.check(3000, g -> {
            byte[] frame = new Mutator(g).mutate(new FrameGen(g).valid().bytes());
            assertCoherent(decoder.decode(frame), frame);
        });
    }

    @Test
    void randomBytesAreRefused() {
        ForAll.check(1000, g -> {
            byte[] junk = new byte[g.between(0, 300)];
            g.random().nextBytes(junk);
            InboundMessage m = decoder.decode(junk);
            assertThat(m.isValid()).isFalse();
            assertCoherent(m, junk);
        });
    }

    @Test
    void invalidUtf8AnywhereIsRefusedBeforeParsing() {
        ForAll.check(1000, g -> {
            byte[] frame = new FrameGen(g).valid().bytes();
            byte[] bad = Mutator.insert(frame, g.random().nextInt(frame.length + 1), g.pick(Mutator.INVALID_UTF8));
            InboundMessage m = decoder.decode(bad);
            assertThat(m.isValid()).isFalse();
            assertThat(m.invalidReason()).isEqualTo("not UTF-8 JSON");
        });
    }

    @Test
    void everyTruncationBeforeTheClosingBraceIsRefused() {
        ForAll.check(1000, g -> {
            byte[] frame = new FrameGen(g).valid().bytes();
            int closing = lastIndexOf(frame, (byte) '}');
            byte[] cut = Arrays.copyOf(frame, g.random().nextInt(closing + 1));
            InboundMessage m = decoder.decode(cut);
            assertThat(m.isValid()).as(new String(cut, UTF_8)).isFalse();
            assertCoherent(m, cut);
        });
    }

    @Test
    void trailingDataAfterTheObjectIsRefused() {
        ForAll.check(1000, g -> {
            String trailing = g.chance(0.5) ? g.value(2) : g.literal(g.unicode(5)).substring(1);
            String frame = new FrameGen(g).valid().json() + g.ws() + trailing;
            InboundMessage m = decoder.decode(frame.getBytes(UTF_8));
            assertThat(m.isValid()).as(frame).isFalse();
            assertThat(m.invalidReason()).isIn("trailing data after the JSON object", "not JSON");
        });
    }

    /** Wrong values of each checked field, and the reason the decoder must give for each. */
    private static final List<String> NOT_STRINGS = List.of("1", "-0.5e3", "true", "false", "[]", "{}", "[\"OFFER\"]",
            "{\"type\":\"OFFER\"}");
    private static final List<String> BAD_IDS = List.of("\"\"", "\"a b\"", "\"a_b\"", "\"a.b\"", "\"é\"", "\"a\\u0000\"",
            "\"\\ud800\"", "\"a\\udc00b\"", "\"" + "a".repeat(65) + "\"", "\"😀\"");

    @Test
    void aWrongTypeOrValueInAKnownFieldIsRefusedWithItsReason() {
        ForAll.check(1000, g -> {
            FrameGen gen = new FrameGen(g);
            MessageType type = g.pick(List.of(MessageType.OFFER, MessageType.ANSWER, MessageType.CANDIDATE));
            FrameGen.Fields f = gen.fields(type);
            String expected;
            switch (g.random().nextInt(8)) {
                case 0 -> {
                    f.replace("type", g.chance(0.2) ? "null" : g.pick(NOT_STRINGS));
                    expected = "type is not a string";
                }
                case 1 -> {
                    String t = g.unicode(8);
                    f.replace("type", g.literal(MessageType.fromWire(t) == null ? t : t + "x"));
                    expected = "unknown type";
                }
                case 2 -> {
                    f.replace("dst", g.chance(0.5) ? g.pick(NOT_STRINGS) : g.pick(BAD_IDS));
                    expected = "invalid dst";
                }
                case 3 -> {
                    if (g.chance(0.5)) {
                        f.replace("dst", "null");
                    } else {
                        f.remove("dst");
                    }
                    expected = "no dst";
                }
                case 4 -> {
                    f.put("\"src\"", g.chance(0.5) ? g.pick(NOT_STRINGS) : g.pick(BAD_IDS));
                    expected = "invalid src";
                }
                case 5 -> {
                    if (g.chance(0.2)) {
                        f.remove("payload");
                    } else {
                        f.replace("payload", g.chance(0.3) ? "null" : g.pick(List.of("1", "\"sdp\"", "[{\"sdp\":\"x\"}]", "true")));
                    }
                    expected = "payload is not an object";
                }
                case 6 -> {
                    String other = type == MessageType.CANDIDATE ? "sdp" : "candidate";
                    f.replace("payload", g.pick(List.of("{}", "{\"" + other + "\":\"x\"}", "{\"x\":{\"" + other + "\":\"x\"}}")));
                    expected = type == MessageType.CANDIDATE ? "payload has no candidate" : "payload has no sdp";
                }
                default -> {
                    String key = type == MessageType.CANDIDATE ? "candidate" : "sdp";
                    String bad = g.pick(List.of("null", "1", "[\"x\"]", "{}", "{\"" + key + "\":7}", "{\"x\":\"v\"}"));
                    f.replace("payload", "{\"" + key + "\":" + bad + "}");
                    expected = type == MessageType.CANDIDATE ? "payload has no candidate" : "payload has no sdp";
                }
            }
            java.util.Collections.shuffle(f.fields, g.random());
            String frame = gen.write(f);
            InboundMessage m = decoder.decode(frame.getBytes(UTF_8));
            assertThat(m.isValid()).as(frame).isFalse();
            assertThat(m.invalidReason()).as(frame).isEqualTo(expected);
        });
    }

    /**
     * What holds for any input: the decoder answers; an invalid result has a reason and nothing
     * else; a valid one has ids that are valid ids and, for a signal, a payload slice inside the
     * frame that is a JSON object on its own.
     */
    static void assertCoherent(InboundMessage m, byte[] frame) {
        assertThat(m).isNotNull();
        if (!m.isValid()) {
            assertThat(m.invalidReason()).isNotBlank();
            assertThat(m.type()).isNull();
            assertThat(m.src()).isNull();
            assertThat(m.dst()).isNull();
            assertThat(m.hasPayload()).isFalse();
            return;
        }
        assertThat(m.type()).isNotNull();
        if (m.type() == MessageType.HEARTBEAT) {
            assertThat(m.src()).isNull();
            assertThat(m.dst()).isNull();
            assertThat(m.hasPayload()).isFalse();
            return;
        }
        assertThat(m.src() == null || Identifiers.isValidPeerId(m.src())).as("src %s", m.src()).isTrue();
        assertThat(m.dst() == null || Identifiers.isValidPeerId(m.dst())).as("dst %s", m.dst()).isTrue();
        if (m.type() == MessageType.LEAVE) {
            assertThat(m.hasPayload()).isFalse();
            return;
        }
        assertThat(m.dst()).isNotNull();
        assertThat(m.buffer()).isSameAs(frame);
        assertThat(m.payloadStart()).isBetween(0, m.payloadEnd() - 2);
        assertThat(m.payloadEnd()).isLessThanOrEqualTo(frame.length);
        assertThat(tree(Arrays.copyOfRange(frame, m.payloadStart(), m.payloadEnd())).isObject()).isTrue();
    }

    /** A string under {@code key}, or an object with a string under {@code key}. */
    private static boolean carries(JsonNode payload, String key) {
        JsonNode v = payload.get(key);
        return v != null && (v.isTextual() || (v.isObject() && v.path(key).isTextual()));
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("does not re-parse: " + new String(json, UTF_8), e);
        }
    }

    private static int lastIndexOf(byte[] b, byte v) {
        for (int i = b.length - 1; i >= 0; i--) {
            if (b[i] == v) {
                return i;
            }
        }
        throw new AssertionError("no closing brace");
    }
}
