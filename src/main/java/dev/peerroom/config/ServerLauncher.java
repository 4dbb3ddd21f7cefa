package dev.peerroom.config;

/**
 * Starts the server with validated settings. Kept as an interface so the command line can be
 * tested without binding a socket, and so this package does not depend on the server's.
 */
@FunctionalInterface
public interface ServerLauncher {

    /**
     * Runs the server, typically until it is shut down.
     *
     * @return the process exit code
     */
    int launch(ServerConfig config) throws Exception;
}
