package org.clusterdeck.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;

/** The set-up's steps without a host: what each host gets, every step with its undo, and no password anywhere in them. */
class ReplicationSetupTest {

    @Test
    void stepsCarryUndoAndNeverThePassword() {
        List<ChangeEngine.Planned> primary = ReplicationSetup.primarySteps(ReplicationSetup.serverId("10.77.0.11"), "10.77.0.11", "10.77.0.12");
        List<ChangeEngine.Planned> replica = ReplicationSetup.replicaSteps(ReplicationSetup.serverId("10.77.0.12"), "10.77.0.11");
        assertThat(primary.get(0).kind()).isEqualTo(StepKind.FILE);
        assertThat(primary.get(0).target()).isEqualTo(ReplicationSetup.CNF);
        assertThat(primary.get(0).after()).contains("server_id = " + ReplicationSetup.serverId("10.77.0.11"), "log_bin = ",
                "binlog_format = ROW", "gtid_strict_mode = ON", "bind_address = 10.77.0.11").doesNotContain("read_only");
        assertThat(replica.get(0).after()).contains("read_only = ON", "relay_log = ", "log_slave_updates = ON");
        assertThat(ReplicationSetup.serverId("10.77.0.11")).isNotEqualTo(ReplicationSetup.serverId("10.77.0.12"));
        assertThat(primary.get(1).kind()).isEqualTo(StepKind.SERVICE_RELOAD);
        for (ChangeEngine.Planned p : List.of(primary.get(2), replica.get(2), replica.get(3))) {
            assertThat(p.kind()).isEqualTo(StepKind.COMMAND);
            assertThat(p.undo()).as(p.target()).isNotBlank();
        }
        assertThat(primary.get(2).after()).contains("GRANT REPLICATION SLAVE", ReplicationSetup.PASSWORD_FILE, "| mariadb");
        assertThat(replica.get(2).after()).contains("MASTER_USE_GTID=slave_pos", ReplicationSetup.PASSWORD_FILE);
        assertThat(replica.get(2).undo()).contains("RESET REPLICA ALL");

        String password = ReplicationSetup.generatePassword();
        assertThat(password).hasSize(32).matches("[A-Za-z0-9]+").isNotEqualTo(ReplicationSetup.generatePassword());
        String all = String.join("\n", ChangeEngine.preview(primary)) + String.join("\n", ChangeEngine.preview(replica))
                + primary + replica;
        assertThat(all).doesNotContain(password).contains("MASTER_PASSWORD=");
    }

    @Test
    void hostileAddressesNeverReachAStep() {
        for (String bad : new String[] {"db1'; DROP USER root; --", "$(reboot)", "a b", "db1\nx", ""}) {
            assertThatThrownBy(() -> ReplicationSetup.replicaSteps(2, bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Not a host name or IPv4 address").hasMessageNotContaining("\n");
            assertThatThrownBy(() -> ReplicationSetup.primarySteps(1, "10.0.0.1", bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
