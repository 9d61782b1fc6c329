package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every hardening step through the service, on two lab hosts in parallel, as the wizard and
 * {@code harden apply} run them: planned from one round of probes, applied one change set per
 * step, verified, shown as "hardened", and then the whole run rolled back — after which each host
 * reads back exactly as before (rulesets, sshd's effective configuration, live sysctls, the files
 * and units the steps touch), read from outside the host.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class HardenServiceLabTest {
    /** The state the steps touch, read as root from outside the host (nsenter), never through ClusterDeck. */
    private static final String SNAPSHOT = String.join("\n",
            "export LC_ALL=C",
            "echo '== nft'; nft list ruleset 2>&1 | grep -v -e handle -e 'counter packets'",
            "echo '== iptables'; iptables-save 2>&1 | grep -v -e '^#' | sed 's/\\[[0-9]*:[0-9]*\\]//'",
            "echo '== sshd'; sshd -T 2>&1 | sort",
            "echo '== sysctl'; sysctl -a 2>/dev/null | grep -E '^net\\.ipv[46]\\.(conf\\.(all|default)|tcp_syncookies|icmp)' | sort",
            "for f in /etc/nftables.conf /etc/ssh/sshd_config /etc/apt/apt.conf.d/20auto-upgrades; do echo \"== $f\"; cat \"$f\" 2>&1; done",
            "for d in /etc/ssh/sshd_config.d /etc/sysctl.d /etc/systemd/journald.conf.d /etc/apt/apt.conf.d /etc/clusterdeck; do echo \"== $d\"; ls -A \"$d\" 2>&1; done",
            "echo '== units'; for u in nftables ssh systemd-journald apt-daily.timer apt-daily-upgrade.timer; do echo \"$u $(systemctl is-enabled $u 2>&1) $(systemctl is-active $u 2>&1)\"; done");

    private static String snapshot(LabHosts lab, int n) {
        var r = lab.exec(n, "sh", "-c", SNAPSHOT);
        return r.stdout();
    }

    /** The lines only one side has, for a readable failure. */
    private static String difference(String before, String after) {
        List<String> b = before.lines().toList();
        List<String> a = after.lines().toList();
        return "before only " + b.stream().filter(l -> !a.contains(l)).toList() + ", after only " + a.stream().filter(l -> !b.contains(l)).toList();
    }

    @Test
    void everyStepOnTwoHostsInParallelVerifiedThenTheRunRolledBackExactly(LabHosts lab) throws Exception {
        try (HardenLab h = HardenLab.on(lab, "harden-service")) {
            String before1 = snapshot(lab, 1);
            String before2 = snapshot(lab, 2);
            HardenOptions options = new HardenOptions(java.time.Duration.ofSeconds(10), Map.of());

            List<CompletableFuture<HostResult>> runs = new ArrayList<>();
            for (int n = 1; n <= 2; n++) {
                String name = lab.host(n).name();
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        HostPlan plan = h.service.plan(name, EnumSet.allOf(HardenStep.class), null, options, null);
                        assertThat(plan.steps()).hasSize(HardenStep.values().length);
                        assertThat(plan.toApply()).extracting(StepPlan::step)
                                .contains(HardenStep.FIREWALL, HardenStep.SSH, HardenStep.KERNEL, HardenStep.LOGGING);
                        return h.service.apply(plan, options, true, null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }));
            }
            for (int n = 1; n <= 2; n++) {
                HostResult r = runs.get(n - 1).get();
                assertThat(r.failure()).as(r.hostName() + " " + r.checks()).isNull();
                assertThat(r.checks()).allSatisfy(c -> assertThat(c.ok()).as(c.what() + ": " + c.detail()).isTrue());
                assertThat(r.changes()).extracting(ChangeSet::state).containsOnly(ChangeSet.APPLIED);
                assertThat(h.service.status(r.hostName()).level()).isEqualTo(HardenStatus.Level.HARDENED);
                assertThat(snapshot(lab, n)).as("hardening changed the host").isNotEqualTo(n == 1 ? before1 : before2);

                List<ChangeSet> newestFirst = new ArrayList<>(r.changes());
                Collections.reverse(newestFirst);
                for (ChangeSet cs : newestFirst) {
                    assertThat(h.engine.rollback(cs.id(), h.access::open, false, true, null).state()).isEqualTo(ChangeSet.ROLLED_BACK);
                }
                String after = snapshot(lab, n);
                String before = n == 1 ? before1 : before2;
                assertThat(after).as("lab%d after rolling back the run differs: %s", n, difference(before, after)).isEqualTo(before);
                assertThat(h.service.status(r.hostName()).level()).isEqualTo(HardenStatus.Level.NONE);
            }
        }
    }
}
