package org.clusterdeck.db;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.clusterdeck.db.ReplicationFinding.Severity;

/**
 * Replication SQL checked without a server, against MariaDB 10.11's variable names (the list
 * {@code mariadbd --verbose --help} prints, kept in a resource): unknown server variables with the
 * real one and the fix, variables that cannot be set at runtime, lag watched through
 * {@code SHOW PROCESSLIST}, and passwords written into the SQL. Findings never repeat a password.
 */
public final class ReplicationSqlCheck {
    /** Server variables MariaDB 10.11 knows; see the resource's header for how it was made. */
    public static final Set<String> VARIABLES = load();

    /** Replication settings that are read-only at runtime: they belong in a .cnf file and need a restart. */
    static final Set<String> STARTUP_ONLY = Set.of("log_bin", "log_slave_updates", "relay_log", "log_bin_index", "relay_log_index");

    /** Names that are not MariaDB's but have a known counterpart (MySQL 8 spellings, and the source's invented names). */
    static final Map<String, String> COUNTERPART = Map.of(
            "log_replica_updates", "log_slave_updates",
            "replica_parallel_workers", "slave_parallel_workers",
            "sql_replica_skip_counter", "sql_slave_skip_counter",
            "gtid_mode", "gtid_strict_mode",
            "enforce_gtid_consistency", "gtid_strict_mode",
            "log_bin_trx_id", "log_bin",
            "log_bin_trx_idgraph", "log_bin");

    /** The keys of {@link #COUNTERPART} that MySQL 8 does have; the others exist nowhere. */
    static final Set<String> MYSQL_ONLY = Set.of("log_replica_updates", "replica_parallel_workers", "sql_replica_skip_counter", "gtid_mode",
            "enforce_gtid_consistency");

    private static final Pattern SET = Pattern.compile(
            "(?is)^SET\\s+(?:(GLOBAL|SESSION|LOCAL|PERSIST|PERSIST_ONLY)\\s+)?(.*)$");
    private static final Pattern ASSIGNMENT = Pattern.compile(
            "(?is)^\\s*(?:@@(?:(global|session|local)\\.)?)?([A-Za-z_][A-Za-z0-9_]*)\\s*(?:=|:=)\\s*(.*?)\\s*$");
    private static final Pattern PASSWORD = Pattern.compile(
            "(?is)(IDENTIFIED\\s+BY\\s+(?!PASSWORD\\b)|(?:MASTER|SOURCE)_PASSWORD\\s*=\\s*|PASSWORD\\s*\\(\\s*)'");

    private ReplicationSqlCheck() {
    }

    /** Every finding for the SQL text, in statement order. */
    public static List<ReplicationFinding> check(String sql) {
        List<ReplicationFinding> out = new ArrayList<>();
        List<String> statements = statements(sql);
        for (int i = 0; i < statements.size(); i++) {
            check(i + 1, statements.get(i), out);
        }
        return out;
    }

    public static boolean hasProblems(List<ReplicationFinding> findings) {
        return findings.stream().anyMatch(ReplicationFinding::problem);
    }

    private static void check(int n, String stmt, List<ReplicationFinding> out) {
        String upper = stmt.toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
        if (PASSWORD.matcher(stmt).find()) {
            out.add(new ReplicationFinding(Severity.ERROR, n, "password", "A password is written in plain text in the SQL: it ends up in"
                    + " files, shell history, the general and binary logs.", "Let 'clusterdeck replication setup' generate it and pass it"
                    + " on stdin, or use IDENTIFIED BY PASSWORD '*hash' / IDENTIFIED VIA ed25519 USING PASSWORD(...) typed at a prompt."));
        }
        if (upper.startsWith("SHOW PROCESSLIST") || upper.startsWith("SHOW FULL PROCESSLIST")) {
            out.add(new ReplicationFinding(Severity.WARNING, n, "SHOW PROCESSLIST", "The process list shows what threads are doing,"
                    + " not how far the replica is behind; it cannot show a lag under 1 s, a stopped IO thread or the last error.",
                    "Use SHOW REPLICA STATUS (Seconds_Behind_Master, Slave_IO_Running, Slave_SQL_Running, Last_Error), or"
                    + " 'clusterdeck replication status'."));
        }
        if (upper.startsWith("STOP SLAVE") || upper.startsWith("START SLAVE")) {
            String word = upper.startsWith("STOP") ? "STOP" : "START";
            out.add(new ReplicationFinding(Severity.INFO, n, word + " SLAVE", "Still accepted by MariaDB 10.11, but the old spelling.",
                    word + " REPLICA (MariaDB 10.5.1+, MySQL 8.0.22+)."));
        }
        if (upper.startsWith("CHANGE MASTER") || upper.startsWith("CHANGE REPLICATION SOURCE")) {
            if (!upper.contains("MASTER_USE_GTID") && !upper.contains("SOURCE_AUTO_POSITION") && !upper.contains("MASTER_AUTO_POSITION")) {
                out.add(new ReplicationFinding(Severity.WARNING, n, "CHANGE MASTER TO", "Replication by binary log file and position:"
                        + " after a failover or a lost relay log the position must be found by hand.",
                        "Add MASTER_USE_GTID=slave_pos (MariaDB) or SOURCE_AUTO_POSITION=1 (MySQL)."));
            }
        }
        Matcher set = SET.matcher(stmt.strip());
        if (set.matches() && !upper.startsWith("SET PASSWORD") && !upper.startsWith("SET NAMES") && !upper.startsWith("SET CHARACTER")
                && !upper.startsWith("SET TRANSACTION") && !upper.startsWith("SET ROLE") && !upper.startsWith("SET DEFAULT ROLE")) {
            String scope = set.group(1) == null ? "" : set.group(1).toUpperCase(Locale.ROOT);
            if (scope.startsWith("PERSIST")) {
                out.add(new ReplicationFinding(Severity.ERROR, n, "SET " + scope, "MariaDB has no SET PERSIST (MySQL 8 only): the"
                        + " statement is a syntax error.", "Put the setting in /etc/mysql/mariadb.conf.d/60-clusterdeck-replication.cnf."));
            }
            for (String part : splitTopLevel(set.group(2), ',')) {
                Matcher a = ASSIGNMENT.matcher(part);
                if (a.matches()) {
                    checkVariable(n, a.group(2).toLowerCase(Locale.ROOT), a.group(3), out);
                }
            }
        }
    }

    private static void checkVariable(int n, String name, String value, List<ReplicationFinding> out) {
        if (name.startsWith("@")) {
            return;
        }
        if (!VARIABLES.contains(name)) {
            String real = COUNTERPART.getOrDefault(name, nearest(name));
            String fix = STARTUP_ONLY.contains(real)
                    ? "Use " + real + ": it is read-only at runtime, so set it under [mariadbd] in a .cnf file and restart"
                    + " (what 'clusterdeck replication setup' writes)."
                    : "Use " + real + (VARIABLES.contains(real) ? "" : " (check the name with SHOW VARIABLES LIKE '...')") + ".";
            String mysql = MYSQL_ONLY.contains(name) ? " (it is MySQL 8's name)" : "";
            out.add(new ReplicationFinding(Severity.ERROR, n, name, "No server variable " + name + " in MariaDB 10.11" + mysql
                    + ": the server answers 'Unknown system variable' and the statement does nothing.", fix));
            return;
        }
        if (STARTUP_ONLY.contains(name)) {
            out.add(new ReplicationFinding(Severity.ERROR, n, name, name + " is read-only at runtime: SET fails.",
                    "Set it under [mariadbd] in a .cnf file and restart mariadb."));
        } else if (name.equals("sql_slave_skip_counter")) {
            boolean zero = value.replace("'", "").strip().equals("0");
            out.add(new ReplicationFinding(Severity.WARNING, n, name, zero ? "0 skips nothing: the statement has no effect."
                    : "Skipping events hides the error that stopped the replica and leaves it different from the primary.",
                    "Read Last_SQL_Error in SHOW REPLICA STATUS and fix the cause; re-seed the replica if it has diverged."));
        } else if (name.equals("binlog_format") || name.equals("server_id") || name.equals("gtid_domain_id")
                || name.equals("gtid_strict_mode") || name.equals("sync_binlog") || name.equals("innodb_flush_log_at_trx_commit")) {
            out.add(new ReplicationFinding(Severity.WARNING, n, name, "SET GLOBAL lasts until the next restart"
                    + (name.equals("binlog_format") ? " and only affects sessions opened afterwards" : "") + ".",
                    "Also set it under [mariadbd] in a .cnf file (what 'clusterdeck replication setup' writes)."));
        }
    }

    /** The known variable closest in spelling (shared prefix first, then edit distance). */
    static String nearest(String name) {
        return VARIABLES.stream().min(Comparator.<String>comparingInt(v -> -commonPrefix(v, name)).thenComparingInt(v -> distance(v, name)))
                .orElse(name);
    }

    private static int commonPrefix(String a, String b) {
        int i = 0;
        while (i < a.length() && i < b.length() && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = Math.min(Math.min(cur[j - 1], prev[j]) + 1, prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** Statements split on ';' outside quotes, with -- , # and block comments removed; empty ones dropped. */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        char quote = 0;
        for (int i = 0; i < sql.length(); i++) {
            char c = sql.charAt(i);
            if (quote != 0) {
                cur.append(c);
                if (c == '\\' && i + 1 < sql.length()) {
                    cur.append(sql.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"' || c == '`') {
                quote = c;
                cur.append(c);
            } else if (c == '#' || (c == '-' && sql.startsWith("-- ", i)) || (c == '-' && sql.startsWith("--\n", i))) {
                // a line comment runs to the end of the line; the source writes several statements after "-- comment" on one
                // line, so a comment followed by a SQL keyword on the same line ends at that keyword
                int end = sql.indexOf('\n', i);
                end = end < 0 ? sql.length() : end;
                Matcher kw = Pattern.compile("(?i)\\b(SET|STOP|START|CHANGE|SHOW|CREATE|GRANT|RESET|FLUSH)\\b").matcher(sql).region(i, end);
                i = (kw.find() ? kw.start() : end) - 1;
                cur.append(' ');
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 1;
                cur.append(' ');
            } else if (c == ';') {
                add(out, cur);
            } else {
                cur.append(c);
            }
        }
        add(out, cur);
        return out;
    }

    private static void add(List<String> out, StringBuilder cur) {
        String s = cur.toString().strip();
        if (!s.isEmpty()) {
            out.add(s.replaceAll("\\s+", " "));
        }
        cur.setLength(0);
    }

    private static List<String> splitTopLevel(String s, char sep) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        char quote = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == sep && depth == 0) {
                out.add(s.substring(start, i));
                start = i + 1;
            }
        }
        out.add(s.substring(start));
        return out;
    }

    private static Set<String> load() {
        try (InputStream in = ReplicationSqlCheck.class.getResourceAsStream("/replication/mariadb-10.11-variables.txt")) {
            TreeSet<String> names = new TreeSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    names.add(line.strip().toLowerCase(Locale.ROOT));
                }
            }
            return Collections.unmodifiableSortedSet(names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
