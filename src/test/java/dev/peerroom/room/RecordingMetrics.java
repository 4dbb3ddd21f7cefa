package dev.peerroom.room;

import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.MessageType;
import java.util.ArrayList;
import java.util.List;

/** Counts what a room reports, for room tests. */
public final class RecordingMetrics implements RoomMetrics {
    public int peersJoined;
    public int peersLeft;
    public int heartbeatsExpired;
    public int held;
    public int holdExpiredMessages;
    public int rateLimitDropped;
    public final List<ErrorCode> errors = new ArrayList<>();
    public final List<MessageType> routed = new ArrayList<>();
    public final List<String> roomStates = new ArrayList<>();

    @Override
    public void peerJoined() {
        peersJoined++;
    }

    @Override
    public void peerLeft() {
        peersLeft++;
    }

    @Override
    public void roomState(RoomState from, RoomState to) {
        roomStates.add(from + "->" + to);
    }

    @Override
    public void routed(MessageType type, long latencyNanos) {
        routed.add(type);
    }

    @Override
    public void error(ErrorCode code) {
        errors.add(code);
    }

    @Override
    public void rateLimitDropped() {
        rateLimitDropped++;
    }

    @Override
    public void heartbeatExpired() {
        heartbeatsExpired++;
    }

    @Override
    public void held() {
        held++;
    }

    @Override
    public void holdExpired(int messages) {
        holdExpiredMessages += messages;
    }
}
