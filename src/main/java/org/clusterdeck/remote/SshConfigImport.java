package org.clusterdeck.remote;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads host entries from an OpenSSH client config (~/.ssh/config): every concrete alias of a
 * {@code Host} line, with HostName, User, Port and IdentityFile resolved the way ssh does (first
 * value wins, wildcard blocks such as {@code Host *} supply defaults). Match blocks are skipped.
 */
public final class SshConfigImport {
    /** One host as ssh would connect to it; null fields were not set. */
    public record Entry(String alias, String hostName, String user, Integer port, String identityFile) {
    }

    private record Block(List<String> patterns, Map<String, String> values) {
    }

    private static final List<String> KEYS = List.of("hostname", "user", "port", "identityfile");

    private SshConfigImport() {
    }

    public static List<Entry> read(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new RemoteException("Cannot read the SSH config " + file + ": " + e.getMessage(), e);
        }
    }

    public static List<Entry> parse(String text) {
        List<Block> blocks = new ArrayList<>();
        Block current = new Block(List.of("*"), new LinkedHashMap<>());
        blocks.add(current);
        boolean skipping = false;
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("(\\s*=\\s*|\\s+)", 2);
            String key = kv[0].toLowerCase(Locale.ROOT);
            String value = kv.length > 1 ? unquote(kv[1].strip()) : "";
            if (key.equals("host")) {
                current = new Block(List.of(value.split("\\s+")), new LinkedHashMap<>());
                blocks.add(current);
                skipping = false;
            } else if (key.equals("match")) {
                skipping = true;
            } else if (!skipping && KEYS.contains(key)) {
                current.values().putIfAbsent(key, value);
            }
        }
        List<String> aliases = new ArrayList<>();
        for (Block b : blocks) {
            for (String p : b.patterns()) {
                if (!p.contains("*") && !p.contains("?") && !p.startsWith("!") && !aliases.contains(p)) {
                    aliases.add(p);
                }
            }
        }
        List<Entry> entries = new ArrayList<>();
        for (String alias : aliases) {
            Map<String, String> resolved = new LinkedHashMap<>();
            for (Block b : blocks) {
                if (matches(b.patterns(), alias)) {
                    b.values().forEach(resolved::putIfAbsent);
                }
            }
            entries.add(new Entry(alias, resolved.get("hostname") == null ? null
                    : resolved.get("hostname").replace("%h", alias), resolved.get("user"),
                    port(resolved.get("port")), expand(resolved.get("identityfile"))));
        }
        return entries;
    }

    private static Integer port(String s) {
        if (s == null) {
            return null;
        }
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return -1; // the inventory's validation names the bad value
        }
    }

    private static String expand(String path) {
        if (path == null) {
            return null;
        }
        String home = System.getProperty("user.home");
        if (path.startsWith("~/")) {
            return home + path.substring(1);
        }
        return path.replace("%d", home);
    }

    private static String unquote(String v) {
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1) : v;
    }

    /** ssh's pattern lists: any positive pattern matches and no negated one does. */
    static boolean matches(List<String> patterns, String alias) {
        boolean hit = false;
        for (String p : patterns) {
            boolean negated = p.startsWith("!");
            if (glob(negated ? p.substring(1) : p).matcher(alias).matches()) {
                if (negated) {
                    return false;
                }
                hit = true;
            }
        }
        return hit;
    }

    private static Pattern glob(String p) {
        StringBuilder re = new StringBuilder();
        for (char c : p.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }
}
