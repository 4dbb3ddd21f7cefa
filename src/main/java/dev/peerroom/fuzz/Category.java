package dev.peerroom.fuzz;

/** The kinds of hostile input, with how often each is drawn (weights, out of their sum). */
enum Category {
    RAW_BYTES(8, false, "random bytes instead of an HTTP request"),
    HTTP_MUTATED(8, false, "mutated upgrade requests: bad version, key, path, headers, oversize lines"),
    HALF_OPEN_PARTIAL(8, false, "part of a request, then a stall, a close or a reset"),
    HALF_OPEN_UNREAD(8, false, "a complete upgrade request (and maybe a frame), then a close before reading"),
    FRAME_BYTES(10, true, "random bytes where frames belong, after a join"),
    FRAME_HEADER(12, true, "bad frame headers: reserved bits and opcodes, unmasked, lying or huge lengths, "
            + "oversize or fragmented control frames"),
    FRAGMENTS(12, true, "fragmented text and binary messages, continuation frames misused"),
    CONTROL_MIDSTREAM(10, true, "ping, pong and close (bad codes, short payloads) between fragments"),
    INVALID_UTF8(10, true, "text frames with invalid UTF-8, whole or split over fragments"),
    MUTATED_JSON(20, true, "PeerJS messages mutated: truncated, wrong types, deep nesting, huge strings, "
            + "trailing data, broken escapes"),
    BURST(2, true, "a burst of messages over the per-peer rate limit");

    final int weight;
    /** True when the input is sent on an upgraded (and usually joined) socket. */
    final boolean upgraded;
    final String description;

    Category(int weight, boolean upgraded, String description) {
        this.weight = weight;
        this.upgraded = upgraded;
        this.description = description;
    }

    private static final int TOTAL;

    static {
        int sum = 0;
        for (Category c : values()) {
            sum += c.weight;
        }
        TOTAL = sum;
    }

    /** The category of a draw in [0, total weight). */
    static Category pick(int draw) {
        int left = Math.floorMod(draw, TOTAL);
        for (Category c : values()) {
            if (left < c.weight) {
                return c;
            }
            left -= c.weight;
        }
        throw new AssertionError(draw);
    }

    static int totalWeight() {
        return TOTAL;
    }
}
