package dev.peerroom.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.peerroom.config.SecuritySettings;
import dev.peerroom.config.ServerConfig;
import dev.peerroom.protocol.ErrorCode;
import dev.peerroom.protocol.JoinRequest;
import dev.peerroom.room.FakeClock;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The join checks in the contract's order, with the token after the peer id. */
class JoinGateTest {
    private static final String ROOM = "123456789012345678";
    private static final String OTHER_ROOM = "123456789012345679";

    private final FakeClock clock = new FakeClock(1_800_000_000_000L);
    private final JoinGate gate = new JoinGate("peerjs", JoinTokenVerifier.hs256(TestTokens.SECRET, clock));
    private final JoinGate open = new JoinGate("peerjs", null);

    private String token(String room, String peer) {
        return TestTokens.hs256(TestTokens.SECRET, TestTokens.claims(room, peer, clock.millis() + 120_000).build());
    }

    private ErrorCode refusal(JoinGate g, String room, String key, String peer, String token) {
        return g.refusal(new JoinRequest(room, key, peer, token));
    }

    @Test
    void aValidTokenAdmits() {
        assertThat(refusal(gate, ROOM, "peerjs", "alice", token(ROOM, "alice"))).isNull();
        assertThat(gate.tokensRequired()).isTrue();
    }

    @Test
    void theTokenIsCheckedAfterTheRoomTheParametersTheKeyAndThePeerId() {
        String bad = "not-a-jwt";
        assertThat(refusal(gate, "abc", "wrong", "a_b", bad)).isEqualTo(ErrorCode.INVALID_ROOM);
        assertThat(refusal(gate, ROOM, "peerjs", null, bad)).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(gate, ROOM, "peerjs", "alice", "")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(gate, ROOM, "wrong", "a_b", bad)).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(refusal(gate, ROOM, "peerjs", "a_b", bad)).isEqualTo(ErrorCode.INVALID_ID);
        assertThat(refusal(gate, ROOM, "peerjs", "alice", bad)).isEqualTo(ErrorCode.UNAUTHORIZED);
        // A valid token does not make up for a wrong key.
        assertThat(refusal(gate, ROOM, "wrong", "alice", token(ROOM, "alice"))).isEqualTo(ErrorCode.INVALID_KEY);
    }

    @Test
    void aRefusedTokenRecordsWhyForTheLogButNotTheToken() {
        JoinRequest join = new JoinRequest(ROOM, "peerjs", "alice", token(OTHER_ROOM, "alice"));
        assertThat(gate.refusal(join)).isEqualTo(ErrorCode.UNAUTHORIZED);
        assertThat(join.verdictReason()).isEqualTo("room claim is not the room joined");
        assertThat(join.toString()).doesNotContain(join.token());
        JoinRequest stateless = new JoinRequest(ROOM, "wrong", "alice", "t");
        gate.refusal(stateless);
        assertThat(stateless.verdictReason()).isNull();
    }

    @Test
    void aJoinIsJudgedOnceAndTheSocketHandlerActsOnThatVerdict() {
        JoinRequest join = new JoinRequest(ROOM, "peerjs", "alice", token(ROOM, "alice"));
        assertThatThrownBy(join::verdict).isInstanceOf(IllegalStateException.class);
        assertThat(gate.refusal(join)).isNull();
        clock.advance(3_600_000); // the token has expired since
        assertThat(gate.refusal(join)).as("same request: not checked again").isNull();
        assertThat(join.verdict()).isNull();
        assertThat(gate.refusal(new JoinRequest(ROOM, "peerjs", "alice", join.token())))
                .as("a new join with that token").isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void withTokensOffTheTokenIsOpaque() {
        assertThat(open.tokensRequired()).isFalse();
        assertThat(refusal(open, ROOM, "peerjs", "alice", "tok-alice")).isNull();
        assertThat(refusal(open, ROOM, "peerjs", "alice", token(OTHER_ROOM, "bob"))).isNull();
        assertThat(refusal(open, ROOM, "peerjs", "a_b", "t")).isEqualTo(ErrorCode.INVALID_ID);
    }

    @Test
    void fromTheSettingsWithASecret() {
        JoinGate g = JoinGate.from(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtSecret(TestTokens.SECRET)), clock);
        assertThat(refusal(g, ROOM, "peerjs", "alice", token(ROOM, "alice"))).isNull();
        assertThat(refusal(g, ROOM, "peerjs", "alice", "tok-alice")).isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void fromTheSettingsWithAPublicKeyFile(@TempDir Path dir) throws Exception {
        KeyPair ec = TestTokens.ec("secp256r1");
        JoinGate g = JoinGate.from(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtPublicKey(TestTokens.writePem(dir, ec.getPublic()))), clock);
        String token = TestTokens.es256(ec, TestTokens.claims(ROOM, "alice", clock.millis() + 60_000).build());
        assertThat(refusal(g, ROOM, "peerjs", "alice", token)).isNull();
        assertThat(refusal(g, ROOM, "peerjs", "alice", token(ROOM, "alice"))).as("HS256").isEqualTo(ErrorCode.UNAUTHORIZED);
    }

    @Test
    void aBadKeyFileStopsTheStartAndNamesTheFile(@TempDir Path dir) throws Exception {
        Path weak = TestTokens.writePem(dir, TestTokens.ec("secp384r1").getPublic());
        assertThatThrownBy(() -> JoinGate.from(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtPublicKey(weak)), clock))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("join token public key " + weak + ": EC key on curve P-384: only P-256 (ES256) is supported");
        Path missing = dir.resolve("absent.pem");
        assertThatThrownBy(() -> JoinGate.from(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtPublicKey(missing)), clock))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("cannot read the join token public key " + missing);
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> JoinGate.from(ServerConfig.defaults()
                .withSecurity(SecuritySettings.defaults().withJwtPublicKey(text)), clock))
                .hasMessage("join token public key " + text + ": no '-----BEGIN PUBLIC KEY-----' block found");
    }
}
