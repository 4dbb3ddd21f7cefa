package dev.peerroom.room;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The socket → peer index stays in step with the peers across joins, takeovers and departures. */
class RoomPeersIndexTest {
    private final RoomPeers peers = new RoomPeers(RoomMetrics.NONE, 0);

    private static Peer peer(String id, PeerConnection conn) {
        return new Peer(id, "tok-" + id, conn, 0, new RateLimitState(100, 1000, 3));
    }

    @Test
    void eachSocketFindsItsPeer() {
        RecordingConnection ca = new RecordingConnection("a");
        RecordingConnection cb = new RecordingConnection("b");
        Peer a = peer("a", ca);
        Peer b = peer("b", cb);
        peers.add(a, 1);
        peers.add(b, 1);

        assertThat(peers.of(ca)).isSameAs(a);
        assertThat(peers.of(cb)).isSameAs(b);
        assertThat(peers.of(new RecordingConnection("stranger"))).isNull();
        assertThat(peers.indexedConnections()).isEqualTo(2);
    }

    @Test
    void aTakeoverMovesThePeerToItsNewSocket() {
        RecordingConnection old = new RecordingConnection("old");
        RecordingConnection fresh = new RecordingConnection("fresh");
        Peer a = peer("a", old);
        peers.add(a, 1);

        peers.replaceConnection(a, fresh, 2);

        assertThat(peers.of(fresh)).isSameAs(a);
        assertThat(peers.of(old)).isNull();
        assertThat(a.connection()).isSameAs(fresh);
        assertThat(peers.indexedConnections()).isEqualTo(1);
    }

    @Test
    void aRemovedPeersSocketFindsNothing() {
        RecordingConnection ca = new RecordingConnection("a");
        Peer a = peer("a", ca);
        peers.add(a, 1);
        peers.replaceConnection(a, new RecordingConnection("a2"), 2);

        peers.remove(a, 3);

        assertThat(peers.of(ca)).isNull();
        assertThat(peers.of(a.connection())).isNull();
        assertThat(peers.indexedConnections()).isZero();
        assertThat(peers.size()).isZero();
    }

    @Test
    void aNewPeerUnderAnOldIdReplacesTheOldSocketInTheIndex() {
        RecordingConnection first = new RecordingConnection("first");
        RecordingConnection second = new RecordingConnection("second");
        peers.add(peer("a", first), 1);
        Peer again = peer("a", second);

        peers.add(again, 2);

        assertThat(peers.of(first)).isNull();
        assertThat(peers.of(second)).isSameAs(again);
        assertThat(peers.indexedConnections()).isEqualTo(1);
    }

    @Test
    void removingAStalePeerObjectLeavesNoEntryBehind() {
        RecordingConnection first = new RecordingConnection("first");
        Peer stale = peer("a", first);
        peers.add(stale, 1);
        peers.add(peer("b", new RecordingConnection("b")), 1);

        peers.remove(stale, 2);
        peers.remove(stale, 3); // twice: a double close

        assertThat(peers.of(first)).isNull();
        assertThat(peers.indexedConnections()).isEqualTo(peers.size()).isEqualTo(1);
    }
}
