package dev.peerroom.room;

import static dev.peerroom.room.RoomFixture.OPEN;
import static dev.peerroom.room.RoomFixture.ROOM;
import static dev.peerroom.room.RoomFixture.candidate;
import static dev.peerroom.room.RoomFixture.routedCandidate;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.MessageDecoder;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * The transport decodes every frame into one reused buffer. Whatever keeps a message past the
 * call (a pending join's queue, a hop to the room's thread) must keep its own copy: each test
 * overwrites the buffer right after the call and checks the frame still arrives intact.
 */
class ReusedBufferTest {
    private final byte[] scratch = new byte[4096];
    private final MessageDecoder decoder = new MessageDecoder();

    /** Decodes {@code json} from the shared buffer, as the transport does. */
    private InboundMessage fromScratch(String json) {
        byte[] bytes = json.getBytes(UTF_8);
        System.arraycopy(bytes, 0, scratch, 0, bytes.length);
        return decoder.decode(scratch, 0, bytes.length);
    }

    private void clobber() {
        Arrays.fill(scratch, (byte) 'x');
    }

    @Test
    void framesQueuedWhileAJoinIsPendingKeepTheirBytes() {
        DeferredMembership membership = new DeferredMembership();
        RoomFixture f = new RoomFixture(membership);
        RecordingConnection b = f.join("b");
        membership.answerNext();
        RecordingConnection a = f.join("a");

        f.room.onMessage(a, fromScratch(candidate("b", 1)), System.nanoTime());
        clobber();
        f.room.onMessage(a, fromScratch(candidate("b", 2)), System.nanoTime());
        clobber();
        membership.answerNext();

        assertThat(b.drain()).containsExactly(OPEN, routedCandidate("a", "b", 1), routedCandidate("a", "b", 2));
    }

    @Test
    void aMessageThatHopsToTheRoomsThreadKeepsItsBytes() {
        ArrayDeque<Runnable> roomThread = new ArrayDeque<>();
        Executor queued = roomThread::add;
        RoomExecutors notHere = new RoomExecutors() {
            @Override
            public Executor forRoom(String roomId) {
                return queued;
            }
        };
        RoomFixture f = new RoomFixture();
        RoomRegistry registry = new RoomRegistry(RoomRules.defaults(), f.clock, new LocalMembership(),
                RoomMetrics.NONE, notHere);
        RecordingConnection a = new RecordingConnection("a");
        RecordingConnection b = new RecordingConnection("b");
        registry.join(ROOM, "a", "ta", a);
        registry.join(ROOM, "b", "tb", b);
        runAll(roomThread);

        registry.message(ROOM, a, fromScratch(candidate("b", 7)), System.nanoTime());
        clobber();
        assertThat(roomThread).hasSize(1);
        runAll(roomThread);

        assertThat(b.drain()).containsExactly(OPEN, routedCandidate("a", "b", 7));
        assertThat(a.drain()).containsExactly(OPEN);
    }

    @Test
    void aMessageHeldForAnAbsentPeerKeepsItsBytes() {
        RoomFixture f = new RoomFixture();
        RecordingConnection a = f.joined("a");
        f.room.onMessage(a, fromScratch(candidate("b", 3)), System.nanoTime());
        clobber();
        RecordingConnection b = f.join("b");
        assertThat(b.drain()).containsExactly(OPEN, routedCandidate("a", "b", 3));
    }

    private static void runAll(ArrayDeque<Runnable> tasks) {
        while (!tasks.isEmpty()) {
            tasks.poll().run();
        }
    }
}
