package org.clusterdeck.db;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;

/**
 * One replica's state from {@code SHOW REPLICA STATUS} (MariaDB) or {@code SHOW SLAVE STATUS}: both
 * the vertical {@code \G} form and the tab-separated form {@code mariadb -B -e} prints are read,
 * with MariaDB's (Slave_/Master_) and MySQL 8's (Replica_/Source_) column names.
 *
 * @param secondsBehind null when the server does not know (SQL thread stopped, IO thread not connected)
 * @param lastError empty when there is none; the IO thread's error first, then the SQL thread's
 */
public record ReplicationStatus(String primary, boolean ioRunning, String ioState, boolean sqlRunning, Long secondsBehind,
                                String lastError) {
    /** The source's target: a replica at most one second behind. */
    public static final long TARGET_SECONDS = 1;

    public boolean healthy() {
        return ioRunning && sqlRunning && lastError.isEmpty() && secondsBehind != null && secondsBehind <= TARGET_SECONDS;
    }

    /** Reads the replica's status on the host (as root: the lab and Debian's mariadb authenticate root by socket). */
    public static Optional<ReplicationStatus> read(RemoteShell sh) {
        CommandResult r = sh.run(RemoteCommand.sudo("mariadb", "-B", "-e", "SHOW REPLICA STATUS"));
        if (!r.ok()) {
            throw new RemoteException("SHOW REPLICA STATUS on " + sh.hostName() + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip() + ". Is mariadb installed and running there (systemctl status mariadb)?");
        }
        return parse(r.stdout());
    }

    /** The status in the output, or empty when the server is not a replica (the statement returns no row). */
    public static Optional<ReplicationStatus> parse(String output) {
        Map<String, String> f = output.contains(". row ***") ? vertical(output) : tabbed(output);
        if (f.isEmpty()) {
            return Optional.empty();
        }
        String host = get(f, "Master_Host", "Source_Host");
        String port = get(f, "Master_Port", "Source_Port");
        String io = get(f, "Slave_IO_Running", "Replica_IO_Running");
        String sql = get(f, "Slave_SQL_Running", "Replica_SQL_Running");
        String behind = get(f, "Seconds_Behind_Master", "Seconds_Behind_Source");
        String error = first(get(f, "Last_IO_Error"), get(f, "Last_SQL_Error"), get(f, "Last_Error"));
        Long seconds = behind.isEmpty() || behind.equalsIgnoreCase("NULL") ? null : Long.valueOf(behind.strip());
        return Optional.of(new ReplicationStatus(port.isEmpty() || port.equals("3306") ? host : host + ":" + port,
                io.equalsIgnoreCase("Yes"), io, sql.equalsIgnoreCase("Yes"), seconds, error));
    }

    private static String first(String... values) {
        for (String v : values) {
            if (!v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    private static String get(Map<String, String> f, String... names) {
        for (String n : names) {
            String v = f.get(n);
            if (v != null) {
                return v.equals("NULL") && !n.startsWith("Seconds") ? "" : v;
            }
        }
        return "";
    }

    private static Map<String, String> vertical(String output) {
        Map<String, String> f = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            if (line.contains("2. row")) {
                break; // multi-source: the first connection only
            }
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("*")) {
                String key = line.substring(0, colon).strip();
                if (key.matches("\\w+")) {
                    f.put(key, line.substring(colon + 1).strip());
                }
            }
        }
        return f;
    }

    private static Map<String, String> tabbed(String output) {
        List<String> lines = output.lines().filter(l -> !l.isEmpty()).toList();
        Map<String, String> f = new LinkedHashMap<>();
        if (lines.size() < 2) {
            return f;
        }
        String[] head = lines.get(0).split("\t", -1);
        String[] row = lines.get(1).split("\t", -1);
        for (int i = 0; i < head.length && i < row.length; i++) {
            f.put(head[i], unescape(row[i]));
        }
        return f;
    }

    /** Batch mode writes a tab, newline or backslash inside a value as \t, \n, \\. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 't' -> '\t';
                    case 'n' -> '\n';
                    case '0' -> ' ';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
