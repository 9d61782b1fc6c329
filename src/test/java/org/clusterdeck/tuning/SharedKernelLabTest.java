package org.clusterdeck.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lab host filed by hand under a normal site ('hosts add x --address 10.213.k.11 --site Shop')
 * is still recognised as running on this machine's kernel, so its kernel-wide keys are refused.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class SharedKernelLabTest {
    @Test
    void labHostInANormalSiteIsRecognisedBeforeKernelWideKeysArePlanned(LabHosts lab) {
        try (Store store = Store.inMemory("shared-kernel-lab"); SshShell shell = lab.shell(1)) {
            Site shop = store.sites().insert("Shop", SiteKind.REAL, "a real site");
            Host host = store.hosts().insert(new Host(0, shop.id(), "x", lab.host(1).address(), 22, "root",
                    lab.privateKey().toString(), null, "web", null, null, null, null, null));
            TuningService service = new TuningService(store, SysctlCatalog.load(), "test");
            TuningJobs jobs = new TuningJobs(store, service, null);

            assertThat(KernelIdentity.sharesThisMachinesKernel(shell)).isTrue();
            assertThat(jobs.sharedKernel(shell, host)).isTrue();

            List<SettingInput> in = List.of(new SettingInput("vm.swappiness", "1", null, 1, 1),
                    new SettingInput("net.core.somaxconn", "8192", null, 2, 1));
            TuningPlan plan = service.plan(service.read(shell, in), in, "test", jobs.sharedKernel(shell, host));
            assertThat(plan.report().warnings()).anyMatch(w -> "vm.swappiness".equals(w.key()));
            assertThat(plan.proposed()).containsKey("net.core.somaxconn").doesNotContainKey("vm.swappiness");
        }
    }

    @Test
    void anotherKernelIsNotThisMachines() {
        KernelIdentity.Kernel here = KernelIdentity.local();
        assertThat(here.bootId()).matches("[0-9a-f-]{36}");
        KernelIdentity.Kernel other = KernelIdentity.parse("00000000-1111-2222-3333-444444444444\n"
                + "Linux version 9.9.9 (someone@elsewhere)\nbtime " + (here.bootTime() + 3600) + "\n");
        assertThat(other.sameAs(here)).isFalse();
        KernelIdentity.Kernel container = KernelIdentity.parse("00000000-1111-2222-3333-444444444444\n"
                + here.version() + "\nbtime " + here.bootTime() + "\n");
        assertThat(container.sameAs(here)).as("own boot_id, same kernel build and boot time").isTrue();
    }
}
