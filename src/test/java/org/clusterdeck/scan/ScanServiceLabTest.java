package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.clusterdeck.harden.HardenLab;
import org.clusterdeck.harden.HardenOptions;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.HostPlan;
import org.clusterdeck.harden.HostResult;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.store.ScanRepository;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Findings → fix → rescan on a real lab host: two audits of the untouched host keep the same
 * findings (no flapping, nothing "fixed"); a planted ip_forward=1 is found, fixed by the hardening
 * service's kernel step, and the rescan of just that finding marks it fixed by that change set.
 * {@code scan all} on the lab host runs ports, SSH and the host audit.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class ScanServiceLabTest {

    @Test
    void stableOnAnUntouchedHostThenFixedByTheKernelStepsChangeSet(LabHosts lab) throws Exception {
        String name = lab.host(1).name();
        try (HardenLab h = HardenLab.on(lab, "scan-service-" + ProcessHandle.current().pid())) {
            ScanService scans = new ScanService(new ScanRepository(h.store.sql()), h.store, () -> TargetPolicy.of(h.store),
                    () -> h.access, "test");
            ScanRun first = scans.run(ScanKind.HOST, name, null);
            ScanRun second = scans.run(ScanKind.HOST, name, null);
            assertThat(first.error()).isNull();
            assertThat(first.index()).isBetween(0, 100);
            assertThat(second.index()).isEqualTo(first.index());
            assertThat(scans.findings(second.id())).extracting(StoredFinding::id)
                    .containsExactlyInAnyOrderElementsOf(scans.findings(first.id()).stream().map(StoredFinding::id).toList());
            assertThat(scans.findings(name, false)).extracting(StoredFinding::state).containsOnly(FindingState.OPEN);

            String fwd = HostAudit.checks().stream().filter(c -> c.title().startsWith("net.ipv4.ip_forward is")).findFirst()
                    .orElseThrow().id();
            check(lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=1"));
            try {
                ScanRun planted = scans.run(ScanKind.HOST, name, null);
                StoredFinding found = scans.findings(planted.id()).stream().filter(f -> f.finding().id().equals(fwd))
                        .findFirst().orElseThrow();
                assertThat(found.state()).isEqualTo(FindingState.OPEN);
                assertThat(found.finding().evidence()).isEqualTo("net.ipv4.ip_forward = 1");

                HardenOptions options = HardenOptions.defaults();
                HostPlan plan = h.service.plan(name, Set.of(HardenStep.KERNEL), null, options, null);
                HostResult applied = h.service.apply(plan, options, true, null);
                assertThat(applied.ok()).as(applied.failure() + " " + applied.checks()).isTrue();
                long changeSet = applied.changes().get(0).id();

                List<ScanRun> rescan = scans.rescan(List.of(found.id()), changeSet, null);
                assertThat(rescan).hasSize(1);
                StoredFinding fixed = scans.finding(found.id()).orElseThrow();
                assertThat(fixed.state()).isEqualTo(FindingState.FIXED);
                assertThat(fixed.fixedByChangeSet()).isEqualTo(changeSet);
                assertThat(fixed.fixedInScan()).isEqualTo(rescan.get(0).id());
                assertThat(scans.history(name)).extracting(HistoryPoint::index).doesNotContainNull().hasSize(4);
            } finally {
                lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=0");
            }

            List<ScanRun> all = scans.runAll(List.of(name), null);
            assertThat(all).extracting(ScanRun::kind).contains(ScanKind.PORTS, ScanKind.SSH, ScanKind.HOST);
            assertThat(all).allSatisfy(r -> assertThat(r.error()).as(r.toString()).isNull());
        }
    }

    private static void check(LocalCommand.Result r) {
        assertThat(r.ok()).as(r.argv() + ": " + r.stdout() + r.stderr()).isTrue();
    }
}
