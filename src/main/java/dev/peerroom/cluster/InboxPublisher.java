package dev.peerroom.cluster;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.util.concurrent.CompletionStage;

/**
 * Publishes to node inboxes over one connection, so that messages from this node to another keep
 * their order. The answer is the number of subscribers that got it: 0 means the node is gone.
 */
final class InboxPublisher {
    private final RedisAsyncCommands<byte[], byte[]> redis;

    InboxPublisher(RedisAsyncCommands<byte[], byte[]> redis) {
        this.redis = redis;
    }

    CompletionStage<Long> send(String node, char kind, byte[] body, String... fields) {
        return redis.publish(RedisKeys.inbox(node), InboxMessage.encode(kind, body, fields));
    }
}
