package dev.peerroom.protocol;

/**
 * One decoded client frame: either a well-formed message or the reason it is invalid.
 * The payload stays as raw JSON bytes (a slice of {@link #buffer()}) so it is forwarded unchanged.
 *
 * <p>Ownership: the transport decodes into a reused per-thread buffer, so {@link #buffer()} is
 * valid only during the call that hands the message over. Code that keeps a message past that
 * call (a task on another thread, a queue) keeps {@link #detach()} instead.
 */
public final class InboundMessage {
    private final MessageType type;
    private final String src;
    private final String dst;
    private final byte[] buffer;
    private final int payloadStart;
    private final int payloadEnd;
    private final String invalidReason;

    private InboundMessage(MessageType type, String src, String dst, byte[] buffer,
                           int payloadStart, int payloadEnd, String invalidReason) {
        this.type = type;
        this.src = src;
        this.dst = dst;
        this.buffer = buffer;
        this.payloadStart = payloadStart;
        this.payloadEnd = payloadEnd;
        this.invalidReason = invalidReason;
    }

    public static InboundMessage valid(MessageType type, String src, String dst,
                                       byte[] buffer, int payloadStart, int payloadEnd) {
        return new InboundMessage(type, src, dst, buffer, payloadStart, payloadEnd, null);
    }

    public static InboundMessage invalid(String reason) {
        return new InboundMessage(null, null, null, null, 0, 0, reason);
    }

    /** This message with its payload copied into its own array: safe to keep after the call. */
    public InboundMessage detach() {
        if (buffer == null) {
            return this;
        }
        byte[] own = java.util.Arrays.copyOfRange(buffer, payloadStart, payloadEnd);
        return new InboundMessage(type, src, dst, own, 0, own.length, invalidReason);
    }

    public boolean isValid() {
        return invalidReason == null;
    }

    /** Why the frame was refused; null for a valid message. */
    public String invalidReason() {
        return invalidReason;
    }

    public MessageType type() {
        return type;
    }

    /** The {@code src} the client sent, if any (the stock client sends none). */
    public String src() {
        return src;
    }

    /** The destination peer id, or null when absent. */
    public String dst() {
        return dst;
    }

    public byte[] buffer() {
        return buffer;
    }

    public int payloadStart() {
        return payloadStart;
    }

    public int payloadEnd() {
        return payloadEnd;
    }

    /**
     * The room's own checks against the sending peer: the client never sends src, so one that names
     * another peer is spoofing; dst may not be the sender.
     */
    public boolean fitsSender(String senderId) {
        return (src == null || src.equals(senderId)) && (dst == null || !dst.equals(senderId));
    }

    public boolean hasPayload() {
        return payloadEnd > payloadStart;
    }

    @Override
    public String toString() {
        return isValid() ? "InboundMessage[" + type + " dst=" + dst + "]" : "InboundMessage[invalid: " + invalidReason + "]";
    }
}
