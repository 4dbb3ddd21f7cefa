package dev.peerroom.bench;

import java.io.PrintStream;

/** The one updating progress line on stderr ({@code \r}, padded over the previous text). */
final class Progress {
    private final PrintStream err;
    private final boolean enabled;
    private int lastLength;
    private long lastPrint;

    Progress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Shows {@code line} unless one was shown less than {@code minMillis} ago. */
    synchronized void show(String line, long minMillis) {
        long now = System.nanoTime();
        if (!enabled || (lastPrint != 0 && now - lastPrint < minMillis * 1_000_000)) {
            return;
        }
        lastPrint = now;
        StringBuilder sb = new StringBuilder(line.length() + 8).append('\r').append(line);
        for (int i = line.length(); i < lastLength; i++) {
            sb.append(' ');
        }
        lastLength = line.length();
        err.print(sb);
        err.flush();
    }

    /** Clears the line so that the next output starts on a clean one. */
    synchronized void clear() {
        if (enabled && lastLength > 0) {
            err.print("\r" + " ".repeat(lastLength) + "\r");
            err.flush();
            lastLength = 0;
        }
        lastPrint = 0;
    }
}
