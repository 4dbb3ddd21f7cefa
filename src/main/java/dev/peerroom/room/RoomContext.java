package dev.peerroom.room;

import java.util.concurrent.Executor;

/** What one room runs with: its id, rules, time, engine, metrics, and the executor it owns. */
record RoomContext(String roomId, RoomRules rules, Clock clock, Membership membership,
                   RoomMetrics metrics, Executor executor) {
}
