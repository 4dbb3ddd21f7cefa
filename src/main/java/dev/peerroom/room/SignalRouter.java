package dev.peerroom.room;

import dev.peerroom.protocol.InboundMessage;
import dev.peerroom.protocol.OutboundFrames;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routing rules of a room: OFFER/ANSWER/CANDIDATE go to dst with src stamped; an unknown dst is
 * held, then EXPIREd to the sender. Runs on the room's executor, like the room.
 */
final class SignalRouter {
    private static final Logger log = LoggerFactory.getLogger(SignalRouter.class);
    private final RoomContext room;
    private final HeldMessages held;
    private final Function<String, Peer> peers;
    /** Write failures may be reported on any thread: they come back to the room's executor. */
    private final PeerConnection.FailedDelivery failedDelivery;

    SignalRouter(RoomContext room, HeldMessages held, Function<String, Peer> peers) {
        this.room = room;
        this.held = held;
        this.peers = peers;
        this.failedDelivery = (src, dst) -> room.executor().execute(() -> deliveryFailed(src, dst));
    }

    void route(Peer sender, InboundMessage message, long receivedNanos, long now) {
        String dst = message.dst();
        Peer target = peers.apply(dst);
        if (target != null) {
            // The socket encodes the frame itself, straight into its outbound buffer.
            target.connection().deliverSignal(message, sender.id(), failedDelivery);
            room.metrics().routed(message.type(), System.nanoTime() - receivedNanos);
            return;
        }
        byte[] frame = OutboundFrames.signal(message.type(), sender.id(), dst,
                message.buffer(), message.payloadStart(), message.payloadEnd());
        if (room.membership().forward(room.roomId(), sender.id(), dst, frame)) {
            room.metrics().routed(message.type(), System.nanoTime() - receivedNanos);
        } else {
            hold(sender.id(), sender, dst, frame, now);
        }
    }

    /** Holds a frame for an absent dst; over the bound, the sender is told at once. */
    private void hold(String src, Peer localSender, String dst, byte[] frame, long now) {
        if (held.offer(src, dst, frame, now)) {
            room.metrics().held();
            room.membership().locate(room.roomId(), dst);
            return;
        }
        // Over the bound: the pair's earlier held messages go too, and the sender hears once
        // per burst however many of its messages overflow.
        int dropped = held.dropPair(src, dst) + 1;
        room.metrics().holdExpired(dropped);
        if (localSender == null || localSender.firstFailureTo(dst, now, room.rules().holdTimeoutMs())) {
            log.info("room={} peer={} messages to {} expired: hold bound reached", room.roomId(), src, dst);
            tellSender(src, dst);
        }
    }

    /** A frame routed by a peer on another node; dst is expected here, or held until it comes. */
    void fromRemote(String src, String dst, byte[] frame, long now) {
        Peer target = peers.apply(dst);
        if (target != null) {
            target.connection().deliver(frame, () -> failedDelivery.failed(src, dst));
            return;
        }
        hold(src, peers.apply(src), dst, frame, now);
    }

    /** dst joined on another node: what is held for it goes there. */
    void sendHeldElsewhere(String dst) {
        for (HeldMessages.Held h : held.takeHeldFor(dst)) {
            if (!room.membership().forward(room.roomId(), h.sender(), dst, h.frame())) {
                held.offer(h.sender(), dst, h.frame(), h.arrivedAt());
            }
        }
    }

    /** LEAVE with dst goes to dst only, and is dropped silently when dst is absent. */
    void leaveTo(Peer sender, String dst) {
        byte[] frame = OutboundFrames.leave(sender.id(), dst);
        Peer target = peers.apply(dst);
        if (target != null) {
            target.connection().send(frame);
        } else {
            room.membership().forward(room.roomId(), null, dst, frame); // no EXPIRE for a LEAVE
        }
    }

    void expireHeld(long now) {
        for (HeldMessages.Pair pair : held.expire(now)) {
            room.metrics().holdExpired(pair.messages());
            log.info("room={} peer={} {} held message(s) to {} expired", room.roomId(), pair.sender(),
                    pair.messages(), pair.dst());
            tellSender(pair.sender(), pair.dst());
        }
    }

    /**
     * A routed frame was accepted but did not reach dst (a failed write here, or dst's node gone):
     * the sender is told, once per burst when it is here.
     */
    void deliveryFailed(String src, String dst) {
        Peer sender = peers.apply(src);
        long now = room.clock().millis();
        room.metrics().holdExpired(1);
        if (sender == null) {
            tellSender(src, dst);
        } else if (sender.firstFailureTo(dst, now, room.rules().holdTimeoutMs())) {
            sender.connection().send(OutboundFrames.expire(dst, src));
        }
    }

    private void tellSender(String sender, String dst) {
        byte[] frame = OutboundFrames.expire(dst, sender);
        Peer peer = peers.apply(sender);
        if (peer != null) {
            peer.connection().send(frame);
        } else {
            room.membership().forward(room.roomId(), null, sender, frame);
        }
    }
}
