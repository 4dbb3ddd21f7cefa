package dev.peerroom.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converters for setting values (durations live in {@link Durations}). Each throws
 * {@link IllegalArgumentException} whose message says what is expected, without the value
 * itself, so {@link ServeCommand} can name the flag or environment variable and quote it.
 */
final class SettingParsers {

    private static final int MIN_ADMIN_TOKEN_CHARS = 16;
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib)?",
            Pattern.CASE_INSENSITIVE);
    // scheme://host[:port], host being a DNS name (optionally "*." and a name with a dot in it, for any
    // subdomain), an IPv4 address or a bracketed IPv6 address.
    private static final Pattern ORIGIN = Pattern.compile(
            "([a-z][a-z0-9+.-]*)://((?:\\*\\.(?=[^:]*\\.))?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*"
                    + "|\\[[0-9a-f:.]+\\])(?::(\\d{1,5}))?");
    private static final String ORIGIN_EXPECTED = "use scheme://host[:port] with no path, such as "
            + "https://app.example.com or https://*.example.com, or *";
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*");
    private static final int MIN_JWT_SECRET_BYTES = 32;

    private SettingParsers() {
    }

    static String nonBlank(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        return s;
    }

    /** The key is a path segment of PeerJS URLs, so characters that would split the path are refused. */
    static String apiKey(String s) {
        if (s.isEmpty() || s.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("must be non-empty, without '/', '?', '#' or spaces");
        }
        return s;
    }

    /** Returns the path ending with '/', so the server can append endpoint names directly. */
    static String basePath(String s) {
        if (!s.startsWith("/")) {
            throw new IllegalArgumentException("must start with '/'");
        }
        if (s.chars().anyMatch(c -> c == '?' || c == '#' || Character.isWhitespace(c))) {
            throw new IllegalArgumentException("must be a URL path without '?', '#' or spaces");
        }
        return s.endsWith("/") ? s : s + "/";
    }

    static Function<String, Integer> atLeast(int min) {
        return wholeNumber(min, Integer.MAX_VALUE);
    }

    static Function<String, Integer> wholeNumber(int min, int max) {
        String expected = max == Integer.MAX_VALUE
                ? "use a whole number of at least " + min
                : "use a whole number from " + min + " to " + max;
        return s -> {
            int value;
            try {
                value = Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(expected);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException(expected);
            }
            return value;
        };
    }

    static Duration positiveDuration(String s) {
        Duration d = Durations.parse(s);
        if (d.isZero()) {
            throw new IllegalArgumentException("must be greater than 0: " + Durations.EXPECTED);
        }
        return d;
    }

    static Boolean bool(String s) {
        if (s.equalsIgnoreCase("true")) {
            return true;
        }
        if (s.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("use true or false");
    }

    /** Plain bytes or a binary suffix: 65536, 64k, 64KiB, 1m, 1MiB (k = 1024, m = 1024 * 1024). */
    static Function<String, Integer> byteSize(int min, int max) {
        String expected = (max == Integer.MAX_VALUE
                ? "use a size of at least " + formatBytes(min)
                : "use a size from " + formatBytes(min) + " to " + formatBytes(max))
                + ", such as 65536, 64k or 1m";
        return s -> {
            Matcher m = SIZE.matcher(s);
            if (!m.matches()) {
                throw new IllegalArgumentException(expected);
            }
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            long multiplier = unit.startsWith("k") ? 1024L : unit.startsWith("m") ? 1024L * 1024 : 1L;
            long bytes;
            try {
                bytes = Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException(expected);
            }
            if (bytes < min || bytes > max) {
                throw new IllegalArgumentException(expected);
            }
            return (int) bytes;
        };
    }

    /** The shortest form {@link #byteSize} accepts: 1m, 256k, 1500. */
    static String formatBytes(long bytes) {
        if (bytes != 0 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + "m";
        }
        if (bytes != 0 && bytes % 1024 == 0) {
            return bytes / 1024 + "k";
        }
        return Long.toString(bytes);
    }

    /**
     * Comma-separated origins, lower-cased and without default ports so they compare equal to what
     * browsers send in the Origin header. Empty, or any {@code *}, means any origin: an empty list.
     */
    static List<String> origins(String s) {
        List<String> result = new ArrayList<>();
        boolean any = false;
        for (String part : s.split(",")) {
            String origin = part.strip().toLowerCase(Locale.ROOT);
            if (origin.isEmpty()) {
                continue; // tolerate "a,b," and blank values
            }
            if (origin.equals("*")) {
                any = true;
                continue;
            }
            Matcher m = ORIGIN.matcher(origin);
            if (!m.matches()) {
                throw new IllegalArgumentException(part.strip() + ": " + ORIGIN_EXPECTED);
            }
            String port = m.group(6);
            if (port != null) {
                int number = Integer.parseInt(port);
                if (number < 1 || number > 65535) {
                    throw new IllegalArgumentException(part.strip() + ": port must be from 1 to 65535");
                }
                boolean defaultPort = (m.group(1).equals("http") && number == 80)
                        || (m.group(1).equals("https") && number == 443);
                origin = defaultPort ? m.group(1) + "://" + m.group(2) : m.group(1) + "://" + m.group(2) + ":" + number;
            }
            if (!result.contains(origin)) {
                result.add(origin);
            }
        }
        return any ? List.of() : List.copyOf(result);
    }

    /** A Redis URI for the cluster; empty means none. */
    static String redisUri(String s) {
        if (s.isEmpty()) {
            return null;
        }
        java.net.URI uri;
        try {
            uri = new java.net.URI(s);
        } catch (java.net.URISyntaxException e) {
            throw new IllegalArgumentException("expected redis://host:port");
        }
        if (!"redis".equals(uri.getScheme()) && !"rediss".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("expected redis://host:port or rediss://host:port");
        }
        return s;
    }

    /** At least 1 s: the node renews every quarter lease and needs a few round trips of slack. */
    static java.time.Duration clusterLease(String s) {
        java.time.Duration d = positiveDuration(s);
        if (d.compareTo(java.time.Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("must be at least 1s");
        }
        return d;
    }

    /** A file path; existence and contents are checked when the server starts. */
    static java.nio.file.Path filePath(String s) {
        if (s.isEmpty()) {
            throw new IllegalArgumentException("must name a file");
        }
        return java.nio.file.Path.of(s);
    }

    /** HS256 needs a key of at least 256 bits. */
    static String jwtSecret(String s) {
        if (s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length < MIN_JWT_SECRET_BYTES) {
            throw new IllegalArgumentException("must be at least " + MIN_JWT_SECRET_BYTES + " bytes for HS256");
        }
        return s;
    }

    /**
     * Comma-separated literal IP addresses or CIDR blocks (no host names: trust must not depend on
     * DNS). Each is returned as address/prefix, e.g. 10.0.0.7/32.
     */
    static List<String> addressBlocks(String s) {
        List<String> result = new ArrayList<>();
        for (String part : s.split(",")) {
            String block = part.strip();
            if (block.isEmpty()) {
                continue;
            }
            String expected = block + ": use an IP address or a CIDR block, such as 10.0.0.7 or 10.0.0.0/8";
            int slash = block.indexOf('/');
            String address = slash < 0 ? block : block.substring(0, slash);
            int bits;
            if (IPV4.matcher(address).matches()) {
                Matcher m = IPV4.matcher(address);
                m.matches();
                for (int i = 1; i <= 4; i++) {
                    if (Integer.parseInt(m.group(i)) > 255) {
                        throw new IllegalArgumentException(expected);
                    }
                }
                bits = 32;
            } else if (IPV6.matcher(address).matches()) {
                try {
                    java.net.InetAddress.getByName("[" + address + "]"); // literal only: never a DNS lookup
                } catch (java.io.IOException e) {
                    throw new IllegalArgumentException(expected);
                }
                bits = 128;
            } else {
                throw new IllegalArgumentException(expected);
            }
            int prefix = bits;
            if (slash >= 0) {
                try {
                    prefix = Integer.parseInt(block.substring(slash + 1));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(expected);
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalArgumentException(expected);
                }
            }
            result.add(address + "/" + prefix);
        }
        return List.copyOf(result);
    }

    /** A bearer token: long enough not to be guessed, and only characters a header carries as they are. */
    static String adminToken(String s) {
        if (s.length() < MIN_ADMIN_TOKEN_CHARS) {
            throw new IllegalArgumentException("must be at least " + MIN_ADMIN_TOKEN_CHARS + " characters");
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new IllegalArgumentException("must be printable ASCII without spaces");
            }
        }
        return s;
    }

    static OperatorSettings.StatusPage statusPage(String s) {
        return oneOf(OperatorSettings.StatusPage.class, s);
    }

    static OperatorSettings.LogFormat logFormat(String s) {
        return oneOf(OperatorSettings.LogFormat.class, s);
    }

    /** A constant of {@code type} by its lower-case name. */
    private static <E extends Enum<E>> E oneOf(Class<E> type, String s) {
        List<String> names = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String name = e.name().toLowerCase(java.util.Locale.ROOT);
            if (name.equals(s)) {
                return e;
            }
            names.add(name);
        }
        throw new IllegalArgumentException("use " + String.join(", ", names));
    }
}
