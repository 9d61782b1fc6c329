package org.clusterdeck.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.db.ReplicationFinding.Severity;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;

/** The source's replication SQL flagged statement by statement; accepted names proven against a real mariadbd. */
class ReplicationSqlCheckTest {

    static String sourceSql() throws IOException {
        return Files.readString(Path.of("src/test/resources/replication/source-replication.sql"), StandardCharsets.UTF_8);
    }

    @Test
    void theSourcesSqlIsFlaggedWithTheRealVariableAndTheFix() throws IOException {
        List<ReplicationFinding> f = ReplicationSqlCheck.check(sourceSql());
        assertThat(ReplicationSqlCheck.hasProblems(f)).isTrue();
        ReplicationFinding trx = only(f, "log_bin_trx_id");
        assertThat(trx.severity()).isEqualTo(Severity.ERROR);
        assertThat(trx.reason()).contains("No server variable log_bin_trx_id", "Unknown system variable");
        assertThat(trx.fix()).contains("Use log_bin", "read-only at runtime", ".cnf");
        assertThat(only(f, "log_bin_trx_idgraph").fix()).contains("Use log_bin");
        assertThat(only(f, "binlog_format").severity()).isEqualTo(Severity.WARNING);
        assertThat(only(f, "binlog_format").reason()).contains("next restart");
        assertThat(only(f, "sql_slave_skip_counter").reason()).contains("0 skips nothing");
        assertThat(only(f, "SHOW PROCESSLIST").fix()).contains("SHOW REPLICA STATUS", "Seconds_Behind_Master");
        assertThat(only(f, "STOP SLAVE").severity()).isEqualTo(Severity.INFO);
        assertThat(only(f, "START SLAVE").fix()).contains("START REPLICA");
        // the statements after "-- comment" on the same line are read, in order
        assertThat(f.stream().map(ReplicationFinding::statement).toList()).isSorted();
        assertThat(only(f, "log_bin_trx_id").statement()).isEqualTo(2);
    }

    @Test
    void passwordsAreFlaggedButNeverRepeated() {
        String sql = "CREATE USER 'repl'@'%' IDENTIFIED BY 's3cr3t-Pw';\n"
                + "CHANGE MASTER TO MASTER_HOST='10.0.0.5', MASTER_USER='repl', MASTER_PASSWORD='s3cr3t-Pw', MASTER_USE_GTID=slave_pos;\n"
                + "CREATE USER 'ok'@'%' IDENTIFIED BY PASSWORD '*0123456789ABCDEF0123456789ABCDEF01234567';";
        List<ReplicationFinding> f = ReplicationSqlCheck.check(sql);
        assertThat(f).filteredOn(x -> x.subject().equals("password")).extracting(ReplicationFinding::statement).containsExactly(1, 2);
        assertThat(f.toString()).doesNotContain("s3cr3t");
        assertThat(f).noneMatch(x -> x.subject().equals("CHANGE MASTER TO"));
    }

    @Test
    void realSettingsPassAndMysqlOnlyNamesGetTheMariadbName() {
        List<ReplicationFinding> clean = ReplicationSqlCheck.check("SET GLOBAL read_only = ON; SET @@global.slave_parallel_threads=4;"
                + " SET GLOBAL gtid_slave_pos = '0-1-100', @x = 1; START REPLICA; SHOW REPLICA STATUS;");
        assertThat(clean).isEmpty();
        List<ReplicationFinding> mysql = ReplicationSqlCheck.check("SET PERSIST log_replica_updates = ON;\n"
                + "CHANGE MASTER TO MASTER_HOST='db1', MASTER_LOG_FILE='mysql-bin.000001', MASTER_LOG_POS=4");
        assertThat(only(mysql, "SET PERSIST").reason()).contains("no SET PERSIST");
        assertThat(only(mysql, "log_replica_updates").reason()).contains("MySQL 8's name");
        assertThat(only(mysql, "log_replica_updates").fix()).contains("Use log_slave_updates", "read-only at runtime");
        assertThat(only(mysql, "CHANGE MASTER TO").fix()).contains("MASTER_USE_GTID=slave_pos");
        assertThat(only(ReplicationSqlCheck.check("SET GLOBAL log_bin = 1;"), "log_bin").reason()).contains("read-only at runtime");
    }

    @Test
    void everyNameWeAcceptOrSuggestExistsInARealMariadbd() throws Exception {
        Path mariadbd = Path.of("/usr/sbin/mariadbd");
        RealParts.require(Files.isExecutable(mariadbd), "mariadbd (Debian package mariadb-server) is not installed");
        Process p = new ProcessBuilder(mariadbd.toString(), "--no-defaults", "--verbose", "--help").redirectErrorStream(true).start();
        String help = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Set<String> real = new HashSet<>();
        boolean in = false;
        for (String line : help.split("\n")) {
            if (line.startsWith("----------")) {
                in = true;
            } else if (in && line.isBlank()) {
                break;
            } else if (in) {
                real.add(line.split("\\s+")[0].replace('-', '_'));
            }
        }
        assertThat(real).hasSizeGreaterThan(500);
        // runtime-only variables (SHOW VARIABLES, not --help): listed apart in the resource; the lab test reads them from a server
        List<String> runtime = List.of("sql_slave_skip_counter", "gtid_slave_pos", "gtid_binlog_pos", "gtid_current_pos", "gtid_binlog_state",
                "gtid_seq_no", "log_bin_basename", "log_bin_index", "relay_log_basename", "version", "hostname");
        Set<String> fromHelp = new HashSet<>(ReplicationSqlCheck.VARIABLES);
        fromHelp.removeAll(runtime);
        Set<String> realLower = new HashSet<>();
        real.forEach(r -> realLower.add(r.toLowerCase(java.util.Locale.ROOT)));
        assertThat(realLower).containsAll(fromHelp);
        Set<String> suggested = new HashSet<>(ReplicationSqlCheck.COUNTERPART.values());
        suggested.removeAll(runtime);
        assertThat(real).containsAll(suggested);
        assertThat(real).contains("server_id", "log_bin", "binlog_format", "gtid_domain_id", "gtid_strict_mode", "log_slave_updates",
                "read_only", "relay_log", "sync_binlog", "innodb_flush_log_at_trx_commit");
        assertThat(real).doesNotContain("log_bin_trx_id", "log_bin_trx_idgraph", "log_replica_updates");
    }

    private static ReplicationFinding only(List<ReplicationFinding> f, String subject) {
        List<ReplicationFinding> m = f.stream().filter(x -> x.subject().equals(subject)).toList();
        assertThat(m).as("findings about " + subject + " in " + f).hasSize(1);
        return m.get(0);
    }
}
