package dev.peerroom.room;

/** A clock that moves only when a test says so. */
public final class FakeClock implements Clock {
    private long now;

    public FakeClock(long start) {
        this.now = start;
    }

    public FakeClock() {
        this(1_700_000_000_000L);
    }

    @Override
    public long millis() {
        return now;
    }

    public void advance(long ms) {
        now += ms;
    }
}
