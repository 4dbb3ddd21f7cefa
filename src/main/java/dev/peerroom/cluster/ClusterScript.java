package dev.peerroom.cluster;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One Lua script from this package's resources, run by its source or by its SHA1.
 */
final class ClusterScript {
    private final String name;
    private final String source;
    private final String sha;

    private ClusterScript(String name, String source) {
        this.name = name;
        this.source = source;
        this.sha = sha1(source);
    }

    static ClusterScript load(String name) {
        try (InputStream in = ClusterScript.class.getResourceAsStream(name + ".lua")) {
            if (in == null) {
                throw new IllegalStateException("missing script " + name + ".lua");
            }
            return new ClusterScript(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String name() {
        return name;
    }

    /**
     * Runs the script with its source (EVAL), so it executes in order with the commands sent before
     * and after it. A NOSCRIPT fallback would re-send it later, after commands that were meant to
     * follow it: a release could then run after the rejoin it came before.
     */
    CompletionStage<Object> runInOrder(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        return redis.eval(source, ScriptOutputType.MULTI, keys, args);
    }

    /**
     * Runs the script by its SHA1, falling back to its source once if Redis has forgotten it. For
     * scripts whose order against other commands does not matter (the periodic renewal). The
     * result is Lettuce's MULTI output (nested lists of strings and longs).
     */
    CompletionStage<Object> run(RedisAsyncCommands<String, String> redis, String[] keys, String... args) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        redis.evalsha(sha, ScriptOutputType.MULTI, keys, args).whenComplete((r, e) -> {
            if (e == null) {
                result.complete(r);
            } else if (e instanceof RedisNoScriptException || e.getCause() instanceof RedisNoScriptException) {
                redis.eval(source, ScriptOutputType.MULTI, keys, args).whenComplete((r2, e2) -> {
                    if (e2 == null) {
                        result.complete(r2);
                    } else {
                        result.completeExceptionally(e2);
                    }
                });
            } else {
                result.completeExceptionally(e);
            }
        });
        return result;
    }

    private static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
