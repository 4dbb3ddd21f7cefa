package dev.peerroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.peerroom.integration.Http;
import dev.peerroom.integration.TestServer;
import dev.peerroom.support.LeakRecorder;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * A short fuzz run (see {@code peerroom fuzz}) against an in-process server, so the fuzzer keeps
 * working and the server keeps surviving it. The full run (100,000 inputs) is done by hand against
 * a server process; this one uses a new seed each time (printed on failure;
 * {@code -Dpeerroom.fuzz.seed=S} repeats one).
 *
 * <p>The suite runs Netty's leak detector at PARANOID ({@code support/NettyLeakExtension}), so every
 * buffer the server allocates while fuzzed is tracked, and a leak fails this class.
 */
class FuzzCiTest {
    private static final long INPUTS = 2_000;
    /** Direct memory the server may keep pooled after the run (chunks cached for reuse, not leaked). */
    private static final long POOLED_SLACK = 64L * 1024 * 1024;

    @Test
    void shortRunLeavesTheServerUpItsGoodPeersServedAndNothingBehind() throws Exception {
        // A leak could fail this class only if the recording detector tracks every buffer.
        assertThat(LeakRecorder.installationProblem()).isNull();
        long seed = Long.getLong("peerroom.fuzz.seed", ThreadLocalRandom.current().nextLong());
        try (TestServer server = TestServer.start()) {
            FuzzTarget target = FuzzTarget.parse("ws://127.0.0.1:" + server.port() + "/", "peerjs", TestServer.ROOM);
            long connectionsBefore = ServerProbe.openConnections(server.port());
            long directBefore = usedDirectMemory();

            FuzzReport report = Fuzzer.run(new Fuzzer.Settings(target, INPUTS, seed, 16, 120, 40, 2, null, null));
            String printed = print(report);

            assertThat(report.problems()).as(printed).isEmpty();
            assertThat(report.tally().total()).isEqualTo(INPUTS);
            assertThat(report.tally().inputsByCategory().values()).as("every category ran").allMatch(n -> n > 0);
            assertThat(report.good().sent()).as(printed).isGreaterThan(100);
            assertThat(report.good().received()).as(printed).isEqualTo(report.good().sent());
            assertThat(report.good().failures()).as("good peers never closed or refused").isEmpty();
            assertThat(report.health().upAtEnd()).isTrue();
            assertThat(report.health().failed()).as(printed).isZero();
            // The answers show the hostile input reached the checks it was aimed at.
            assertThat(report.tally().allAnswers()).as(printed)
                    .containsKeys("ERROR INVALID_MESSAGE", "close 1002", "join: OPEN", "join: ID-TAKEN");

            // Nothing is left open: every fuzz socket and both good peers are gone from the server.
            assertThat(connectionsBefore).isGreaterThanOrEqualTo(0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(ServerProbe.openConnections(server.port())).isEqualTo(connectionsBefore));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(Http.sample(
                    Http.get(server.http("/metrics")).body(), "peerroom_peers_connected")).isZero());
            long directAfter = usedDirectMemory();
            System.out.printf("direct memory held by the default allocator: %,d before, %,d after%n", directBefore,
                    directAfter);
            assertThat(directAfter).isLessThanOrEqualTo(directBefore + POOLED_SLACK);
        }
        LeakRecorder.flush();
        assertThat(LeakRecorder.recorded()).as("Netty buffer leaks (seed %d)", seed)
                .allMatch(r -> r.contains(LeakRecorder.DELIBERATE));
    }

    @Test
    void theSameSeedDrawsTheSameInputs() throws Exception {
        FuzzTarget target = FuzzTarget.parse("ws://127.0.0.1:9/", "peerjs", TestServer.ROOM);
        List<String> good = List.of("good-a", "good-b");
        InputFactory one = new InputFactory(42, target, good);
        InputFactory two = new InputFactory(42, target, good);
        for (long i = 0; i < 500; i++) {
            Input a = one.create(i);
            Input b = two.create(i);
            assertThat(b.category()).isEqualTo(a.category());
            assertThat(b.path()).isEqualTo(a.path());
            assertThat(b.ending()).isEqualTo(a.ending());
            assertThat(b.writes()).hasSameSizeAs(a.writes());
            for (int w = 0; w < a.writes().size(); w++) {
                // Frames carry random masks, drawn from the same seed too.
                assertThat(b.writes().get(w)).isEqualTo(a.writes().get(w));
            }
        }
    }

    /** Bytes of direct memory the server's allocator (Netty's default) holds. */
    private static long usedDirectMemory() {
        return ((ByteBufAllocatorMetricProvider) ByteBufAllocator.DEFAULT).metric().usedDirectMemory();
    }

    private static String print(FuzzReport report) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        String text = bytes.toString(StandardCharsets.UTF_8);
        System.out.println(text);
        return text;
    }
}
