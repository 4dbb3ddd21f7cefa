package dev.peerroom.config;

import static dev.peerroom.config.SettingParsers.atLeast;
import static dev.peerroom.config.SettingParsers.byteSize;
import static dev.peerroom.config.SettingParsers.wholeNumber;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code peerroom} command: reads every setting from flags, then environment variables
 * ({@link EnvDefaults}), then {@link ServerConfig#defaults()}, validates them and hands a
 * {@link ServerConfig} to the {@link ServerLauncher}.
 *
 * <p>Options are kept as raw strings and converted in {@link #call()} rather than by picocli
 * converters: only there do we know whether a value came from a flag or from an environment
 * variable (so the error can name the right one), and a bad environment variable then does
 * not break {@code --help}. Subcommands (e.g. {@code bench}) can be added to the
 * {@link CommandLine} returned by {@link #commandLine}; this command only runs without one.
 */
@Command(name = "peerroom", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Runs the PeerRoom WebRTC signaling server for PeerJS clients.",
        abbreviateSynopsis = true, sortOptions = false,
        footerHeading = "%n",
        footer = {"Flags override environment variables, which override the defaults.",
                "Durations: 500ms, 5s, 5m or 1h. Sizes: bytes, or with k or m (1k = 1024), e.g. 64k."})
public final class ServeCommand implements Callable<Integer> {

    private static final int MIN_MESSAGE_BYTES = 1024;
    private static final int MAX_MESSAGE_BYTES = 64 << 20;
    private static final Function<String, Duration> POSITIVE = SettingParsers::positiveDuration;

    @Spec
    private CommandSpec spec;

    private final ServerLauncher launcher;
    private final EnvDefaults envDefaults;

    // Descriptions repeat the defaults of ServerConfig.defaults(); ServeCommandTest checks they agree.
    @Option(names = "--port", paramLabel = "<port>",
            description = "TCP port to listen on; 0 picks a free port. Default: 9000. Env: PEERROOM_PORT, then PORT.")
    private String port;

    @Option(names = "--host", paramLabel = "<address>",
            description = "Address to bind. Default: 0.0.0.0. Env: PEERROOM_HOST.")
    private String host;

    @Option(names = "--base-path", paramLabel = "<path>",
            description = "URL path the PeerJS endpoints live under; starts with '/'. Default: /. Env: PEERROOM_BASE_PATH.")
    private String basePath;

    @Option(names = "--key", paramLabel = "<key>",
            description = "API key clients must use (PeerJS 'key'). Default: peerjs. Env: PEERROOM_KEY.")
    private String key;

    @Option(names = "--max-peers", paramLabel = "<n>",
            description = "Most peers in one room. Default: 4. Env: PEERROOM_MAX_PEERS.")
    private String maxPeers;

    @Option(names = "--heartbeat-timeout", paramLabel = "<duration>",
            description = "Close a connection silent for this long. Default: 5s. Env: PEERROOM_HEARTBEAT_TIMEOUT.")
    private String heartbeatTimeout;

    @Option(names = "--ping-interval", paramLabel = "<duration>",
            description = "Silence after which the server pings a socket (and again while it lasts); must be shorter than "
                    + "the heartbeat timeout. "
                    + "Default: 2s. Env: PEERROOM_PING_INTERVAL.")
    private String pingInterval;

    @Option(names = "--rate-limit", paramLabel = "<n>",
            description = "Most messages a peer may send per rate window. Default: 100. Env: PEERROOM_RATE_LIMIT.")
    private String rateLimit;

    @Option(names = "--rate-window", paramLabel = "<duration>",
            description = "Length of the rate-limit window. Default: 1s. Env: PEERROOM_RATE_WINDOW.")
    private String rateWindow;

    @Option(names = "--rate-strikes", paramLabel = "<n>",
            description = "Consecutive over-limit windows before a peer is disconnected. "
                    + "Default: 3. Env: PEERROOM_RATE_STRIKES.")
    private String rateStrikes;

    @Option(names = "--max-message-bytes", paramLabel = "<size>",
            description = "Largest message accepted from a client, 1k to 64m. "
                    + "Default: 1m. Env: PEERROOM_MAX_MESSAGE_BYTES.")
    private String maxMessageBytes;

    @Option(names = "--hold-timeout", paramLabel = "<duration>",
            description = "How long a message for an absent peer is held before it expires. "
                    + "Default: 5s. Env: PEERROOM_HOLD_TIMEOUT.")
    private String holdTimeout;

    @Option(names = "--hold-max-messages", paramLabel = "<n>",
            description = "Most messages held per room for peers not (yet) in it. Default: 64. Env: PEERROOM_HOLD_MAX_MESSAGES.")
    private String holdMaxMessages;

    @Option(names = "--hold-max-bytes", paramLabel = "<size>",
            description = "Most bytes held per room for peers not (yet) in it. Default: 256k. Env: PEERROOM_HOLD_MAX_BYTES.")
    private String holdMaxBytes;

    @Option(names = "--idle-room-ttl", paramLabel = "<duration>",
            description = "How long an empty room is kept. Default: 5m. Env: PEERROOM_IDLE_ROOM_TTL.")
    private String idleRoomTtl;

    @Option(names = "--allowed-origins", paramLabel = "<origins>",
            description = "Comma-separated origins allowed to connect, such as https://app.example.com; "
                    + "empty or * allows any. Default: any. Env: PEERROOM_ALLOWED_ORIGINS.")
    private String allowedOrigins;

    @Option(names = "--discovery", paramLabel = "<true|false>", arity = "0..1", fallbackValue = "true",
            description = "Let clients list the peers of their room. Default: false. Env: PEERROOM_DISCOVERY.")
    private String discovery;

    @Option(names = "--redis", paramLabel = "<uri>",
            description = "Join the cluster on this Redis (redis://host:port, or rediss:// for TLS). "
                    + "Without it the node runs alone on its embedded engine. Default: none. Env: PEERROOM_REDIS.")
    private String redis;

    @Option(names = "--cluster-lease", paramLabel = "<duration>",
            description = "Cluster only: how long a peer stays claimed without its node renewing it. A dead "
                    + "node's peers expire within about 1.25 leases. Default: 10s. Env: PEERROOM_CLUSTER_LEASE.")
    private String clusterLease;

    @CommandLine.Mixin
    private SecurityOptions securityOptions = new SecurityOptions();

    @CommandLine.Mixin
    private OperatorOptions operatorOptions = new OperatorOptions();

    public ServeCommand(ServerLauncher launcher, Map<String, String> env) {
        this.launcher = Objects.requireNonNull(launcher, "launcher");
        this.envDefaults = new EnvDefaults(env);
    }

    /**
     * The command line {@code Main} executes: environment defaults, one-line errors with exit code 2
     * for bad values, one-line errors with exit code 1 when the launcher fails.
     */
    public static CommandLine commandLine(ServerLauncher launcher, Map<String, String> env) {
        ServeCommand command = new ServeCommand(launcher, env);
        CommandLine cl = new CommandLine(command);
        // Set on this command's spec only, so a later subcommand keeps its own defaults.
        cl.getCommandSpec().defaultValueProvider(command.envDefaults);
        cl.setParameterExceptionHandler(ServeCommand::reportBadInput);
        cl.setExecutionExceptionHandler(ServeCommand::reportFailure);
        return cl;
    }

    @Override
    public Integer call() throws Exception {
        return launcher.launch(toConfig());
    }

    /** Validates and converts every setting; throws a ParameterException naming the first bad one. */
    ServerConfig toConfig() {
        ServerConfig d = ServerConfig.defaults();
        String hostValue = setting(host, "--host", d.host(), SettingParsers::nonBlank);
        int portValue = setting(port, "--port", d.port(), wholeNumber(0, 65535));
        String path = setting(basePath, "--base-path", d.basePath(), SettingParsers::basePath);
        String keyValue = setting(key, "--key", d.key(), SettingParsers::apiKey);
        int peers = setting(maxPeers, "--max-peers", d.maxPeers(), atLeast(1));
        Duration heartbeat = setting(heartbeatTimeout, "--heartbeat-timeout", d.heartbeatTimeout(), POSITIVE);
        Duration ping = setting(pingInterval, "--ping-interval", d.pingInterval(), POSITIVE);
        if (ping.compareTo(heartbeat) >= 0) {
            String shown = pingInterval != null ? pingInterval : Durations.format(ping);
            throw invalid("--ping-interval", shown,
                    "must be shorter than the heartbeat timeout, " + Durations.format(heartbeat));
        }
        int limit = setting(rateLimit, "--rate-limit", d.rateLimit(), atLeast(1));
        Duration window = setting(rateWindow, "--rate-window", d.rateWindow(), POSITIVE);
        int strikes = setting(rateStrikes, "--rate-strikes", d.rateStrikes(), atLeast(1));
        int messageBytes = setting(maxMessageBytes, "--max-message-bytes", d.maxMessageBytes(),
                byteSize(MIN_MESSAGE_BYTES, MAX_MESSAGE_BYTES));
        Duration hold = setting(holdTimeout, "--hold-timeout", d.holdTimeout(), POSITIVE);
        int holdMessages = setting(holdMaxMessages, "--hold-max-messages", d.holdMaxMessages(), atLeast(0));
        int holdBytes = setting(holdMaxBytes, "--hold-max-bytes", d.holdMaxBytes(), byteSize(0, Integer.MAX_VALUE));
        Duration idleTtl = setting(idleRoomTtl, "--idle-room-ttl", d.idleRoomTtl(), POSITIVE);
        List<String> origins = setting(allowedOrigins, "--allowed-origins", d.allowedOrigins(),
                SettingParsers::origins);
        boolean discoveryValue = setting(discovery, "--discovery", d.discovery(), SettingParsers::bool);
        String redisUri = setting(redis, "--redis", d.redis(), SettingParsers::redisUri);
        Duration lease = setting(clusterLease, "--cluster-lease", d.clusterLease(), SettingParsers::clusterLease);
        return new ServerConfig(hostValue, portValue, path, keyValue, peers, heartbeat, ping, limit, window,
                strikes, messageBytes, hold, holdMessages, holdBytes, idleTtl, origins, discoveryValue,
                redisUri, lease, securityOptions.toSettings(reader()), operatorOptions.toSettings(reader()));
    }

    private SettingReader reader() {
        return new SettingReader(spec, envDefaults);
    }

    private <T> T setting(String raw, String option, T fallback, Function<String, T> parser) {
        return reader().read(raw, option, fallback, parser);
    }

    private ParameterException invalid(String option, String shownValue, String reason) {
        return reader().invalid(option, shownValue, reason);
    }

    private static int reportBadInput(ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        // Picocli's own messages start upper-case ("Unknown option: ..."); ours start lower-case.
        String message = oneLine(Objects.toString(ex.getMessage(), "invalid input"));
        message = message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
        if (ex instanceof UnmatchedArgumentException unmatched && !unmatched.getSuggestions().isEmpty()) {
            message += " (did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?)";
        }
        PrintWriter err = cl.getErr();
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message);
        err.flush();
        return cl.getCommandSpec().exitCodeOnInvalidInput();
    }

    private static int reportFailure(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        String message = ex.getClass().getSimpleName();
        if (ex.getMessage() != null) {
            message += ": " + oneLine(ex.getMessage());
        }
        err.println(cl.getCommandSpec().qualifiedName() + ": " + message);
        if (ex instanceof RuntimeException) {
            ex.printStackTrace(err); // most likely a bug: the trace is worth the noise
        }
        err.flush();
        return cl.getCommandSpec().exitCodeOnExecutionException();
    }

    /** Messages may span lines (picocli's sometimes do); the contract is one line on stderr. */
    private static String oneLine(String message) {
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
