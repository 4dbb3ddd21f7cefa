package dev.peerroom.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The decoder against the exact frames the stock PeerJS 1.5 client sends; invalid input is in {@link MessageDecoderInvalidTest}. */
class MessageDecoderTest {
    private final MessageDecoder decoder = new MessageDecoder();

    /** PeerJS OFFER payload (negotiator.ts): sdp object, then data-connection fields, then metadata. */
    static final String OFFER_PAYLOAD = "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\no=- 4611731400430051336 2 IN IP4 127.0.0.1\\r\\n"
            + "s=-\\r\\nt=0 0\\r\\na=group:BUNDLE 0\\r\\n\"},\"type\":\"data\",\"connectionId\":\"dc_x\",\"label\":\"dc_x\","
            + "\"reliable\":false,\"serialization\":\"binary\",\"metadata\":{\"name\":\"Zoë 😀\",\"quote\":\"a\\\"b\\\\c\\u00e9\\ud83d\\ude00\","
            + "\"list\":[1,-2.5e3,null,true,{}],\"empty\":\"\"}}";
    static final String ANSWER_PAYLOAD = "{\"sdp\":{\"type\":\"answer\",\"sdp\":\"v=0\\r\\no=- 1 2 IN IP4 127.0.0.1\\r\\n\"},"
            + "\"type\":\"data\",\"connectionId\":\"dc_x\"}";
    static final String CANDIDATE_PAYLOAD = "{\"candidate\":{\"candidate\":\"candidate:842163049 1 udp 1677729535 203.0.113.7 "
            + "46154 typ srflx raddr 0.0.0.0 rport 0 generation 0 ufrag abc network-cost 999\",\"sdpMid\":\"0\","
            + "\"sdpMLineIndex\":0,\"usernameFragment\":\"abc\"},\"type\":\"data\",\"connectionId\":\"dc_x\"}";

    private InboundMessage decode(String json) {
        return decoder.decode(json.getBytes(UTF_8));
    }

    private static String payloadText(InboundMessage m) {
        return new String(m.buffer(), m.payloadStart(), m.payloadEnd() - m.payloadStart(), UTF_8);
    }

    private static byte[] payloadBytes(InboundMessage m) {
        return Arrays.copyOfRange(m.buffer(), m.payloadStart(), m.payloadEnd());
    }

    // ---- The frames of the stock client

    @Test
    void offerAsPeerJsSendsIt() {
        // JSON.stringify keeps insertion order: {type, payload, dst}; no src.
        String frame = "{\"type\":\"OFFER\",\"payload\":" + OFFER_PAYLOAD + ",\"dst\":\"b\"}";
        InboundMessage m = decode(frame);
        assertThat(m.isValid()).as(m.invalidReason()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.OFFER);
        assertThat(m.src()).isNull();
        assertThat(m.dst()).isEqualTo("b");
        assertThat(m.hasPayload()).isTrue();
        assertThat(payloadBytes(m)).isEqualTo(OFFER_PAYLOAD.getBytes(UTF_8));
    }

    @Test
    void answerAsPeerJsSendsIt() {
        InboundMessage m = decode("{\"type\":\"ANSWER\",\"payload\":" + ANSWER_PAYLOAD + ",\"dst\":\"peer-A1\"}");
        assertThat(m.isValid()).as(m.invalidReason()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.ANSWER);
        assertThat(m.dst()).isEqualTo("peer-A1");
        assertThat(payloadText(m)).isEqualTo(ANSWER_PAYLOAD);
    }

    @Test
    void candidateAsPeerJsSendsIt() {
        InboundMessage m = decode("{\"type\":\"CANDIDATE\",\"payload\":" + CANDIDATE_PAYLOAD + ",\"dst\":\"b\"}");
        assertThat(m.isValid()).as(m.invalidReason()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.CANDIDATE);
        assertThat(m.dst()).isEqualTo("b");
        assertThat(payloadText(m)).isEqualTo(CANDIDATE_PAYLOAD);
    }

    @Test
    void heartbeat() {
        InboundMessage m = decode("{\"type\":\"HEARTBEAT\"}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.HEARTBEAT);
        assertThat(m.dst()).isNull();
        assertThat(m.hasPayload()).isFalse();
    }

    @Test
    void heartbeatIgnoresDstEvenWhenItIsNotAPeerId() {
        InboundMessage m = decode("{\"type\":\"HEARTBEAT\",\"dst\":42}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.HEARTBEAT);
        assertThat(m.dst()).isNull();
    }

    @Test
    void leaveWithoutDst() {
        InboundMessage m = decode("{\"type\":\"LEAVE\"}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.LEAVE);
        assertThat(m.dst()).isNull();
    }

    @Test
    void leaveWithDst() {
        InboundMessage m = decode("{\"type\":\"LEAVE\",\"dst\":\"b\"}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.type()).isEqualTo(MessageType.LEAVE);
        assertThat(m.dst()).isEqualTo("b");
    }

    @Test
    void srcIsReportedSoTheRoomCanCheckIt() {
        InboundMessage m = decode("{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.src()).isEqualTo("a");
    }

    @Test
    void nullSrcIsNoSrc() {
        InboundMessage m = decode("{\"type\":\"OFFER\",\"src\":null,\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.src()).isNull();
    }

    @Test
    void sdpAsAPlainStringIsAccepted() {
        InboundMessage m = decode("{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"v=0\\r\\n\",\"type\":\"offer\"}}");
        assertThat(m.isValid()).isTrue();
        assertThat(payloadText(m)).isEqualTo("{\"sdp\":\"v=0\\r\\n\",\"type\":\"offer\"}");
    }

    @Test
    void candidateAsAPlainStringIsAccepted() {
        InboundMessage m = decode("{\"type\":\"CANDIDATE\",\"dst\":\"b\",\"payload\":{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 9 typ host\"}}");
        assertThat(m.isValid()).isTrue();
        assertThat(payloadText(m)).isEqualTo("{\"candidate\":\"candidate:1 1 udp 1 10.0.0.1 9 typ host\"}");
    }

    @Test
    void dstOfSixtyFourCharactersIsAccepted() {
        String dst = "a".repeat(64);
        InboundMessage m = decode("{\"type\":\"OFFER\",\"dst\":\"" + dst + "\",\"payload\":{\"sdp\":\"x\"}}");
        assertThat(m.isValid()).isTrue();
        assertThat(m.dst()).isEqualTo(dst);
    }

    @Test
    void trailingWhitespaceIsFine() {
        assertThat(decode("{\"type\":\"HEARTBEAT\"}\r\n \t").isValid()).isTrue();
    }

    // ---- The payload slice is forwarded unchanged, so it must be exact

    @Test
    void keepsWhitespaceKeyOrderAndEscapesByteForByte() {
        String payload = "{ \"z\" : 1 ,\n \"sdp\" : { \"sdp\" : \"a\\u0041\\n\\/\" , \"type\" : \"offer\" } , \"a\" : [ ] }";
        InboundMessage m = decode("{ \"type\" : \"OFFER\" , \"dst\" : \"b\" , \"payload\" : " + payload + " }");
        assertThat(m.isValid()).isTrue();
        assertThat(payloadText(m)).isEqualTo(payload);
    }

    @Test
    void multiByteCharactersBeforeThePayloadDoNotShiftTheSlice() {
        // Byte offsets, not char offsets: 2-, 3- and 4-byte sequences before the payload.
        String payload = "{\"sdp\":\"é€😀\",\"metadata\":{\"ü\":\"😀\"}}";
        String frame = "{\"type\":\"OFFER\",\"note\":\"ü€😀ü€😀\",\"dst\":\"b\",\"payload\":" + payload + ",\"after\":\"ß\"}";
        InboundMessage m = decode(frame);
        assertThat(m.isValid()).isTrue();
        assertThat(payloadBytes(m)).isEqualTo(payload.getBytes(UTF_8));
    }

    @Test
    void decodesFromANonZeroOffsetIntoALargerArray() {
        String payload = "{\"sdp\":{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"},\"metadata\":{\"n\":\"Zoë\"}}";
        byte[] frame = ("{\"type\":\"OFFER\",\"x\":\"€\",\"dst\":\"b\",\"payload\":" + payload + "}").getBytes(UTF_8);
        byte[] before = "ééé{\"type\":\"junk\",".getBytes(UTF_8);
        byte[] after = "}},garbage{\"type\":".getBytes(UTF_8);
        byte[] big = new byte[before.length + frame.length + after.length];
        System.arraycopy(before, 0, big, 0, before.length);
        System.arraycopy(frame, 0, big, before.length, frame.length);
        System.arraycopy(after, 0, big, before.length + frame.length, after.length);

        InboundMessage m = decoder.decode(big, before.length, frame.length);

        assertThat(m.isValid()).as(m.invalidReason()).isTrue();
        assertThat(m.buffer()).isSameAs(big);
        assertThat(m.payloadStart()).isGreaterThan(before.length);
        assertThat(m.payloadEnd()).isLessThanOrEqualTo(before.length + frame.length);
        assertThat(payloadBytes(m)).isEqualTo(payload.getBytes(UTF_8));
    }

    @Test
    void lastPayloadWinsWhenRepeated() {
        InboundMessage m = decode("{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"1\"},\"payload\":{\"sdp\":\"2\"}}");
        assertThat(m.isValid()).isTrue();
        assertThat(payloadText(m)).isEqualTo("{\"sdp\":\"2\"}");
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    static byte[] splice(String before, byte[] middle, String after) {
        byte[] a = before.getBytes(UTF_8);
        byte[] c = after.getBytes(UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }
}
