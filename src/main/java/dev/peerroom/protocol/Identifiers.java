package dev.peerroom.protocol;

import java.math.BigInteger;

/**
 * Validation of room ids (Discord snowflakes) and peer ids: the strict room grammar, and the
 * stock client's own grammar for peerjs-server's classic namespace ({@code --peerjs-compat}).
 */
public final class Identifiers {
    public static final int MAX_PEER_ID_LENGTH = 64;
    /**
     * The room that holds peerjs-server's classic namespace. Not a snowflake, so no room URL can
     * name it: only the classic paths reach it, and only when the setting is on.
     */
    public static final String CLASSIC_ROOM = "classic";
    private static final BigInteger MAX_SNOWFLAKE = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private Identifiers() {
    }

    /** 1-64 characters of [A-Za-z0-9-], case-sensitive. */
    public static boolean isValidPeerId(CharSequence id) {
        if (id == null) {
            return false;
        }
        int n = id.length();
        if (n == 0 || n > MAX_PEER_ID_LENGTH) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /**
     * An id of the classic namespace: what the stock client's {@code util.validateId} accepts
     * ({@code ^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$}: alphanumeric runs joined by one space, '_'
     * or '-'), 1-64 characters. None of these characters needs escaping in JSON, a log line or
     * the cluster's newline-separated inbox fields.
     */
    public static boolean isValidClassicPeerId(CharSequence id) {
        if (id == null) {
            return false;
        }
        int n = id.length();
        if (n == 0 || n > MAX_PEER_ID_LENGTH) {
            return false;
        }
        boolean afterSeparator = true; // the id may neither start nor end with one, nor hold two in a row
        for (int i = 0; i < n; i++) {
            char c = id.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                afterSeparator = false;
            } else if ((c == ' ' || c == '_' || c == '-') && !afterSeparator) {
                afterSeparator = true;
            } else {
                return false;
            }
        }
        return !afterSeparator;
    }

    /** A Discord snowflake: 17-20 decimal digits, first digit 1-9, value at most 2^64-1. */
    public static boolean isValidRoomId(String room) {
        if (room == null) {
            return false;
        }
        int n = room.length();
        if (n < 17 || n > 20 || room.charAt(0) < '1' || room.charAt(0) > '9') {
            return false;
        }
        for (int i = 1; i < n; i++) {
            char c = room.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return n < 20 || new BigInteger(room).compareTo(MAX_SNOWFLAKE) <= 0;
    }
}
