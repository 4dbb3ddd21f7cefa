package dev.peerroom.room;

/** Seed lifecycle of a room: Empty, Active, Idle, then Hibernated (dropped from memory). */
public enum RoomState { EMPTY, ACTIVE, IDLE, HIBERNATED }
