package dev.peerroom.server;

/**
 * A file a setting names (TLS certificate or key, join-token public key) cannot be used. Checked,
 * so that the command line reports it as one line with exit code 1: an operator's mistake, not a
 * bug worth a stack trace.
 */
public final class SettingFileException extends Exception {
    private static final long serialVersionUID = 1L;

    public SettingFileException(String message) {
        super(message);
    }

    public SettingFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
