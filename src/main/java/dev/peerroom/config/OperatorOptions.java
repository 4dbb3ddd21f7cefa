package dev.peerroom.config;

import static dev.peerroom.config.SettingParsers.atLeast;

import picocli.CommandLine.Option;

/**
 * The operator's flags of {@link ServeCommand} (mixed in): kept apart so the command stays
 * readable. Raw strings, converted and checked by {@link #toSettings}.
 */
final class OperatorOptions {

    @Option(names = "--admin-token", paramLabel = "<token>",
            description = "Bearer token of the admin API (/admin/...), at least 16 characters; without it the admin "
                    + "API is off. Prefer the variable: flags show in ps. Default: none. Env: PEERROOM_ADMIN_TOKEN.")
    String adminToken;

    @Option(names = "--status-page", paramLabel = "<off|token|public>",
            description = "The live status page (/status): off, behind the admin token, or public. "
                    + "Default: off. Env: PEERROOM_STATUS_PAGE.")
    String statusPage;

    @Option(names = "--peerjs-compat", paramLabel = "<true|false>", arity = "0..1", fallbackValue = "true",
            description = "Also serve peerjs-server's single namespace ({base}peerjs, {base}{key}/id and /peers, no "
                    + "room), so pages written for peerjs-server work unchanged. Default: false. Env: PEERROOM_PEERJS_COMPAT.")
    String peerjsCompat;

    @Option(names = "--concurrent-limit", paramLabel = "<n>",
            description = "Most peers in the peerjs-server namespace (its concurrent_limit). "
                    + "Default: 5000. Env: PEERROOM_CONCURRENT_LIMIT.")
    String concurrentLimit;

    @Option(names = "--log-format", paramLabel = "<text|json>",
            description = "Log events as lines of text or as one JSON object per line, for log shippers. "
                    + "Default: text. Env: PEERROOM_LOG_FORMAT.")
    String logFormat;

    OperatorSettings toSettings(SettingReader r) {
        OperatorSettings d = OperatorSettings.defaults();
        String token = r.read(adminToken, "--admin-token", d.adminToken(), SettingParsers::adminToken);
        OperatorSettings.StatusPage page = r.read(statusPage, "--status-page", d.statusPage(),
                SettingParsers::statusPage);
        if (page == OperatorSettings.StatusPage.TOKEN && token == null) {
            throw r.error("missing " + r.origin("--admin-token") + ": " + r.origin("--status-page") + " token needs it");
        }
        boolean compat = r.read(peerjsCompat, "--peerjs-compat", d.peerjsCompat(), SettingParsers::bool);
        int limit = r.read(concurrentLimit, "--concurrent-limit", d.concurrentLimit(), atLeast(1));
        OperatorSettings.LogFormat format = r.read(logFormat, "--log-format", d.logFormat(),
                SettingParsers::logFormat);
        return new OperatorSettings(token, page, compat, limit, format);
    }
}
