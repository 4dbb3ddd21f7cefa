package dev.peerroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Refusals in the contract's order: room, missing params, key, peer id. */
class JoinRequestTest {
    private static final String ROOM = "123456789012345678";
    private static final String KEY = "peerjs";

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> q = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            q.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return q;
    }

    private static ErrorCode refusal(String room, String... pairs) {
        return JoinRequest.of(room, query(pairs)).refusal(KEY);
    }

    @Test
    void acceptedJoinHasNoRefusal() {
        assertThat(refusal(ROOM, "key", KEY, "id", "a", "token", "t", "version", "1.5.5")).isNull();
    }

    @Test
    void parsesTheFirstValueOfEachParameter() {
        JoinRequest r = JoinRequest.of(ROOM, query("key", KEY, "id", "a", "id", "b", "token", "t"));
        assertThat(r).isEqualTo(new JoinRequest(ROOM, KEY, "a", "t"));
    }

    @Test
    void invalidRoomComesFirst() {
        assertThat(refusal("123", "key", KEY, "id", "a", "token", "t")).isEqualTo(ErrorCode.INVALID_ROOM);
        assertThat(refusal("", "key", KEY, "id", "a", "token", "t")).isEqualTo(ErrorCode.INVALID_ROOM);
        assertThat(refusal(null, "key", KEY, "id", "a", "token", "t")).isEqualTo(ErrorCode.INVALID_ROOM);
        // Even when everything else is wrong too.
        assertThat(refusal("18446744073709551616")).isEqualTo(ErrorCode.INVALID_ROOM);
        assertThat(refusal("abc", "key", "wrong", "id", "a b")).isEqualTo(ErrorCode.INVALID_ROOM);
    }

    @Test
    void missingOrEmptyIdTokenOrKey() {
        assertThat(refusal(ROOM, "key", KEY, "token", "t")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM, "key", KEY, "id", "a")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM, "id", "a", "token", "t")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM, "key", KEY, "id", "", "token", "t")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM, "key", KEY, "id", "a", "token", "")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM, "key", "", "id", "a", "token", "t")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM)).isEqualTo(ErrorCode.MISSING_PARAMS);
        Map<String, List<String>> emptyList = query("key", KEY, "token", "t");
        emptyList.put("id", List.of());
        assertThat(JoinRequest.of(ROOM, emptyList).refusal(KEY)).isEqualTo(ErrorCode.MISSING_PARAMS);
    }

    @Test
    void missingParamsComesBeforeWrongKeyAndInvalidId() {
        assertThat(refusal(ROOM, "key", "wrong", "id", "a b")).isEqualTo(ErrorCode.MISSING_PARAMS);
        assertThat(refusal(ROOM, "id", "a b", "token", "t")).isEqualTo(ErrorCode.MISSING_PARAMS);
    }

    @Test
    void wrongKeyComesBeforeInvalidId() {
        assertThat(refusal(ROOM, "key", "wrong", "id", "a", "token", "t")).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(refusal(ROOM, "key", "wrong", "id", "a b", "token", "t")).isEqualTo(ErrorCode.INVALID_KEY);
        assertThat(refusal(ROOM, "key", "PEERJS", "id", "a", "token", "t")).isEqualTo(ErrorCode.INVALID_KEY);
    }

    @Test
    void invalidPeerIdComesLast() {
        assertThat(refusal(ROOM, "key", KEY, "id", "a b", "token", "t")).isEqualTo(ErrorCode.INVALID_ID);
        assertThat(refusal(ROOM, "key", KEY, "id", "a_b", "token", "t")).isEqualTo(ErrorCode.INVALID_ID);
        assertThat(refusal(ROOM, "key", KEY, "id", "a".repeat(65), "token", "t")).isEqualTo(ErrorCode.INVALID_ID);
    }

    @Test
    void theExpectedKeyIsASetting() {
        JoinRequest r = JoinRequest.of(ROOM, query("key", "secret", "id", "a", "token", "t"));
        assertThat(r.refusal("secret")).isNull();
        assertThat(r.refusal("peerjs")).isEqualTo(ErrorCode.INVALID_KEY);
    }
}
