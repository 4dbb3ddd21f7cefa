package dev.peerroom.transport;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.peerroom.metrics.NodeSampler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The JSON bodies of the admin API and the status data, written with Jackson's generator so every
 * string is escaped whatever it holds. Times are epoch milliseconds, and for people also ISO 8601
 * in UTC ({@code createdAt} and {@code createdAtIso}).
 */
final class OperatorJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private OperatorJson() {
    }

    @FunctionalInterface
    private interface Fields {
        void write(JsonGenerator g) throws IOException;
    }

    static String error(String message) {
        return object(g -> g.writeStringField("error", message));
    }

    static String rooms(String node, List<AdminRoom> rooms) {
        return object(g -> {
            g.writeStringField("node", node);
            g.writeArrayFieldStart("rooms");
            for (AdminRoom room : rooms) {
                g.writeStartObject();
                roomFields(g, room);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    static String room(String node, AdminRoom room) {
        return object(g -> {
            g.writeStringField("node", node);
            roomFields(g, room);
        });
    }

    static String kicked(String peer, String roomId, String node) {
        return object(g -> {
            g.writeStringField("kicked", peer);
            g.writeStringField("roomId", roomId);
            g.writeStringField("node", node);
        });
    }

    static String status(String node, NodeSampler.Sample current, List<NodeSampler.Sample> history) {
        return object(g -> {
            g.writeStringField("node", node);
            g.writeNumberField("now", current.at());
            g.writeNumberField("rooms", current.rooms());
            g.writeNumberField("peers", current.peers());
            g.writeNumberField("messagesPerSecond", rate(current.messagesPerSecond()));
            g.writeArrayFieldStart("history");
            for (NodeSampler.Sample s : history) {
                g.writeStartObject();
                g.writeNumberField("t", s.at());
                g.writeNumberField("rooms", s.rooms());
                g.writeNumberField("peers", s.peers());
                g.writeNumberField("mps", rate(s.messagesPerSecond()));
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    private static void roomFields(JsonGenerator g, AdminRoom room) throws IOException {
        g.writeStringField("roomId", room.roomId());
        g.writeStringField("state", room.state().name().toLowerCase(Locale.ROOT));
        g.writeArrayFieldStart("peers");
        for (String peer : room.peers()) {
            g.writeString(peer);
        }
        g.writeEndArray();
        g.writeNumberField("peerCount", room.peers().size());
        g.writeNumberField("maxPeers", room.maxPeers());
        time(g, "createdAt", room.createdAt());
        time(g, "lastActivityAt", room.lastActivityAt());
    }

    private static void time(JsonGenerator g, String name, long epochMillis) throws IOException {
        g.writeNumberField(name, epochMillis);
        g.writeStringField(name + "Iso", Instant.ofEpochMilli(epochMillis).toString());
    }

    /** Two decimals are plenty for a rate, and keep the history short. */
    private static double rate(double perSecond) {
        return Math.round(perSecond * 100) / 100.0;
    }

    private static String object(Fields fields) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            g.writeStartObject();
            fields.write(g);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return out.toString();
    }
}
