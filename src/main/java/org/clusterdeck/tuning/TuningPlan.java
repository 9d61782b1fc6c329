package org.clusterdeck.tuning;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.remote.RemoteCommand;

/**
 * Everything an apply will do on one host, for the preview: the rows, the exact commands and the
 * new content of the persistent file. {@code report} holds the validation warnings and errors.
 */
public record TuningPlan(String hostName, String source, List<PlanRow> rows, String filePath, String fileBefore,
                         String fileAfter, List<RemoteCommand> commands, ValidationReport report) {
    public TuningPlan {
        rows = List.copyOf(rows);
        commands = List.copyOf(commands);
    }

    public List<PlanRow> changedRows() {
        return rows.stream().filter(PlanRow::changes).toList();
    }

    /** Key → proposed value, in plan order. */
    public Map<String, String> proposed() {
        Map<String, String> m = new LinkedHashMap<>();
        rows.forEach(r -> m.put(r.key(), r.proposed()));
        return m;
    }

    public boolean fileChanges() {
        return fileBefore == null || !fileBefore.equals(fileAfter);
    }

    public boolean hasWork() {
        return !changedRows().isEmpty() || fileChanges();
    }

    /** The commands as they would be typed, with file contents shown as here-documents. */
    public List<String> commandLines() {
        return commandLines(false);
    }

    /** The commands as they are sent to a host whose SSH user is root ({@code asRoot}: no "sudo -n --"). */
    public List<String> commandLines(boolean asRoot) {
        return commands.stream().map(c -> display(c, !asRoot)).toList();
    }

    static String display(RemoteCommand c, boolean sudo) {
        String line = c.shellLine(sudo);
        if (c.stdin() == null) {
            return line;
        }
        return line + " <<'EOF'\n" + c.stdin() + (c.stdin().endsWith("\n") ? "" : "\n") + "EOF";
    }
}
