package dev.peerroom.metrics;

import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.MessageType;
import dev.peerroom.room.RoomMetrics;
import dev.peerroom.room.RoomState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Room events as Micrometer meters. Meters are created once, so the hot path only increments. */
public final class MicrometerRoomMetrics implements RoomMetrics {
    private final AtomicLong peersConnected = new AtomicLong();
    private final AtomicLong roomsActive = new AtomicLong();
    private final AtomicLong roomsIdle = new AtomicLong();
    private final Map<MessageType, Counter> routed = new EnumMap<>(MessageType.class);
    private final Map<MessageType, Timer> latency = new EnumMap<>(MessageType.class);
    private final Map<ErrorCode, Counter> errors = new EnumMap<>(ErrorCode.class);
    private final Counter hibernated;
    private final Counter rateLimitDrops;
    private final Counter heartbeatExpiries;
    private final Counter held;
    private final Counter expired;

    public MicrometerRoomMetrics(MeterRegistry registry) {
        Gauge.builder("peerroom.peers.connected", peersConnected, AtomicLong::get)
                .description("Peers currently in a room on this node").register(registry);
        Gauge.builder("peerroom.rooms", roomsActive, AtomicLong::get).tag("state", "active")
                .description("Rooms in memory by state").register(registry);
        Gauge.builder("peerroom.rooms", roomsIdle, AtomicLong::get).tag("state", "idle")
                .description("Rooms in memory by state").register(registry);
        hibernated = Counter.builder("peerroom.rooms.hibernated")
                .description("Idle rooms dropped from memory after the idle TTL").register(registry);
        for (MessageType type : MessageType.values()) {
            if (type.isSignal()) {
                routed.put(type, Counter.builder("peerroom.messages.routed").tag("type", type.name())
                        .description("Messages handed to their destination").register(registry));
                latency.put(type, Timer.builder("peerroom.routing.latency").tag("type", type.name())
                        .description("From frame receipt to the write to the destination socket")
                        .publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(1_000))
                        .maximumExpectedValue(Duration.ofSeconds(1))
                        .register(registry));
            }
        }
        for (ErrorCode code : ErrorCode.values()) {
            errors.put(code, Counter.builder("peerroom.errors").tag("code", code.name())
                    .description("ERROR frames sent, by code").register(registry));
        }
        rateLimitDrops = Counter.builder("peerroom.rate.limit.drops")
                .description("Frames dropped for exceeding the rate limit").register(registry);
        heartbeatExpiries = Counter.builder("peerroom.heartbeat.expiries")
                .description("Peers closed after the heartbeat timeout").register(registry);
        held = Counter.builder("peerroom.messages.held")
                .description("Messages held for a destination not yet in the room").register(registry);
        expired = Counter.builder("peerroom.messages.expired")
                .description("Messages dropped with an EXPIRE to their sender").register(registry);
    }

    /** Peers in a room on this node now: the status page's peer count. */
    public long peersConnected() {
        return peersConnected.get();
    }

    /**
     * Signals routed since start, all types together: the status page's message rate. Read from
     * the counters the hot path increments anyway, so the rate costs a message nothing.
     */
    public long routedTotal() {
        double total = 0;
        for (Counter counter : routed.values()) {
            total += counter.count();
        }
        return (long) total;
    }

    @Override
    public void peerJoined() {
        peersConnected.incrementAndGet();
    }

    @Override
    public void peerLeft() {
        peersConnected.decrementAndGet();
    }

    @Override
    public void roomState(RoomState from, RoomState to) {
        gauge(from).ifPresent(AtomicLong::decrementAndGet);
        gauge(to).ifPresent(AtomicLong::incrementAndGet);
        if (to == RoomState.HIBERNATED && from == RoomState.IDLE) {
            hibernated.increment();
        }
    }

    private Optional<AtomicLong> gauge(RoomState state) {
        return switch (state) {
            case ACTIVE -> Optional.of(roomsActive);
            case IDLE -> Optional.of(roomsIdle);
            default -> Optional.empty();
        };
    }

    @Override
    public void routed(MessageType type, long latencyNanos) {
        Counter counter = routed.get(type);
        if (counter != null) {
            counter.increment();
            latency.get(type).record(latencyNanos, TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void error(ErrorCode code) {
        errors.get(code).increment();
    }

    @Override
    public void rateLimitDropped() {
        rateLimitDrops.increment();
    }

    @Override
    public void heartbeatExpired() {
        heartbeatExpiries.increment();
    }

    @Override
    public void held() {
        held.increment();
    }

    @Override
    public void holdExpired(int messages) {
        expired.increment(messages);
    }
}
