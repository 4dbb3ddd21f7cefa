package dev.peerroom.fuzz;

import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code peerroom fuzz}: hostile connections against a running server while good peers talk. */
@Command(name = "fuzz", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Sends a running PeerRoom server hostile input on many short connections while two good "
                    + "peers in one room exchange OFFERs and CANDIDATEs the whole time, and checks that "
                    + "the server stays up, that every good message arrives intact, and that the good "
                    + "peers are never disconnected.",
            "",
            "Inputs: random bytes instead of HTTP; mutated and half-sent upgrade requests; connections "
                    + "closed before reading; and, on sockets joined to the good peers' room (also "
                    + "with their ids) or to other rooms: random bytes as frames, bad frame headers, "
                    + "misused fragments, control frames between fragments, invalid UTF-8, mutated "
                    + "PeerJS messages, bursts over the rate limit. Each ends with the server's answer "
                    + "(or a short deadline), then a close frame, a close or a TCP reset.",
            "",
            "Input i is a function of (--seed, i): a run can be repeated with the same seed. Traffic "
                    + "goes to loopback addresses only. The report lists the inputs by category, the "
                    + "server's answers (HTTP statuses, ERROR codes, close codes, silences), the good "
                    + "peers' counts, /health, and the server's open connections before and after "
                    + "(and RSS and fds with --server-pid).",
            "",
            "Refusals are answers, not failures: ERROR INVALID_MESSAGE, closes 1002/1007/1008/1009, "
                    + "HTTP 4xx, and the per-peer rate limit (ERROR RATE_LIMITED, then 1008) all apply to "
                    + "fuzz sockets. Run the server with its default room size (4) or pass --max-peers, "
                    + "and with -Dio.netty.leakDetection.level=paranoid to have leaks logged (grep LEAK).",
            "",
            "Example: java -jar peerroom.jar fuzz --url ws://127.0.0.1:9000/ --inputs 100000 --server-pid 1234",
            "",
            "Exit status: 0 when the run passed; 1 when a good peer lost a message or was disconnected, "
                    + "/health stopped answering, or connections were refused; 2 on bad options."})
public final class FuzzCommand implements Callable<Integer> {
    @Option(names = "--url", required = true, paramLabel = "URL",
            description = "The server: ws://127.0.0.1:PORT/ followed by its base path (--base-path), e.g. "
                    + "ws://127.0.0.1:9000/ or ws://127.0.0.1:9000/signal/.")
    String url;

    @Option(names = "--key", defaultValue = "peerjs", description = "The server's key (default: ${DEFAULT-VALUE}).")
    String key;

    @Option(names = "--room", defaultValue = "123456789012345678", paramLabel = "ROOM",
            description = "The good peers' room (default: ${DEFAULT-VALUE}).")
    String room;

    @Option(names = "--inputs", defaultValue = "100000", paramLabel = "N",
            description = "Hostile connections to open (default: ${DEFAULT-VALUE}).")
    long inputs;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the inputs (default: random, printed).")
    Long seed;

    @Option(names = "--concurrency", defaultValue = "8", paramLabel = "N",
            description = "Hostile connections open at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--answer-timeout", defaultValue = "300", paramLabel = "MS",
            description = "How long to wait for the server's answer to an input, in ms (default: ${DEFAULT-VALUE}).")
    int answerMillis;

    @Option(names = "--good-rate", defaultValue = "20", paramLabel = "MSG/S",
            description = "Messages per second each good peer sends, at most 50: the server allows "
                    + "100 (default: ${DEFAULT-VALUE}).")
    double goodRate;

    @Option(names = "--max-peers", defaultValue = "4", paramLabel = "N",
            description = "The server's room size (--max-peers): fuzz sockets joined to the good room "
                    + "at once are kept to N - 2 (default: ${DEFAULT-VALUE}).")
    int maxPeers;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "The server's process id: its RSS and open fds are reported before and after.")
    String serverPid;

    @Override
    public Integer call() throws Exception {
        FuzzTarget target;
        try {
            target = FuzzTarget.parse(url, key, room);
        } catch (IllegalArgumentException e) {
            System.err.println("fuzz: " + e.getMessage());
            return 2;
        }
        String problem = problem();
        if (problem != null) {
            System.err.println("fuzz: " + problem);
            return 2;
        }
        long s = seed != null ? seed : ThreadLocalRandom.current().nextLong();
        System.err.printf("fuzz: seed %d%n", s);
        FuzzReport report = Fuzzer.run(new Fuzzer.Settings(target, inputs, s, concurrency, answerMillis, goodRate,
                maxPeers - 2, serverPid, System.err));
        report.print(System.out);
        return report.passed() ? 0 : 1;
    }

    private String problem() {
        if (inputs < 0 || concurrency < 1 || answerMillis < 1 || maxPeers < 3) {
            return "--inputs must be >= 0, --concurrency and --answer-timeout >= 1, --max-peers >= 3";
        }
        if (!(goodRate > 0 && goodRate <= 50)) {
            return "--good-rate must be above 0 and at most 50";
        }
        if (serverPid != null && !serverPid.matches("\\d{1,10}")) {
            return "--server-pid " + serverPid + ": not a pid";
        }
        return null;
    }
}
