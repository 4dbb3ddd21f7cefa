package dev.peerroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"a", "Z", "0", "-", "peer-1", "ABCxyz-019", "3f2b9c1e-7d4a-4b8e-9f00-123456789abc"})
    void validPeerIds(String id) {
        assertThat(Identifiers.isValidPeerId(id)).isTrue();
    }

    @Test
    void peerIdOfSixtyFourCharactersIsValidAndSixtyFiveIsNot() {
        assertThat(Identifiers.isValidPeerId("a".repeat(64))).isTrue();
        assertThat(Identifiers.isValidPeerId("a".repeat(65))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a_b", "a.b", "a/b", "a+b", "a%20b", " a", "a\n", "é", "ａ", "１", "a\u0000"})
    void invalidPeerIds(String id) {
        assertThat(Identifiers.isValidPeerId(id)).isFalse();
    }

    @Test
    void nullIsNeitherAPeerIdNorARoom() {
        assertThat(Identifiers.isValidPeerId(null)).isFalse();
        assertThat(Identifiers.isValidRoomId(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"10000000000000000", "81384788765712384", "123456789012345678", "1234567890123456789",
            "10000000000000000000", "18446744073709551615", "18446744073709551614", "99999999999999999"})
    void validRoomIds(String room) {
        assertThat(Identifiers.isValidRoomId(room)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1", "1000000000000000", "9999999999999999", "18446744073709551616", "18446744073709551625",
            "19000000000000000000", "99999999999999999999", "100000000000000000000", "01234567890123456",
            "00000000000000000", "-1234567890123456", "+1234567890123456", "1234567890123456a", "12345678901234567 ",
            " 12345678901234567", "1234567890123456٣", "１２３４５６７８９０１２３４５６７", "1.234567890123456"})
    void invalidRoomIds(String room) {
        assertThat(Identifiers.isValidRoomId(room)).isFalse();
    }
}
