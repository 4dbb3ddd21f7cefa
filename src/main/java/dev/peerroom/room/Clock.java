package dev.peerroom.room;

/** Wall time in milliseconds, injected so time-based rules are tested without sleeping. */
@FunctionalInterface
public interface Clock {
    Clock SYSTEM = System::currentTimeMillis;

    long millis();
}
