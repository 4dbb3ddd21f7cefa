package dev.peerroom.server;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.ServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * The socket transport: native epoll on Linux (no JDK selector locks, no per-read ByteBuffer
 * views, edge-triggered readiness), NIO everywhere else or when the native library cannot load.
 *
 * <p>The epoll classes are looked up by name: the epoll artifact is a runtime-scope dependency
 * (it carries a native library for one platform), so the server compiles without it and runs
 * without it, on NIO. {@code -Dio.netty.transport.noNative=true} forces NIO.
 */
record Transport(String name, IoHandlerFactory ioHandlers, Class<? extends ServerChannel> serverChannel) {
    private static final String EPOLL = "io.netty.channel.epoll.";

    static Transport pick() {
        String unavailable;
        try {
            Class<?> epoll = Class.forName(EPOLL + "Epoll");
            if ((Boolean) epoll.getMethod("isAvailable").invoke(null)) {
                return new Transport("epoll",
                        (IoHandlerFactory) Class.forName(EPOLL + "EpollIoHandler").getMethod("newFactory").invoke(null),
                        Class.forName(EPOLL + "EpollServerSocketChannel").asSubclass(ServerChannel.class));
            }
            unavailable = String.valueOf(epoll.getMethod("unavailabilityCause").invoke(null));
        } catch (ReflectiveOperationException | LinkageError e) {
            unavailable = e.toString();
        }
        return new Transport("nio (epoll unavailable: " + unavailable + ")",
                NioIoHandler.newFactory(), NioServerSocketChannel.class);
    }
}
