package dev.peerroom.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fuzzer's target: loopback only, and the paths the stock client would use. */
class FuzzTargetTest {
    @ParameterizedTest
    @ValueSource(strings = {"ws://10.0.0.1:9000/", "ws://192.168.1.10:9000/", "ws://8.8.8.8:9000/",
            "ws://example.com:9000/", "wss://127.0.0.1:9000/", "http://127.0.0.1:9000/", "ws://127.0.0.1/", "9000"})
    void refusesAnythingButPlainWsToALoopbackAddress(String url) {
        assertThatThrownBy(() -> FuzzTarget.parse(url, "peerjs", "123456789012345678"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--url");
    }

    @Test
    void takesTheBasePathFromTheUrl() {
        FuzzTarget t = FuzzTarget.parse("ws://127.0.0.1:9000/signal", "k", "123456789012345678");
        assertThat(t.address().isLoopbackAddress()).isTrue();
        assertThat(t.port()).isEqualTo(9000);
        assertThat(t.socketPath("123456789012345678", "a", "t"))
                .isEqualTo("/signal/rooms/123456789012345678/peerjs?key=k&id=a&token=t&version=1.5.5");
        assertThat(FuzzTarget.parse("ws://localhost:9000", "k", "1").basePath()).isEqualTo("/");
    }
}
