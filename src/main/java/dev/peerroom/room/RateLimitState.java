package dev.peerroom.room;

/**
 * Fixed-window message counter of one peer (seed: RateLimitState). A window starts at the first
 * message after the previous window ended. A window "goes over" at its first message past the
 * limit; {@code strikes} consecutive windows going over means disconnect.
 */
public final class RateLimitState {
    /** What to do with one inbound frame. */
    public enum Verdict {
        /** Within the limit: handle it. */
        ALLOW,
        /** First excess message of this window: drop it and send ERROR RATE_LIMITED. */
        DROP_AND_WARN,
        /** Further excess in a window already warned: drop it silently. */
        DROP,
        /** First excess of the last allowed consecutive window: ERROR, then close 1008. */
        DISCONNECT
    }

    private final int maxMessages;
    private final long windowMs;
    private final int strikesToDisconnect;
    private long windowStart;
    private int messageCount;
    private boolean windowOver;
    private int consecutiveOver;
    private boolean started;

    public RateLimitState(int maxMessages, long windowMs, int strikesToDisconnect) {
        this.maxMessages = maxMessages;
        this.windowMs = windowMs;
        this.strikesToDisconnect = strikesToDisconnect;
    }

    public Verdict onMessage(long now) {
        if (!started || now - windowStart >= windowMs) {
            // A window that ended without going over, or a gap with no window at all, breaks the streak.
            boolean adjacent = started && now - windowStart < 2 * windowMs;
            if (!(adjacent && windowOver)) {
                consecutiveOver = 0;
            }
            started = true;
            windowStart = now;
            messageCount = 0;
            windowOver = false;
        }
        messageCount++;
        if (messageCount <= maxMessages) {
            return Verdict.ALLOW;
        }
        if (windowOver) {
            return Verdict.DROP;
        }
        windowOver = true;
        consecutiveOver++;
        return consecutiveOver >= strikesToDisconnect ? Verdict.DISCONNECT : Verdict.DROP_AND_WARN;
    }

    public long windowStart() {
        return windowStart;
    }

    public int messageCount() {
        return messageCount;
    }

    public int consecutiveOver() {
        return consecutiveOver;
    }
}
