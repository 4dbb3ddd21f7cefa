package dev.peerroom.room;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A connection that records what the room sent it, for room tests. */
public final class RecordingConnection implements PeerConnection {
    private final String name;
    public final List<String> sent = new ArrayList<>();
    /** Frames the room tried to send after closing this connection (a real socket drops them). */
    public final List<String> sentAfterClose = new ArrayList<>();
    public int pings;
    public Integer closeCode;
    public String closeReason;
    /** When true, deliver() reports a failed write, as a socket closing under it would. */
    public boolean failDeliveries;

    public RecordingConnection(String name) {
        this.name = name;
    }

    @Override
    public void send(byte[] frame) {
        if (closeCode == null) {
            sent.add(new String(frame, StandardCharsets.UTF_8));
        } else {
            sentAfterClose.add(new String(frame, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void deliver(byte[] frame, Runnable onFailure) {
        if (failDeliveries || closeCode != null) {
            onFailure.run();
        } else {
            sent.add(new String(frame, StandardCharsets.UTF_8));
        }
    }

    @Override
    public void ping() {
        pings++;
    }

    @Override
    public void close(int code, String reason) {
        if (closeCode == null) {
            closeCode = code;
            closeReason = reason;
        }
    }

    @Override
    public String describe() {
        return name;
    }

    /** The frames sent so far, then forgets them. */
    public List<String> drain() {
        List<String> out = new ArrayList<>(sent);
        sent.clear();
        return out;
    }

    public String last() {
        return sent.isEmpty() ? null : sent.get(sent.size() - 1);
    }
}
