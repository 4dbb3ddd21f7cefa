package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.ANSWER_PAYLOAD;
import static dev.peerroom.room.RoomFixture.CANDIDATE_PAYLOAD;
import static dev.peerroom.room.RoomFixture.INVALID_MESSAGE;
import static dev.peerroom.room.RoomFixture.OFFER_PAYLOAD;
import static dev.peerroom.room.RoomFixture.answer;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.expire;
import static dev.peerroom.room.RoomFixture.offer;
import static dev.peerroom.room.RoomFixture.routed;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** OFFER/ANSWER/CANDIDATE routing, invalid messages, LEAVE and HEARTBEAT. */
class GameRoomRoutingTest {
    private final RoomFixture f = new RoomFixture();
    private RecordingConnection a;
    private RecordingConnection b;
    private RecordingConnection c;

    @BeforeEach
    void threePeers() {
        a = f.joined("a");
        b = f.joined("b");
        c = f.joined("c");
    }

    private void nobodyElseGotAnything() {
        assertThat(a.sent).isEmpty();
        assertThat(b.sent).isEmpty();
        assertThat(c.sent).isEmpty();
    }

    @Test
    void offerGoesToDstWithSrcStampedAndThePayloadUnchanged() {
        f.send(a, offer("b"));
        assertThat(b.drain()).containsExactly(
                "{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"b\",\"payload\":" + OFFER_PAYLOAD + "}");
        nobodyElseGotAnything();
        assertThat(f.metrics.routed).containsExactly(MessageType.OFFER);
    }

    @Test
    void answerAndCandidateAreRoutedTheSameWay() {
        f.send(b, answer("a"));
        f.send(c, candidate("a"));
        assertThat(a.drain()).containsExactly(
                routed("ANSWER", "b", "a", ANSWER_PAYLOAD),
                routed("CANDIDATE", "c", "a", CANDIDATE_PAYLOAD));
        nobodyElseGotAnything();
    }

    @Test
    void otherTopLevelFieldsAreNotForwarded() {
        String payload = "{ \"sdp\" : \"v=0\" ,\"x\":{\"y\":[1,\"é\"]} }";
        f.send(a, "{\"id\":7,\"type\":\"OFFER\",\"extra\":{\"k\":\"v\"},\"dst\":\"b\",\"payload\":" + payload
                + ",\"browser\":\"chrome\",\"src\":\"a\"}");
        assertThat(b.drain()).containsExactly("{\"type\":\"OFFER\",\"src\":\"a\",\"dst\":\"b\",\"payload\":" + payload + "}");
    }

    @Test
    void aSrcNamingTheSenderIsAccepted() {
        f.send(a, "{\"type\":\"CANDIDATE\",\"src\":\"a\",\"dst\":\"b\",\"payload\":{\"candidate\":\"c\"}}");
        assertThat(b.drain()).containsExactly("{\"type\":\"CANDIDATE\",\"src\":\"a\",\"dst\":\"b\",\"payload\":{\"candidate\":\"c\"}}");
    }

    @Test
    void aSpoofedSrcIsAnInvalidMessageAndIsNotForwarded() {
        f.send(a, "{\"type\":\"OFFER\",\"src\":\"c\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}");
        assertThat(a.drain()).containsExactly(INVALID_MESSAGE);
        assertThat(a.closeCode).isNull();
        nobodyElseGotAnything();
        assertThat(f.metrics.errors).containsExactly(ErrorCode.INVALID_MESSAGE);
        // The connection stays usable.
        f.send(a, candidate("b", 1));
        assertThat(b.drain()).containsExactly(RoomFixture.routedCandidate("a", "b", 1));
    }

    @Test
    void aSignalToTheSenderItselfIsInvalid() {
        f.send(a, offer("a"));
        assertThat(a.drain()).containsExactly(INVALID_MESSAGE);
        assertThat(a.closeCode).isNull();
        nobodyElseGotAnything();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "[]", "null", "{}", "{\"type\":\"EXPIRE\",\"dst\":\"b\"}", "{\"type\":\"OPEN\"}",
            "{\"type\":\"offer\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}", "{\"type\":\"OFFER\",\"payload\":{\"sdp\":\"x\"}}",
            "{\"type\":\"OFFER\",\"dst\":\"b\",\"payload\":{\"candidate\":\"x\"}}", "{\"type\":\"OFFER\",\"dst\":\"b\"}",
            "{\"type\":\"CANDIDATE\",\"dst\":\"b b\",\"payload\":{\"candidate\":\"x\"}}", "{\"type\":\"LEAVE\",\"dst\":\"a\"}",
            "{\"type\":\"HEARTBEAT\"} trailing"})
    void invalidMessagesGetAnErrorAndTheConnectionStaysOpen(String frame) {
        f.send(a, frame);
        assertThat(a.drain()).containsExactly(INVALID_MESSAGE);
        assertThat(a.closeCode).isNull();
        nobodyElseGotAnything();
        assertThat(f.room.peerIds()).containsExactly("a", "b", "c");
    }

    @Test
    void aBinaryFrameIsAnInvalidMessage() {
        f.room.onMessage(a, InboundMessage.invalid("binary frame"), System.nanoTime());
        assertThat(a.drain()).containsExactly(INVALID_MESSAGE);
        assertThat(a.closeCode).isNull();
    }

    @Test
    void heartbeatIsForwardedToNobodyAndGetsNoReply() {
        f.send(a, "{\"type\":\"HEARTBEAT\"}");
        f.send(a, "{\"type\":\"HEARTBEAT\",\"dst\":\"b\",\"payload\":{\"sdp\":\"x\"}}");
        f.send(a, "{\"type\":\"HEARTBEAT\",\"dst\":\"a\"}");
        nobodyElseGotAnything();
        assertThat(a.closeCode).isNull();
        assertThat(f.metrics.routed).isEmpty();
    }

    @Test
    void leaveWithoutDstTellsEveryOtherPeerAndClosesTheSender() {
        f.send(a, "{\"type\":\"LEAVE\"}");

        assertThat(b.drain()).containsExactly("{\"type\":\"LEAVE\",\"src\":\"a\"}");
        assertThat(c.drain()).containsExactly("{\"type\":\"LEAVE\",\"src\":\"a\"}");
        assertThat(a.sent).isEmpty();
        assertThat(a.sentAfterClose).isEmpty();
        assertThat(a.closeCode).isEqualTo(1000);
        assertThat(f.room.peerIds()).containsExactly("b", "c");
        assertThat(f.metrics.peersLeft).isEqualTo(1);
    }

    @Test
    void afterLeaveTheIdIsFreeAndTheOldSocketIsIgnored() {
        f.send(a, "{\"type\":\"LEAVE\"}");
        b.drain();
        c.drain();
        f.room.onClose(a);
        f.send(a, candidate("b", 1));
        assertThat(b.sent).isEmpty();

        RecordingConnection newcomer = f.join("a", "a-new-token");
        assertThat(newcomer.sent).containsExactly(RoomFixture.OPEN);
        assertThat(f.metrics.peersLeft).isEqualTo(1);
    }

    @Test
    void leaveWithDstGoesToDstOnlyAndTheSenderStays() {
        f.send(a, "{\"type\":\"LEAVE\",\"dst\":\"b\"}");
        assertThat(b.drain()).containsExactly("{\"type\":\"LEAVE\",\"src\":\"a\",\"dst\":\"b\"}");
        nobodyElseGotAnything();
        assertThat(a.closeCode).isNull();
        assertThat(f.room.peerIds()).containsExactly("a", "b", "c");
    }

    @Test
    void leaveToAnAbsentDstIsDroppedSilently() {
        f.send(a, "{\"type\":\"LEAVE\",\"dst\":\"zed\"}");
        nobodyElseGotAnything();
        assertThat(a.closeCode).isNull();
        // Not held either: zed joining later gets only OPEN.
        assertThat(f.join("zed").sent).containsExactly(RoomFixture.OPEN);
    }

    @Test
    void aFailedWriteTellsTheSenderOnceWithExpire() {
        b.failDeliveries = true;
        f.send(a, offer("b"));
        f.send(a, candidate("b", 1));
        f.send(a, candidate("b", 2));

        assertThat(a.drain()).containsExactly(expire("b", "a"));
        assertThat(b.sent).isEmpty();
        assertThat(c.sent).isEmpty();
        assertThat(f.metrics.holdExpiredMessages).as("every lost message counts, one EXPIRE covers them").isEqualTo(3);
    }

    @Test
    void failedWritesToDifferentPeersAreEachReported() {
        b.failDeliveries = true;
        c.failDeliveries = true;
        f.send(a, candidate("b", 1));
        f.send(a, candidate("c", 1));
        assertThat(a.drain()).containsExactly(expire("b", "a"), expire("c", "a"));
    }

    @Test
    void aWriteToASocketThatClosedUnderneathIsReported() {
        b.close(1006, "gone");
        f.send(a, offer("b"));
        assertThat(a.drain()).containsExactly(expire("b", "a"));
    }
}
