package dev.peerroom.fuzz;

import dev.peerroom.fuzz.ProbeSocket.Frame;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** How the server answered one input: short labels such as "http 400", "ERROR INVALID_MESSAGE", "close 1002". */
final class Answer {
    private static final Pattern TYPE = Pattern.compile("\"type\":\"([A-Z-]{1,20})\"");
    private static final Pattern CODE = Pattern.compile("\"code\":\"([A-Z_]{1,20})\"");

    final Category category;
    private final Set<String> labels = new LinkedHashSet<>();
    private boolean closedByServer;

    Answer(Category category) {
        this.category = category;
    }

    void add(String label) {
        labels.add(label);
    }

    void closed() {
        closedByServer = true;
    }

    Set<String> labels() {
        return labels;
    }

    boolean closedByServer() {
        return closedByServer;
    }

    /** A server frame as a label: the type (and ERROR code) of a text frame, the code of a close. */
    static String describe(Frame f) {
        switch (f.opcode()) {
            case WsFrames.TEXT: {
                String text = f.text();
                Matcher type = TYPE.matcher(text);
                if (!type.find()) {
                    return "text (no type)";
                }
                if (type.group(1).equals("ERROR")) {
                    Matcher code = CODE.matcher(text);
                    return "ERROR " + (code.find() ? code.group(1) : "(no code)");
                }
                return type.group(1);
            }
            case WsFrames.CLOSE:
                return "close " + f.closeCode();
            case WsFrames.PING:
                return "ping";
            case WsFrames.PONG:
                return "pong";
            default:
                return "opcode " + f.opcode();
        }
    }
}
