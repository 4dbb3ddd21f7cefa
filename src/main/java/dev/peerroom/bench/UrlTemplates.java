package dev.peerroom.bench;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code --url} option: one or more comma-separated WebSocket URL templates with the
 * placeholders {@code {room}}, {@code {id}} and {@code {token}}. With several templates, the peers
 * of each room are spread over them round-robin (peer n of a group uses template n mod count).
 */
public final class UrlTemplates {
    private final List<String> templates;

    private UrlTemplates(List<String> templates) {
        this.templates = templates;
    }

    /** Parses and checks the templates; the message of the exception names what is wrong. */
    public static UrlTemplates parse(String option) {
        if (option == null || option.isBlank()) {
            throw new IllegalArgumentException("--url is empty");
        }
        List<String> list = new ArrayList<>();
        for (String part : option.split(",")) {
            String t = part.strip();
            if (t.isEmpty()) {
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT);
            if (!lower.startsWith("ws://") && !lower.startsWith("wss://")) {
                throw new IllegalArgumentException("--url must start with ws:// (got " + t + ")");
            }
            if (lower.startsWith("wss://")) {
                throw new IllegalArgumentException("--url: wss:// is not supported, use ws:// (got " + t + ")");
            }
            if (!t.contains("{id}")) {
                throw new IllegalArgumentException("--url needs an {id} placeholder (got " + t + ")");
            }
            URI check = toUri(expandText(t, "100000000000000000", "x", "t"));
            if (check.getHost() == null) {
                throw new IllegalArgumentException("--url has no host (got " + t + ")");
            }
            list.add(t);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException("--url is empty");
        }
        return new UrlTemplates(List.copyOf(list));
    }

    public int size() {
        return templates.size();
    }

    public String first() {
        return templates.get(0);
    }

    /** The URL for peer {@code n} of its group (template n mod count). */
    public URI expand(int peerInGroup, String room, String id, String token) {
        return toUri(expandText(templates.get(peerInGroup % templates.size()), room, id, token));
    }

    static String expandText(String template, String room, String id, String token) {
        return template.replace("{room}", room).replace("{id}", id).replace("{token}", token);
    }

    private static URI toUri(String text) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("--url is not a valid URL once expanded: " + text, e);
        }
    }

    @Override
    public String toString() {
        return String.join(",", templates);
    }
}
