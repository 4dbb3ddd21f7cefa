package dev.peerroom.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every frame the server writes, compared as exact strings. */
class OutboundFramesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static String text(byte[] frame) {
        return new String(frame, UTF_8);
    }

    @Test
    void open() {
        assertThat(text(OutboundFrames.open())).isEqualTo("{\"type\":\"OPEN\"}");
    }

    @Test
    void idTaken() {
        assertThat(text(OutboundFrames.idTaken())).isEqualTo("{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}");
    }

    @Test
    void everyErrorHasTheContractMessageAndCode() {
        Map<ErrorCode, String> expected = Map.of(
                ErrorCode.INVALID_ROOM, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid room id\",\"code\":\"INVALID_ROOM\"}}",
                ErrorCode.MISSING_PARAMS, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"No id, token, or key supplied to websocket server\",\"code\":\"MISSING_PARAMS\"}}",
                ErrorCode.INVALID_KEY, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid key provided\",\"code\":\"INVALID_KEY\"}}",
                ErrorCode.INVALID_ID, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid peer id\",\"code\":\"INVALID_ID\"}}",
                ErrorCode.UNAUTHORIZED, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Unauthorized\",\"code\":\"UNAUTHORIZED\"}}",
                ErrorCode.ROOM_FULL, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Room is full\",\"code\":\"ROOM_FULL\"}}",
                ErrorCode.INVALID_MESSAGE, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Invalid message\",\"code\":\"INVALID_MESSAGE\"}}",
                ErrorCode.RATE_LIMITED, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Rate limit exceeded\",\"code\":\"RATE_LIMITED\"}}",
                ErrorCode.CONCURRENT_LIMIT, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Server has reached its concurrent user limit\",\"code\":\"CONCURRENT_LIMIT\"}}",
                ErrorCode.KICKED, "{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Kicked\",\"code\":\"KICKED\"}}");
        assertThat(expected).hasSize(ErrorCode.values().length);
        for (ErrorCode code : ErrorCode.values()) {
            assertThat(text(OutboundFrames.error(code))).as(code.name()).isEqualTo(expected.get(code));
        }
    }

    @Test
    void everyErrorIsJsonWithAPayloadMsg() throws Exception {
        // The stock client throws on an ERROR without payload.msg.
        for (ErrorCode code : ErrorCode.values()) {
            JsonNode node = JSON.readTree(OutboundFrames.error(code));
            assertThat(node.path("type").asText()).isEqualTo("ERROR");
            assertThat(node.path("payload").path("msg").isTextual()).isTrue();
            assertThat(node.path("payload").path("msg").asText()).isEqualTo(code.message());
            assertThat(node.path("payload").path("code").asText()).isEqualTo(code.name());
        }
    }

    @Test
    void signalCopiesThePayloadSliceByteForByte() {
        String payload = "{ \"sdp\" : {\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\"}, \"metadata\":{\"n\":\"Zoë 😀\",\"e\":\"\\u00e9\"} }";
        byte[] buf = ("junk before{\"payload\":" + payload + "} junk after").getBytes(UTF_8);
        int start = "junk before{\"payload\":".getBytes(UTF_8).length;
        int end = start + payload.getBytes(UTF_8).length;

        byte[] frame = OutboundFrames.signal(MessageType.OFFER, "a", "peer-B", buf, start, end);

        assertThat(text(frame)).isEqualTo("{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"peer-B\",\"payload\":" + payload + "}");
    }

    @Test
    void signalUsesTheTypeName() {
        byte[] p = "{\"candidate\":\"c\"}".getBytes(UTF_8);
        assertThat(text(OutboundFrames.signal(MessageType.ANSWER, "x", "y", p, 0, p.length)))
                .isEqualTo("{\"type\":\"ANSWER\",\"src\":\"x\",\"dst\":\"y\",\"payload\":{\"candidate\":\"c\"}}");
        assertThat(text(OutboundFrames.signal(MessageType.CANDIDATE, "x", "y", p, 0, p.length)))
                .isEqualTo("{\"type\":\"CANDIDATE\",\"src\":\"x\",\"dst\":\"y\",\"payload\":{\"candidate\":\"c\"}}");
    }

    @Test
    void expireToTheSenderOfAnUndeliverableMessage() {
        assertThat(text(OutboundFrames.expire("b", "a"))).isEqualTo("{\"type\":\"EXPIRE\",\"src\":\"b\",\"dst\":\"a\"}");
    }

    @Test
    void expireOfAStalePeer() {
        assertThat(text(OutboundFrames.expire("a"))).isEqualTo("{\"type\":\"EXPIRE\",\"src\":\"a\"}");
    }

    @Test
    void leaveBroadcastAndAddressed() {
        assertThat(text(OutboundFrames.leave("a"))).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"a\"}");
        assertThat(text(OutboundFrames.leave("a", "b"))).isEqualTo("{\"type\":\"LEAVE\",\"src\":\"a\",\"dst\":\"b\"}");
    }
}
