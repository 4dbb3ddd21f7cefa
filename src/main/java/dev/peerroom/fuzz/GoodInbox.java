package dev.peerroom.fuzz;

/**
 * What a good peer checks on each text frame it receives: the partner's messages must come in
 * order, each exactly the frame the server must forward for it; an ERROR is a failure; anything
 * else (a fuzz peer of the room writing to us) is foreign. Used by one reader thread.
 */
final class GoodInbox {
    private final String self;
    private final String partner;
    private volatile long received;
    private volatile long foreign;

    GoodInbox(String self, String partner) {
        this.self = self;
        this.partner = partner;
    }

    /** Checks one frame; returns why it is wrong, or null when it is fine. */
    String accept(String text) {
        long seq = received;
        if (text.equals(GoodMessages.deliveredFrame(seq, partner, self))) {
            received = seq + 1;
            return null;
        }
        if (text.startsWith("{\"type\":\"ERROR\"")) {
            return "got " + text;
        }
        if (GoodMessages.isFrom(text, partner)) {
            return "message " + seq + " from " + partner + " missing, reordered or altered; got "
                    + text.substring(0, Math.min(200, text.length()));
        }
        foreign++;
        return null;
    }

    long received() {
        return received;
    }

    long foreign() {
        return foreign;
    }
}
