package dev.peerroom.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * peerjs-server's classic namespace (--peerjs-compat) at the protocol level: its paths exist only
 * when the setting is on, its ids follow the stock client's grammar, and room mode keeps its own.
 */
class ClassicNamespaceProtocolTest {
    private static final String ROOM = "123456789012345678";
    private final RoomPaths rootOff = new RoomPaths("/");
    private final RoomPaths root = new RoomPaths("/", true);
    private final RoomPaths app = new RoomPaths("/activity/app/", true);

    // --- ids -------------------------------------------------------------------------------------

    /** What the stock client's util.validateId accepts (checked against peerjs 1.5.5's regex). */
    @ParameterizedTest
    @ValueSource(strings = {"a", "Z9", "player_one", "player one", "a-b_c d", "3f2b9c1e-7d4a-4b8e-9f00-123456789abc",
            "A1 B2 C3"})
    void classicIdsAreWhatTheStockClientAccepts(String id) {
        assertThat(Identifiers.isValidClassicPeerId(id)).isTrue();
        assertThat(id).matches("^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "_", " ", "a-", "-a", "a_", " a", "a ", "a__b", "a  b", "a-_b", "a.b", "a/b",
            "a+b", "a%20b", "é", "a\nb", "a\tb", "a\"b", "a\\b", "a|b", "ａ"})
    void classicIdsRefuseWhatTheStockClientRefuses(String id) {
        assertThat(Identifiers.isValidClassicPeerId(id)).isFalse();
        assertThat(id).doesNotMatch("^[A-Za-z0-9]+(?:[ _-][A-Za-z0-9]+)*$");
    }

    @Test
    void classicIdsAreAtMostSixtyFourCharacters() {
        assertThat(Identifiers.isValidClassicPeerId("a_b".repeat(21) + "c")).isTrue(); // 64
        assertThat(Identifiers.isValidClassicPeerId("a_b".repeat(21) + "cd")).isFalse(); // 65
        assertThat(Identifiers.isValidClassicPeerId(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"player_one", "player one"})
    void roomModeStillRefusesUnderscoresAndSpaces(String id) {
        assertThat(Identifiers.isValidPeerId(id)).isFalse();
        JoinRequest join = JoinRequest.of(ROOM, Map.of("key", List.of("peerjs"), "id", List.of(id),
                "token", List.of("t")));
        assertThat(join.refusal("peerjs")).isEqualTo(ErrorCode.INVALID_ID);
    }

    @Test
    void theClassicRoomIsNoSnowflake() {
        assertThat(Identifiers.isValidRoomId(Identifiers.CLASSIC_ROOM)).isFalse();
    }

    // --- joins -----------------------------------------------------------------------------------

    private static JoinRequest classicJoin(String id) {
        return JoinRequest.classic(Map.of("key", List.of("peerjs"), "id", List.of(id), "token", List.of("t")));
    }

    @Test
    void aClassicJoinIsInTheClassicRoomAndAcceptsTheClientsIds() {
        JoinRequest join = classicJoin("player one");
        assertThat(join.roomId()).isEqualTo("classic");
        assertThat(join.isClassic()).isTrue();
        assertThat(join.refusal("peerjs")).isNull();
        assertThat(classicJoin("player_one").refusal("peerjs")).isNull();
    }

    @Test
    void aClassicJoinKeepsTheOtherChecksInTheirOrder() {
        assertThat(classicJoin("a.b").refusal("peerjs")).isEqualTo(ErrorCode.INVALID_ID);
        assertThat(classicJoin("a.b").refusal("other")).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(JoinRequest.classic(Map.of("key", List.of("peerjs"), "id", List.of("a"))).refusal("peerjs"))
                .isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(classicJoin("a".repeat(65)).refusal("peerjs")).isEqualTo(ErrorCode.INVALID_ID);
    }

    @Test
    void aRoomUrlNamingTheClassicRoomIsStillAnInvalidRoom() {
        JoinRequest join = JoinRequest.of("classic", Map.of("key", List.of("peerjs"), "id", List.of("a"),
                "token", List.of("t")));
        assertThat(join.isClassic()).isFalse();
        assertThat(join.refusal("peerjs")).isEqualTo(ErrorCode.INVALID_ROOM);
        assertThat(join).isNotEqualTo(JoinRequest.classic("peerjs", "a", "t"));
    }

    // --- paths -----------------------------------------------------------------------------------

    @Test
    void theClassicSocketPathIsBasePlusPeerjsOnlyWhenServed() {
        assertThat(root.isClassicSocket("/peerjs")).isTrue();
        assertThat(app.isClassicSocket("/activity/app/peerjs")).isTrue();
        assertThat(rootOff.isClassicSocket("/peerjs")).isFalse();
        assertThat(rootOff.servesClassic()).isFalse();
        assertThat(root.servesClassic()).isTrue();
        for (String other : new String[] {"/peerjs/", "/peerjsx", "/x/peerjs", "/rooms/peerjs", "/activity/peerjs", ""}) {
            assertThat(root.isClassicSocket(other)).as(other).isFalse();
        }
        assertThat(app.isClassicSocket("/peerjs")).isFalse();
    }

    @Test
    void roomSocketPathsKeepWorkingWithTheClassicNamespaceOn() {
        assertThat(root.socketRoom("/rooms/" + ROOM + "/peerjs")).isEqualTo(ROOM);
        assertThat(root.socketRoom("/peerjs")).isNull();
        assertThat(app.socketRoom("/activity/app/rooms/" + ROOM + "/peerjs")).isEqualTo(ROOM);
    }

    @Test
    void theClassicHttpApiIsBaseKeyResource() {
        assertThat(root.resource("/peerjs/id")).isEqualTo(new RoomPaths.RoomResource("classic", "peerjs", "id", true));
        assertThat(root.resource("/mykey/peers")).isEqualTo(new RoomPaths.RoomResource("classic", "mykey", "peers", true));
        assertThat(app.resource("/activity/app/peerjs/id"))
                .isEqualTo(new RoomPaths.RoomResource("classic", "peerjs", "id", true));
        assertThat(rootOff.resource("/peerjs/id")).isNull();
    }

    @Test
    void roomResourcesKeepTheirMeaningNextToTheClassicApi() {
        assertThat(root.resource("/rooms/" + ROOM + "/peerjs/id"))
                .isEqualTo(new RoomPaths.RoomResource(ROOM, "peerjs", "id", false));
        // Anything under {base}rooms/ is the room API: "rooms" is never a classic key.
        assertThat(root.resource("/rooms/id")).isNull();
        assertThat(root.resource("/rooms/classic/peerjs/id"))
                .isEqualTo(new RoomPaths.RoomResource("classic", "peerjs", "id", false));
    }

    @Test
    void otherShapesAreNoClassicResource() {
        for (String other : new String[] {"/peerjs", "/peerjs/id/x", "//id", "/", "/activity/app/peerjs/id"}) {
            assertThat(root.resource(other)).as(other).isNull();
        }
        assertThat(app.resource("/peerjs/id")).isNull();
        assertThat(app.resource("/activity/peerjs/id")).isNull();
    }

    // --- frames ----------------------------------------------------------------------------------

    private static byte[] offerTo(String dst) {
        return ("{\"type\":\"OFFER\",\"payload\":{\"sdp\":\"v=0\"},\"dst\":\"" + dst + "\"}").getBytes(UTF_8);
    }

    @Test
    void theClassicDecoderAcceptsTheClientsIdsAsDstAndTheRoomDecoderDoesNot() {
        InboundMessage classic = MessageDecoder.classic().decode(offerTo("player two"));
        assertThat(classic.isValid()).isTrue();
        assertThat(classic.dst()).isEqualTo("player two");
        assertThat(MessageDecoder.classic().decode(offerTo("player_two")).isValid()).isTrue();

        assertThat(new MessageDecoder().decode(offerTo("player two")).isValid()).isFalse();
        assertThat(new MessageDecoder().decode(offerTo("player_two")).isValid()).isFalse();
    }

    @Test
    void theClassicDecoderStillRefusesIdsOutsideTheGrammar() {
        InboundMessage m = MessageDecoder.classic().decode(offerTo("a.b"));
        assertThat(m.isValid()).isFalse();
        assertThat(m.invalidReason()).isEqualTo("invalid dst");
    }

    @Test
    void framesWithClassicIdsNeedNoEscaping() {
        byte[] frame = OutboundFrames.signal(MessageType.OFFER, "player one", "player_two",
                "{\"sdp\":1}".getBytes(UTF_8), 0, 9);
        assertThat(new String(frame, UTF_8))
                .isEqualTo("{\"type\":\"OFFER\",\"src\":\"player one\",\"dst\":\"player_two\",\"payload\":{\"sdp\":1}}");
        assertThat(new String(OutboundFrames.expire("a b", "c_d"), UTF_8))
                .isEqualTo("{\"type\":\"EXPIRE\",\"src\":\"a b\",\"dst\":\"c_d\"}");
    }
}
