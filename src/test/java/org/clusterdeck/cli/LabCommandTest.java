package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabPreflight;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'lab up/status/down' and 'ssh check' through the real command line, on a lab of their own. */
class LabCommandTest {
    @TempDir
    Path data;
    private int index;
    private Map<String, String> env;

    @BeforeEach
    void claim() {
        List<String> problems = LabPreflight.problems();
        RealParts.require(problems.isEmpty(), "LabCommandTest: " + String.join("; ", problems));
        index = LabExtension.claimIndex();
        env = Map.of("CLUSTERDECK_LAB_INDEX", Integer.toString(index));
    }

    @AfterEach
    void release() {
        if (env != null) {
            CliRun.run(data, env, "lab", "down");
            LabExtension.releaseIndex(index);
        }
    }

    private CliRun.Outcome cli(String... args) {
        return CliRun.run(data, env, args);
    }

    @Test
    void labUpIsIdempotentAndDownIsSafeTwiceAndAfterACrash() throws Exception {
        CliRun.Outcome up = cli("lab", "up", "2");
        assertThat(up.exitCode()).as(up.err()).isZero();
        assertThat(up.out()).contains("10.213." + index + ".11", "10.213." + index + ".12", "SHA256:");
        String keys = Files.readString(data.resolve("known_hosts"));

        CliRun.Outcome again = cli("lab", "up", "2");
        assertThat(again.exitCode()).isZero();
        assertThat(Files.readString(data.resolve("known_hosts"))).isEqualTo(keys);

        CliRun.Outcome status = cli("lab", "status", "--json");
        assertThat(status.out()).contains("\"state\" : \"running\"", "cdlab" + index + "-h2", "ssh active");
        assertThat(cli("hosts", "list", "--site", "Local lab").out()).contains("lab1", "lab2");

        // a crash left a stray host directory with its overlay still mounted behind
        org.clusterdeck.lab.LabLayout layout = new org.clusterdeck.lab.LabLayout(index, "lab");
        Path strayRoot = Files.createDirectories(layout.hostDir(9).resolve("root"));
        LocalCommand.check("mount", "-t", "tmpfs", "stray", strayRoot.toString());
        // and an older ClusterDeck's namespace host with its /etc/netns directory
        String stray = "cdlab" + index + "-h9";
        LocalCommand.check("ip", "netns", "add", stray);
        Files.createDirectories(Path.of("/etc/netns", stray, "ssh"));

        CliRun.Outcome down = cli("lab", "down");
        assertThat(down.exitCode()).as(down.err()).isZero();
        assertThat(down.out()).contains("removed 2 host(s)");
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(layout.stateDir().toString());
        assertThat(Files.exists(layout.stateDir())).isFalse();
        assertThat(LocalCommand.run("ip", "netns", "list").stdout()).doesNotContain(stray);
        assertThat(Files.exists(Path.of("/etc/netns", stray))).isFalse();
        assertThat(LocalCommand.run("ip", "link", "show", "cdlab" + index).ok()).isFalse();

        CliRun.Outcome downAgain = cli("lab", "down");
        assertThat(downAgain.exitCode()).isZero();
        assertThat(cli("lab", "status").out()).contains("Lab is down.");
    }

    @Test
    void sshCheckReportsEveryStepAndAsksForUnknownKeys() {
        assertThat(cli("lab", "up", "1").exitCode()).isZero();
        CliRun.Outcome check = cli("ssh", "check", "lab1");
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("reachable: ok", "host key:  ok", "login:     ok", "sudo:      ok",
                "os:        ok", "kernel:    ok   Linux");

        String fp = cli("lab", "status", "--json").out().replaceAll("(?s).*\"hostKey\" : \"(SHA256:[^\"]+)\".*", "$1");
        assertThat(fp).startsWith("SHA256:");
        assertThat(cli("ssh", "forget-key", "lab1").out()).contains("Forgot 1 key");
        CliRun.Outcome unknown = cli("ssh", "check", "lab1");
        assertThat(unknown.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(unknown.out()).contains("host key:  FAIL", fp, "--accept-new-host-key");

        CliRun.Outcome wrongFp = cli("ssh", "check", "lab1", "--accept-new-host-key", "SHA256:not-it");
        assertThat(wrongFp.exitCode()).isEqualTo(Cli.FAILED);
        CliRun.Outcome accepted = cli("ssh", "check", "lab1", "--accept-new-host-key", fp);
        assertThat(accepted.exitCode()).as(accepted.out()).isZero();
        assertThat(cli("ssh", "check", "lab1").exitCode()).isZero();
    }

    @Test
    void sshCheckAsANonRootUserReportsWhetherSudoWorksAndUnreachableHostsSayWhy() {
        assertThat(cli("lab", "up", "1").exitCode()).isZero();
        String key = new org.clusterdeck.lab.LabLayout(index, "lab").keyFile().toString();
        assertThat(cli("hosts", "add", "lab1-user", "--address", "10.213." + index + ".11", "--user", "labuser",
                "--key", key, "--site", "Local lab").exitCode()).isZero();
        CliRun.Outcome check = cli("ssh", "check", "lab1-user");
        assertThat(check.out()).contains("login:     ok   as labuser");
        if (Files.isExecutable(Path.of("/usr/bin/sudo"))) {
            assertThat(check.out()).contains("sudo:      ok   sudo -n works");
            assertThat(check.exitCode()).isZero();
        } else {
            System.out.println("NOTE: sudo not installed; checking the 'no sudo' report instead");
            assertThat(check.out()).contains("sudo:      FAIL sudo is not installed on the host");
            assertThat(check.exitCode()).isEqualTo(Cli.FAILED);
        }

        // in the lab range but outside every lab subnet: the unreachable route answers at once
        assertThat(cli("hosts", "add", "ghost", "--address", "10.213.254.254", "--key", key).exitCode()).isZero();
        CliRun.Outcome ghost = cli("ssh", "check", "ghost");
        assertThat(ghost.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(ghost.out()).contains("reachable: FAIL Cannot reach ghost (10.213.254.254:22)");
    }

    @Test
    void demoHostsAreRefusedWithAPointerToTheLab() {
        CliRun.Outcome r = cli("ssh", "check", "pve1");
        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("demo host", org.clusterdeck.text.Invocation.asRoot("lab up"));
    }

    @Test
    void configureNeedsTheClusterAndStartsNothingWithoutIt() {
        CliRun.Outcome r = cli("lab", "up", "2", "--configure");
        assertThat(r.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("--configure works on the cluster lab: add --cluster.");
        assertThat(cli("lab", "status").out()).contains("Lab is down");
    }
}
