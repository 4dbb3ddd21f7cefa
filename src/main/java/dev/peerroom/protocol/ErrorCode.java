package dev.peerroom.protocol;

/** Every ERROR the server sends: the stock client shows {@code msg}; tools match on the code. */
public enum ErrorCode {
    INVALID_ROOM("Invalid room id"),
    MISSING_PARAMS("No id, token, or key supplied to websocket server"),
    INVALID_KEY("Invalid key provided"),
    INVALID_ID("Invalid peer id"),
    /** Join tokens are on and the join's token is missing, invalid, expired or for another room or id. */
    UNAUTHORIZED("Unauthorized"),
    ROOM_FULL("Room is full"),
    /** The peerjs-server namespace (--peerjs-compat) holds --concurrent-limit peers; peerjs-server's text. */
    CONCURRENT_LIMIT("Server has reached its concurrent user limit"),
    /** An operator removed the peer through the admin API. */
    KICKED("Kicked"),
    INVALID_MESSAGE("Invalid message"),
    RATE_LIMITED("Rate limit exceeded");

    private final String message;

    ErrorCode(String message) {
        this.message = message;
    }

    public String message() {
        return message;
    }
}
