package dev.peerroom.config;

import java.util.Locale;

/**
 * The settings for the people who run a node: the admin API, the status page, the peerjs-server
 * drop-in namespace, and the log format.
 *
 * @param adminToken      bearer token of the admin API (and of a {@code token} status page); null = admin API off
 * @param statusPage      who may see {@code /status}
 * @param peerjsCompat    also serve peerjs-server's classic single namespace ({@code {base}peerjs}, no room)
 * @param concurrentLimit most peers in the classic namespace (peerjs-server's {@code concurrent_limit})
 * @param logFormat       one line of text per event, or one JSON object per event
 */
public record OperatorSettings(
        String adminToken,
        StatusPage statusPage,
        boolean peerjsCompat,
        int concurrentLimit,
        LogFormat logFormat) {

    /** peerjs-server's default {@code concurrent_limit}. */
    public static final int DEFAULT_CONCURRENT_LIMIT = 5000;

    /** Who may see the status page and its data. */
    public enum StatusPage {
        OFF, TOKEN, PUBLIC;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** How log events are written to stdout. */
    public enum LogFormat {
        TEXT, JSON;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OperatorSettings {
        java.util.Objects.requireNonNull(statusPage, "statusPage");
        java.util.Objects.requireNonNull(logFormat, "logFormat");
        if (statusPage == StatusPage.TOKEN && adminToken == null) {
            throw new IllegalArgumentException("a status page behind the admin token needs an admin token");
        }
        if (concurrentLimit < 1) {
            throw new IllegalArgumentException("concurrentLimit must be at least 1");
        }
    }

    public static OperatorSettings defaults() {
        return new OperatorSettings(null, StatusPage.OFF, false, DEFAULT_CONCURRENT_LIMIT, LogFormat.TEXT);
    }

    /** Whether the admin API answers (it needs a token). */
    public boolean adminApi() {
        return adminToken != null;
    }

    public OperatorSettings withAdminToken(String token, StatusPage page) {
        return new OperatorSettings(token, page, peerjsCompat, concurrentLimit, logFormat);
    }

    public OperatorSettings withPeerjsCompat(boolean compat, int limit) {
        return new OperatorSettings(adminToken, statusPage, compat, limit, logFormat);
    }

    public OperatorSettings withLogFormat(LogFormat format) {
        return new OperatorSettings(adminToken, statusPage, peerjsCompat, concurrentLimit, format);
    }

    /** The token is never printed. */
    @Override
    public String toString() {
        return "OperatorSettings[adminToken=" + (adminToken == null ? "none" : "(set)")
                + ", statusPage=" + statusPage.label() + ", peerjsCompat=" + peerjsCompat
                + ", concurrentLimit=" + concurrentLimit + ", logFormat=" + logFormat.label() + "]";
    }
}
