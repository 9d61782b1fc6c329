package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code clusterdeck vm ...} and {@code hosts sync} on the demo lab, each command line in its own Cli like a real process. */
class VmCommandTest {
    @TempDir
    Path dataDir;

    record Run(int code, String out, String err) {
    }

    @BeforeEach
    void needsLibvirt() {
        String why = VirtService.unavailable().orElse(null);
        RealParts.requireNone(why);
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        full[0] = "--data-dir";
        full[1] = dataDir.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = Cli.run(full, Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void createStartAndListAcrossSeparateProcessesKeepTheDemoVm() {
        Run create = run("vm", "create", "--host", "pve3", "--name", "web3", "--vcpus", "4", "--memory", "8GiB",
                "--disk", "40GiB", "--network", "default", "--start");
        assertThat(create.code()).as(create.err()).isZero();
        assertThat(create.out()).contains("Created VM web3 on pve3 (running, 4 vCPU, 8192 MiB)");

        Run sync = run("hosts", "sync", "pve3");
        assertThat(sync.code()).as(sync.err()).isZero();
        Run list = run("vm", "list", "--host", "pve3", "--json");
        assertThat(list.out()).contains("\"name\" : \"web3\"").contains("\"state\" : \"running\"")
                .contains("\"diskGib\" : 40");
        Run show = run("vm", "show", "web3", "--json");
        assertThat(show.out()).contains("vda disk /var/lib/libvirt/images/web3.qcow2 (qcow2)");
    }

    @Test
    void printXmlPrintsTheDomainAndDefinesNothing() {
        Run r = run("vm", "create", "--host", "pve1", "--name", "web9", "--vcpus", "2", "--memory", "4GiB",
                "--bridge", "vmbr0", "--mtu", "9000", "--print-xml");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("<name>web9</name>").contains("<source bridge=\"vmbr0\"/>")
                .contains("<mtu size=\"9000\"/>");
        assertThat(run("vm", "show", "web9").err()).contains("No VM named 'web9'");
    }

    @Test
    void lifecycleCommandsRunAsJobs() {
        assertThat(run("vm", "destroy", "app1").out()).contains("app1 is now stopped");
        assertThat(run("vm", "snapshot", "create", "app1", "clean").out()).contains("clean");
        assertThat(run("vm", "clone", "app1", "app1-b").out()).contains("Cloned app1 as app1-b");
        assertThat(run("vm", "move", "app1-b", "--to", "pve2").out()).contains("Moved app1-b to pve2");
        assertThat(run("vm", "list", "--host", "pve2").out()).contains("app1-b");
        assertThat(run("vm", "start", "app1").out()).contains("app1 is now running");
        assertThat(run("vm", "suspend", "app1").out()).contains("paused");
        assertThat(run("vm", "resume", "app1").out()).contains("running");
        assertThat(run("vm", "autostart", "app1", "off").out()).contains("off");
        assertThat(run("vm", "delete", "app1-b", "--with-storage").out()).contains("Deleted app1-b and its disks");
        assertThat(run("jobs", "list").out()).contains("Delete app1-b");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--host pve1 --name x1 --memory 8XB | 'XB' is not a size unit",
            "--host pve1 --name x1 --vcpus 0 | vCPUs must be from 1",
            "--host nowhere --name x1 | No host named 'nowhere'",
            "--host pve1 --name web1 | already exists on pve1",
            "--host pve1 --name x;reboot | does not fit",
            "--host pve1 --name $(id) | does not fit",
            "--host pve1 --name x1 --memory 600GiB | Not enough memory on pve1",
            "--host pve1 --name x1 --vcpus 65 | Not enough CPUs on pve1",
    })
    void badCreateValuesGiveOneLineErrors(String args, String expected) {
        Run r = run(("vm create " + args).split(" "));
        assertThat(r.code()).isNotZero();
        assertThat(r.err().strip()).contains(expected).doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void aDemoSnapshotFromAnotherProcessCanBeListedRevertedAndDeleted() {
        assertThat(run("vm", "snapshot", "create", "web1", "pre").code()).isZero();
        assertThat(run("vm", "destroy", "web1").code()).isZero();

        assertThat(run("vm", "snapshot", "list", "web1").out()).contains("pre");
        Run r = run("vm", "snapshot", "revert", "web1", "pre");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("Reverted web1 to pre.");
        assertThat(run("vm", "show", "web1", "--json").out()).contains("\"state\" : \"running\"");

        assertThat(run("vm", "snapshot", "delete", "web1", "pre").code()).isZero();
        Run gone = run("vm", "snapshot", "revert", "web1", "pre");
        assertThat(gone.code()).isEqualTo(1);
        assertThat(gone.err().strip()).contains("no domain snapshot with matching name 'pre'")
                .doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void unknownVmAndBadAutostartValueAreOneLine() {
        Run r = run("vm", "start", "ghost");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("No VM named 'ghost'");
        Run a = run("vm", "autostart", "web1", "maybe");
        assertThat(a.code()).isEqualTo(2);
        assertThat(a.err()).contains("Say 'on' or 'off'");
    }
}
