package dev.peerroom.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the join checks ({@link Identifiers}, {@link JoinRequest}) against a model
 * written from the contract: valid ids are accepted, invalid ones refused with the code of the
 * first check that fails.
 */
class JoinValidatorPropertiesTest {
    private static final String KEY = "peerjs";
    private static final Pattern PEER_ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final BigInteger MAX_SNOWFLAKE = BigInteger.TWO.pow(64).subtract(BigInteger.ONE);
    /** Characters near the valid set: the ones PeerJS allows but PeerRoom does not, and worse. */
    private static final String NEAR_MISSES = "_ .~+/%:é\u0000\t😀Ａ١";

    @Test
    void peerIdsAreValidExactlyWhenTheModelSaysSo() {
        ForAll.check(2000, g -> {
            String id = candidateId(g);
            assertThat(Identifiers.isValidPeerId(id)).as("'%s'", id).isEqualTo(PEER_ID.matcher(id).matches());
        });
    }

    @Test
    void roomIdsAreValidExactlyWhenTheModelSaysSo() {
        ForAll.check(2000, g -> {
            String room = candidateRoom(g);
            assertThat(Identifiers.isValidRoomId(room)).as("'%s'", room).isEqualTo(isSnowflake(room));
        });
    }

    @Test
    void theFirstFailingCheckNamesTheRefusal() {
        ForAll.check(2000, g -> {
            String room = candidateRoom(g);
            String id = g.chance(0.1) ? null : candidateId(g);
            String token = g.chance(0.1) ? null : g.chance(0.1) ? "" : g.unicode(10) + "t";
            String key = g.chance(0.1) ? null : g.chance(0.1) ? "" : g.chance(0.2) ? g.pick(List.of("PEERJS", "peerjs ", "x")) : KEY;
            Map<String, List<String>> query = new HashMap<>();
            put(query, "key", key);
            put(query, "id", id);
            put(query, "token", token);
            if (g.chance(0.3)) {
                put(query, "version", "1.5.5");
            }

            ErrorCode expected;
            if (!isSnowflake(room)) {
                expected = ErrorCode.INVALID_ROOM;
            } else if (isEmpty(id) || isEmpty(token) || isEmpty(key)) {
                expected = ErrorCode.MISSING_PARAMS;
            } else if (!key.equals(KEY)) {
                expected = ErrorCode.INVALID_KEY;
            } else if (!PEER_ID.matcher(id).matches()) {
                expected = ErrorCode.INVALID_ID;
            } else {
                expected = null;
            }
            assertThat(JoinRequest.of(room, query).refusal(KEY))
                    .as("room '%s' id '%s' token '%s' key '%s'", room, id, token, key).isEqualTo(expected);
        });
    }

    /** Mostly valid peer ids, then ids one step off: too long, or with a character outside the set. */
    private static String candidateId(JsonGen g) {
        String id = g.peerId();
        switch (g.random().nextInt(4)) {
            case 0:
                return id;
            case 1: {
                StringBuilder sb = new StringBuilder(id);
                sb.insert(g.random().nextInt(id.length() + 1), NEAR_MISSES.charAt(g.random().nextInt(NEAR_MISSES.length())));
                return sb.toString();
            }
            case 2:
                return id.repeat(70 / id.length() + 1).substring(0, g.between(63, 66));
            default:
                return g.unicode(g.between(0, 70));
        }
    }

    /** Snowflake-like digit strings around every edge: length 16-21, leading zero, 2^64 +- a little. */
    private static String candidateRoom(JsonGen g) {
        switch (g.random().nextInt(5)) {
            case 0:
                return MAX_SNOWFLAKE.add(BigInteger.valueOf(g.between(-3, 3))).toString();
            case 1: {
                String digits = digits(g, g.between(16, 21));
                return g.chance(0.3) ? "0" + digits.substring(1) : digits;
            }
            case 2: {
                StringBuilder sb = new StringBuilder(digits(g, g.between(17, 20)));
                sb.setCharAt(g.random().nextInt(sb.length()), g.pick(List.of('a', ' ', '-', '+', '٣', 'x')));
                return sb.toString();
            }
            case 3:
                return g.chance(0.5) ? "" : g.unicode(20);
            default:
                return digits(g, g.between(17, 19));
        }
    }

    private static String digits(JsonGen g, int n) {
        StringBuilder sb = new StringBuilder().append((char) ('1' + g.random().nextInt(9)));
        while (sb.length() < n) {
            sb.append((char) ('0' + g.random().nextInt(10)));
        }
        return sb.toString();
    }

    /** The contract's room id: 17-20 ASCII digits, first 1-9, at most 2^64-1. */
    private static boolean isSnowflake(String room) {
        return room.matches("[1-9][0-9]{16,19}") && new BigInteger(room).compareTo(MAX_SNOWFLAKE) <= 0;
    }

    private static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    private static void put(Map<String, List<String>> query, String name, String value) {
        if (value != null) {
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
    }
}
