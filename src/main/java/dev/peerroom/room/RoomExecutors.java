package dev.peerroom.room;

import java.util.List;
import java.util.concurrent.Executor;

/** Picks the one executor a room runs on, by room id, so every room has a single writer. */
@FunctionalInterface
public interface RoomExecutors {

    Executor forRoom(String roomId);

    /** Runs everything on the caller's thread: for single-threaded tests. */
    static RoomExecutors direct() {
        return roomId -> Runnable::run;
    }

    /** Spreads rooms over a fixed list of single-threaded executors (Netty event loops in production). */
    static RoomExecutors spread(List<? extends Executor> executors) {
        List<Executor> copy = List.copyOf(executors);
        return roomId -> copy.get(Math.floorMod(roomId.hashCode(), copy.size()));
    }
}
