package org.clusterdeck.tuning;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sysctl keys a host has and their current values, read with {@code sysctl -a}. A key the
 * user may not read is present with a null value.
 */
public final class HostSysctls {
    private static final Pattern DENIED = Pattern.compile("permission denied on key '([^']+)'");

    private static final Pattern MISSING = Pattern.compile("cannot stat /proc/sys/(\\S+): No such file");

    private final Map<String, String> values;
    private final Set<String> keys;

    public HostSysctls(Map<String, String> values) {
        this(values, Set.of());
    }

    /** Values of some keys, and the names of the host's other keys (value not read). */
    public HostSysctls(Map<String, String> values, Set<String> otherKeys) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
        java.util.TreeSet<String> all = new java.util.TreeSet<>(otherKeys);
        all.addAll(values.keySet());
        this.keys = Collections.unmodifiableSet(all);
    }

    /** The keys {@code sysctl KEY...} reported as missing on stderr ("cannot stat /proc/sys/..."). */
    static Set<String> missingKeys(String stderr) {
        Set<String> out = new java.util.TreeSet<>();
        Matcher m = MISSING.matcher(stderr == null ? "" : stderr);
        while (m.find()) {
            out.add(m.group(1).replace('/', '.'));
        }
        return out;
    }

    /** Parses the output of {@code sysctl -a} ("key = value" lines; denied keys on stderr). */
    public static HostSysctls parse(String stdout, String stderr) {
        Map<String, String> values = new TreeMap<>();
        for (String line : stdout.split("\n")) {
            int eq = line.indexOf(" = ");
            if (eq > 0) {
                values.put(line.substring(0, eq).trim(), ValueCheck.normalizeBlanks(line.substring(eq + 3)));
            } else if (line.endsWith(" =")) {
                values.put(line.substring(0, line.length() - 2).trim(), "");
            }
        }
        Matcher m = DENIED.matcher(stderr == null ? "" : stderr);
        while (m.find()) {
            values.putIfAbsent(m.group(1), null);
        }
        return new HostSysctls(values);
    }

    public boolean has(String key) {
        return keys.contains(key);
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public Set<String> keys() {
        return keys;
    }

    public Map<String, String> values() {
        return values;
    }
}
