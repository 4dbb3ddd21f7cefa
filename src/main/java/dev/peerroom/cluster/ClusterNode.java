package dev.peerroom.cluster;

import dev.peerroom.room.Clock;
import dev.peerroom.room.Membership;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process as a cluster member: its Redis connections (one for scripts, one for publishing,
 * one subscribed to its inbox), its random node id, and one periodic task that renews its leases,
 * evicts dead peers, probes its own inbox and fences the node when Redis is out of reach.
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterNode.class);

    private final String nodeId;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> scripts;
    private final StatefulRedisConnection<byte[], byte[]> publisher;
    private final StatefulRedisPubSubConnection<byte[], byte[]> inbox;
    private final RedisMembership membership;
    private final LeaseKeeper leases;
    private volatile ScheduledFuture<?> ticks;

    private ClusterNode(ClusterSettings settings, Clock clock, long roomTtlMs) {
        this.nodeId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        RedisURI uri = RedisURI.create(settings.redisUri());
        this.client = RedisClient.create(uri);
        // Fail fast while disconnected instead of queueing: a stalled claim is worse than a refusal.
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(settings.commandTimeout()))
                .build());
        this.scripts = client.connect(StringCodec.UTF8);
        this.publisher = client.connect(ByteArrayCodec.INSTANCE);
        InboxPublisher inboxes = new InboxPublisher(publisher.async());
        this.membership = new RedisMembership(nodeId, scripts.async(), inboxes, settings.lease().toMillis(), roomTtlMs);
        SelfProbe probe = new SelfProbe(nonce -> inboxes.send(nodeId, InboxMessage.PROBE, null, nonce), clock,
                settings.probeTimeout().toMillis());
        this.leases = new LeaseKeeper(membership, scripts.async(), probe, clock, settings, roomTtlMs);
        this.inbox = client.connectPubSub(ByteArrayCodec.INSTANCE);
        inbox.addListener(new RedisPubSubAdapter<>() {
            @Override
            public void message(byte[] channel, byte[] message) {
                onInbox(message, probe);
            }
        });
        inbox.sync().subscribe(RedisKeys.inbox(nodeId));
        log.info("cluster node {} joined through {}", nodeId, uri.toString());
    }

    /** Connects to Redis; throws when it cannot be reached at start. */
    public static ClusterNode connect(ClusterSettings settings, Clock clock, long roomTtlMs) {
        return new ClusterNode(settings, clock, roomTtlMs);
    }

    public Membership membership() {
        return membership;
    }

    public String nodeId() {
        return nodeId;
    }

    /** False while the node is fenced or its inbox does not answer its probe: /health says 503. */
    public boolean healthy() {
        return leases.healthy();
    }

    /** The inbox subscription itself; tests cut it behind the node's back. */
    StatefulRedisPubSubConnection<byte[], byte[]> inboxConnection() {
        return inbox;
    }

    /** Starts the node's one periodic task on the node-wide scheduler. */
    public void start(ScheduledExecutorService scheduler) {
        long period = leases.periodMs();
        ticks = scheduler.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (leases.tick()) {
            log.warn("cluster node {}: subscription to its inbox is silent; reconnecting it", nodeId);
            inbox.async().unsubscribe(RedisKeys.inbox(nodeId))
                    .thenCompose(x -> inbox.async().subscribe(RedisKeys.inbox(nodeId)));
        }
    }

    private void onInbox(byte[] message, SelfProbe probe) {
        if (message.length == 0) {
            return;
        }
        int fields = InboxMessage.fieldCount(message[0]);
        InboxMessage m = fields < 0 ? null : InboxMessage.decode(message, fields);
        if (m == null) {
            log.debug("cluster node {}: ignored a malformed inbox message", nodeId);
        } else if (m.kind() == InboxMessage.PROBE) {
            probe.answered(m.field(0));
        } else {
            membership.onInbox(m);
        }
    }

    /** Stops the task and the connections; local claims are released before, by the rooms. */
    @Override
    public void close() {
        if (ticks != null) {
            ticks.cancel(false);
        }
        try {
            // Commands run in order on a connection: once this PING answers, the releases the
            // rooms sent while closing their sockets are done.
            scripts.async().ping().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            log.debug("cluster node {}: Redis did not answer the final ping: {}", nodeId, e.toString());
        }
        inbox.close();
        publisher.close();
        scripts.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
