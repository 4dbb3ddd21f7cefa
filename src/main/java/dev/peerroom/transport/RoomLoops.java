package dev.peerroom.transport;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoop;
import java.util.concurrent.Executor;

/**
 * Puts a socket on its room's event loop before it joins the room.
 *
 * <p>Netty picks a connection's event loop when it is accepted, before the room is known. A
 * socket on another loop than its room pays two thread hops per relayed message (socket → room,
 * room → room mate's socket): a task each, and an eventfd wake-up and context switch whenever the
 * other loop sleeps. Re-registering the channel once, at the upgrade, lets the room run inline on
 * the socket's thread and write to its room mates' sockets without a hop. The upgrade is a quiet
 * point for the move: the request has been read in full, nothing has been written, and the client
 * sends nothing more until it reads the handshake response.
 */
final class RoomLoops {
    private RoomLoops() {
    }

    /**
     * Completes once {@code channel} runs on {@code roomExecutor}: at once when it already does, or
     * when the executor is not an event loop of the channel's own group (a direct executor in
     * tests); else after the channel has been deregistered here and registered there. A failed
     * move fails the future and the channel is closed.
     */
    static ChannelFuture moveTo(Channel channel, Executor roomExecutor) {
        EventLoop current = channel.eventLoop();
        if (!(roomExecutor instanceof EventLoop target) || target == current || target.parent() != current.parent()) {
            return channel.newSucceededFuture();
        }
        ChannelPromise moved = channel.newPromise();
        channel.deregister().addListener(deregistered -> {
            if (!deregistered.isSuccess()) {
                moved.setFailure(deregistered.cause());
                channel.close();
                return;
            }
            // Registration completes on the target loop, before it reads from the socket again.
            target.register(channel).addListener(registered -> {
                if (registered.isSuccess()) {
                    moved.setSuccess();
                } else {
                    moved.setFailure(registered.cause());
                    channel.close();
                }
            });
        });
        return moved;
    }
}
