package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.scan.HostAuditCheck.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The host audit on a real lab host (its own sshd, kernel namespace, package database): stable on
 * an untouched host; four planted problems (password login in an sshd drop-in, a world-writable
 * program in /usr/local/bin, ip_forward on, a listener the role does not need) each found with its
 * evidence; fixed through the hardening service's ssh and kernel steps and by removing the other
 * two plants, a rescan shows each fixed.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class HostAuditLabTest {
    private static final String DROP_IN = "/etc/ssh/sshd_config.d/50-plant.conf";
    private static final String WW = "/usr/local/bin/plant-tool";
    private static final int PORT = 47911;

    @Test
    void findsPlantedProblemsThenTheFixesAndIsStableOnAnUntouchedHost(LabHosts lab) throws Exception {
        String name = lab.host(1).name();
        try (HardenLab h = HardenLab.on(lab, "host-audit-" + ProcessHandle.current().pid())) {
            Host host = h.store.hosts().findByName(name).orElseThrow();
            Role role = Role.fromInventory(host.role());

            HostAudit.Report first = audit(h, host, role);
            HostAudit.Report second = audit(h, host, role);
            assertThat(first.results()).hasSizeGreaterThanOrEqualTo(120);
            assertThat(first.count(Status.PASS) + first.count(Status.FAIL)).as("most checks judged, not skipped").isGreaterThanOrEqualTo(100);
            assertThat(outcomes(second)).as("no flapping between two runs").isEqualTo(outcomes(first));
            assertThat(second.index()).isEqualTo(first.index());

            String fwd = id("net.ipv4.ip_forward is");
            String pw = id("sshd passwordauthentication");
            // as on a stock Debian host: sshd_config includes its drop-in directory first (the lab's does not)
            check(lab.exec(1, "sh", "-c", "cp /etc/ssh/sshd_config /run/plant-sshd_config && sed -i '1i Include /etc/ssh/sshd_config.d/*.conf' "
                    + "/etc/ssh/sshd_config && mkdir -p /etc/ssh/sshd_config.d && printf 'PasswordAuthentication yes\\n' > " + DROP_IN
                    + " && (systemctl reload ssh || systemctl reload sshd)"));
            check(lab.exec(1, "sh", "-c", "printf '#!/bin/sh\\n' > " + WW + " && chmod 0777 " + WW));
            check(lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=1"));
            check(lab.exec(1, "sh", "-c", "setsid timeout 300 perl -MIO::Socket::INET -e '$s = IO::Socket::INET->new(LocalAddr => \"0.0.0.0\", "
                    + "LocalPort => " + PORT + ", Listen => 5, ReuseAddr => 1) or die $!; sleep 300' </dev/null >/dev/null 2>&1 & "
                    + "echo $! > /run/plant-listener.pid; for i in 1 2 3 4 5 6 7 8 9 10; do ss -ltnH | grep -q ':" + PORT + " ' && exit 0; sleep 0.2; done; exit 1"));
            try {
                Map<String, HostAudit.Result> planted = byId(audit(h, host, role));
                assertThat(planted.get(pw).status()).isEqualTo(Status.FAIL);
                assertThat(planted.get(pw).evidence()).containsExactly("passwordauthentication yes");
                assertThat(planted.get("CD-FILE-102").status()).isEqualTo(Status.FAIL);
                assertThat(planted.get("CD-FILE-102").evidence()).contains(WW);
                assertThat(planted.get(fwd).status()).isEqualTo(Status.FAIL);
                assertThat(planted.get(fwd).evidence()).containsExactly("net.ipv4.ip_forward = 1");
                assertThat(planted.get("CD-NET-001").status()).isEqualTo(Status.FAIL);
                assertThat(planted.get("CD-NET-001").evidence()).anySatisfy(l -> assertThat(l).contains(":" + PORT + " "));

                // the fix: the hardening wizard's ssh and kernel steps; the other two plants removed
                HardenOptions options = HardenOptions.defaults();
                HostPlan plan = h.service.plan(name, Set.of(HardenStep.SSH, HardenStep.KERNEL), null, options, null);
                HostResult applied = h.service.apply(plan, options, true, null);
                assertThat(applied.ok()).as(applied.failure() + " " + applied.checks()).isTrue();
                check(lab.exec(1, "rm", "-f", WW));
                check(lab.exec(1, "sh", "-c", "kill $(cat /run/plant-listener.pid); rm -f /run/plant-listener.pid; "
                        + "for i in 1 2 3 4 5 6 7 8 9 10; do ss -ltnH | grep -q ':" + PORT + " ' || exit 0; sleep 0.2; done; exit 1"));

                Map<String, HostAudit.Result> fixed = byId(audit(h, host, role));
                assertThat(fixed.get(pw).status()).as(fixed.get(pw).evidence().toString()).isEqualTo(Status.PASS);
                assertThat(fixed.get("CD-FILE-102").status()).isEqualTo(Status.PASS);
                assertThat(fixed.get(fwd).status()).isEqualTo(Status.PASS);
                assertThat(fixed.get("CD-NET-001").status()).as(fixed.get("CD-NET-001").evidence().toString()).isEqualTo(Status.PASS);
            } finally {
                lab.exec(1, "sh", "-c", "[ -f /run/plant-listener.pid ] && kill $(cat /run/plant-listener.pid); rm -f " + DROP_IN + " " + WW);
                lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=0");
            }
        }
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
