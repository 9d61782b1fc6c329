package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;

/** The kernel step's plan from recorded probe outputs of another machine: pure, no host. */
class KernelModuleTest {
    /** sysctl -a of a Debian 12 server before hardening (the keys the step reads). */
    static final String SYSCTL = String.join("\n",
            "fs.protected_fifos = 1", "fs.protected_hardlinks = 1", "fs.protected_regular = 2", "fs.protected_symlinks = 1",
            "fs.suid_dumpable = 0", "kernel.dmesg_restrict = 1", "kernel.kptr_restrict = 0", "kernel.randomize_va_space = 2",
            "kernel.yama.ptrace_scope = 0",
            "net.ipv4.conf.all.accept_redirects = 1", "net.ipv4.conf.all.accept_source_route = 0", "net.ipv4.conf.all.log_martians = 0",
            "net.ipv4.conf.all.rp_filter = 2", "net.ipv4.conf.all.send_redirects = 1", "net.ipv4.conf.default.accept_redirects = 1",
            "net.ipv4.conf.default.accept_source_route = 1", "net.ipv4.conf.default.log_martians = 0", "net.ipv4.conf.default.rp_filter = 2",
            "net.ipv4.conf.default.send_redirects = 1", "net.ipv4.icmp_echo_ignore_broadcasts = 1", "net.ipv4.ip_forward = 1",
            "net.ipv4.tcp_syncookies = 1", "net.ipv6.conf.all.accept_redirects = 1", "net.ipv6.conf.all.accept_source_route = 0",
            "net.ipv6.conf.default.accept_redirects = 1", "net.ipv6.conf.default.accept_source_route = 0");
    private final KernelModule module = new KernelModule();

    static HostFacts facts(String sysctl, Map<String, String> more) {
        Map<String, String> m = new HashMap<>(Map.of("sysctl", sysctl, "links", "lo\neth0", "addrs", "eth0", "routes", "1\n0",
                "kernel-id", "00000000-0000-0000-0000-000000000000\nLinux version 9.9.9-other (builder@elsewhere)\nbtime 1000\n"));
        m.putAll(more);
        return new HostFacts(m);
    }

    private StepPlan plan(HostFacts f, Map<String, String> options) {
        return module.plan(SshModuleTest.host("root"), f, new HardenOptions(null, options));
    }

    private static Map<String, String> sysctls(StepPlan p) {
        Map<String, String> m = new HashMap<>();
        p.changes().stream().filter(c -> c.kind() == StepKind.SYSCTL).forEach(c -> m.put(c.target(), c.after()));
        return m;
    }

    @Test
    void setsTheSecuritySysctlsLiveAndInItsOwnSysctlDFile() {
        StepPlan p = plan(facts(SYSCTL, Map.of()), Map.of());
        assertThat(p.guarded()).isFalse();
        assertThat(sysctls(p)).containsEntry("net.ipv4.conf.all.rp_filter", "1").containsEntry("net.ipv4.conf.all.accept_redirects", "0")
                .containsEntry("net.ipv6.conf.default.accept_redirects", "0").containsEntry("net.ipv4.conf.all.send_redirects", "0")
                .containsEntry("net.ipv4.conf.default.accept_source_route", "0").containsEntry("net.ipv4.conf.all.log_martians", "1")
                .containsEntry("kernel.kptr_restrict", "2").containsEntry("kernel.yama.ptrace_scope", "1")
                .containsEntry("fs.protected_fifos", "2").containsEntry("net.ipv4.ip_forward", "0")
                .doesNotContainKeys("net.ipv4.tcp_syncookies", "kernel.randomize_va_space", "fs.protected_regular");
        ChangeEngine.Planned file = p.changes().get(p.changes().size() - 1);
        assertThat(file.kind()).isEqualTo(StepKind.FILE);
        assertThat(file.target()).isEqualTo(KernelModule.FILE);
        assertThat(file.after()).contains("net.ipv4.tcp_syncookies = 1\n", "kernel.randomize_va_space = 2\n", "net.ipv4.ip_forward = 0\n");
        assertThat(p.settings()).contains("net.ipv4.tcp_syncookies = 1 (already)", "kernel.kptr_restrict = 2 (now 0)");
    }

    @Test
    void ipForwardIsWrittenFirstWithAcceptRedirectsAroundItBecauseTheKernelFlipsThatKey() {
        // even with redirects already off: writing ip_forward = 0 turns all.accept_redirects on again
        StepPlan p = plan(facts(SYSCTL.replace("net.ipv4.conf.all.accept_redirects = 1", "net.ipv4.conf.all.accept_redirects = 0"), Map.of()),
                Map.of());
        List<String> targets = p.changes().stream().map(ChangeEngine.Planned::target).toList();
        assertThat(targets.subList(0, 2)).containsExactly("net.ipv4.conf.all.accept_redirects", "net.ipv4.ip_forward");
        assertThat(targets.get(targets.size() - 2)).isEqualTo("net.ipv4.conf.all.accept_redirects");
        assertThat(targets).filteredOn("net.ipv4.conf.all.accept_redirects"::equals).hasSize(2);
    }

    @Test
    void keysTheHostLacksAreLeftOutWithANoteAndStricterValuesStay() {
        String sysctl = SYSCTL.replace("kernel.yama.ptrace_scope = 0\n", "").replace("fs.protected_fifos = 1", "fs.protected_fifos = 2")
                + "\nkernel.kptr_restrict = 2";
        StepPlan p = plan(facts(sysctl.replace("kernel.kptr_restrict = 0\n", ""), Map.of()), Map.of());
        assertThat(sysctls(p)).doesNotContainKeys("kernel.yama.ptrace_scope", "kernel.kptr_restrict", "fs.protected_fifos");
        assertThat(p.notes()).contains("kernel.yama.ptrace_scope is left out: this host's kernel has no such key (sysctl -a does not list it).");
        StepPlan strict = plan(facts(SYSCTL.replace("kernel.yama.ptrace_scope = 0", "kernel.yama.ptrace_scope = 3"), Map.of()), Map.of());
        assertThat(sysctls(strict)).doesNotContainKey("kernel.yama.ptrace_scope");
        assertThat(strict.notes()).contains("kernel.yama.ptrace_scope stays 3: already stricter than 1.");
    }

    @Test
    void ipForwardStaysWhereLibvirtDockerOrRoutingNeedIt() {
        StepPlan kvm = plan(facts(SYSCTL, Map.of("links", "lo\neth0\nvirbr0\nvirbr0-nic", "chains", "LIBVIRT_FWO\nLIBVIRT_INP",
                "libvirt-nets", "default <forward mode='nat'")), Map.of());
        assertThat(sysctls(kvm)).doesNotContainKey("net.ipv4.ip_forward");
        assertThat(kvm.notes()).anySatisfy(n -> assertThat(n).startsWith("net.ipv4.ip_forward is kept as it is")
                .contains("libvirt NAT networks (bridge virbr0, bridge virbr0-nic, iptables chain LIBVIRT_FWO, network default (nat))"));
        StepPlan docker = plan(facts(SYSCTL, Map.of("links", "lo\neth0\ndocker0", "chains", "DOCKER\nDOCKER-USER")), Map.of());
        assertThat(docker.notes()).anySatisfy(n -> assertThat(n).contains("Docker or container networks (bridge docker0, iptables chain DOCKER)"));
        assertThat(sysctls(docker)).doesNotContainKey("net.ipv4.ip_forward");
        StepPlan router = plan(facts(SYSCTL, Map.of("links", "lo\neth0\neth1", "addrs", "eth0\neth1", "routes", "2\n1")), Map.of());
        assertThat(router.notes()).anySatisfy(n -> assertThat(n).contains("routing between its interfaces (forwarding is on, with addresses on eth0, eth1)"));
        assertThat(sysctls(router)).doesNotContainKey("net.ipv4.ip_forward").doesNotContainKey("net.ipv4.conf.all.rp_filter");
        assertThat(router.settings()).contains("net.ipv4.conf.all.rp_filter = 2 (already)");
        assertThat(router.notes()).anySatisfy(n -> assertThat(n).startsWith("rp_filter = 2 (loose), not 1: 2 default routes"));
    }

    @Test
    void aSysctlFileReadLaterThatUndoesAValueIsNamed() {
        StepPlan p = plan(facts(SYSCTL, Map.of("files", String.join("\n",
                "/usr/lib/sysctl.d/50-default.conf:-net.ipv4.conf.*.rp_filter = 2",
                "/etc/sysctl.d/99-sysctl.conf:net/ipv4/conf/all/accept_redirects=1",
                "/etc/sysctl.conf:kernel.kptr_restrict = 2"))), Map.of());
        assertThat(p.warnings()).containsExactly("/etc/sysctl.d/99-sysctl.conf sets net.ipv4.conf.all.accept_redirects = 1 and is read after "
                + KernelModule.FILE + ": after a reboot net.ipv4.conf.all.accept_redirects would be 1, not 0. Remove that line, or keep it if you need it.");
    }

    @Test
    void ipForwardOptionIsValidated() {
        assertThat(sysctls(plan(facts(SYSCTL, Map.of()), Map.of(KernelModule.OPT_IP_FORWARD, "keep")))).doesNotContainKey("net.ipv4.ip_forward");
        assertThatThrownBy(() -> plan(facts(SYSCTL, Map.of()), Map.of(KernelModule.OPT_IP_FORWARD, "0\nkernel.modprobe=/tmp/x")))
                .isInstanceOf(HardenException.class).hasMessageStartingWith("kernel.ipForward = 0?kernel.modprobe=/tmp/x is not allowed");
    }

    @Test
    void onThisMachinesOwnKernelOnlyPerNamespaceKeysArePlanned() throws Exception {
        String here = Files.readString(Path.of("/proc/sys/kernel/random/boot_id")) + Files.readString(Path.of("/proc/version"))
                + Files.readString(Path.of("/proc/stat"));
        StepPlan p = plan(facts(SYSCTL, Map.of("kernel-id", here)), Map.of());
        assertThat(sysctls(p).keySet()).allSatisfy(k -> assertThat(k).startsWith("net."));
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).contains("kernel.kptr_restrict is global to the kernel"));
    }

    @Test
    void aHostThatAlreadyHasEverythingIsSkipped() {
        String hardened = SYSCTL.replaceAll("(accept_redirects|send_redirects|accept_source_route|ip_forward|ptrace_scope) = 1", "$1 = X")
                .replace("= X", "= 0");
        hardened = hardened.replace("kernel.yama.ptrace_scope = 0", "kernel.yama.ptrace_scope = 1").replace("rp_filter = 2", "rp_filter = 1")
                .replace("log_martians = 0", "log_martians = 1").replace("kptr_restrict = 0", "kptr_restrict = 2")
                .replace("fs.protected_fifos = 1", "fs.protected_fifos = 2");
        StepPlan first = plan(facts(hardened, Map.of()), Map.of());
        assertThat(sysctls(first)).isEmpty();
        String file = first.changes().get(0).after();
        StepPlan again = plan(facts(hardened, Map.of("current", file)), Map.of());
        assertThat(again.skipped()).isTrue();
        assertThat(again.changes()).isEmpty();
        assertThat(List.of(again.skipReason())).allSatisfy(r -> assertThat(r).contains("already"));
    }
}
