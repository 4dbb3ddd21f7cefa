package dev.peerroom.protocol;

import static dev.peerroom.protocol.MessageDecoderTest.hex;
import static dev.peerroom.protocol.MessageDecoderTest.splice;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Everything the decoder must refuse (the room answers each with ERROR INVALID_MESSAGE). */
class MessageDecoderInvalidTest {
    private final MessageDecoder decoder = new MessageDecoder();

    private InboundMessage decode(String json) {
        return decoder.decode(json.getBytes(UTF_8));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "garbage", "{", "}", "{}}", "[]", "[{\"type\":\"HEARTBEAT\"}]", "\"HEARTBEAT\"",
            "42", "null", "true", "{type:\"HEARTBEAT\"}", "{'type':'HEARTBEAT'}", "{\"type\":\"HEARTBEAT\",}",
            "// c\n{\"type\":\"HEARTBEAT\"}"})
    void notAJsonObject(String frame) {
        assertInvalid(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"dst\":\"b\"}", "{\"type\":1}", "{\"type\":null}", "{\"type\":true}",
            "{\"type\":[\"OFFER\"]}", "{\"type\":{\"t\":\"OFFER\"}}", "{\"Type\":\"HEARTBEAT\"}"})
    void noTypeOrNonStringType(String frame) {
        assertInvalid(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"EXPIRE", "OPEN", "ERROR", "ID-TAKEN", "INVALID-KEY", "offer", "heartbeat", "Leave",
            "", " OFFER", "OFFER ", "PING"})
    void unknownType(String type) {
        // Even with a well-formed dst and payload, so only the type can be the reason.
        assertInvalid("{\"type\":\"" + type + "\",\"src\":\"b\",\"dst\":\"a\",\"payload\":{\"sdp\":\"x\",\"candidate\":\"c\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OFFER", "ANSWER", "CANDIDATE", "LEAVE"})
    void badDst(String type) {
        String payload = ",\"payload\":{\"sdp\":\"x\",\"candidate\":\"c\"}}";
        for (String dst : new String[]{"42", "true", "{}", "[]", "\"\"", "\"a b\"", "\"a_b\"", "\"a.b\"", "\"é\"",
                "\"" + "a".repeat(65) + "\""}) {
            assertInvalid("{\"type\":\"" + type + "\",\"dst\":" + dst + payload);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"42", "\"a b\"", "\"\"", "{}"})
    void badSrc(String src) {
        assertInvalid("{\"type\":\"OFFER\",\"src\":" + src + ",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"OFFER", "ANSWER", "CANDIDATE"})
    void signalWithoutDst(String type) {
        assertInvalid("{\"type\":\"" + type + "\",\"payload\":{\"sdp\":\"x\",\"candidate\":\"c\"}}");
        assertInvalid("{\"type\":\"" + type + "\",\"dst\":null,\"payload\":{\"sdp\":\"x\",\"candidate\":\"c\"}}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"payload\":null", ",\"payload\":\"sdp\"", ",\"payload\":[{\"sdp\":\"x\"}]",
            ",\"payload\":1", ",\"payload\":{}", ",\"payload\":{\"sdp\":null}", ",\"payload\":{\"sdp\":1}",
            ",\"payload\":{\"sdp\":{}}", ",\"payload\":{\"sdp\":{\"type\":\"offer\"}}",
            ",\"payload\":{\"sdp\":{\"sdp\":7}}", ",\"payload\":{\"sdp\":[\"x\"]}",
            ",\"payload\":{\"candidate\":\"c\"}", ",\"payload\":{\"x\":{\"sdp\":\"nested too deep\"}}",
            ",\"payload\":{\"sdp\":\"x\"},\"payload\":7"})
    void offerOrAnswerWithoutSdp(String payloadPart) {
        assertInvalid("{\"type\":\"OFFER\",\"dst\":\"b\"" + payloadPart + "}");
        assertInvalid("{\"type\":\"ANSWER\",\"dst\":\"b\"" + payloadPart + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ",\"payload\":null", ",\"payload\":\"candidate\"", ",\"payload\":{}",
            ",\"payload\":{\"candidate\":null}", ",\"payload\":{\"candidate\":{}}",
            ",\"payload\":{\"candidate\":{\"sdpMid\":\"0\"}}", ",\"payload\":{\"candidate\":{\"candidate\":null}}",
            ",\"payload\":{\"sdp\":\"x\"}"})
    void candidateWithoutCandidate(String payloadPart) {
        assertInvalid("{\"type\":\"CANDIDATE\",\"dst\":\"b\"" + payloadPart + "}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"HEARTBEAT\"}x", "{\"type\":\"HEARTBEAT\"}{\"type\":\"HEARTBEAT\"}",
            "{\"type\":\"HEARTBEAT\"}[]", "{\"type\":\"HEARTBEAT\"} 1", "{\"type\":\"HEARTBEAT\"}}"})
    void trailingDataAfterTheObject(String frame) {
        assertInvalid(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"HEARTBEAT\"", "{\"type\":\"HEART", "{\"type\":",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":{\"sdp\":\"x\""})
    void truncated(String frame) {
        assertInvalid(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"a\nb\"}}",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\",\"m\":\"a\\qb\"}}",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\",\"m\":NaN}}",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\",\"m\":01}}"})
    void invalidJsonInsideThePayload(String frame) {
        assertInvalid(frame);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ff", "fe", "c3", "c0af", "c1bf", "80", "bf", "e282", "e08080", "eda080", "edbfbf",
            "f4908080", "f0808080", "f5808080", "f888808080", "00"})
    void invalidUtf8AnywhereIsInvalid(String hex) {
        byte[] bad = hex(hex);
        // In a forwarded payload string, in a skipped top-level string, in a field name.
        assertInvalid(splice("{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"", bad, "\"}}"));
        assertInvalid(splice("{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\",\"m\":\"", bad, "\"}}"));
        assertInvalid(splice("{\"type\":\"HEARTBEAT\",\"x\":\"", bad, "\"}"));
        assertInvalid(splice("{\"type\":\"HEARTBEAT\",\"", bad, "\":1}"));
    }

    @Test
    void wellFormedMultiByteBoundariesAreAccepted() {
        // U+0080, U+07FF, U+0800, U+D7FF, U+E000, U+FFFF, U+10000, U+10FFFF.
        byte[] ok = hex("c280dfbfe0a080ed9fbfee8080efbfbff0908080f48fbfbf");
        InboundMessage m = decoder.decode(splice("{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"", ok, "\"}}"));
        assertThat(m.isValid()).as(m.invalidReason()).isTrue();
    }

    @Test
    void utf16AndUtf32AreNotSniffed() {
        // Jackson would auto-detect these and report no byte offsets, so the slice would be wrong.
        String frame = "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}";
        for (Charset cs : new Charset[]{StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE, StandardCharsets.UTF_16,
                Charset.forName("UTF-32LE"), Charset.forName("UTF-32BE")}) {
            assertThat(decoder.decode(frame.getBytes(cs)).isValid()).as(cs.name()).isFalse();
        }
    }

    @Test
    void invalidMessageCarriesAReasonAndNothingElse() {
        InboundMessage m = decode("garbage");
        assertThat(m.isValid()).isFalse();
        assertThat(m.invalidReason()).isNotBlank();
        assertThat(m.type()).isNull();
        assertThat(m.dst()).isNull();
        assertThat(m.hasPayload()).isFalse();
    }

    private void assertInvalid(String frame) {
        InboundMessage m = decode(frame);
        assertThat(m.isValid()).as("should be invalid: %s", frame).isFalse();
        assertThat(m.invalidReason()).isNotBlank();
    }

    private void assertInvalid(byte[] frame) {
        assertThat(decoder.decode(frame).isValid()).as("should be invalid: %s", new String(frame, UTF_8)).isFalse();
    }
}
