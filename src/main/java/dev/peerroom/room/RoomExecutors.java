package dev.peerroom.room;

import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Predicate;

/** Picks the one executor a room runs on, by room id, so every room has a single writer. */
@FunctionalInterface
public interface RoomExecutors {

    Executor forRoom(String roomId);

    /**
     * True when the calling thread is {@code executor}'s own thread. Work for a room may then run
     * inline: it is already on the room's single writer, and skipping the queue saves a task
     * allocation and, when the executor sleeps, a wake-up.
     */
    default boolean isCurrent(Executor executor) {
        return false;
    }

    /** Runs everything on the caller's thread: for single-threaded tests. */
    static RoomExecutors direct() {
        Executor direct = Runnable::run;
        return new RoomExecutors() {
            @Override
            public Executor forRoom(String roomId) {
                return direct;
            }

            @Override
            public boolean isCurrent(Executor executor) {
                return true;
            }
        };
    }

    /** Spreads rooms over a fixed list of single-threaded executors; never runs work inline. */
    static RoomExecutors spread(List<? extends Executor> executors) {
        List<Executor> copy = List.copyOf(executors);
        return roomId -> copy.get(Math.floorMod(roomId.hashCode(), copy.size()));
    }

    /**
     * Spreads rooms over a fixed list of single-threaded executors (Netty event loops in
     * production); {@code isCurrent} tells whether the calling thread is an executor's own.
     */
    static <E extends Executor> RoomExecutors spread(List<E> executors, Predicate<? super E> isCurrent) {
        List<E> copy = List.copyOf(executors);
        return new RoomExecutors() {
            @Override
            public Executor forRoom(String roomId) {
                return copy.get(Math.floorMod(roomId.hashCode(), copy.size()));
            }

            @Override
            @SuppressWarnings("unchecked") // only ever asked about the executors forRoom returned
            public boolean isCurrent(Executor executor) {
                return isCurrent.test((E) executor);
            }
        };
    }
}
