package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageFactoryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final MessageFactory factory = new MessageFactory();
    private final byte[] scratch = new byte[MessageFactory.STAMP_DIGITS];

    private String frame(boolean offer, String dst, long stamp) {
        byte[] tail = MessageFactory.dstTail(dst);
        ByteBuf buf = Unpooled.buffer();
        try {
            factory.write(buf, offer, tail, stamp, scratch);
            assertThat(buf.readableBytes()).isEqualTo(factory.frameLength(offer, tail));
            return buf.toString(StandardCharsets.UTF_8);
        } finally {
            buf.release();
        }
    }

    @Test
    void offerHasThePeerJsShapeAndRealisticSize() throws Exception {
        String text = frame(true, "bx1g0p1", 1234567890123L);
        assertThat(text.length()).isBetween(2300, 2800);
        JsonNode n = JSON.readTree(text);
        assertThat(n.fieldNames()).toIterable().containsExactly("type", "payload", "dst");
        assertThat(n.get("type").asText()).isEqualTo("OFFER");
        assertThat(n.get("dst").asText()).isEqualTo("bx1g0p1");
        JsonNode p = n.get("payload");
        assertThat(p.get("sdp").get("type").asText()).isEqualTo("offer");
        String sdp = p.get("sdp").get("sdp").asText();
        assertThat(sdp).startsWith("v=0\r\no=- ").contains("m=application 9 UDP/DTLS/SCTP webrtc-datachannel\r\n")
                .endsWith("\r\n");
        assertThat(p.get("type").asText()).isEqualTo("data");
        assertThat(p.get("connectionId").asText()).isEqualTo("dc_0001234567890123");
        assertThat(p.get("label").asText()).isEqualTo(p.get("connectionId").asText());
        assertThat(p.get("reliable").asBoolean()).isTrue();
        assertThat(p.get("serialization").asText()).isEqualTo("binary");
        assertThat(text).contains("\\r\\n").doesNotContain("\"src\"");
    }

    @Test
    void candidateHasThePeerJsShapeAndRealisticSize() throws Exception {
        String text = frame(false, "bx1g0p2", 42);
        assertThat(text.length()).isBetween(200, 330);
        JsonNode n = JSON.readTree(text);
        assertThat(n.fieldNames()).toIterable().containsExactly("type", "payload", "dst");
        assertThat(n.get("type").asText()).isEqualTo("CANDIDATE");
        JsonNode c = n.get("payload").get("candidate");
        assertThat(c.get("candidate").asText()).startsWith("candidate:842163049 1 udp 1677729535 192.0.2.10 53412 "
                + "typ srflx");
        assertThat(c.get("sdpMid").asText()).isEqualTo("0");
        assertThat(c.get("sdpMLineIndex").asInt()).isZero();
        assertThat(c.get("usernameFragment").asText()).isEqualTo("abcd");
        assertThat(n.get("payload").get("type").asText()).isEqualTo("data");
        assertThat(n.get("payload").get("connectionId").asText()).isEqualTo("dc_0000000000000042");
    }

    @Test
    void stampRoundTripsThroughARelayedFrame() throws Exception {
        for (boolean offer : new boolean[] {true, false}) {
            for (long stamp : new long[] {0, 1, 987_654_321_012_345L, 9_999_999_999_999_999L}) {
                JsonNode sent = JSON.readTree(frame(offer, "b", stamp));
                // What PeerRoom and peerjs-server forward: src stamped, payload unchanged, payload last.
                String relayed = "{\"type\":\"" + sent.get("type").asText() + "\",\"src\":\"a\",\"dst\":\"b\","
                        + "\"payload\":" + JSON.writeValueAsString(sent.get("payload")) + "}";
                ByteBuf buf = Unpooled.copiedBuffer(relayed, StandardCharsets.UTF_8);
                try {
                    assertThat(MessageFactory.parseStamp(buf)).isEqualTo(stamp);
                    assertThat(MessageFactory.classify(buf)).isEqualTo(MessageFactory.Kind.RELAYED);
                } finally {
                    buf.release();
                }
            }
        }
    }

    @Test
    void stampIsFoundInASliceAndMissingStampIsMinusOne() {
        ByteBuf buf = Unpooled.copiedBuffer("xx{\"payload\":{\"connectionId\":\"dc_0000000000000077\"}}yy",
                StandardCharsets.UTF_8);
        try {
            assertThat(MessageFactory.parseStamp(buf.slice(2, buf.readableBytes() - 4))).isEqualTo(77);
            assertThat(MessageFactory.parseStamp(Unpooled.EMPTY_BUFFER)).isEqualTo(-1);
        } finally {
            buf.release();
        }
        ByteBuf none = Unpooled.copiedBuffer("{\"type\":\"OFFER\",\"payload\":{\"connectionId\":\"mc_1\"}}",
                StandardCharsets.UTF_8);
        try {
            assertThat(MessageFactory.parseStamp(none)).isEqualTo(-1);
        } finally {
            none.release();
        }
    }

    @Test
    void classifiesServerFrames() {
        assertKind("{\"type\":\"OPEN\"}", MessageFactory.Kind.OPEN);
        assertKind("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"x\"}}", MessageFactory.Kind.ERROR);
        assertKind("{\"type\":\"ID-TAKEN\",\"payload\":{\"msg\":\"ID is taken\"}}", MessageFactory.Kind.ERROR);
        assertKind("{\"type\":\"EXPIRE\",\"src\":\"a\",\"dst\":\"b\"}", MessageFactory.Kind.EXPIRE);
        assertKind("{\"type\":\"LEAVE\",\"src\":\"a\"}", MessageFactory.Kind.LEAVE);
        assertKind("{\"type\":\"ANSWER\",\"src\":\"a\"}", MessageFactory.Kind.RELAYED);
        assertKind("{\"type\":\"CANDIDATE\",\"src\":\"a\"}", MessageFactory.Kind.RELAYED);
        assertKind("{\"x\":1}", MessageFactory.Kind.OTHER);
        assertKind("{}", MessageFactory.Kind.OTHER);
    }

    private static void assertKind(String text, MessageFactory.Kind kind) {
        ByteBuf buf = Unpooled.copiedBuffer(text, StandardCharsets.UTF_8);
        try {
            assertThat(MessageFactory.classify(buf)).as(text).isEqualTo(kind);
        } finally {
            buf.release();
        }
    }
}
