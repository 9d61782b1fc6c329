package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.clusterdeck.harden.HardenLab;
import org.clusterdeck.harden.HardenOptions;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.HostPlan;
import org.clusterdeck.harden.HostResult;
import org.clusterdeck.harden.Role;
import org.clusterdeck.harden.StepPlan;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.scan.HostAuditCheck.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Finding → Fix → rescan on a real lab host (its own sshd, network namespace, package database,
 * an overlay of this machine's root): an untouched host audits the same twice; then four problems
 * planted inside the host (password login in an sshd drop-in, a world-writable program in
 * /usr/local/bin, ip_forward on, a listener the role does not need), each found; the hardening
 * steps and options {@link FindingFixes} names for the four findings, planned and applied through
 * the hardening service, turn each to passed in a rescan; the listener still runs, now closed by
 * the firewall. The run is rolled back at the end.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class AuditFixLabTest {
    private static final String DROP_IN = "/etc/ssh/sshd_config.d/50-plant.conf";
    private static final String WW = "/usr/local/bin/plant tool";
    private static final int PORT = 47912;

    @Test
    void eachPlantedProblemIsFoundFixedByItsStepAndGoneInARescan(LabHosts lab) throws Exception {
        String name = lab.host(1).name();
        try (HardenLab h = HardenLab.on(lab, "audit-fix-" + ProcessHandle.current().pid())) {
            Host host = h.store.hosts().findByName(name).orElseThrow();
            Role role = Role.fromInventory(host.role());

            HostAudit.Report first = audit(h, host, role);
            HostAudit.Report second = audit(h, host, role);
            assertThat(first.results()).hasSizeGreaterThanOrEqualTo(120);
            assertThat(outcomes(second)).as("an untouched host: the same findings twice").isEqualTo(outcomes(first));
            assertThat(second.index()).isEqualTo(first.index());

            String pw = id("sshd passwordauthentication");
            String fwd = id("net.ipv4.ip_forward is");
            String ww = id("No world-writable files");
            String listener = id("No TCP listener");
            List<String> planted = List.of(pw, fwd, ww, listener);
            assertThat(planted).allSatisfy(p -> assertThat(byId(first).get(p).status()).as(p + " before planting").isEqualTo(Status.PASS));

            plant(lab);
            List<ChangeSet> made = new ArrayList<>();
            try {
                Map<String, HostAudit.Result> found = byId(audit(h, host, role));
                for (String p : planted) {
                    assertThat(found.get(p).status()).as(p + " " + found.get(p).evidence()).isEqualTo(Status.FAIL);
                }
                assertThat(found.get(pw).evidence()).containsExactly("passwordauthentication yes");
                assertThat(found.get(ww).evidence()).containsExactly(WW);
                assertThat(found.get(fwd).evidence()).containsExactly("net.ipv4.ip_forward = 1");
                assertThat(found.get(listener).evidence()).anySatisfy(l -> assertThat(l).contains(":" + PORT + " "));

                // Fix: the step and options each finding names, merged as the wizard would be filled
                Set<HardenStep> steps = EnumSet.noneOf(HardenStep.class);
                Map<String, String> values = new LinkedHashMap<>();
                for (String p : planted) {
                    FindingFix fix = FindingFixes.forFinding(ScanKind.HOST, found.get(p).finding()).orElseThrow(() -> new AssertionError("no fix for " + p));
                    steps.add(fix.step());
                    values.putAll(fix.options());
                }
                assertThat(steps).containsExactlyInAnyOrder(HardenStep.SSH, HardenStep.KERNEL, HardenStep.PERMISSIONS, HardenStep.FIREWALL);
                HardenOptions options = new HardenOptions(null, values);
                HostPlan plan = h.service.plan(name, steps, null, options, null);
                StepPlan perms = plan.steps().stream().filter(s -> s.step() == HardenStep.PERMISSIONS).findFirst().orElseThrow();
                assertThat(perms.changes()).as("the name with a blank stays one quoted argument")
                        .anySatisfy(c -> assertThat(c.after()).isEqualTo("chmod o-w -- '" + WW + "'"));
                HostResult applied = h.service.apply(plan, options, true, null);
                made.addAll(applied.changes());
                assertThat(applied.ok()).as(applied.failure() + " " + applied.checks()).isTrue();

                // Rescan: each planted finding is gone; the listener still runs, closed by the firewall
                assertThat(lab.exec(1, "sh", "-c", "ss -ltnH | grep -q ':" + PORT + " '").ok()).as("the listener still runs").isTrue();
                Map<String, HostAudit.Result> fixed = byId(audit(h, host, role));
                for (String p : planted) {
                    assertThat(fixed.get(p).status()).as(p + " after the fix: " + fixed.get(p).evidence()).isEqualTo(Status.PASS);
                }
                assertThat(fixed.get(listener).evidence()).anySatisfy(l -> assertThat(l).contains(":" + PORT + " ").contains("closed by the input firewall"));
                assertThat(lab.exec(1, "stat", "-c", "%a", WW).stdout().strip()).isEqualTo("775");
            } finally {
                Collections.reverse(made);
                for (ChangeSet cs : made) {
                    if (cs.undoable()) {
                        h.engine.rollback(cs.id(), h.access::open, true, true, null);
                    }
                }
                lab.exec(1, "sh", "-c", "[ -f /run/plant-listener.pid ] && kill $(cat /run/plant-listener.pid); rm -f " + DROP_IN
                        + " '" + WW + "'; [ -f /run/plant-sshd_config ] && cp /run/plant-sshd_config /etc/ssh/sshd_config && systemctl reload ssh");
                lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=0");
            }
        }
    }

    /** The four problems, planted inside the lab host (its overlay), never on this machine. */
    private static void plant(LabHosts lab) {
        // as on a stock Debian host: sshd_config includes its drop-in directory first (the lab's does not)
        check(lab.exec(1, "sh", "-c", "cp /etc/ssh/sshd_config /run/plant-sshd_config && sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' "
                + "/etc/ssh/sshd_config && mkdir -p /etc/ssh/sshd_config.d && printf 'PasswordAuthentication yes\\n' > " + DROP_IN
                + " && (systemctl reload ssh || systemctl reload sshd)"));
        check(lab.exec(1, "sh", "-c", "printf '#!/bin/sh\\n' > '" + WW + "' && chmod 0777 '" + WW + "'"));
        check(lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=1"));
        check(lab.exec(1, "sh", "-c", "setsid timeout 600 perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => \"0.0.0.0\", "
                + "LocalPort => " + PORT + ", Listen => 5, ReuseAddr => 1) or die $!; sleep 600' </dev/null >/dev/null 2>&1 & "
                + "echo $! > /run/plant-listener.pid; for i in $(seq 1 25); do ss -ltnH | grep -q ':" + PORT + " ' && exit 0; sleep 0.2; done; exit 1"));
    }

    private static HostAudit.Report audit(HardenLab h, Host host, Role role) {
        try (RemoteShell shell = h.access.open(host, null)) {
            return HostAudit.run(host.name(), shell, role, host.sshPort());
        }
    }

    private static List<String> outcomes(HostAudit.Report r) {
        return r.results().stream().map(x -> x.check().id() + " " + x.status() + " " + x.evidence()).toList();
    }

    private static Map<String, HostAudit.Result> byId(HostAudit.Report r) {
        return r.results().stream().collect(Collectors.toMap(x -> x.check().id(), x -> x));
    }

    private static String id(String titleStart) {
        return HostAudit.checks().stream().filter(c -> c.title().startsWith(titleStart)).findFirst().orElseThrow().id();
    }

    private static void check(LocalCommand.Result r) {
        assertThat(r.ok()).as(r.argv() + ": " + r.stdout() + r.stderr()).isTrue();
    }
}
