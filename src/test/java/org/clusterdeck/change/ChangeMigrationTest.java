package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.model.TuningChangeSet;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.TuningRepository;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.TuningResult;
import org.clusterdeck.tuning.TuningService;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcConnectionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A database made by schema 7 (kernel tuning in its own tables) with real tuning history from a
 * lab host: after the migration to the general change tables, the old change set is intact and
 * its rollback restores the host exactly.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class ChangeMigrationTest {
    private static final String KEY_A = "net.core.somaxconn";
    private static final String KEY_B = "net.ipv4.tcp_fin_timeout";

    @Test
    void oldTuningHistoryMovesIntoChangeSetsAndStillRollsBackExactly(LabHosts lab) throws Exception {
        Path file = LabLayout.netnsEtc(lab.host(1).namespace()).resolve("sysctl.d").resolve("99-clusterdeck.conf");
        String fileBefore = "# by hand; no final newline\nnet.ipv4.tcp_fin_timeout = 41";
        Files.createDirectories(file.getParent());
        Files.writeString(file, fileBefore);
        String name = "migration-" + ProcessHandle.current().pid();
        String url = "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1";
        JdbcConnectionPool old = JdbcConnectionPool.create(url, "sa", "");
        try (SshShell h1 = lab.shell(1)) {
            Flyway.configure().dataSource(old).locations("classpath:db/migration").target("7").load().migrate();
            Map<String, String> before = values(h1);
            // the real apply the old code did: values at runtime, then the file; recorded with its SQL
            String fileAfter = "# Written by ClusterDeck (kernel tuning). Last change: profile 'x; $(reboot)'\n"
                    + KEY_B + " = 17\n" + KEY_A + " = 3000\n";
            assertThat(h1.run(RemoteCommand.of("/sbin/sysctl", "-w", KEY_A + "=3000", KEY_B + "=17")).ok()).isTrue();
            Files.writeString(file, fileAfter);
            long oldId;
            try (Connection c = old.getConnection()) {
                long gone = insertOld(c, h1.hostName(), "deleted later", "failed", file, null, "", Map.of());
                oldId = insertOld(c, h1.hostName(), "profile 'x; $(reboot)'", "applied", file, fileBefore, fileAfter,
                        Map.of(KEY_A, new String[] {before.get(KEY_A), "3000"}, KEY_B, new String[] {before.get(KEY_B), "17"}));
                // an older, rolled-back set whose file did not exist: must arrive too, and not be undone again
                insertOld(c, h1.hostName(), "file a.conf", "rolled_back", file, null, "x = 1\n", Map.of());
                try (Statement st = c.createStatement()) {
                    st.execute("DELETE FROM tuning_change_sets WHERE id = " + gone); // ids with gaps, as in real use
                }
            }
            assertThat(values(h1)).isNotEqualTo(before);

            try (Store store = Store.inMemory(name)) {
                assertThat(store.schemaVersion()).isEqualTo(org.clusterdeck.store.StoreTest.newestMigration());
                List<ChangeSet> all = store.changes().list(h1.hostName(), 10);
                assertThat(all).hasSize(2);
                ChangeSet moved = all.get(1);
                assertThat(moved.feature()).isEqualTo("tuning");
                assertThat(moved.title()).isEqualTo("profile 'x; $(reboot)'");
                assertThat(moved.steps()).extracting(ChangeStep::kind, ChangeStep::target, ChangeStep::before, ChangeStep::after)
                        .containsExactly(
                                org.assertj.core.groups.Tuple.tuple(StepKind.SYSCTL, KEY_A, before.get(KEY_A), "3000"),
                                org.assertj.core.groups.Tuple.tuple(StepKind.SYSCTL, KEY_B, before.get(KEY_B), "17"),
                                org.assertj.core.groups.Tuple.tuple(StepKind.FILE, "/etc/sysctl.d/99-clusterdeck.conf",
                                        fileBefore, fileAfter));
                assertThat(all.get(0).steps()).singleElement().satisfies(s -> {
                    assertThat(s.existedBefore()).isFalse();
                    assertThat(s.before()).isNull();
                });
                TuningChangeSet asTuning = new TuningRepository(store.sql()).latestUndoable(h1.hostName()).orElseThrow();
                assertThat(asTuning.id()).isEqualTo(moved.id());

                TuningResult r = new TuningService(store, SysctlCatalog.load(), "test").rollback(h1, null);

                assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.ROLLED_BACK);
                assertThat(values(h1)).isEqualTo(before);
                assertThat(Files.readString(file)).isEqualTo(fileBefore);
                assertThat(store.changes().findById(moved.id()).orElseThrow().state()).isEqualTo(ChangeSet.ROLLED_BACK);
            }
        } finally {
            old.dispose();
            Files.deleteIfExists(file);
        }
    }

    private static Map<String, String> values(SshShell h) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of(KEY_A, KEY_B)) {
            m.put(k, h.run(RemoteCommand.of("/sbin/sysctl", "-n", k)).stdout().strip());
        }
        return m;
    }

    /** The INSERTs of the schema-7 TuningRepository, verbatim. */
    private static long insertOld(Connection c, String host, String source, String state, Path file, String fileBefore,
                                  String fileAfter, Map<String, String[]> keys) throws Exception {
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO tuning_change_sets(host_name, source, state, file_path, file_existed, "
                + "file_before, file_after, job_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, host);
            ps.setString(2, source);
            ps.setString(3, state);
            ps.setString(4, "/etc/sysctl.d/" + file.getFileName());
            ps.setBoolean(5, fileBefore != null);
            ps.setString(6, fileBefore);
            ps.setString(7, fileAfter);
            ps.setObject(8, null);
            ps.executeUpdate();
            try (ResultSet rs = ps.getGeneratedKeys()) {
                rs.next();
                id = rs.getLong(1);
            }
        }
        for (String k : new java.util.TreeMap<>(keys).keySet()) {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO tuning_changes(change_set_id, sysctl_key, before_value, "
                    + "after_value, state) VALUES (?, ?, ?, ?, ?)")) {
                ps.setLong(1, id);
                ps.setString(2, k);
                ps.setString(3, keys.get(k)[0]);
                ps.setString(4, keys.get(k)[1]);
                ps.setString(5, "applied");
                ps.executeUpdate();
            }
        }
        return id;
    }
}
