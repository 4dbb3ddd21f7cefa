package dev.peerroom.cluster;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InboxMessageTest {

    @Test
    void aFrameRoundTripsByteForByte() {
        byte[] frame = "{\"type\":\"OFFER\",\"src\":\"a\",\"payload\":{\"sdp\":\"v=0\\r\\n\\n\"}}".getBytes(UTF_8);
        byte[] wire = InboxMessage.encode(InboxMessage.FRAME, frame, "123456789012345678", "a", "b");
        InboxMessage m = InboxMessage.decode(wire, InboxMessage.fieldCount(wire[0]));
        assertThat(m.kind()).isEqualTo(InboxMessage.FRAME);
        assertThat(m.field(0)).isEqualTo("123456789012345678");
        assertThat(m.field(1)).isEqualTo("a");
        assertThat(m.field(2)).isEqualTo("b");
        assertThat(m.body()).isEqualTo(frame);
    }

    @Test
    void anAbsentSenderIsAnEmptyFieldAndReadsAsNull() {
        byte[] wire = InboxMessage.encode(InboxMessage.FRAME, new byte[] {'x'}, "1", null, "b");
        assertThat(InboxMessage.decode(wire, 3).field(1)).isNull();
    }

    @Test
    void malformedMessagesAreRefused() {
        assertThat(InboxMessage.decode("F".getBytes(UTF_8), 3)).isNull();
        assertThat(InboxMessage.decode("F\nroom\nonly-two".getBytes(UTF_8), 3)).isNull();
        assertThat(InboxMessage.decode("Fx".getBytes(UTF_8), 1)).isNull();
        assertThat(InboxMessage.fieldCount((byte) 'Z')).isEqualTo(-1);
    }

    @Test
    void everyKindHasItsFieldCount() {
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.FRAME)).isEqualTo(3);
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.BROADCAST)).isEqualTo(2);
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.JOINED)).isEqualTo(3);
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.LEFT)).isEqualTo(3);
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.REPLACED)).isEqualTo(3);
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.PROBE)).isEqualTo(1);
        assertThat(InboxMessage.fieldCount((byte) InboxMessage.KICK)).isEqualTo(2);
    }

    @Test
    void aKickCarriesRoomAndPeer() {
        byte[] wire = InboxMessage.encode(InboxMessage.KICK, null, "123456789012345678", "b");
        InboxMessage m = InboxMessage.decode(wire, InboxMessage.fieldCount(wire[0]));
        assertThat(m.kind()).isEqualTo(InboxMessage.KICK);
        assertThat(m.field(0)).isEqualTo("123456789012345678");
        assertThat(m.field(1)).isEqualTo("b");
        assertThat(m.body()).isEmpty();
    }
}
