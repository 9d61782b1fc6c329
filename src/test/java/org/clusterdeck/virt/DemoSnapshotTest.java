package org.clusterdeck.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clusterdeck.virt.VirtTestSupport.await;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.store.SnapshotRepository;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Demo-lab snapshots outlive the process that took them: stored in H2, redefined on the test driver. */
class DemoSnapshotTest {
    @TempDir
    Path dataDir;
    VirtTestSupport t;

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

    /** Closes every connection and service and starts a fresh VirtService on the same database and data dir. */
    private void restart() {
        t.close();
        t = VirtTestSupport.reopen(t.store, dataDir);
    }

    private List<SnapshotDetails> list(Vm vm) throws Exception {
        return await(t.virt.operations().snapshots(vm));
    }

    @Test
    void snapshotTakenInOneProcessIsListedAndRevertedInTheNext() throws Exception {
        t = VirtTestSupport.demo(dataDir);
        Vm web2 = vm("pve2", "web2");
        await(t.virt.operations().createSnapshot(web2, "before-upgrade", "nginx 1.22"));
        await(t.virt.operations().power(web2, VmOperations.Power.FORCE_OFF));
        await(t.virt.operations().createSnapshot(web2, "stopped", null)); // a child of before-upgrade

        restart();

        List<SnapshotDetails> after = list(vm("pve2", "web2"));
        assertThat(after).extracting(SnapshotDetails::name).containsExactlyInAnyOrder("before-upgrade", "stopped");
        assertThat(after).filteredOn(SnapshotDetails::current).extracting(SnapshotDetails::name)
                .containsExactly("stopped");
        assertThat(after).filteredOn(s -> s.name().equals("before-upgrade")).singleElement()
                .satisfies(s -> assertThat(s.description()).isEqualTo("nginx 1.22"));
        assertThat(t.virt.connect(host("pve2")).domain("web2").orElseThrow().state()).isEqualTo(RunState.SHUTOFF);

        Vm reverted = await(t.virt.operations().revertSnapshot(vm("pve2", "web2"), "before-upgrade"));

        assertThat(reverted.state()).isEqualTo(VmState.RUNNING);
        restart();
        assertThat(list(vm("pve2", "web2"))).filteredOn(SnapshotDetails::current)
                .extracting(SnapshotDetails::name).containsExactly("before-upgrade");
        assertThat(await(t.virt.operations().revertSnapshot(vm("pve2", "web2"), "stopped")).state())
                .isEqualTo(VmState.STOPPED);
    }

    @Test
    void deletedSnapshotStaysGoneAfterARestart() throws Exception {
        t = VirtTestSupport.demo(dataDir);
        Vm app1 = vm("pve1", "app1");
        await(t.virt.operations().createSnapshot(app1, "one", null));
        await(t.virt.operations().createSnapshot(app1, "two", null));
        restart();

        await(t.virt.operations().deleteSnapshot(vm("pve1", "app1"), "one"));
        restart();

        assertThat(list(vm("pve1", "app1"))).extracting(SnapshotDetails::name).containsExactly("two");
        await(t.virt.operations().deleteSnapshot(vm("pve1", "app1"), "two"));
        restart();
        assertThat(list(vm("pve1", "app1"))).isEmpty();
        assertThat(new SnapshotRepository(t.store.sql()).byVm(app1.id())).isEmpty();
        assertThatThrownBy(() -> await(t.virt.operations().revertSnapshot(vm("pve1", "app1"), "two")))
                .hasMessageContaining("two");
    }

    @Test
    void deletingAVmDropsItsStoredSnapshots() throws Exception {
        t = VirtTestSupport.demo(dataDir);
        Vm app2 = vm("pve3", "app2");
        await(t.virt.operations().createSnapshot(app2, "keep", null));
        assertThat(new SnapshotRepository(t.store.sql()).byVm(app2.id())).extracting("name").containsExactly("keep");
        await(t.virt.operations().power(app2, VmOperations.Power.FORCE_OFF));

        await(t.virt.operations().delete(vm("pve3", "app2"), false));

        assertThat(new SnapshotRepository(t.store.sql()).byVm(app2.id())).isEmpty();
        restart();
        assertThat(t.virt.connect(host("pve3")).domain("app2")).isEmpty();
    }

    @Test
    void movingAVmDropsItsStoredSnapshotsAsLibvirtDoes() throws Exception {
        t = VirtTestSupport.demo(dataDir);
        Vm app1 = vm("pve1", "app1");
        await(t.virt.operations().createSnapshot(app1, "pre-move", null));
        await(t.virt.operations().power(app1, VmOperations.Power.FORCE_OFF));

        await(t.virt.operations().move(vm("pve1", "app1"), host("pve2")));

        assertThat(list(vm("pve2", "app1"))).isEmpty();
        assertThat(new SnapshotRepository(t.store.sql()).byVm(app1.id())).isEmpty();
        restart();
        assertThat(list(vm("pve2", "app1"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"bad name; rm -rf /", "$(reboot)", "a'b", "x\ny", "<x/>", "../etc"})
    void hostileSnapshotNamesAreRefusedAndNothingIsStored(String name) {
        t = VirtTestSupport.demo(dataDir);
        Vm web1 = vm("pve1", "web1");
        assertThatThrownBy(() -> t.virt.operations().createSnapshot(web1, name, null))
                .hasMessageContaining("does not fit");
        assertThat(new SnapshotRepository(t.store.sql()).byVm(web1.id())).isEmpty();
    }

    @Test
    void parentsComeBeforeTheirChildrenWhateverTheListingOrder() {
        Map<String, String> xml = new LinkedHashMap<>();
        xml.put("grandchild", "<domainsnapshot><name>grandchild</name><parent><name>child</name></parent>"
                + "</domainsnapshot>");
        xml.put("child", "<domainsnapshot><name>child</name><parent><name>root</name></parent></domainsnapshot>");
        xml.put("root", "<domainsnapshot><name>root</name></domainsnapshot>");
        xml.put("orphan", "<domainsnapshot><name>orphan</name><parent><name>gone</name></parent></domainsnapshot>");

        assertThat(DemoSnapshots.parentsFirst(xml)).containsExactly("root", "orphan", "child", "grandchild");
    }
}
