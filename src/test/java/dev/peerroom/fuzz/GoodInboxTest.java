package dev.peerroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The good peers' oracle: it must notice a lost, reordered, altered or refused message. */
class GoodInboxTest {
    private final GoodInbox inbox = new GoodInbox("b", "a");

    @Test
    void acceptsThePartnersMessagesInOrderExactlyAsTheServerForwardsThem() {
        for (long seq = 0; seq < 12; seq++) {
            assertThat(inbox.accept(GoodMessages.deliveredFrame(seq, "a", "b"))).isNull();
        }
        assertThat(inbox.received()).isEqualTo(12);
        // The server forwards {type, src, dst, payload}; the client sent {type, payload, dst}.
        assertThat(GoodMessages.clientFrame(3, "b")).doesNotContain("\"src\"");
    }

    @Test
    void aSkippedMessageIsALoss() {
        inbox.accept(GoodMessages.deliveredFrame(0, "a", "b"));
        assertThat(inbox.accept(GoodMessages.deliveredFrame(2, "a", "b"))).contains("message 1 from a");
        assertThat(inbox.received()).isEqualTo(1);
    }

    @Test
    void anAlteredPayloadOrKeyOrderIsCaught() {
        String good = GoodMessages.deliveredFrame(0, "a", "b");
        assertThat(inbox.accept(good.replace("Zoë", "Zoe"))).isNotNull();
        String payloadFirst = "{\"type\":\"OFFER\",\"src\":\"a\",\"payload\":" + GoodMessages.payload(0) + ",\"dst\":\"b\"}";
        assertThat(inbox.accept(payloadFirst)).isNotNull();
        assertThat(inbox.received()).isZero();
    }

    @Test
    void anErrorIsAFailureAndFuzzTrafficIsForeign() {
        assertThat(inbox.accept("{\"type\":\"ERROR\",\"payload\":{\"msg\":\"Rate limit exceeded\",\"code\":\"RATE_LIMITED\"}}"))
                .contains("RATE_LIMITED");
        assertThat(inbox.accept("{\"type\":\"OFFER\",\"src\":\"fz-1\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}")).isNull();
        assertThat(inbox.accept("{\"type\":\"LEAVE\",\"src\":\"fz-2\"}")).isNull();
        assertThat(inbox.accept("{\"type\":\"EXPIRE\",\"src\":\"fz-3\"}")).isNull();
        assertThat(inbox.foreign()).isEqualTo(3);
        assertThat(inbox.received()).isZero();
    }
}
