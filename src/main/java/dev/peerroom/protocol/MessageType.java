package dev.peerroom.protocol;

/** Message types a peer may send. Anything else is an invalid message. */
public enum MessageType {
    HEARTBEAT,
    OFFER,
    ANSWER,
    CANDIDATE,
    LEAVE;

    /** Exact, case-sensitive lookup of a client-sent type; null when it is not one a client may send. */
    public static MessageType fromWire(String type) {
        switch (type) {
            case "HEARTBEAT": return HEARTBEAT;
            case "OFFER": return OFFER;
            case "ANSWER": return ANSWER;
            case "CANDIDATE": return CANDIDATE;
            case "LEAVE": return LEAVE;
            default: return null;
        }
    }

    /** OFFER, ANSWER and CANDIDATE travel from one peer to another with a payload. */
    public boolean isSignal() {
        return this == OFFER || this == ANSWER || this == CANDIDATE;
    }
}
