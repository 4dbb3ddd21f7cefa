package dev.peerroom.fuzz;

import dev.peerroom.fuzz.Input.Ending;
import dev.peerroom.fuzz.Input.Join;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Draws input number {@code i} of a run from the run's seed: the same seed gives the same inputs. */
final class InputFactory {
    private final long seed;
    private final FuzzTarget target;
    private final List<String> goodIds;

    InputFactory(long seed, FuzzTarget target, List<String> goodIds) {
        this.seed = seed;
        this.target = target;
        this.goodIds = goodIds;
    }

    Input create(long index) {
        SplittableRandom r = new SplittableRandom(seed ^ index * 0x9E3779B97F4A7C15L);
        Category category = Category.pick(r.nextInt(Category.totalWeight()));
        Join join = join(r);
        String ownId = join == Join.GOOD_ID ? goodIds.get(r.nextInt(goodIds.size())) : "fz-" + index;
        String path = path(r, join, ownId);
        List<String> dsts = new ArrayList<>(goodIds);
        dsts.add(ownId);
        dsts.add("fz-" + r.nextInt(1000));
        dsts.add("not an id");
        JsonFuzz json = new JsonFuzz(r, dsts);
        FrameFuzz frames = new FrameFuzz(r, json);
        HttpFuzz http = new HttpFuzz(r, target);
        int pause = r.nextInt(5) == 0 ? 1 + r.nextInt(20) : 0;
        return switch (category) {
            case RAW_BYTES -> new Input(index, category, join, path, List.of(http.rawBytes()), pause,
                    Ending.pick(r, true));
            case HTTP_MUTATED -> new Input(index, category, join, path, List.of(http.mutatedUpgrade(path)), pause,
                    Ending.pick(r, true));
            case HALF_OPEN_PARTIAL -> new Input(index, category, join, path, List.of(http.partialRequest(path)), pause,
                    Ending.pick(r, true));
            case HALF_OPEN_UNREAD -> new Input(index, category, join, path, http.requestThenFrames(path, frames), pause,
                    r.nextInt(4) == 0 ? Ending.HALF_CLOSE_THEN_AWAIT : r.nextBoolean() ? Ending.DROP_NOW : Ending.RESET_NOW);
            default -> new Input(index, category, join, path, frames.frames(category), pause, Ending.pick(r, true));
        };
    }

    private static Join join(SplittableRandom r) {
        int n = r.nextInt(100);
        return n < 40 ? Join.SAME_ROOM : n < 55 ? Join.GOOD_ID : n < 90 ? Join.OTHER_ROOM : Join.REFUSED;
    }

    /** The upgrade path for {@code join}; a refused join gets one bad parameter. */
    private String path(SplittableRandom r, Join join, String id) {
        String token = "ft-" + Long.toHexString(r.nextLong());
        return switch (join) {
            case SAME_ROOM, GOOD_ID -> target.socketPath(target.room(), id, token);
            case OTHER_ROOM -> target.socketPath(otherRoom(r), id, token);
            case REFUSED -> switch (r.nextInt(5)) {
                case 0 -> target.socketPath(pick(r, "0123456789012345678", "123", "18446744073709551616", "abc", "%20"), id, token);
                case 1 -> target.basePath() + "rooms/" + target.room() + "/peerjs?key=wrong&id=" + id + "&token=" + token;
                case 2 -> target.socketPath(target.room(), pick(r, "a_b", "a%20b", "%C3%A9", "x".repeat(65)), token);
                case 3 -> target.basePath() + "rooms/" + target.room() + "/peerjs?key=" + target.key() + "&id=" + id;
                default -> target.socketPath(target.room(), id, "") + "&id=" + goodIdOr(r, id);
            };
        };
    }

    private String goodIdOr(SplittableRandom r, String id) {
        return r.nextBoolean() ? goodIds.get(0) : id;
    }

    /** A valid room id other than the good peers' room: 18 digits starting with 2-9. */
    private static String otherRoom(SplittableRandom r) {
        StringBuilder sb = new StringBuilder().append((char) ('2' + r.nextInt(8)));
        for (int i = 0; i < 17; i++) {
            sb.append((char) ('0' + r.nextInt(10)));
        }
        return sb.toString();
    }

    private static String pick(SplittableRandom r, String... values) {
        return values[r.nextInt(values.length)];
    }
}
