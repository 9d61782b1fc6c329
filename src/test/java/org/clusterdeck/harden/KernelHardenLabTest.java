package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The kernel step on real lab hosts: applied through the hardening service, the live values read
 * back with {@code sysctl -n} inside the host and kept in its sysctl.d file; rolled back, the live
 * values are exactly the before-values again and the file is gone. A lab host runs this machine's
 * kernel, so only per-network-namespace keys are planned there (and this machine's kernel-wide values
 * must not move). A host with a libvirt-style bridge keeps ip_forward, with the reason in the plan.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class KernelHardenLabTest {

    @Test
    void appliesLiveAndInTheFileThenRollsBackTheLiveValuesExactly(LabHosts lab) throws Exception {
        String name = lab.host(1).name();
        // values the step will change: forwarding on (nothing here needs it) and redirects accepted
        check(lab.exec(1, "sysctl", "-w", "net.ipv4.ip_forward=1", "net.ipv4.conf.all.accept_redirects=1"));
        String machineKptr = Files.readString(Path.of("/proc/sys/kernel/kptr_restrict")).strip();
        try (HardenLab h = HardenLab.on(lab, "kernel-harden-" + ProcessHandle.current().pid())) {
            HardenOptions options = HardenOptions.defaults();
            HostPlan plan = h.service.plan(name, Set.of(HardenStep.KERNEL), null, options, null);
            StepPlan sp = plan.steps().get(0);
            assertThat(sp.skipped()).as(String.valueOf(sp.skipReason())).isFalse();
            assertThat(sp.guarded()).isFalse();
            Map<String, String> planned = new LinkedHashMap<>();
            sp.changes().stream().filter(c -> c.kind() == StepKind.SYSCTL).forEach(c -> planned.put(c.target(), c.after()));
            assertThat(planned).containsEntry("net.ipv4.ip_forward", "0").containsEntry("net.ipv4.conf.all.accept_redirects", "0")
                    .containsEntry("net.ipv4.conf.all.rp_filter", "1").containsEntry("net.ipv4.conf.all.log_martians", "1");
            assertThat(planned.keySet()).as("a lab host shares this machine's kernel").allSatisfy(k -> assertThat(k).startsWith("net."));
            assertThat(sp.notes()).anySatisfy(n -> assertThat(n).contains("kernel.kptr_restrict is global to the kernel"));
            if (!Files.exists(Path.of("/proc/sys/kernel/yama/ptrace_scope"))) {
                assertThat(sp.notes()).contains("kernel.yama.ptrace_scope is left out: this host's kernel has no such key (sysctl -a does not list it).");
            }
            List<String> keys = sp.settings().stream().map(s -> s.split(" = ", 2)[0]).toList();
            Map<String, String> before = values(lab, 1, keys);

            HostResult r = h.service.apply(plan, options, true, null);
            assertThat(r.ok()).as(r.failure() + " " + r.checks()).isTrue();
            ChangeSet cs = r.changes().get(0);
            Map<String, String> after = values(lab, 1, keys);
            for (String s : sp.settings()) {
                String[] kv = s.split(" = ", 2);
                assertThat(after.get(kv[0])).as(kv[0]).isEqualTo(kv[1].replaceFirst(" \\(.*\\)$", ""));
            }
            String file = lab.exec(1, "cat", KernelModule.FILE).stdout();
            keys.forEach(k -> assertThat(file).contains(k + " = " + after.get(k) + "\n"));

            ChangeSet back = h.engine.rollback(cs.id(), h.access::open, false, true, null);
            assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(values(lab, 1, keys)).as("live values after rollback").isEqualTo(before);
            assertThat(lab.exec(1, "test", "-e", KernelModule.FILE).exitCode()).as("file removed").isNotZero();
        }
        assertThat(Files.readString(Path.of("/proc/sys/kernel/kptr_restrict")).strip()).as("this machine's kernel untouched").isEqualTo(machineKptr);
    }

    @Test
    void aHostWithALibvirtBridgeKeepsIpForwardWithTheReason(LabHosts lab) throws Exception {
        String name = lab.host(2).name();
        check(lab.exec(2, "ip", "link", "add", "virbr0", "type", "bridge"));
        check(lab.exec(2, "sysctl", "-w", "net.ipv4.ip_forward=1"));
        try (HardenLab h = HardenLab.on(lab, "kernel-fwd-" + ProcessHandle.current().pid())) {
            HostPlan plan = h.service.plan(name, Set.of(HardenStep.KERNEL), null, HardenOptions.defaults(), null);
            StepPlan sp = plan.steps().get(0);
            assertThat(sp.changes()).extracting(ChangeEngine.Planned::target).doesNotContain("net.ipv4.ip_forward");
            assertThat(sp.settings()).noneSatisfy(s -> assertThat(s).startsWith("net.ipv4.ip_forward"));
            assertThat(sp.notes()).anySatisfy(n -> assertThat(n).startsWith("net.ipv4.ip_forward is kept as it is")
                    .contains("libvirt NAT networks (bridge virbr0"));
            HostResult r = h.service.apply(plan, HardenOptions.defaults(), true, null);
            assertThat(r.ok()).as(r.failure() + " " + r.checks()).isTrue();
            assertThat(lab.exec(2, "sysctl", "-n", "net.ipv4.ip_forward").stdout().strip()).isEqualTo("1");
            h.engine.rollback(r.changes().get(0).id(), h.access::open, false, true, null);
        } finally {
            lab.exec(2, "ip", "link", "del", "virbr0");
            lab.exec(2, "sysctl", "-w", "net.ipv4.ip_forward=0");
        }
    }

    private static Map<String, String> values(LabHosts lab, int n, List<String> keys) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : keys) {
            LocalCommand.Result r = lab.exec(n, "sysctl", "-n", k);
            check(r);
            m.put(k, r.stdout().strip());
        }
        return m;
    }

    private static void check(LocalCommand.Result r) {
        assertThat(r.ok()).as(r.argv() + ": " + r.stderr()).isTrue();
    }
}
