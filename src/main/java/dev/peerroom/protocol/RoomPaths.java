package dev.peerroom.protocol;

/**
 * The URL layout under the base path: {@code {base}rooms/{room}/peerjs} (WebSocket) and
 * {@code {base}rooms/{room}/{key}/id|peers} (HTTP). Paths are already percent-decoded.
 */
public final class RoomPaths {
    private static final String SOCKET_SUFFIX = "/peerjs";

    /** What an HTTP path under {@code {base}rooms/} asks for. */
    public record RoomResource(String roomId, String key, String resource) {
    }

    private final String roomsPrefix;

    /** @param basePath starts and ends with '/' */
    public RoomPaths(String basePath) {
        this.roomsPrefix = basePath + "rooms/";
    }

    /** The room segment of a WebSocket path (possibly invalid), or null when it is no socket path. */
    public String socketRoom(String path) {
        if (path.length() <= roomsPrefix.length() + SOCKET_SUFFIX.length() - 1
                || !path.startsWith(roomsPrefix) || !path.endsWith(SOCKET_SUFFIX)) {
            return null;
        }
        return path.substring(roomsPrefix.length(), path.length() - SOCKET_SUFFIX.length());
    }

    /** {@code {base}rooms/{room}/{key}/{resource}}, or null for any other shape. */
    public RoomResource resource(String path) {
        if (!path.startsWith(roomsPrefix)) {
            return null;
        }
        String[] parts = path.substring(roomsPrefix.length()).split("/", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return null;
        }
        return new RoomResource(parts[0], parts[1], parts[2]);
    }
}
