package dev.peerroom.protocol;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Valid client frames as the stock PeerJS client could send them, and then some: every client
 * type, both payload forms, user metadata, extra fields, any key order, escapes and whitespace.
 * Each frame knows what the decoder must report for it.
 */
final class FrameGen {
    private static final Set<String> KNOWN = Set.of("type", "src", "dst", "payload");
    private static final List<MessageType> SIGNALS = List.of(MessageType.OFFER, MessageType.ANSWER, MessageType.CANDIDATE);

    /** A frame and what decoding it must give. {@code payload} is null when none is forwarded. */
    record Frame(String json, MessageType type, String src, String dst, String payload) {
        byte[] bytes() {
            return json.getBytes(UTF_8);
        }
    }

    /**
     * The fields of a frame before it is written: name literal and value text per field. Tests
     * replace one value to make the frame wrong in a known way.
     */
    static final class Fields {
        final List<String[]> fields = new ArrayList<>();

        void put(String name, String value) {
            fields.add(new String[] {name, value});
        }

        /** Replaces the value of every field whose (unescaped) name is {@code name}. */
        void replace(String name, String value) {
            for (String[] f : fields) {
                if (unquote(f[0]).equals(name)) {
                    f[1] = value;
                }
            }
        }

        void remove(String name) {
            fields.removeIf(f -> unquote(f[0]).equals(name));
        }
    }

    private final JsonGen g;

    FrameGen(JsonGen g) {
        this.g = g;
    }

    Frame valid() {
        MessageType type = g.pick(List.of(MessageType.values()));
        return valid(type);
    }

    Frame validSignal() {
        return valid(g.pick(SIGNALS));
    }

    Frame valid(MessageType type) {
        Fields f = new Fields();
        String src = null;
        String dst = null;
        String payload = null;
        f.put(name("type"), g.literal(type.name(), 0.2));
        switch (type) {
            case HEARTBEAT -> {
                // Everything else on a HEARTBEAT is ignored, even values that would be invalid elsewhere.
                if (g.chance(0.3)) {
                    f.put(name("dst"), g.value(2));
                }
                if (g.chance(0.2)) {
                    f.put(name("src"), g.value(2));
                }
                if (g.chance(0.2)) {
                    f.put(name("payload"), g.value(2));
                }
            }
            case LEAVE -> {
                if (g.chance(0.5)) {
                    dst = g.peerId();
                    f.put(name("dst"), g.literal(dst, 0.2));
                } else if (g.chance(0.3)) {
                    f.put(name("dst"), "null");
                }
                src = maybeSrc(f);
                if (g.chance(0.2)) {
                    f.put(name("payload"), g.value(2));
                }
            }
            default -> {
                dst = g.peerId();
                f.put(name("dst"), g.literal(dst, 0.2));
                src = maybeSrc(f);
                payload = payload(type);
                f.put(name("payload"), payload);
            }
        }
        for (int i = g.between(0, 3); i > 0; i--) {
            String extra = g.unicode(10);
            if (!KNOWN.contains(extra)) {
                f.put(g.literal(extra), g.value(3));
            }
        }
        Collections.shuffle(f.fields, g.random());
        return new Frame(write(f), type, src, dst, payload);
    }

    /** The fields of a valid frame of {@code type}, for tests that break one of them. */
    Fields fields(MessageType type) {
        Frame frame = valid(type);
        Fields f = new Fields();
        f.put("\"type\"", "\"" + type.name() + "\"");
        if (frame.dst() != null) {
            f.put("\"dst\"", "\"" + frame.dst() + "\"");
        }
        if (frame.payload() != null) {
            f.put("\"payload\"", frame.payload());
        }
        return f;
    }

    String write(Fields f) {
        return g.ws() + g.object(f.fields) + g.ws();
    }

    private String maybeSrc(Fields f) {
        if (g.chance(0.2)) {
            String src = g.peerId();
            f.put(name("src"), g.literal(src, 0.2));
            return src;
        }
        if (g.chance(0.1)) {
            f.put(name("src"), "null");
        }
        return null;
    }

    /** A known field name, now and then with escapes (the decoder compares unescaped names). */
    private String name(String n) {
        return g.literal(n, 0.1);
    }

    /** A payload object as PeerJS 1.5 writes it, in either accepted form, with extra fields. */
    String payload(MessageType type) {
        List<String[]> fields = new ArrayList<>();
        boolean candidate = type == MessageType.CANDIDATE;
        String key = candidate ? "candidate" : "sdp";
        String text = candidate ? "candidate:" + g.between(1, 999999) + " 1 udp " + g.unicode(40) : "v=0\r\n" + g.unicode(200);
        if (g.chance(0.7)) {
            List<String[]> inner = new ArrayList<>();
            inner.add(new String[] {g.literal(key, 0.1), g.literal(text)});
            inner.add(new String[] {g.literal(candidate ? "sdpMid" : "type"), g.literal(candidate ? "0" : "offer")});
            if (g.chance(0.5)) {
                inner.add(new String[] {g.literal(g.unicode(6)), g.value(2)});
            }
            Collections.shuffle(inner, g.random());
            // A repeated inner key must not overwrite the string with a non-string.
            inner.removeIf(e -> !e[1].startsWith("\"") && unquote(e[0]).equals(key));
            fields.add(new String[] {g.literal(key, 0.1), g.object(inner)});
        } else {
            fields.add(new String[] {g.literal(key, 0.1), g.literal(text)});
        }
        fields.add(new String[] {g.literal("type"), g.literal(g.chance(0.5) ? "data" : "media")});
        fields.add(new String[] {g.literal("connectionId"), g.literal("dc_" + g.peerId())});
        if (g.chance(0.5)) {
            fields.add(new String[] {g.literal("metadata"), g.value(4)});
        }
        for (int i = g.between(0, 2); i > 0; i--) {
            String extra = g.unicode(8);
            if (!extra.equals(key)) {
                fields.add(new String[] {g.literal(extra), g.value(2)});
            }
        }
        Collections.shuffle(fields, g.random());
        return g.object(fields);
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper();

    /** The Java string a name literal stands for. */
    static String unquote(String literal) {
        try {
            return MAPPER.readValue(literal, String.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(literal, e);
        }
    }
}
