package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Regression: a guarded change whose steps make systemd reload its units ('systemctl enable' does)
 * must still be reverted by the host's systemd timer. systemd re-reads a transient unit on
 * daemon-reload, and an ExecStart holding '$1' and ';' came back mangled ("cannot open $1;"), so
 * the revert never ran and the host stayed locked out (seen with the firewall step's
 * 'systemctl enable nftables').
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class GuardedApplyDaemonReloadLabTest {
    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void theHostRevertsAfterADaemonReloadInTheSameChange(LabHosts lab) {
        try (Store store = Store.inMemory("guard-reload-" + ProcessHandle.current().pid()); SshShell pooled = lab.shell(1)) {
            String before = LabFirewall.rules(pooled);
            Instant applied = Instant.now();
            GuardedApply.Outcome o = new GuardedApply(store.changes(), "test").apply(pooled, LabFirewall.fresh(lab, 1), "firewall",
                    "drop new ssh, then daemon-reload", List.of(
                            new ChangeEngine.Planned(StepKind.FIREWALL, "iptables", LabFirewall.dropNewSsh(lab.host(1).sshPort())),
                            ChangeEngine.Planned.command("daemon-reload", List.of("systemctl", "daemon-reload"), List.of("true"))),
                    T, null, null);
            assertThat(o.kept()).isFalse();
            assertThat(Duration.between(applied, o.revertedAt())).isLessThanOrEqualTo(T.plusSeconds(10));
            assertThat(store.changes().findById(o.changeSetId()).orElseThrow().message()).contains("(systemd timer clusterdeck-revert-");
            assertThat(LabFirewall.canLogIn(LabFirewall.fresh(lab, 1))).isTrue();
            assertThat(StepActions.sameRules(LabFirewall.rules(pooled), before)).isTrue();
            assertThat(store.changes().findById(o.changeSetId()).orElseThrow().state()).isEqualTo(ChangeSet.REVERTED_BY_HOST);
        }
    }
}
