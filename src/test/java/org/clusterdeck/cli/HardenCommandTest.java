package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code harden} options checked before anything connects: each bad value names its option and
 * the fix, hostile text comes back escaped, demo hosts are refused with the pointer to the lab.
 * (Plans and runs on real hosts: HardenCliLabTest.)
 */
class HardenCommandTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.resolve("data").toString()));
        all.addAll(List.of(args));
        int code = Cli.run(all.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void badOptionsNameTheOptionAndTheChoices() {
        Run steps = run("harden", "plan", "--host", "pve1", "--steps", "firewall,selinux");
        assertThat(steps.code()).isEqualTo(Cli.USAGE);
        assertThat(steps.err()).contains("--steps").contains("'selinux' is not a hardening step").contains("firewall, ssh, kernel");

        Run role = run("harden", "plan", "--host", "pve1", "--role", "router");
        assertThat(role.code()).isEqualTo(Cli.USAGE);
        assertThat(role.err()).contains("--role").contains("web, lb, db, hypervisor or other");

        Run guard = run("harden", "apply", "--host", "pve1", "--guard-seconds", "5", "--yes");
        assertThat(guard.code()).isEqualTo(Cli.USAGE);
        assertThat(guard.err()).contains("--guard-seconds").contains("at least 10 s");

        Run option = run("harden", "plan", "--host", "pve1", "--option", "$(reboot)\n=1");
        assertThat(option.code()).isEqualTo(Cli.USAGE);
        assertThat(option.err()).contains("--option").doesNotContain("\n=1").contains("NAME=VALUE");
    }

    @Test
    void unknownAndDemoHostsAreRefusedBeforeAnythingConnects() {
        Run unknown = run("harden", "plan", "--host", "nosuch");
        assertThat(unknown.code()).isEqualTo(Cli.FAILED);
        assertThat(unknown.err()).contains("No host named 'nosuch'");

        // the demo lab's hosts (pve1 …) are labels: the first start seeds them
        Run demo = run("harden", "apply", "--host", "pve1", "--yes");
        assertThat(demo.code()).isEqualTo(Cli.FAILED);
        assertThat(demo.err()).contains("demo host").contains("lab up");
        assertThat(run("changes", "list").out()).doesNotContain("harden");
    }

    @Test
    void statusOfAHostNeverHardenedSaysSo() throws Exception {
        Run st = run("harden", "status", "--host", "pve1", "--json");
        assertThat(st.code()).as(st.err()).isZero();
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(st.out());
        assertThat(json.get(0).get("level").asText()).isEqualTo("none");
        assertThat(json.get(0).get("steps")).hasSize(org.clusterdeck.harden.HardenStep.values().length);
        assertThat(json.get(0).get("steps").get(0).get("state").asText()).isEqualTo("never");
    }

    @Test
    void checkFindsTheTutorialsMistakesAndNamesTheStepsThatDoItRight() throws Exception {
        // the source's hardening lines, glued as the tutorial prints them
        java.nio.file.Path f = dir.resolve("source.txt");
        java.nio.file.Files.writeString(f, "iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -j ACCEPT iptables -A INPUT -p tcp "
                + "--dport 443 -m conntrack --ctstate NEW -j ACCEPT iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j "
                + "ACCEPT iptables -A INPUT -j DROP\nsudo systemctl enable AppArmor echo 'unconfined' > /etc/apparmor.d\n"
                + "journalctl --vacuum-size=10M --no-pager grep 'error' /var/log/syslog | audit2why\n");
        Run text = run("harden", "check", "--file", f.toString());
        assertThat(text.code()).as(text.err()).isEqualTo(Cli.FAILED);
        assertThat(text.out()).contains("ERROR").contains("loopback").contains("harden plan --host HOST --steps firewall");

        Run json = run("harden", "check", "--file", f.toString(), "--json");
        var tree = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out());
        assertThat(tree.get("errors").asInt()).isPositive();
        assertThat(tree.get("problems").get(0).get("line").asInt()).isEqualTo(1);
        assertThat(tree.get("steps").asText()).contains("firewall").contains("apparmor").contains("logging");

        java.nio.file.Path good = dir.resolve("good.txt");
        java.nio.file.Files.writeString(good, "PermitRootLogin no\nPasswordAuthentication no\n");
        assertThat(run("harden", "check", "--file", good.toString()).code()).isZero();

        Run missing = run("harden", "check", "--file", dir.resolve("nope.txt").toString());
        assertThat(missing.code()).isEqualTo(Cli.FAILED);
        assertThat(missing.err()).contains("No file").contains("'-' for standard input");
        java.nio.file.Path empty = dir.resolve("empty.txt");
        java.nio.file.Files.writeString(empty, "  \n");
        assertThat(run("harden", "check", "--file", empty.toString()).err()).contains("Nothing to check");
    }
}
