package dev.peerroom.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Who is who in a run: peers in groups of 4, one room per group. Peer ids are unique across the
 * whole run and across runs ({@code b<tag>g<group>p<n>}, tag random per run), because
 * peerjs-server has one global id namespace and a previous run's sockets may still be closing.
 * Rooms are valid snowflakes, {@code roomBase + group}.
 */
public final class Topology {
    public static final int GROUP_SIZE = 4;
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** One connection to open. {@code mates} are the other ids of its room. */
    public record PeerSpec(int index, String id, String room, String token, URI uri, List<String> mates) {
    }

    private Topology() {
    }

    /** A random tag of 4 letters and digits. */
    public static String randomTag() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        StringBuilder sb = new StringBuilder(4);
        for (int i = 0; i < 4; i++) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    /** A random 18-digit room base, so that two runs never share a room. */
    public static long randomRoomBase() {
        return 100_000_000_000_000_000L + ThreadLocalRandom.current().nextLong(10_000_000_000L) * 10_000_000L;
    }

    public static String peerId(String tag, int group, int n) {
        return "b" + tag + "g" + group + "p" + n;
    }

    public static List<PeerSpec> build(int connections, UrlTemplates urls, String tag, long roomBase) {
        List<PeerSpec> peers = new ArrayList<>(connections);
        for (int i = 0; i < connections; i++) {
            int group = i / GROUP_SIZE;
            int n = i % GROUP_SIZE;
            int groupSize = Math.min(GROUP_SIZE, connections - group * GROUP_SIZE);
            List<String> mates = new ArrayList<>(GROUP_SIZE - 1);
            for (int k = 1; k < groupSize; k++) {
                mates.add(peerId(tag, group, (n + k) % groupSize));
            }
            String id = peerId(tag, group, n);
            String room = Long.toString(roomBase + group);
            String token = "tk" + tag + i;
            peers.add(new PeerSpec(i, id, room, token, urls.expand(n, room, id, token), List.copyOf(mates)));
        }
        return peers;
    }
}
