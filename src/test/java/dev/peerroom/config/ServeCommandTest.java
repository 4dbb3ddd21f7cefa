package dev.peerroom.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;

class ServeCommandTest {

    /** One setting: a valid non-default value, what it becomes, and a value that must be refused. */
    record Setting(String flag, String env, String value, Object expected,
                   Function<ServerConfig, Object> getter, String bad) {
        @Override
        public String toString() {
            return flag;
        }
    }

    static Stream<Setting> settings() {
        return Stream.of(
                new Setting("--port", "PEERROOM_PORT", "8080", 8080, ServerConfig::port, "70000"),
                new Setting("--host", "PEERROOM_HOST", "127.0.0.1", "127.0.0.1", ServerConfig::host, ""),
                new Setting("--base-path", "PEERROOM_BASE_PATH", "/signal/", "/signal/", ServerConfig::basePath,
                        "signal"),
                new Setting("--key", "PEERROOM_KEY", "s3cret", "s3cret", ServerConfig::key, ""),
                new Setting("--max-peers", "PEERROOM_MAX_PEERS", "8", 8, ServerConfig::maxPeers, "0"),
                new Setting("--heartbeat-timeout", "PEERROOM_HEARTBEAT_TIMEOUT", "30s", Duration.ofSeconds(30),
                        ServerConfig::heartbeatTimeout, "5x"),
                new Setting("--ping-interval", "PEERROOM_PING_INTERVAL", "500ms", Duration.ofMillis(500),
                        ServerConfig::pingInterval, "0s"),
                new Setting("--rate-limit", "PEERROOM_RATE_LIMIT", "250", 250, ServerConfig::rateLimit, "ten"),
                new Setting("--rate-window", "PEERROOM_RATE_WINDOW", "2m", Duration.ofMinutes(2),
                        ServerConfig::rateWindow, "1"),
                new Setting("--rate-strikes", "PEERROOM_RATE_STRIKES", "5", 5, ServerConfig::rateStrikes, "-1"),
                new Setting("--max-message-bytes", "PEERROOM_MAX_MESSAGE_BYTES", "64k", 65536,
                        ServerConfig::maxMessageBytes, "512"),
                new Setting("--hold-timeout", "PEERROOM_HOLD_TIMEOUT", "1h", Duration.ofHours(1),
                        ServerConfig::holdTimeout, "-5s"),
                new Setting("--hold-max-messages", "PEERROOM_HOLD_MAX_MESSAGES", "0", 0,
                        ServerConfig::holdMaxMessages, "1.5"),
                new Setting("--hold-max-bytes", "PEERROOM_HOLD_MAX_BYTES", "1MiB", 1 << 20,
                        ServerConfig::holdMaxBytes, "1g"),
                new Setting("--idle-room-ttl", "PEERROOM_IDLE_ROOM_TTL", "10m", Duration.ofMinutes(10),
                        ServerConfig::idleRoomTtl, "0ms"),
                new Setting("--allowed-origins", "PEERROOM_ALLOWED_ORIGINS",
                        "https://app.example.com, http://localhost:3000",
                        List.of("https://app.example.com", "http://localhost:3000"),
                        ServerConfig::allowedOrigins, "https://app.example.com/path"),
                new Setting("--discovery", "PEERROOM_DISCOVERY", "true", true, ServerConfig::discovery, "yes"),
                new Setting("--redis", "PEERROOM_REDIS", "redis://10.0.0.5:6379", "redis://10.0.0.5:6379",
                        ServerConfig::redis, "http://10.0.0.5:6379"),
                new Setting("--cluster-lease", "PEERROOM_CLUSTER_LEASE", "30s", Duration.ofSeconds(30),
                        ServerConfig::clusterLease, "500ms"),
                new Setting("--jwt-secret", "PEERROOM_JWT_SECRET", "0123456789abcdef0123456789abcdef",
                        "0123456789abcdef0123456789abcdef", c -> c.security().jwtSecret(), "too-short"),
                new Setting("--jwt-public-key", "PEERROOM_JWT_PUBLIC_KEY", "/etc/peerroom/jwt.pem",
                        Path.of("/etc/peerroom/jwt.pem"), c -> c.security().jwtPublicKey(), ""),
                new Setting("--max-connections-per-ip", "PEERROOM_MAX_CONNECTIONS_PER_IP", "64", 64,
                        c -> c.security().maxConnectionsPerIp(), "-1"),
                new Setting("--max-upgrades-per-ip", "PEERROOM_MAX_UPGRADES_PER_IP", "10", 10,
                        c -> c.security().maxUpgradesPerIp(), "many"),
                new Setting("--handshake-timeout", "PEERROOM_HANDSHAKE_TIMEOUT", "3s", Duration.ofSeconds(3),
                        c -> c.security().handshakeTimeout(), "0s"),
                new Setting("--trusted-proxies", "PEERROOM_TRUSTED_PROXIES", "10.0.0.0/8, 192.168.1.7,::1",
                        List.of("10.0.0.0/8", "192.168.1.7/32", "::1/128"), c -> c.security().trustedProxies(),
                        "proxy.example.com"),
                new Setting("--admin-token", "PEERROOM_ADMIN_TOKEN", "0123456789abcdef-admin",
                        "0123456789abcdef-admin", c -> c.operator().adminToken(), "short"),
                new Setting("--status-page", "PEERROOM_STATUS_PAGE", "public", OperatorSettings.StatusPage.PUBLIC,
                        c -> c.operator().statusPage(), "on"),
                new Setting("--peerjs-compat", "PEERROOM_PEERJS_COMPAT", "true", true,
                        c -> c.operator().peerjsCompat(), "yes"),
                new Setting("--concurrent-limit", "PEERROOM_CONCURRENT_LIMIT", "100", 100,
                        c -> c.operator().concurrentLimit(), "0"),
                new Setting("--log-format", "PEERROOM_LOG_FORMAT", "json", OperatorSettings.LogFormat.JSON,
                        c -> c.operator().logFormat(), "xml"));
    }

    @Test
    void aStatusPageBehindTheTokenNeedsAnAdminToken() {
        Run refused = run(Map.of("PEERROOM_STATUS_PAGE", "token"));
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errLines()).containsExactly("peerroom: missing --admin-token: PEERROOM_STATUS_PAGE token needs it");
        Run both = run(Map.of("PEERROOM_ADMIN_TOKEN", "0123456789abcdef-admin"), "--status-page", "token");
        assertThat(both.config().operator().statusPage()).isEqualTo(OperatorSettings.StatusPage.TOKEN);
    }

    @Test
    void theAdminTokenNeverShowsInTheConfigText() {
        String token = "0123456789abcdef-very-private";
        assertThat(run(Map.of(), "--admin-token", token).config().toString()).doesNotContain(token);
    }

    /** The TLS files come as a pair, so they are checked together rather than in {@link #settings()}. */
    @Test
    void tlsTakesACertificateAndAKey() {
        Run both = run(Map.of("PEERROOM_TLS_KEY", "/k.pem"), "--tls-cert", "/c.pem");
        assertThat(both.exitCode()).isZero();
        assertThat(both.config().security().tlsCert()).isEqualTo(Path.of("/c.pem"));
        assertThat(both.config().security().tlsKey()).isEqualTo(Path.of("/k.pem"));
        assertThat(both.config().security().tls()).isTrue();
        Run certOnly = run(Map.of(), "--tls-cert", "/c.pem");
        assertThat(certOnly.exitCode()).isEqualTo(2);
        assertThat(certOnly.config()).isNull();
        assertThat(certOnly.errLines()).containsExactly("peerroom: missing --tls-key: --tls-cert needs it");
        Run keyOnly = run(Map.of("PEERROOM_TLS_KEY", "/k.pem"));
        assertThat(keyOnly.errLines()).containsExactly("peerroom: missing --tls-cert: PEERROOM_TLS_KEY needs it");
    }

    @Test
    void joinTokensTakeASecretOrAPublicKeyNotBoth() {
        Run run = run(Map.of("PEERROOM_JWT_SECRET", "0123456789abcdef0123456789abcdef"),
                "--jwt-public-key", "/k.pem");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).containsExactly("peerroom: use PEERROOM_JWT_SECRET or --jwt-public-key, not both");
    }

    @Test
    void theJwtSecretNeverShowsInTheConfigText() {
        String secret = "0123456789abcdef0123456789abcdef-private";
        assertThat(run(Map.of(), "--jwt-secret", secret).config().toString()).doesNotContain(secret);
    }

    @ParameterizedTest
    @CsvSource({"https://*.discordsays.com", "https://*.example.com:8443"})
    void wildcardOriginsAreAccepted(String given) {
        assertThat(run(Map.of(), "--allowed-origins=" + given).config().allowedOrigins()).containsExactly(given);
    }

    @ParameterizedTest
    @CsvSource({"https://*.com", "https://*example.com", "https://a.*.example.com", "*.example.com"})
    void wildcardsMustCoverSubdomainsOfANamedDomain(String given) {
        assertRefused(run(Map.of(), "--allowed-origins=" + given), "--allowed-origins", given);
    }

    @ParameterizedTest
    @CsvSource({"10.0.0.0/33", "300.1.1.1", "10.0.0.1/x", "fe80::1/129", "::g"})
    void trustedProxiesAreLiteralAddressesOrBlocks(String given) {
        assertRefused(run(Map.of(), "--trusted-proxies=" + given), "--trusted-proxies", given);
    }

    record Run(int exitCode, ServerConfig config, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static Run run(Map<String, String> env, String... args) {
        AtomicReference<ServerConfig> launched = new AtomicReference<>();
        CommandLine cl = ServeCommand.commandLine(config -> {
            launched.set(config);
            return 0;
        }, env);
        return execute(cl, launched, args);
    }

    private static Run execute(CommandLine cl, AtomicReference<ServerConfig> launched, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exitCode = cl.execute(args);
        return new Run(exitCode, launched.get(), out.toString(), err.toString());
    }

    private static void assertRefused(Run run, String named, String value) {
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.config()).as("launcher must not be called").isNull();
        assertThat(run.out()).isEmpty();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("peerroom: invalid value for " + named + ": '" + value + "' (");
    }

    @Test
    void noFlagsNoEnvGivesDefaults() {
        Run run = run(Map.of());
        assertThat(run.exitCode()).isZero();
        assertThat(run.config()).isEqualTo(ServerConfig.defaults());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void unrelatedEnvironmentVariablesAreIgnored() {
        Run run = run(Map.of("PEERROOM_UNKNOWN", "x", "HOME", "/root", "PEERROOM_HELP", "true"));
        assertThat(run.config()).isEqualTo(ServerConfig.defaults());
    }

    @Test
    void tableCoversEveryOption() {
        List<String> options = ServeCommand.commandLine(c -> 0, Map.of()).getCommandSpec().options().stream()
                .filter(o -> !o.usageHelp() && !o.versionHelp()).map(OptionSpec::longestName).toList();
        List<String> expected = new java.util.ArrayList<>(settings().map(Setting::flag).toList());
        expected.addAll(List.of("--tls-cert", "--tls-key")); // a pair: tlsTakesACertificateAndAKey
        assertThat(options).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("settings")
    void flagIsParsed(Setting s) {
        Run run = run(Map.of(), s.flag() + "=" + s.value());
        assertThat(run.exitCode()).isZero();
        assertThat(s.getter().apply(run.config())).isEqualTo(s.expected());
        assertThat(s.getter().apply(ServerConfig.defaults())).as("test value must differ from the default")
                .isNotEqualTo(s.expected());
    }

    @ParameterizedTest
    @MethodSource("settings")
    void separateFlagAndValueAlsoWork(Setting s) {
        Run run = run(Map.of(), s.flag(), s.value());
        assertThat(s.getter().apply(run.config())).isEqualTo(s.expected());
    }

    @ParameterizedTest
    @MethodSource("settings")
    void environmentVariableIsRead(Setting s) {
        Run run = run(Map.of(s.env(), s.value()));
        assertThat(run.exitCode()).isZero();
        assertThat(s.getter().apply(run.config())).isEqualTo(s.expected());
    }

    @ParameterizedTest
    @MethodSource("settings")
    void flagBeatsEnvironmentVariableEvenWhenTheVariableIsBad(Setting s) {
        Run run = run(Map.of(s.env(), s.bad()), s.flag() + "=" + s.value());
        assertThat(run.exitCode()).isZero();
        assertThat(s.getter().apply(run.config())).isEqualTo(s.expected());
    }

    @ParameterizedTest
    @MethodSource("settings")
    void badFlagValueIsOneLineNamingTheFlag(Setting s) {
        assertRefused(run(Map.of(), s.flag() + "=" + s.bad()), s.flag(), s.bad());
    }

    @ParameterizedTest
    @MethodSource("settings")
    void badEnvironmentValueIsOneLineNamingTheVariable(Setting s) {
        assertRefused(run(Map.of(s.env(), s.bad())), s.env(), s.bad());
    }

    @Test
    void flagBeatsValidEnvironmentVariable() {
        Run run = run(Map.of("PEERROOM_MAX_PEERS", "8", "PEERROOM_HEARTBEAT_TIMEOUT", "30s"),
                "--max-peers", "2", "--heartbeat-timeout", "10s");
        assertThat(run.config().maxPeers()).isEqualTo(2);
        assertThat(run.config().heartbeatTimeout()).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void plainPortVariableIsHonoured() {
        assertThat(run(Map.of("PORT", "7000")).config().port()).isEqualTo(7000);
    }

    @Test
    void peerroomPortBeatsPortAndFlagBeatsBoth() {
        Map<String, String> env = Map.of("PORT", "7000", "PEERROOM_PORT", "7001");
        assertThat(run(env).config().port()).isEqualTo(7001);
        assertThat(run(env, "--port", "7002").config().port()).isEqualTo(7002);
    }

    @Test
    void badPortVariableIsNamed() {
        assertRefused(run(Map.of("PORT", "http")), "PORT", "http");
    }

    @Test
    void portZeroAsksForAnEphemeralPort() {
        assertThat(run(Map.of(), "--port=0").config().port()).isZero();
    }

    @ParameterizedTest
    @CsvSource({"/signal, /signal/", "/, /", "/a/b/, /a/b/", "/a/b, /a/b/"})
    void basePathIsNormalisedToEndWithSlash(String given, String expected) {
        assertThat(run(Map.of(), "--base-path", given).config().basePath()).isEqualTo(expected);
        assertThat(run(Map.of("PEERROOM_BASE_PATH", given)).config().basePath()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1024, 1024", "64k, 65536", "64KiB, 65536", "1m, 1048576", "1MiB, 1048576", "64m, 67108864"})
    void messageSizeAcceptsBytesAndSuffixesWithinBounds(String given, int expected) {
        assertThat(run(Map.of(), "--max-message-bytes=" + given).config().maxMessageBytes()).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource({"1023", "65m", "67108865", "99999999999999999999", "1.5m", "k", "-1k"})
    void messageSizeOutsideBoundsOrMalformedIsRefused(String given) {
        assertRefused(run(Map.of(), "--max-message-bytes=" + given), "--max-message-bytes", given);
    }

    @ParameterizedTest
    @CsvSource({"65536", "99999999999", "1.5", "0x10", "''"})
    void portOutOfRangeOrNotANumberIsRefused(String given) {
        assertRefused(run(Map.of(), "--port=" + given), "--port", given);
    }

    @Test
    void pingIntervalEqualToHeartbeatIsRefused() {
        Run run = run(Map.of(), "--ping-interval=5s");
        assertRefused(run, "--ping-interval", "5s");
        assertThat(run.err()).contains("shorter than the heartbeat timeout");
    }

    @Test
    void shortHeartbeatWithDefaultPingIsRefusedShowingTheDefault() {
        assertRefused(run(Map.of(), "--heartbeat-timeout=2s"), "--ping-interval", "2s");
    }

    @Test
    void pingLongerThanHeartbeatFromEnvironmentNamesTheVariable() {
        assertRefused(run(Map.of("PEERROOM_PING_INTERVAL", "1m")), "PEERROOM_PING_INTERVAL", "1m");
    }

    @ParameterizedTest
    @CsvSource({"'*', ''", "'', ''", "'https://a.example.com,*', ''",
            "'HTTPS://App.Example.com:443', 'https://app.example.com'",
            "'http://localhost:80,http://localhost', 'http://localhost'",
            "'http://[::1]:8080, chrome-extension://abcdef,', 'http://[::1]:8080;chrome-extension://abcdef'"})
    void originsAreNormalisedAndStarMeansAny(String given, String expected) {
        List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(";"));
        assertThat(run(Map.of(), "--allowed-origins=" + given).config().allowedOrigins()).isEqualTo(want);
    }

    @ParameterizedTest
    @CsvSource({"app.example.com", "https://app.example.com/", "https://*", "https://a.com:0",
            "https://a.com?x=1", "'https://a.com,ftp//b'"})
    void malformedOriginsAreRefused(String given) {
        assertRefused(run(Map.of(), "--allowed-origins=" + given), "--allowed-origins", given);
    }

    @Test
    void discoveryFlagAloneMeansTrueAndAcceptsExplicitValues() {
        assertThat(run(Map.of(), "--discovery").config().discovery()).isTrue();
        assertThat(run(Map.of("PEERROOM_DISCOVERY", "true"), "--discovery=false").config().discovery()).isFalse();
        assertThat(run(Map.of("PEERROOM_DISCOVERY", "TRUE")).config().discovery()).isTrue();
    }

    @Test
    void unknownOptionIsOneLineWithExitCode2() {
        Run run = run(Map.of(), "--max-pears", "3");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.config()).isNull();
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.errLines().get(0)).startsWith("peerroom: ").contains("--max-pears").contains("--max-peers");
    }

    @Test
    void missingOptionValueIsOneLineWithExitCode2() {
        Run run = run(Map.of(), "--port");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.errLines()).singleElement().asString().startsWith("peerroom: ").contains("--port");
    }

    @Test
    void helpListsEveryFlagWithItsVariableAndDefaultWithoutLaunching() {
        Map<String, String> badEnv = Map.of("PEERROOM_MAX_PEERS", "zero"); // must not break --help
        Run run = run(badEnv, "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.config()).isNull();
        assertThat(run.err()).isEmpty();
        String help = run.out().replaceAll("\\s+", " ");
        settings().forEach(s -> assertThat(help).containsPattern(" " + s.flag() + "\\[?=<").contains(s.env()));
        assertThat(help).contains("then PORT").contains("--help").contains("--version");
    }

    @Test
    void everyDescriptionStatesTheDefaultOfServerConfig() {
        ServerConfig d = ServerConfig.defaults();
        Map<String, String> defaults = new HashMap<>();
        defaults.put("--port", String.valueOf(d.port()));
        defaults.put("--host", d.host());
        defaults.put("--base-path", d.basePath());
        defaults.put("--key", d.key());
        defaults.put("--max-peers", String.valueOf(d.maxPeers()));
        defaults.put("--heartbeat-timeout", Durations.format(d.heartbeatTimeout()));
        defaults.put("--ping-interval", Durations.format(d.pingInterval()));
        defaults.put("--rate-limit", String.valueOf(d.rateLimit()));
        defaults.put("--rate-window", Durations.format(d.rateWindow()));
        defaults.put("--rate-strikes", String.valueOf(d.rateStrikes()));
        defaults.put("--max-message-bytes", SettingParsers.formatBytes(d.maxMessageBytes()));
        defaults.put("--hold-timeout", Durations.format(d.holdTimeout()));
        defaults.put("--hold-max-messages", String.valueOf(d.holdMaxMessages()));
        defaults.put("--hold-max-bytes", SettingParsers.formatBytes(d.holdMaxBytes()));
        defaults.put("--idle-room-ttl", Durations.format(d.idleRoomTtl()));
        defaults.put("--allowed-origins", d.allowedOrigins().isEmpty() ? "any" : String.join(",", d.allowedOrigins()));
        defaults.put("--discovery", String.valueOf(d.discovery()));
        defaults.put("--redis", d.redis() == null ? "none" : d.redis());
        defaults.put("--cluster-lease", Durations.format(d.clusterLease()));
        defaults.put("--jwt-secret", "none");
        defaults.put("--jwt-public-key", "none");
        defaults.put("--max-connections-per-ip", String.valueOf(d.security().maxConnectionsPerIp()));
        defaults.put("--max-upgrades-per-ip", String.valueOf(d.security().maxUpgradesPerIp()));
        defaults.put("--handshake-timeout", Durations.format(d.security().handshakeTimeout()));
        defaults.put("--trusted-proxies", d.security().trustedProxies().isEmpty() ? "none" : "?");
        defaults.put("--admin-token", d.operator().adminToken() == null ? "none" : "?");
        defaults.put("--status-page", d.operator().statusPage().label());
        defaults.put("--peerjs-compat", String.valueOf(d.operator().peerjsCompat()));
        defaults.put("--concurrent-limit", String.valueOf(d.operator().concurrentLimit()));
        defaults.put("--log-format", d.operator().logFormat().label());
        CommandLine cl = ServeCommand.commandLine(c -> 0, Map.of());
        settings().forEach(s -> {
            OptionSpec option = cl.getCommandSpec().findOption(s.flag());
            String description = String.join(" ", option.description());
            assertThat(description).as(s.flag())
                    .contains("Default: " + defaults.get(s.flag()) + ".")
                    .contains("Env: " + s.env());
            assertThat(EnvDefaults.variables(option)).as(s.flag()).startsWith(s.env());
        });
    }

    @Test
    void versionIsPrintedWithoutLaunching() {
        Run run = run(Map.of(), "--version");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).isEqualTo("0.1.0");
        assertThat(run.config()).isNull();
    }

    @Test
    void launcherExitCodeIsTheProcessExitCode() {
        CommandLine cl = ServeCommand.commandLine(config -> 3, Map.of());
        assertThat(execute(cl, new AtomicReference<>()).exitCode()).isEqualTo(3);
    }

    @Test
    void launcherFailureIsOneLineWithExitCode1() {
        CommandLine cl = ServeCommand.commandLine(config -> {
            throw new IOException("Address already in use");
        }, Map.of());
        Run run = execute(cl, new AtomicReference<>());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.errLines()).containsExactly("peerroom: IOException: Address already in use");
    }

    @Command(name = "bench")
    static final class FakeBench implements Callable<Integer> {
        @Option(names = "--port")
        int port = 1234;
        static final AtomicInteger seenPort = new AtomicInteger();

        @Override
        public Integer call() {
            seenPort.set(port);
            return 7;
        }
    }

    @Test
    void subcommandCanBeAddedAndDoesNotInheritServerVariables() {
        AtomicReference<ServerConfig> launched = new AtomicReference<>();
        CommandLine cl = ServeCommand.commandLine(config -> {
            launched.set(config);
            return 0;
        }, Map.of("PEERROOM_PORT", "not-a-port"));
        cl.addSubcommand(new FakeBench());
        Run run = execute(cl, launched, "bench");
        assertThat(run.exitCode()).isEqualTo(7);
        assertThat(run.config()).as("serve must not run for a subcommand").isNull();
        assertThat(FakeBench.seenPort.get()).isEqualTo(1234);
        assertThat(run.err()).isEmpty();
    }
}
