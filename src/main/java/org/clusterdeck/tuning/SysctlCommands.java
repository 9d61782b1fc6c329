package org.clusterdeck.tuning;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.remote.RemoteCommand;

/** The remote commands of tuning, all as argument vectors: nothing here builds a shell line. */
public final class SysctlCommands {
    public static final String FILE = "/etc/sysctl.d/99-clusterdeck.conf";
    /**
     * By its full path: a non-root user's PATH often lacks /sbin (Debian), and every distribution
     * keeps sysctl reachable there (directly, or through the merged-/usr link).
     */
    static final String SYSCTL = "/sbin/sysctl";

    private SysctlCommands() {
    }

    public static RemoteCommand readAll() {
        return RemoteCommand.of(SYSCTL, "-a");
    }

    public static RemoteCommand read(Collection<String> keys) {
        List<String> argv = new ArrayList<>(List.of(SYSCTL, "--"));
        argv.addAll(keys);
        return new RemoteCommand(argv, false, null, null);
    }

    /** One {@code sysctl -w key=value ...}: every key in one round trip. */
    public static RemoteCommand write(Map<String, String> values) {
        List<String> argv = new ArrayList<>(List.of(SYSCTL, "-w", "--"));
        values.forEach((k, v) -> argv.add(k + "=" + v));
        return new RemoteCommand(argv, true, null, null);
    }

    /** Every key name, without values (cheaper than -a): for suggestions when a key is missing. */
    public static RemoteCommand listNames() {
        return RemoteCommand.of(SYSCTL, "-a", "-N");
    }

    /** Reads the file; in the C locale so that a missing file is recognisable on stderr. */
    public static RemoteCommand readFile() {
        return RemoteCommand.sudo("env", "LC_ALL=C", "cat", "--", FILE);
    }

    static boolean missingFile(org.clusterdeck.remote.CommandResult r) {
        return r.exitCode() == 1 && r.stderr().contains("No such file or directory");
    }

    public static RemoteCommand removeFile() {
        return RemoteCommand.sudo("rm", "-f", "--", FILE);
    }

    /** Parses "key = value" lines as printed by {@code sysctl key...}. */
    public static Map<String, String> parseValues(String stdout) {
        return new LinkedHashMap<>(HostSysctls.parse(stdout, "").values());
    }

    /** The content of ClusterDeck's file: the settings it already held, overlaid with the new ones. */
    public static String fileContent(String previous, Map<String, String> settings, String source) {
        Map<String, String> merged = new LinkedHashMap<>();
        if (previous != null) {
            for (SettingInput in : SysctlFragmentParser.parse(previous).settings()) {
                merged.put(in.key(), ValueCheck.normalizeBlanks(in.value()));
            }
        }
        merged.putAll(settings);
        StringBuilder sb = new StringBuilder();
        sb.append("# Written by ClusterDeck (kernel tuning). Last change: ").append(source.replaceAll("[\\r\\n]", " ")).append('\n');
        sb.append("# Undo with: clusterdeck tune rollback --host HOST\n");
        merged.forEach((k, v) -> sb.append(k).append(" = ").append(v).append('\n'));
        return sb.toString();
    }
}
