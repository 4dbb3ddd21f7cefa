package dev.peerroom.config;

import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Converts one raw setting and words its error: the error names the flag if it was typed, else
 * the environment variable that supplied the value, so a user knows where to look.
 */
final class SettingReader {
    private final CommandSpec spec;
    private final EnvDefaults envDefaults;

    SettingReader(CommandSpec spec, EnvDefaults envDefaults) {
        this.spec = spec;
        this.envDefaults = envDefaults;
    }

    /** {@code raw} is null when neither the flag nor its environment variable was given. */
    <T> T read(String raw, String option, T fallback, Function<String, T> parser) {
        if (raw == null) {
            return fallback;
        }
        try {
            return parser.apply(raw.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(option, raw, e.getMessage());
        }
    }

    ParameterException invalid(String option, String shownValue, String reason) {
        return error("invalid value for " + origin(option) + ": '" + shownValue + "' (" + reason + ")");
    }

    /** A one-line error about the settings as a whole (a missing partner, a conflict). */
    ParameterException error(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** The flag if it was typed, else the environment variable that supplied the value. */
    String origin(String option) {
        ParseResult parsed = spec.commandLine().getParseResult();
        if (parsed != null && parsed.hasMatchedOption(option)) {
            return option;
        }
        String variable = envDefaults.presentVariable(spec.findOption(option));
        return variable != null ? variable : option;
    }
}
