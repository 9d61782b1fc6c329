package org.clusterdeck.ui.vmwizard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.virt.CreateRequest.InstallSource;
import org.clusterdeck.virt.Preset;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wizard's view model on the demo lab, without any window: validation per step and the service end to end. */
class VmWizardModelTest {
    @TempDir
    Path dataDir;
    Store store;
    JobRunner jobs;
    VirtService virt;
    VmWizardModel model;

    @BeforeEach
    void setUp() throws Exception {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
        store = Store.inMemory("wizard-model-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        jobs = new JobRunner(store.jobs(), 2);
        virt = VirtService.create(store, jobs, new InventoryEvents(), dataDir, "test");
        virt.syncAll().result().get(60, TimeUnit.SECONDS);
        model = new VmWizardModel(virt);
        model.setHosts(VmWizardModel.load(virt), "pve2");
    }

    @AfterEach
    void tearDown() {
        if (virt != null) {
            virt.close();
            jobs.close();
            store.close();
        }
    }

    @Test
    void eachStepNamesItsProblem() {
        assertThat(model.host.get().host().name()).isEqualTo("pve2");
        model.name.set("web2");
        assertThat(model.nameError.get()).contains("already exists on pve2");
        model.name.set("web 2; reboot");
        assertThat(model.nameError.get()).contains("does not fit");
        model.name.set("web4");
        assertThat(model.nameError.get()).isEmpty();
        model.vcpus.set("0");
        assertThat(model.cpuError.get()).contains("at least 1");
        model.vcpus.set("65");
        assertThat(model.cpuError.get()).contains("Not enough CPUs on pve2");
        model.vcpus.set("4");
        model.memory.set("8XB");
        assertThat(model.memoryError.get()).contains("is a number");
        model.memory.set("600");
        assertThat(model.memoryError.get()).contains("Not enough memory on pve2").contains("free");
        model.memory.set("450");
        assertThat(model.memoryError.get()).isEmpty();
        assertThat(model.memoryWarning.get()).contains("20 % headroom");
        model.memory.set("8");
        model.mtu.set("70000");
        assertThat(model.networkError.get()).contains("MTU");
        model.mtu.set("9000");
        model.useBridge.set(true);
        model.bridge.set("vmbr0; ip link del");
        assertThat(model.networkError.get()).contains("not a network or bridge name");
        model.bridge.set("vmbr0");
        model.source.set(InstallSource.CLOUD_IMAGE);
        model.ciSshKey.set("not a key");
        assertThat(model.sourceError.get()).contains("SSH public key");
        model.ciSshKey.set("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB me@laptop");
        assertThat(model.sourceError.get()).isEmpty();
        assertThat(model.problems()).isEmpty();
        assertThat(model.previewXml()).contains("<name>web4</name>").contains("<mtu size=\"9000\"/>")
                .contains("web4-seed.iso").contains("vmbr0").doesNotContain("Not ready");
    }

    @Test
    void presetsFillCpuMemoryAndDisk() {
        model.preset.set(Preset.E_COMMERCE);
        assertThat(model.vcpus.get()).isEqualTo("2");
        assertThat(model.memory.get() + model.memoryUnit.get()).isEqualTo("4GiB");
        assertThat(model.diskGib.get()).isEqualTo("60");
        assertThat(model.purpose.get()).isEqualTo("E-commerce");
    }

    @Test
    void submitCreatesTheVmFromACloudImageWithItsSeed() throws Exception {
        model.name.set("shop1");
        model.preset.set(Preset.SMALL_BLOG);
        model.source.set(InstallSource.CLOUD_IMAGE);
        model.ciPackages.set("nginx");
        assertThat(model.sourceVolume.get().name()).as("an image is suggested, not another VM's disk")
                .isEqualTo(org.clusterdeck.virt.DemoLab.CLOUD_IMAGE);

        Vm vm = model.submit().result().get(60, TimeUnit.SECONDS);

        assertThat(vm.state()).isEqualTo(VmState.RUNNING);
        assertThat(vm.memoryMib()).isEqualTo(2048);
        assertThat(virt.repository().disks(vm.id())).extracting("source").contains(
                "/var/lib/libvirt/images/shop1.qcow2", "/var/lib/libvirt/images/shop1-seed.iso");
        assertThat(vm.diskGib()).as("the cloud image grown to the preset's 20 GiB").isEqualTo(20);
        assertThat(dataDir.resolve("cloud-init/pve2/shop1/user-data")).content().contains("\"nginx\"")
                .contains("\"hostname\" : \"shop1\"");
    }
}
