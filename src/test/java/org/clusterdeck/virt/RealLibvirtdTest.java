package org.clusterdeck.virt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.clusterdeck.virt.VirtTestSupport.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end against a real libvirtd + QEMU that the test starts itself. libvirtd runs in a private
 * mount namespace where its /etc/libvirt, /run/libvirt, /var/lib/libvirt, /var/log/libvirt and
 * /var/cache/libvirt are directories of this test (and /etc/passwd adds the libvirt-qemu user the
 * QEMU driver insists on), so nothing of the machine's own libvirt is touched. Root only.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class RealLibvirtdTest {
    /** Fixed script: its only input is the test's own temp directory, passed as $1. */
    private static final String START = String.join("\n",
            "set -e",
            "mkdir -p /etc/libvirt /run/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt",
            "mount --bind \"$1/etc\" /etc/libvirt",
            "mount --bind \"$1/run\" /run/libvirt",
            "mount --bind \"$1/lib\" /var/lib/libvirt",
            "mount --bind \"$1/log\" /var/log/libvirt",
            "mount --bind \"$1/cache\" /var/cache/libvirt",
            "mount --bind \"$1/passwd\" /etc/passwd",
            "mount --bind \"$1/group\" /etc/group",
            "exec libvirtd -d -f \"$1/etc/libvirtd.conf\" -p \"$1/libvirtd.pid\"", "");

    @TempDir
    static Path dir;
    static String uri;
    static Store store;
    static JobRunner jobs;
    static VirtService virt;

    static String skipReason() {
        if (LibvirtNative.problem().isPresent()) {
            return LibvirtNative.problem().get();
        }
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root to start its own libvirtd in a private mount namespace";
        }
        List<String> missing = new ArrayList<>();
        for (String bin : List.of("/usr/sbin/libvirtd", "/usr/bin/qemu-system-x86_64", "/usr/bin/unshare", "/usr/bin/mount")) {
            if (!Files.isExecutable(Path.of(bin))) {
                missing.add(bin);
            }
        }
        return missing.isEmpty() ? null : "missing " + missing
                + " (Debian packages libvirt-daemon, libvirt-daemon-driver-qemu, qemu-system-x86, util-linux, mount)";
    }

    @BeforeAll
    static void startLibvirtd() throws Exception {
        String why = skipReason();
        RealParts.requireNone(why);
        for (String d : List.of("etc", "run", "lib", "log", "cache")) {
            Files.createDirectories(dir.resolve(d));
        }
        Files.writeString(dir.resolve("etc/libvirtd.conf"), "auth_unix_rw = \"none\"\nauth_unix_ro = \"none\"\n");
        // root-owned QEMU with output to files: no virtlogd, no AppArmor profile, /dev/kvm usable
        Files.writeString(dir.resolve("etc/qemu.conf"), "user = \"root\"\ngroup = \"root\"\n"
                + "security_driver = \"none\"\nstdio_handler = \"file\"\n");
        String passwd = Files.readString(Path.of("/etc/passwd"));
        String group = Files.readString(Path.of("/etc/group"));
        if (!passwd.contains("\nlibvirt-qemu:")) {
            passwd += "libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin\n";
        }
        if (!group.contains("\nlibvirt-qemu:")) {
            group += "libvirt-qemu:x:64055:\n";
        }
        if (!group.contains("\nkvm:")) {
            group += "kvm:x:64056:\n";
        }
        Files.writeString(dir.resolve("passwd"), passwd);
        Files.writeString(dir.resolve("group"), group);
        Files.writeString(dir.resolve("start.sh"), START);
        Process p = new ProcessBuilder("unshare", "--mount", "--propagation", "private", "sh",
                dir.resolve("start.sh").toString(), dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("libvirtd start: " + out).isZero();
        Path socket = dir.resolve("run/libvirt-sock");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(socket) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(socket).as("libvirtd socket; log: " + log()).exists();
        uri = "qemu+unix:///system?socket=" + socket;
        store = Store.inMemory("real-libvirtd-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        virt = new VirtService(store, jobs, new InventoryEvents(), new Connections(Duration.ofSeconds(90)),
                new DemoLab(dir.resolve("demo-lab")), "test");
    }

    private static String log() {
        try {
            return Files.readString(dir.resolve("log/libvirtd.log"));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @AfterAll
    static void closeAll() throws Exception {
        if (virt != null) {
            virt.close();
            jobs.close();
            store.close();
        }
        stopLibvirtd();
    }

    static void stopLibvirtd() throws Exception {
        Path pid = dir == null ? null : dir.resolve("libvirtd.pid");
        if (pid != null && Files.exists(pid)) {
            long id = Long.parseLong(Files.readString(pid).strip());
            ProcessHandle.of(id).ifPresent(ProcessHandle::destroy);
            ProcessHandle.of(id).ifPresent(h -> h.onExit().orTimeout(20, TimeUnit.SECONDS).join());
        }
    }

    @Test
    @org.junit.jupiter.api.Order(1)
    void createsATinyVmThroughTheWizardServiceSeesItRunningThenDestroysAndUndefinesIt() throws Exception {
        long site = store.sites().findOrCreate("Workstation").id();
        Host host = store.hosts().insert(new Host(0, site, "local", "127.0.0.1", 22, "root", null, uri, "hypervisor",
                null, null, null, null, null));

        VirtService.SyncReport first = await(virt.sync(host));
        assertThat(first.millis()).isPositive();
        host = store.hosts().findByName("local").orElseThrow();
        assertThat(host.memoryMib()).isPositive();

        CreateRequest tiny = new CreateRequest("local", "cd-e2e-tiny", "ClusterDeck end-to-end test", 1, 64, null,
                false, CreateRequest.InstallSource.NONE, null, null, "default", 0, "qcow2", List.of(), true, false);
        Vm vm = await(virt.create(tiny));

        assertThat(vm.state()).isEqualTo(VmState.RUNNING);
        Hypervisor h = virt.connect(host);
        assertThat(h.domain("cd-e2e-tiny").orElseThrow().state()).isEqualTo(RunState.RUNNING);
        assertThat(h.guestDomainTypes()).contains("qemu");
        assertThat(((LibvirtHypervisor) h).keepAlive()).as("keepalive on a remote-protocol connection").isTrue();

        assertThatThrownBy(() -> await(virt.create(tiny))).hasMessageContaining("already exists");

        Vm off = await(virt.operations().power(vm, VmOperations.Power.FORCE_OFF));
        assertThat(off.state()).isEqualTo(VmState.STOPPED);
        await(virt.operations().delete(off, false));
        assertThat(h.domain("cd-e2e-tiny")).isEmpty();
        assertThat(store.vms().findByHostAndName(host.id(), "cd-e2e-tiny")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aVmThatCannotStartIsReportedAsDefinedButNotStarted() throws Exception {
        Host host = store.hosts().findByName("local").orElseThrow();
        CreateRequest noNet = new CreateRequest("local", "cd-e2e-nonet", null, 1, 64, null, false,
                CreateRequest.InstallSource.NONE, null, null, "default", 0, "qcow2",
                List.of(DomainSpec.Nic.network("no-such-net")), true, false);

        assertThatThrownBy(() -> await(virt.create(noNet))).isInstanceOf(VirtException.class)
                .hasMessageContaining("cd-e2e-nonet was defined but did not start")
                .hasMessageContaining("no-such-net");

        Vm left = store.vms().findByHostAndName(host.id(), "cd-e2e-nonet").orElseThrow();
        assertThat(left.state()).isEqualTo(VmState.STOPPED);
        await(virt.operations().delete(left, false));
        assertThat(virt.connect(host).domain("cd-e2e-nonet")).isEmpty();
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void aWrongSocketIsReportedClearly() {
        long site = store.sites().findOrCreate("Workstation").id();
        Host h = store.hosts().insert(new Host(0, site, "wrong", "127.0.0.1", 22, "root", null,
                uri.replace("libvirt-sock", "no-such-sock"), "hypervisor", null, null, null, null, null));
        assertThatThrownBy(() -> await(virt.sync(h))).isInstanceOf(VirtException.class)
                .hasMessageContaining("Is libvirtd running");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void aDaemonThatStopsAfterConnectingIsReportedAndNotRetriedForever() throws Exception {
        Host host = store.hosts().findByName("local").orElseThrow();
        virt.connect(host); // open while the daemon is up
        stopLibvirtd();

        assertThatThrownBy(() -> await(virt.sync(host))).isInstanceOf(VirtException.class)
                .hasMessageContaining("libvirt");
        assertThat(virt.connections().status(uri).state()).isEqualTo(Connections.State.FAILED);
        assertThat(virt.repository().hostInfo(host.id()).orElseThrow().lastError()).isNotBlank();
    }
}
