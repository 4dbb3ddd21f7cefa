package dev.peerroom.protocol;

/**
 * The URL layout under the base path: {@code {base}rooms/{room}/peerjs} (WebSocket) and
 * {@code {base}rooms/{room}/{key}/id|peers} (HTTP). With peerjs-server's classic namespace on
 * ({@code --peerjs-compat}), also {@code {base}peerjs} and {@code {base}{key}/id|peers}, the paths
 * the stock client builds from {@code path: "/"}. Paths are already percent-decoded.
 */
public final class RoomPaths {
    private static final String SOCKET_SUFFIX = "/peerjs";

    /** What an HTTP path asks for; {@code classic} = the classic namespace's {@code {base}{key}/...}. */
    public record RoomResource(String roomId, String key, String resource, boolean classic) {
        public RoomResource(String roomId, String key, String resource) {
            this(roomId, key, resource, false);
        }
    }

    private final String basePath;
    private final String roomsPrefix;
    private final String classicSocket;

    /** The room paths only (no classic namespace). @param basePath starts and ends with '/' */
    public RoomPaths(String basePath) {
        this(basePath, false);
    }

    /** @param basePath starts and ends with '/'; @param classic serve the classic namespace too */
    public RoomPaths(String basePath, boolean classic) {
        this.basePath = basePath;
        this.roomsPrefix = basePath + "rooms/";
        this.classicSocket = classic ? basePath + "peerjs" : null;
    }

    public boolean servesClassic() {
        return classicSocket != null;
    }

    /** True for {@code {base}peerjs} when the classic namespace is served. */
    public boolean isClassicSocket(String path) {
        return classicSocket != null && classicSocket.equals(path);
    }

    /** The room segment of a WebSocket path (possibly invalid), or null when it is no room socket path. */
    public String socketRoom(String path) {
        if (path.length() <= roomsPrefix.length() + SOCKET_SUFFIX.length() - 1
                || !path.startsWith(roomsPrefix) || !path.endsWith(SOCKET_SUFFIX)) {
            return null;
        }
        return path.substring(roomsPrefix.length(), path.length() - SOCKET_SUFFIX.length());
    }

    /**
     * {@code {base}rooms/{room}/{key}/{resource}}, or (classic namespace on) {@code {base}{key}/{resource}},
     * or null for any other shape. Anything under {@code {base}rooms/} keeps its room meaning, so
     * the classic API cannot be reached with the key "rooms".
     */
    public RoomResource resource(String path) {
        if (path.startsWith(roomsPrefix)) {
            String[] parts = path.substring(roomsPrefix.length()).split("/", -1);
            if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
                return null;
            }
            return new RoomResource(parts[0], parts[1], parts[2]);
        }
        if (classicSocket == null || !path.startsWith(basePath)) {
            return null;
        }
        String[] parts = path.substring(basePath.length()).split("/", -1);
        if (parts.length != 2 || parts[0].isEmpty()) {
            return null;
        }
        return new RoomResource(Identifiers.CLASSIC_ROOM, parts[0], parts[1], true);
    }
}
