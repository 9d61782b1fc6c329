package org.clusterdeck.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clusterdeck.virt.VirtTestSupport.await;

import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.model.AuditEvent;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** VirtService against libvirt's test driver through the real libvirt API: the demo lab's three hosts. */
class VirtServiceTest {
    @TempDir
    Path dataDir;
    VirtTestSupport t;

    @BeforeEach
    void setUp() {
        t = VirtTestSupport.demo(dataDir);
    }

    @AfterEach
    void tearDown() {
        if (t != null) {
            t.closeAll();
        }
    }

    private Host host(String name) {
        return t.store.hosts().findByName(name).orElseThrow();
    }

    private Vm vm(String host, String name) {
        return t.store.vms().findByHostAndName(host(host).id(), name).orElseThrow();
    }

    @Test
    void syncStoresNodeDomainsDisksNicsNetworksAndPools() throws Exception {
        VirtService.SyncReport r = await(t.virt.sync(host("pve1")));

        assertThat(r.domains()).isEqualTo(3);
        Host h = host("pve1");
        assertThat(h.libvirtUri()).startsWith("test://" + dataDir.toAbsolutePath()).endsWith("pve1.xml");
        assertThat(h.cpuModel()).isEqualTo("Intel Xeon Gold 6338");
        assertThat(h.cpuCores()).isEqualTo(64);
        assertThat(h.memoryMib()).isEqualTo(512L * 1024);
        Vm web1 = vm("pve1", "web1");
        assertThat(web1.uuid()).matches("[0-9a-f-]{36}");
        assertThat(web1.state()).isEqualTo(VmState.RUNNING);
        assertThat(web1.vcpus()).isEqualTo(4);
        assertThat(web1.memoryMib()).isEqualTo(8192);
        assertThat(web1.diskGib()).isEqualTo(40);
        assertThat(web1.autostart()).isTrue();
        assertThat(web1.role()).isEqualTo("web");
        var repo = t.virt.repository();
        assertThat(repo.disks(web1.id())).singleElement().satisfies(d -> {
            assertThat(d.target()).isEqualTo("vda");
            assertThat(d.source()).isEqualTo("/var/lib/libvirt/images/web1.qcow2");
        });
        assertThat(repo.nics(web1.id())).singleElement().satisfies(n -> {
            assertThat(n.mac()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}");
            assertThat(n.source()).isEqualTo("default");
        });
        assertThat(repo.networks(h.id())).extracting("name").containsExactly("default", "vmbr0");
        assertThat(repo.pools(h.id())).singleElement().satisfies(p ->
                assertThat(p.volumes()).extracting("name").contains("web1.qcow2", DemoLab.ISO, DemoLab.CLOUD_IMAGE));
        assertThat(repo.hostInfo(h.id()).orElseThrow().syncedAt()).isNotNull();
    }

    @Test
    void syncTurnsChangesMadeOutsideIntoAuditEvents() throws Exception {
        await(t.virt.sync(host("pve2")));
        Hypervisor h = t.virt.connect(host("pve2"));
        h.destroy("web2");
        h.define(DomainXmlBuilder.build(new DomainSpec("outside", null, null, "test", 1, 256, null, false, List.of(),
                List.of(), false)));

        VirtService.SyncReport r = await(t.virt.sync(host("pve2")));

        assertThat(r.changes()).extracting("action", "vmName").contains(
                org.assertj.core.groups.Tuple.tuple("vm.state", "web2"),
                org.assertj.core.groups.Tuple.tuple("vm.appeared", "outside"));
        assertThat(vm("pve2", "web2").state()).isEqualTo(VmState.STOPPED);
        List<AuditEvent> audit = t.store.audit().findByTarget("vm", "pve2/web2");
        assertThat(audit).extracting(AuditEvent::action).contains("vm.state");
        assertThat(audit.get(audit.size() - 1).after()).isEqualTo("stopped");
    }

    @Test
    void everyPowerActionChangesTheStateLibvirtReports() throws Exception {
        Vm app1 = vm("pve1", "app1");
        VmOperations ops = t.virt.operations();

        assertThat(await(ops.power(app1, VmOperations.Power.SUSPEND)).state()).isEqualTo(VmState.PAUSED);
        assertThat(await(ops.power(app1, VmOperations.Power.RESUME)).state()).isEqualTo(VmState.RUNNING);
        assertThat(await(ops.power(app1, VmOperations.Power.REBOOT)).state()).isEqualTo(VmState.RUNNING);
        assertThat(await(ops.power(app1, VmOperations.Power.SHUTDOWN)).state()).isEqualTo(VmState.STOPPED);
        assertThat(await(ops.power(app1, VmOperations.Power.START)).state()).isEqualTo(VmState.RUNNING);
        assertThat(await(ops.power(app1, VmOperations.Power.FORCE_OFF)).state()).isEqualTo(VmState.STOPPED);
        assertThat(t.virt.connect(host("pve1")).domain("app1").orElseThrow().state()).isEqualTo(RunState.SHUTOFF);
        assertThat(t.store.audit().findByTarget("vm", "pve1/app1")).extracting(AuditEvent::action)
                .contains("vm.suspend", "vm.resume", "vm.reboot", "vm.shutdown", "vm.start", "vm.force_off");
    }

    @Test
    void startingARunningVmFailsWithLibvirtsCodeAndAHint() {
        Vm web1 = vm("pve1", "web1");
        assertThatThrownBy(() -> await(t.virt.operations().power(web1, VmOperations.Power.START)))
                .isInstanceOf(VirtException.class)
                .hasMessageContaining("web1 is already running")
                .satisfies(e -> assertThat(((VirtException) e).code()).isEqualTo("VIR_ERR_OPERATION_INVALID"));
    }

    @Test
    void autostartCanBeTurnedOffAndOn() throws Exception {
        Vm lb = vm("pve1", "lb1");
        assertThat(await(t.virt.operations().setAutostart(lb, false)).autostart()).isFalse();
        assertThat(t.virt.connect(host("pve1")).domain("lb1").orElseThrow().autostart()).isFalse();
        assertThat(await(t.virt.operations().setAutostart(lb, true)).autostart()).isTrue();
    }

    @Test
    void deleteRefusesARunningVmAndWithStorageRemovesItsDisk() throws Exception {
        Vm app2 = vm("pve3", "app2");
        assertThatThrownBy(() -> await(t.virt.operations().delete(app2, true)))
                .hasMessageContaining("shut it down");
        await(t.virt.operations().power(app2, VmOperations.Power.FORCE_OFF));

        await(t.virt.operations().delete(app2, true));

        Hypervisor h = t.virt.connect(host("pve3"));
        assertThat(h.domain("app2")).isEmpty();
        assertThat(h.pools().get(0).volumes()).extracting("name").doesNotContain("app2.qcow2");
        assertThat(t.store.vms().findByHostAndName(host("pve3").id(), "app2")).isEmpty();
    }

    @Test
    void snapshotsAreCreatedListedRevertedAndDeleted() throws Exception {
        Vm web2 = vm("pve2", "web2");
        VmOperations ops = t.virt.operations();
        await(ops.createSnapshot(web2, "before-upgrade", "nginx 1.22"));
        await(ops.power(web2, VmOperations.Power.FORCE_OFF));
        List<SnapshotDetails> list = await(ops.createSnapshot(web2, "stopped", null));
        assertThat(list).extracting(SnapshotDetails::name).containsExactlyInAnyOrder("before-upgrade", "stopped");

        Vm reverted = await(ops.revertSnapshot(web2, "before-upgrade"));

        assertThat(reverted.state()).isEqualTo(VmState.RUNNING);
        assertThat(await(ops.deleteSnapshot(web2, "stopped"))).extracting(SnapshotDetails::name)
                .containsExactly("before-upgrade");
        assertThatThrownBy(() -> ops.createSnapshot(web2, "bad name; rm -rf /", null))
                .hasMessageContaining("does not fit");
    }

    @Test
    void cloneCopiesTheDiskUnderTheNewNameWithFreshIdentity() throws Exception {
        Vm app1 = vm("pve1", "app1");
        await(t.virt.operations().power(app1, VmOperations.Power.FORCE_OFF));

        Vm copy = await(t.virt.operations().cloneVm(app1, "app1-copy"));

        assertThat(copy.uuid()).isNotEqualTo(app1.uuid());
        assertThat(copy.diskGib()).isEqualTo(40);
        assertThat(copy.vcpus()).isEqualTo(app1.vcpus());
        assertThat(t.virt.repository().disks(copy.id())).extracting("source")
                .containsExactly("/var/lib/libvirt/images/app1-copy.qcow2");
        assertThat(t.virt.repository().nics(copy.id()).get(0).mac())
                .isNotEqualTo(t.virt.repository().nics(app1.id()).get(0).mac());
        assertThatThrownBy(() -> await(t.virt.operations().cloneVm(app1, "app1-copy")))
                .hasMessageContaining("already exists");
    }

    @Test
    void moveTakesAShutOffVmToAnotherHostAndRefusesLiveMoveOnTheTestDriver() throws Exception {
        Vm app2 = vm("pve3", "app2");
        assertThatThrownBy(() -> await(t.virt.operations().move(app2, host("pve2"))))
                .hasMessageContaining("Shut it down and move it offline");
        await(t.virt.operations().power(app2, VmOperations.Power.FORCE_OFF));
        String uuid = t.virt.connect(host("pve3")).domain("app2").orElseThrow().uuid();

        Vm moved = await(t.virt.operations().move(vm("pve3", "app2"), host("pve2")));

        assertThat(moved.hostId()).isEqualTo(host("pve2").id());
        assertThat(moved.id()).isEqualTo(app2.id());
        assertThat(moved.uuid()).isEqualTo(uuid);
        assertThat(t.virt.connect(host("pve3")).domain("app2")).isEmpty();
        assertThat(t.virt.connect(host("pve2")).domain("app2")).isPresent();
        assertThat(t.virt.connect(host("pve2")).pools().get(0).volumes()).extracting("name").contains("app2.qcow2");
    }

    @Test
    void demoLabKeepsCreatedAndDeletedVmsAcrossARestart() throws Exception {
        await(t.virt.create(CreateRequest.simple("pve3", "web3", 2, 2048, 20, "default", true)));
        Vm dbReplica = vm("pve3", "db-replica");
        await(t.virt.operations().power(dbReplica, VmOperations.Power.FORCE_OFF));
        t.close();

        VirtTestSupport again = VirtTestSupport.reopen(t.store, dataDir);
        try {
            Hypervisor h = again.virt.connect(host("pve3"));
            assertThat(h.domain("web3")).get().satisfies(d -> {
                assertThat(d.state()).isEqualTo(RunState.RUNNING);
                assertThat(d.memoryMib()).isEqualTo(2048);
            });
            assertThat(h.domain("db-replica").orElseThrow().state()).isEqualTo(RunState.SHUTOFF);
            assertThat(h.domain("db-replica").orElseThrow().autostart()).isTrue();
            assertThat(h.pools().get(0).volumes()).extracting("name").contains("web3.qcow2");
        } finally {
            again.close();
        }
    }

    @Test
    void unknownHostAndUnreachableDaemonGiveClearErrors() {
        assertThatThrownBy(() -> t.virt.host("nope")).hasMessageContaining("No host named 'nope'");
        Host down = t.store.hosts().insert(new Host(0, host("pve1").siteId() + 0, "down", "127.0.0.1", 22, "root",
                null, "qemu+unix:///system?socket=" + dataDir.resolve("no-such-socket"), "hypervisor", null, null, null,
                null, null));
        // the demo site is DEMO: put the host in a real site so its own URI is used
        long realSite = t.store.sites().findOrCreate("Real").id();
        t.store.hosts().update(new Host(down.id(), realSite, down.name(), down.address(), 22, "root", null,
                down.libvirtUri(), "hypervisor", null, null, null, null, null));
        Host real = t.store.hosts().findByName("down").orElseThrow();

        assertThatThrownBy(() -> await(t.virt.sync(real)))
                .isInstanceOf(VirtException.class)
                .hasMessageContaining("Cannot connect to qemu+unix")
                .hasMessageContaining("libvirtd");
        assertThat(t.virt.connections().status(t.virt.uriOf(real)).state()).isEqualTo(Connections.State.FAILED);
        assertThat(t.virt.repository().hostInfo(real.id()).orElseThrow().lastError()).contains("Cannot connect");
    }
}
