package dev.peerroom.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UrlTemplatesTest {
    @Test
    void expandsThePlaceholders() {
        UrlTemplates t = UrlTemplates.parse("ws://127.0.0.1:9000/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}");
        assertThat(t.expand(0, "100000000000000007", "bag1p2", "tk9").toString())
                .isEqualTo("ws://127.0.0.1:9000/rooms/100000000000000007/peerjs?key=peerjs&id=bag1p2&token=tk9");
        assertThat(t.expand(0, "1", "a", "b").getPort()).isEqualTo(9000);
        assertThat(t.expand(0, "1", "a", "b").getRawQuery()).isEqualTo("key=peerjs&id=a&token=b");
    }

    @Test
    void aListSpreadsTheRoomsPeersRoundRobin() {
        UrlTemplates t = UrlTemplates.parse("ws://127.0.0.1:9001/peerjs?key=peerjs&id={id}&token={token}, "
                + "ws://127.0.0.1:9002/peerjs?key=peerjs&id={id}&token={token}");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.expand(0, "r", "a", "b").getPort()).isEqualTo(9001);
        assertThat(t.expand(1, "r", "a", "b").getPort()).isEqualTo(9002);
        assertThat(t.expand(2, "r", "a", "b").getPort()).isEqualTo(9001);
        assertThat(t.expand(3, "r", "a", "b").getPort()).isEqualTo(9002);
    }

    @Test
    void refusesTemplatesThatCannotWork() {
        assertThatThrownBy(() -> UrlTemplates.parse("http://127.0.0.1/peerjs?id={id}")).hasMessageContaining("ws://");
        assertThatThrownBy(() -> UrlTemplates.parse("ws://127.0.0.1/peerjs?id=x")).hasMessageContaining("{id}");
        assertThatThrownBy(() -> UrlTemplates.parse(" , ")).hasMessageContaining("empty");
        assertThatThrownBy(() -> UrlTemplates.parse("wss://h/peerjs?id={id}")).hasMessageContaining("wss");
    }

    @Test
    void topologyMakesRoomsOfFourWithUniqueIdsAndValidSnowflakes() {
        UrlTemplates t = UrlTemplates.parse("ws://127.0.0.1:9000/rooms/{room}/peerjs?key=peerjs&id={id}&token={token}");
        long base = Topology.randomRoomBase();
        List<Topology.PeerSpec> peers = Topology.build(12, t, Topology.randomTag(), base);
        Set<String> ids = new HashSet<>();
        for (Topology.PeerSpec p : peers) {
            assertThat(ids.add(p.id())).isTrue();
            assertThat(p.id()).matches("[A-Za-z0-9-]{1,64}");
            assertThat(p.room()).matches("[1-9][0-9]{16,19}").isEqualTo(Long.toString(base + p.index() / 4));
            assertThat(p.mates()).hasSize(3).doesNotContain(p.id());
            assertThat(p.uri().toString()).contains("/rooms/" + p.room() + "/").contains("id=" + p.id());
            for (String mate : p.mates()) {
                assertThat(peers.stream().filter(q -> q.id().equals(mate)).findFirst().orElseThrow().room())
                        .isEqualTo(p.room());
            }
        }
        assertThat(Topology.randomTag()).matches("[a-z0-9]{4}");
    }
}
