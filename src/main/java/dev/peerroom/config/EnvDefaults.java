package dev.peerroom.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one place that maps options to environment variables: {@code --max-peers} is fed by
 * {@code PEERROOM_MAX_PEERS}, and {@code --port} by {@code PEERROOM_PORT}, then {@code PORT}
 * (the variable hosting platforms set). Picocli asks it only for options not given as flags,
 * which is what makes a flag beat its environment variable.
 */
final class EnvDefaults implements IDefaultValueProvider {

    static final String PREFIX = "PEERROOM_";

    private final Map<String, String> env;

    EnvDefaults(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The value of the first variable present for this option, or null to leave it unset. */
    @Override
    public String defaultValue(ArgSpec arg) {
        String variable = presentVariable(arg);
        return variable == null ? null : env.get(variable);
    }

    /** The variable that supplies this option's value now, or null if none is set. */
    String presentVariable(ArgSpec arg) {
        for (String variable : variables(arg)) {
            if (env.containsKey(variable)) {
                return variable;
            }
        }
        return null;
    }

    /**
     * The variables that feed an option, highest precedence first; none for help options,
     * positional parameters and options of other commands (a subcommand's {@code --port}
     * must not silently pick up the server's).
     */
    static List<String> variables(ArgSpec arg) {
        if (!(arg instanceof OptionSpec option) || option.usageHelp() || option.versionHelp()
                || arg.command() == null || !(arg.command().userObject() instanceof ServeCommand)) {
            return List.of();
        }
        String name = option.longestName();
        if (!name.startsWith("--")) {
            return List.of();
        }
        String variable = PREFIX + name.substring(2).replace('-', '_').toUpperCase(Locale.ROOT);
        return name.equals("--port") ? List.of(variable, "PORT") : List.of(variable);
    }
}
