package org.clusterdeck.harden;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/** sshd configuration text: the drop-in ClusterDeck writes, where sshd_config includes drop-ins, what {@code sshd -T} prints. */
final class SshConfig {
    static final String MISSING = "@@missing@@";

    /** Whether sshd_config includes sshd_config.d, and which keywords it sets before that Include (they win). */
    record IncludeState(boolean missing, List<String> before) {
    }

    private SshConfig() {
    }

    static String dropIn(Map<String, String> settings, String hostName, SshAlgorithms.Version version) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by ClusterDeck (hardening, SSH daemon step) for ").append(hostName.replaceAll("\\p{Cntrl}", "?"))
                .append(", OpenSSH ").append(version).append(".\n");
        sb.append("# Named 00- so it is read before distribution and cloud-init drop-ins: in sshd the first value wins.\n");
        sb.append("# Algorithms: ").append(SshAlgorithms.REFERENCE).append(".\n");
        sb.append("# Undo with: clusterdeck changes rollback ID (see 'clusterdeck changes list').\n");
        settings.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
        return sb.toString();
    }

    /** {@code sshd -T} output as keyword (lower case) to value; a keyword printed on several lines gets its values joined by blanks. */
    static Map<String, String> parseEffective(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            String[] kv = line.strip().split("\\s+", 2);
            if (kv.length == 2 && kv[0].matches("[a-z0-9]+")) {
                m.merge(kv[0], kv[1].strip(), (a, b) -> a + " " + b);
            }
        }
        return m;
    }

    /** Whether {@code got} (from sshd -T) is the planned {@code want}; sshd prints prohibit-password as without-password. */
    static boolean sameValue(String keyword, String got, String want) {
        if (got == null) {
            return false;
        }
        String g = got.strip().toLowerCase(Locale.ROOT);
        String w = want.strip().toLowerCase(Locale.ROOT);
        if (keyword.equalsIgnoreCase("PermitRootLogin")) {
            g = g.replace("without-password", "prohibit-password");
        }
        return g.equals(w);
    }

    static IncludeState include(String config) {
        List<String> before = new ArrayList<>();
        for (String raw : config.split("\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] kv = line.split("[\\s=]+", 2);
            String kw = kv[0].toLowerCase(Locale.ROOT);
            if (kw.equals("match")) {
                break; // an Include after Match applies only to that block
            }
            if (kw.equals("include") && kv.length == 2 && List.of(kv[1].split("\\s+")).stream()
                    .anyMatch(a -> a.equals("/etc/ssh/sshd_config.d/*.conf") || a.equals("sshd_config.d/*.conf"))) {
                return new IncludeState(false, before);
            }
            before.add(kv[0]);
        }
        return new IncludeState(true, List.of());
    }

    /** The files (sshd_config, drop-ins) that hold Match blocks, whose settings override the global ones for the connections they match. */
    static List<String> matchBlocks(String config, String dropInGrep) {
        List<String> out = new ArrayList<>();
        if (config.lines().anyMatch(l -> l.strip().toLowerCase(Locale.ROOT).startsWith("match "))) {
            out.add(SshModule.CONFIG);
        }
        dropInGrep.lines().filter(l -> l.contains(":") && l.substring(l.indexOf(':') + 1).strip().toLowerCase(Locale.ROOT).startsWith("match "))
                .map(l -> l.substring(0, l.indexOf(':'))).distinct().forEach(out::add);
        return out;
    }

    /** sshd_config with the Include line on top, where it is read before every setting. */
    static String withInclude(String config) {
        return "# Added by ClusterDeck (hardening): drop-ins in sshd_config.d are read first, and in sshd the first value wins.\n"
                + SshModule.INCLUDE + "\n\n" + config + (config.endsWith("\n") ? "" : "\n");
    }

    /**
     * From grep lines "FILE:Keyword value" of the drop-ins: the keywords of {@code ours} set by a
     * drop-in that sorts before {@code dropIn} (so its value wins), with that file.
     */
    static Map<String, String> earlierDropIns(String grep, String dropIn, Set<String> ours) {
        String ourName = dropIn.substring(dropIn.lastIndexOf('/') + 1);
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : grep.split("\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String file = line.substring(0, colon);
            String name = file.substring(file.lastIndexOf('/') + 1);
            String kw = line.substring(colon + 1).strip().split("[\\s=]+", 2)[0];
            if (name.compareTo(ourName) < 0) {
                ours.stream().filter(o -> o.equalsIgnoreCase(kw)).findFirst().ifPresent(o -> out.putIfAbsent(o, file));
            }
        }
        return out;
    }

    /** The drop-ins a newly added Include would also activate (every .conf there but ours). */
    static List<String> otherDropIns(String grep, String dropIn) {
        return grep.lines().map(l -> l.contains(":") ? l.substring(0, l.indexOf(':')) : "").filter(f -> !f.isEmpty() && !f.equals(dropIn))
                .distinct().toList();
    }

    /** " (set in FILE:LINE …)": where the files set {@code keyword}, for a value that did not read back as planned. */
    static String whoSets(RemoteShell shell, String keyword) {
        CommandResult r = shell.run(new RemoteCommand(List.of("sh", "-c",
                "grep -iHnE \"^[[:space:]]*$1([[:space:]]|=)\" /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf 2>/dev/null",
                "clusterdeck-who-sets", keyword), true, null, null));
        List<String> where = r.stdout().lines().map(l -> l.replaceFirst("^([^:]+:\\d+):.*", "$1")).toList();
        return where.isEmpty() ? "" : " (set in " + String.join(", ", where) + "; the first one sshd reads wins)";
    }
}
