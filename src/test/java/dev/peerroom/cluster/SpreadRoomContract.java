package dev.peerroom.cluster;

import static dev.peerroom.integration.Frames.CLIENT_LEAVE;
import static dev.peerroom.integration.Frames.ID_TAKEN;
import static dev.peerroom.integration.Frames.OPEN;
import static dev.peerroom.integration.Frames.ROOM_FULL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.peerroom.integration.Frames;
import dev.peerroom.integration.RawWsClient;
import dev.peerroom.integration.WsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The wire contract with a room's peers placed on nodes round-robin (peer i on node i mod N). It
 * runs against one node, and against a cluster of nodes on Redis, where every peer of a room sits
 * on a different node than its neighbour. The nodes run with: hold timeout 1 s, heartbeat timeout
 * 2 s, ping interval 500 ms, discovery on.
 */
abstract class SpreadRoomContract {
    static final String[] SETTINGS = {"--hold-timeout", "1s", "--heartbeat-timeout", "2s",
        "--ping-interval", "500ms", "--discovery", "true"};

    private final List<AutoCloseable> opened = new ArrayList<>();

    /** How many nodes there are. */
    abstract int nodes();

    /** Node {@code i}'s HTTP port. */
    abstract int port(int node);

    @AfterEach
    void closeClients() throws Exception {
        for (AutoCloseable c : opened) {
            c.close();
        }
    }

    static String freshRoom() {
        return Long.toString(ThreadLocalRandom.current().nextLong(100_000_000_000_000_000L, Long.MAX_VALUE));
    }

    String path(String room, String id, String token) {
        return "/rooms/" + room + "/peerjs?key=peerjs&id=" + id + "&token=" + token + "&version=1.5.5";
    }

    WsClient connect(int node, String room, String id, String token) {
        WsClient c = WsClient.connect("ws://127.0.0.1:" + port(node % nodes()) + path(room, id, token));
        opened.add(c);
        return c;
    }

    WsClient join(int node, String room, String id) {
        return join(node, room, id, "tok-" + id);
    }

    WsClient join(int node, String room, String id, String token) {
        WsClient c = connect(node, room, id, token);
        assertThat(c.next()).as("answer to %s's join on node %d", id, node % nodes()).isEqualTo(OPEN);
        return c;
    }

    @Test
    void signalsAreRoutedBetweenNodesWithSrcStampedAndThePayloadUnchanged() {
        String room = freshRoom();
        WsClient a = join(0, room, "a");
        WsClient b = join(1, room, "b");
        a.send(Frames.offer("b", "dc_1"));
        assertThat(b.next()).isEqualTo(Frames.routedOffer("a", "b", "dc_1"));
        b.send(Frames.answer("a"));
        assertThat(a.next()).isEqualTo(Frames.routed("ANSWER", "b", "a", Frames.answerPayload("dc_abc")));
        a.send(Frames.candidate("b", "dc_1"));
        assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_1"));
    }

    @Test
    void aFifthPeerIsRefusedWhicheverNodeItUses() {
        String room = freshRoom();
        for (int i = 0; i < 4; i++) {
            join(i, room, "p" + i);
        }
        WsClient fifth = connect(4, room, "p4", "tok-p4");
        assertThat(fifth.next()).isEqualTo(ROOM_FULL);
        assertThat(fifth.awaitClose()).isEqualTo(1008);
    }

    @Test
    void anIdHeldOnOneNodeIsTakenOnAnother() {
        String room = freshRoom();
        WsClient a = join(0, room, "a", "first");
        WsClient b = join(2, room, "b");
        WsClient thief = connect(1, room, "a", "second");
        assertThat(thief.next()).isEqualTo(ID_TAKEN);
        assertThat(thief.awaitClose()).isEqualTo(1008);
        b.send(Frames.candidate("a", "dc_2"));
        assertThat(a.next()).isEqualTo(Frames.routedCandidate("b", "a", "dc_2"));
    }

    @Test
    void theSameTokenTakesOverFromAnotherNode() {
        String room = freshRoom();
        WsClient old = join(0, room, "a", "same");
        WsClient b = join(2, room, "b");
        WsClient fresh = join(1, room, "a", "same");
        assertThat(old.awaitClose()).isEqualTo(4000);
        b.send(Frames.candidate("a", "dc_3"));
        assertThat(fresh.next()).isEqualTo(Frames.routedCandidate("b", "a", "dc_3"));
        fresh.send(Frames.candidate("b", "dc_4"));
        assertThat(b.next()).isEqualTo(Frames.routedCandidate("a", "b", "dc_4"));
    }

    @Test
    void aMessageForAPeerNotYetJoinedIsHeldUntilItJoinsAnywhere() {
        String room = freshRoom();
        WsClient a = join(0, room, "a");
        a.send(Frames.offer("c", "dc_5"));
        WsClient c = join(2, room, "c");
        assertThat(c.next()).isEqualTo(Frames.routedOffer("a", "c", "dc_5"));
    }

    @Test
    void aMessageForAnAbsentPeerExpiresBackToItsSender() throws Exception {
        String room = freshRoom();
        WsClient a = join(0, room, "a");
        join(1, room, "b");
        a.send(Frames.candidate("ghost", "dc_6"));
        assertThat(a.poll(500)).as("held for the hold timeout first").isNull();
        assertThat(a.next()).isEqualTo(Frames.expire("ghost", "a"));
    }

    @Test
    void leaveReachesTheMatesOnEveryNode() {
        String room = freshRoom();
        WsClient a = join(0, room, "a");
        WsClient b = join(1, room, "b");
        WsClient c = join(2, room, "c");
        a.send(CLIENT_LEAVE);
        assertThat(b.next()).isEqualTo(Frames.leave("a"));
        assertThat(c.next()).isEqualTo(Frames.leave("a"));
        assertThat(a.awaitClose()).isEqualTo(1000);
    }

    @Test
    void leaveWithDstReachesOnlyThatPeer() throws Exception {
        String room = freshRoom();
        WsClient a = join(0, room, "a");
        WsClient b = join(1, room, "b");
        WsClient c = join(2, room, "c");
        a.send(Frames.clientLeave("b"));
        assertThat(b.next()).isEqualTo(Frames.leave("a", "b"));
        assertThat(c.poll(300)).isNull();
    }

    @Test
    void aSilentPeerExpiresToItsMatesOnOtherNodes() throws Exception {
        String room = freshRoom();
        WsClient a = join(0, room, "a");
        try (RawWsClient silent = RawWsClient.upgrade(port(1 % nodes()), path(room, "s", "tok-s"))) {
            assertThat(silent.nextText()).isEqualTo(OPEN);
            WsClient c = join(2, room, "c");
            assertThat(a.next()).isEqualTo(Frames.expireStale("s"));
            assertThat(c.next()).isEqualTo(Frames.expireStale("s"));
            assertThat(silent.awaitClose()).isEqualTo(4001);
        }
    }

    @Test
    void aClosedPeersIdIsFreeOnEveryNode() throws Exception {
        String room = freshRoom();
        WsClient a = join(0, room, "a", "one");
        join(1, room, "b");
        a.close();
        long deadline = System.currentTimeMillis() + 5_000;
        String answer;
        do {
            WsClient again = connect(2, room, "a", "two");
            answer = again.next();
        } while (!answer.equals(OPEN) && System.currentTimeMillis() < deadline);
        assertThat(answer).isEqualTo(OPEN);
    }

    @Test
    void roomsStayApart() throws Exception {
        String one = freshRoom();
        String two = freshRoom();
        WsClient a = join(0, one, "a");
        WsClient b = join(1, two, "b");
        a.send(Frames.candidate("b", "dc_7"));
        assertThat(b.poll(500)).isNull();
        assertThat(a.next()).isEqualTo(Frames.expire("b", "a"));
    }

    @Test
    void racingJoinsThroughEveryNodeNeverAdmitAFifthPeerOrATwin() throws Exception {
        String room = freshRoom();
        List<WsClient> seats = new ArrayList<>();
        List<WsClient> twins = new ArrayList<>();
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            int n = i;
            starts.add(CompletableFuture.runAsync(() -> {
                WsClient c = connect(n, room, "p" + n, "tok-" + n);
                WsClient t = connect(n + 1, room, "twin", "tok-" + n);
                synchronized (seats) {
                    seats.add(c);
                    twins.add(t);
                }
            }));
        }
        CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        List<String> answers = new ArrayList<>();
        for (WsClient c : seats) {
            answers.add(c.next());
        }
        List<String> twinAnswers = new ArrayList<>();
        for (WsClient t : twins) {
            twinAnswers.add(t.next());
        }
        // 13 distinct ids race for 4 seats: at most 4 OPEN in all, at most one of them the twin's.
        long open = answers.stream().filter(OPEN::equals).count() + twinAnswers.stream().filter(OPEN::equals).count();
        assertThat(open).isEqualTo(4);
        assertThat(twinAnswers.stream().filter(OPEN::equals).count()).isLessThanOrEqualTo(1);
        assertThat(answers).allMatch(a -> a.equals(OPEN) || a.equals(ROOM_FULL));
        assertThat(twinAnswers).allMatch(a -> a.equals(OPEN) || a.equals(ROOM_FULL) || a.equals(ID_TAKEN));
        assertThat(peers(3, room)).hasSize(4);
    }

    @Test
    void everyNodeListsTheWholeRoom() throws Exception {
        String room = freshRoom();
        join(0, room, "a");
        join(1, room, "b");
        join(2, room, "c");
        for (int node = 0; node < nodes(); node++) {
            assertThat(peers(node, room)).containsExactly("a", "b", "c");
        }
    }

    /** GET /rooms/{room}/peerjs/peers on a node. */
    List<String> peers(int node, String room) throws Exception {
        String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port(node % nodes()) + "/rooms/" + room + "/peerjs/peers")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        List<String> ids = new ArrayList<>();
        for (String part : body.replaceAll("[\\[\\]\" ]", "").split(",")) {
            if (!part.isEmpty()) {
                ids.add(part);
            }
        }
        return ids;
    }
}
