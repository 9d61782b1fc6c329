package org.clusterdeck.harden;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * What the steps need to know about a host before planning, gathered in one round trip: every
 * step names read-only shell snippets ({@link StepModule#probes()}); they run as one script (as
 * root through sudo) and each snippet's output comes back under its name. Snippets are our own
 * constant text, never built from user input.
 */
public final class HostFacts {
    private static final String MARK = "@@clusterdeck-probe@@";
    private final Map<String, String> outputs;

    public HostFacts(Map<String, String> outputs) {
        this.outputs = Map.copyOf(outputs);
    }

    /** Runs every probe in one script on the host; a probe that fails leaves its output (maybe empty). */
    public static HostFacts gather(RemoteShell shell, Map<String, String> probes) {
        if (probes.isEmpty()) {
            return new HostFacts(Map.of());
        }
        StringBuilder script = new StringBuilder("export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
        for (Map.Entry<String, String> e : probes.entrySet()) {
            if (!e.getKey().matches("[a-z0-9.-]+")) {
                throw new IllegalArgumentException("probe name " + e.getKey());
            }
            // a newline first: the previous probe's output may not end with one (dpkg-query -f …), and the marker must start a line
            script.append("echo; echo '").append(MARK).append(' ').append(e.getKey()).append("'\n");
            script.append("( ").append(e.getValue()).append("\n) 2>&1 </dev/null\n");
        }
        CommandResult r = shell.run(new RemoteCommand(List.of("sh", "-s"), true, script.toString(), java.time.Duration.ofSeconds(60)));
        return parse(r.stdout());
    }

    static HostFacts parse(String out) {
        Map<String, String> m = new LinkedHashMap<>();
        String name = null;
        StringBuilder sb = new StringBuilder();
        for (String line : out.split("\n", -1)) {
            if (line.startsWith(MARK + " ")) {
                if (name != null) {
                    m.put(name, sb.toString().strip());
                }
                name = line.substring(MARK.length() + 1).strip();
                sb.setLength(0);
            } else if (name != null) {
                sb.append(line).append('\n');
            }
        }
        if (name != null) {
            m.put(name, sb.toString().strip());
        }
        return new HostFacts(m);
    }

    /** The output of probe {@code name}, stripped; empty when it printed nothing or did not run. */
    public String get(String name) {
        return outputs.getOrDefault(name, "");
    }

    public Optional<String> find(String name) {
        return Optional.ofNullable(outputs.get(name));
    }

    public Map<String, String> all() {
        return outputs;
    }
}
