package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which sysctl files read at boot after the kernel step's own file set one of its keys to another
 * value: at the next boot that value would win, so the plan says so. Files are read in the order of
 * their names across /etc, /run and /usr/lib sysctl.d; /etc/sysctl.conf comes last (procps).
 */
final class SysctlOverrides {
    /** grep -H over every sysctl file: "FILE:key = value" lines. */
    static final String PROBE = "grep -HE '^[[:space:]]*-?[A-Za-z]' /etc/sysctl.d/*.conf /run/sysctl.d/*.conf /usr/local/lib/sysctl.d/*.conf "
            + "/usr/lib/sysctl.d/*.conf /lib/sysctl.d/*.conf /etc/sysctl.conf 2>/dev/null";

    private SysctlOverrides() {
    }

    static List<String> warnings(String grep, String ownFile, Map<String, String> values) {
        String own = ownFile.substring(ownFile.lastIndexOf('/') + 1);
        Set<String> out = new LinkedHashSet<>();
        for (String line : grep.split("\n")) {
            int colon = line.indexOf(':');
            int eq = line.indexOf('=');
            if (colon <= 0 || eq < colon) {
                continue;
            }
            String file = line.substring(0, colon);
            String name = file.substring(file.lastIndexOf('/') + 1);
            boolean later = file.equals("/etc/sysctl.conf") || name.compareTo(own) > 0;
            if (!later || file.equals(ownFile)) {
                continue;
            }
            String key = line.substring(colon + 1, eq).strip().replaceFirst("^-", "").replace('/', '.');
            String value = line.substring(eq + 1).strip().replaceAll("\\s+", " ");
            Pattern glob = Pattern.compile(Pattern.quote(key).replace("*", "\\E[^.]+\\Q"));
            values.forEach((k, v) -> {
                if (glob.matcher(k).matches() && !v.equals(value)) {
                    out.add(file + " sets " + key + " = " + value + " and is read after " + ownFile + ": after a reboot " + k
                            + " would be " + value + ", not " + v + ". Remove that line, or keep it if you need it.");
                }
            });
        }
        return new ArrayList<>(out);
    }
}
