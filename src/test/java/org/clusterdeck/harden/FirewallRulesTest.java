package org.clusterdeck.harden;

import org.clusterdeck.net.TargetPolicy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.StepActions;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The firewall step's rulesets against the real parsers: for every role and a matrix of options,
 * the nftables table passes {@code nft -c -f} and loads, and the iptables/ip6tables rulesets pass
 * {@code iptables-restore --test} and read back from {@code iptables-save} exactly as planned — in a
 * network namespace of the test's own ({@code unshare -n}), never the machine's. Hostile option
 * values and addresses are refused with the option named.
 */
class FirewallRulesTest {
    /** A host with Docker: its nat table and filter chains must survive the plan byte for byte. */
    static final String DOCKER_SAVE = String.join("\n",
            "*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]",
            ":DOCKER - [0:0]", "-A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER",
            "-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE", "-A DOCKER -i docker0 -j RETURN", "COMMIT",
            "*filter", ":INPUT ACCEPT [0:0]", ":FORWARD DROP [0:0]", ":OUTPUT ACCEPT [0:0]", ":DOCKER - [0:0]", ":DOCKER-USER - [0:0]",
            "-A INPUT -p tcp -m tcp --dport 2375 -j ACCEPT", "-A FORWARD -j DOCKER-USER", "-A FORWARD -o docker0 -j DOCKER",
            "-A DOCKER-USER -j RETURN", "COMMIT", "");

    @TempDir
    Path dir;

    static HostContext host(Role role, List<String> admin) {
        return new HostContext("h1", "10.0.0.10", 22, "root", role, List.of("10.0.0.2"), List.of("10.0.0.10", "10.0.0.11", "fd00::11"),
                List.of("10.0.0.21"), List.of("10.0.1.1", "2001:db8::7"), admin);
    }

    static HardenOptions options(String... kv) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return new HardenOptions(null, m);
    }

    static List<HardenOptions> optionMatrix() {
        return List.of(options(),
                options(FirewallOptions.SSH_FROM, "anywhere", FirewallOptions.SSH_RATE_LIMIT, "10/minute"),
                options(FirewallOptions.SSH_FROM, "10.0.0.0/8, 2001:db8:0:0::/64", FirewallOptions.SSH_RATE_LIMIT, "3/second"),
                options(FirewallOptions.EXTRA_PORTS, "8443/tcp from 10.0.0.0/8 fd00::/8, 9100, 60000-60010/udp", FirewallOptions.SSH_RATE_LIMIT, "100/hour"));
    }

    @Test
    void everyRoleAndOptionRendersRulesetsTheRealParsersAcceptAndReadBackExactly() throws Exception {
        RealParts.require(RealParts.isRoot(), "loading rulesets into a network namespace needs root");
        RealParts.require(Files.isExecutable(Path.of("/usr/sbin/nft")), "nft (package nftables) is not installed");
        RealParts.require(Files.isExecutable(Path.of("/usr/sbin/iptables-restore")), "iptables is not installed");
        int cases = 0;
        for (Role role : Role.values()) {
            for (List<String> admin : List.of(List.of("10.0.0.1"), List.of("10.0.0.1", "fd00::1"))) {
                for (HardenOptions o : optionMatrix()) {
                    FirewallPolicy p = FirewallPolicy.of(host(role, admin), FirewallOptions.of(o));
                    String what = role + " " + admin + " " + o.values();
                    String table = FirewallNft.render(p);
                    Path f = write("t.nft", "table inet clusterdeck\ndelete table inet clusterdeck\n" + table);
                    assertThat(run("nft", "-c", "-f", f.toString())).as("nft -c for " + what).isEqualTo("");
                    String listed = run("sh", "-c", "nft -f \"$1\" && nft list table inet clusterdeck", "x", f.toString());
                    assertThat(listed).as(what).contains("policy drop;").contains("tcp dport 22");
                    for (boolean v6 : List.of(false, true)) {
                        String planned = FirewallIptables.plan(v6 ? "" : DOCKER_SAVE, p, v6, c -> false);
                        String tool = v6 ? "ip6tables" : "iptables";
                        Path r = write("rules", planned);
                        assertThat(run(tool + "-restore", "--test", r.toString())).as(tool + "-restore --test for " + what).isEqualTo("");
                        String back = run("sh", "-c", tool + "-restore < \"$1\" && " + tool + "-save", "x", r.toString());
                        assertThat(StepActions.same(StepKind.FIREWALL, back, planned)).as(tool + " reads back as planned for " + what
                                + "\nplanned:\n" + planned + "\nback:\n" + back).isTrue();
                    }
                    cases++;
                }
            }
        }
        assertThat(cases).isEqualTo(Role.values().length * 2 * optionMatrix().size());
    }

    @Test
    void theIptablesPlanIsTheFullSaveWithOnlyInputReplacedSoDockersNatAndChainsStay() throws Exception {
        RealParts.require(RealParts.isRoot(), "loading rulesets into a network namespace needs root");
        RealParts.require(Files.isExecutable(Path.of("/usr/sbin/iptables-restore")), "iptables is not installed");
        Path docker = write("docker", DOCKER_SAVE);
        // what the host's own iptables-save prints for Docker's rules (its order, its spelling)
        String current = run("sh", "-c", "iptables-restore < \"$1\" && iptables-save", "x", docker.toString());
        FirewallPolicy p = FirewallPolicy.of(host(Role.WEB, List.of("10.0.0.1")), FirewallOptions.of(options()));
        String planned = FirewallIptables.plan(current, p, false, c -> false);
        assertThat(FirewallIptables.tables(planned).get("nat")).isEqualTo(FirewallIptables.tables(current).get("nat"));
        List<String> filter = FirewallIptables.tables(planned).get("filter");
        assertThat(filter).contains(":INPUT DROP [0:0]", ":FORWARD DROP [0:0]", ":DOCKER - [0:0]", ":DOCKER-USER - [0:0]",
                "-A FORWARD -j DOCKER-USER", "-A FORWARD -o docker0 -j DOCKER", "-A DOCKER-USER -j RETURN",
                "-A INPUT -s 10.0.0.2/32 -p tcp -m tcp --dport 80 -j ACCEPT")
                .doesNotContain("-A INPUT -p tcp -m tcp --dport 2375 -j ACCEPT");
        // restored over Docker's rules (as the change engine does), the nat table is still Docker's, byte for byte
        Path r = write("planned", planned);
        String after = run("sh", "-c", "iptables-restore < \"$1\" && iptables-restore < \"$2\" && iptables-save", "x",
                docker.toString(), r.toString());
        assertThat(StepActions.same(StepKind.FIREWALL, after, planned)).as(after).isTrue();
        assertThat(FirewallIptables.tables(after).get("nat")).isEqualTo(FirewallIptables.tables(current).get("nat"));
        assertThat(FirewallIptables.replacedInputRules(current)).containsExactly("-A INPUT -p tcp -m tcp --dport 2375 -j ACCEPT");
    }

    @Test
    void rolesOpenWhatTheTopologySaysAndNothingElse() {
        FirewallOptions none = FirewallOptions.of(options());
        FirewallPolicy web = FirewallPolicy.of(host(Role.WEB, List.of("10.0.0.1")), none);
        assertThat(web.rules()).extracting(FirewallPolicy.Rule::describe).containsExactly(
                "22/tcp from 10.0.0.1 (SSH, the admin side)", "80/tcp from 10.0.0.2 (HTTP from the load balancers)",
                "443/tcp from 10.0.0.2 (HTTPS from the load balancers)");
        HostContext noLb = new HostContext("w", "10.0.0.10", 2222, "root", Role.WEB, List.of(), List.of(), List.of(), List.of(), List.of("10.0.0.1"));
        FirewallPolicy lonely = FirewallPolicy.of(noLb, none);
        assertThat(lonely.warnings()).anyMatch(w -> w.contains("knows no load balancer"));
        assertThat(lonely.rules()).extracting(FirewallPolicy.Rule::describe).contains("80/tcp from 10.0.0.1 (HTTP from the admin side (no load balancer known))",
                "2222/tcp from 10.0.0.1 (SSH, the admin side)");
        assertThat(FirewallPolicy.of(host(Role.LB, List.of("10.0.0.1")), none).rules()).extracting(FirewallPolicy.Rule::describe)
                .contains("80/tcp from anywhere (HTTP, a load balancer serves everyone)");
        assertThat(FirewallPolicy.of(host(Role.DB, List.of("10.0.0.1")), none).rules()).extracting(FirewallPolicy.Rule::describe)
                .contains("3306/tcp from 10.0.0.10 10.0.0.11 fd00::11 10.0.0.21 (MySQL from the web hosts and replication peers)");
        FirewallPolicy hv = FirewallPolicy.of(host(Role.HYPERVISOR, List.of("10.0.0.1")), none);
        assertThat(hv.allows("tcp", 49152)).isTrue();
        assertThat(hv.allows("tcp", 49215)).isTrue();
        assertThat(hv.allows("tcp", 49216)).isFalse();
        assertThat(hv.allows("tcp", 16509)).isTrue();
        assertThat(hv.allows("tcp", 80)).isFalse();
        assertThat(FirewallPolicy.of(host(Role.OTHER, List.of("10.0.0.1")), none).rules()).hasSize(1);
        // no admin side known: refused, never a firewall that cuts ClusterDeck off
        assertThatThrownBy(() -> FirewallPolicy.of(host(Role.WEB, List.of()), none)).isInstanceOf(HardenException.class)
                .hasMessageContaining(FirewallOptions.SSH_FROM);
    }

    @Test
    void addressesAreParsedStrictlyAndSpelledAsTheParsersPrintThem() {
        assertThat(FirewallSource.parse("f", "10.1.2.3/8").iptables()).isEqualTo("10.0.0.0/8");
        assertThat(FirewallSource.parse("f", "10.1.2.3").nft()).isEqualTo("10.1.2.3");
        assertThat(FirewallSource.parse("f", "2001:DB8:0:0:0:0:0:1").nft()).isEqualTo("2001:db8::1");
        assertThat(FirewallSource.parse("f", "2001:db8:0:1:0:0:0:0/64").iptables()).isEqualTo("2001:db8:0:1::/64");
        assertThat(FirewallSource.parse("f", "fe80::/10").nft()).isEqualTo("fe80::/10");
        assertThat(FirewallSource.parse("f", "1:0:0:2:0:0:0:3").nft()).isEqualTo("1:0:0:2::3");
        assertThat(FirewallSource.parse("f", "10.0.0.0/8").contains("10.200.1.1")).isTrue();
        assertThat(FirewallSource.parse("f", "10.0.0.0/8").contains("11.0.0.1")).isFalse();
        for (String bad : List.of("999.1.1.1", "10.0.0.1/33", "010.0.0.1", "evil.example.com", "10.0.0.1; rm -rf /", "$(reboot)",
                "10.0.0.1\n-A INPUT -j ACCEPT", "::ffff:10.0.0.1", "fd00::/129", "`id`", "", "1.2.3")) {
            assertThatThrownBy(() -> FirewallSource.parse(FirewallOptions.SSH_FROM, bad)).as(bad).isInstanceOf(HardenException.class)
                    .hasMessageStartingWith(FirewallOptions.SSH_FROM + ":").hasMessageNotContaining("\n");
        }
    }

    @Test
    void hostileOptionsAreRefusedWithTheOptionNamed() {
        Map<String, List<String>> hostile = Map.of(
                FirewallOptions.EXTRA_PORTS, List.of("80; rm -rf /", "0/tcp", "65536", "8443/sctp", "9000-8000", "8443/tcp from $(reboot)",
                        "8443/tcp from 10.0.0.0/8\n-A INPUT -j ACCEPT", "8443 accept", "1-70000"),
                FirewallOptions.SSH_FROM, List.of("10.0.0.0/8 $(id)", "anywhere; reboot", "10.0.0.1\naccept"),
                FirewallOptions.SSH_RATE_LIMIT, List.of("10/minute; drop", "0/minute", "10/fortnight", "100000/second", "ten/minute"),
                FirewallOptions.BACKEND, List.of("nft\n", "ufw", "iptables-legacy"),
                FirewallOptions.EXISTING, List.of("kill", "stop\n"));
        int refused = 0;
        for (Map.Entry<String, List<String>> e : hostile.entrySet()) {
            for (String v : e.getValue()) {
                assertThatThrownBy(() -> FirewallOptions.of(options(e.getKey(), v))).as(e.getKey() + " = " + v)
                        .isInstanceOf(HardenException.class).hasMessageStartingWith(e.getKey() + ":").hasMessageNotContaining("\n");
                refused++;
            }
        }
        assertThat(refused).isEqualTo(22);
        FirewallOptions ok = FirewallOptions.of(options(FirewallOptions.EXTRA_PORTS, "8443/tcp from 10.0.0.0/8 10.1.0.0/16, 9100, 53/UDP",
                FirewallOptions.SSH_RATE_LIMIT, "10 / min", FirewallOptions.BACKEND, "NFT", FirewallOptions.EXISTING, "stop"));
        assertThat(ok.extraPorts()).extracting(FirewallPolicy.Rule::describe).containsExactly(
                "8443/tcp from 10.0.0.0/8 10.1.0.0/16 (extra port (firewall.extraPorts))", "9100/tcp from anywhere (extra port (firewall.extraPorts))",
                "53/udp from anywhere (extra port (firewall.extraPorts))");
        assertThat(ok.sshRateLimit()).hasToString("10/minute");
        assertThat(ok.backend()).isEqualTo(FirewallOptions.Backend.NFT);
        assertThat(ok.stopExisting()).isTrue();
    }

    /** Probe outputs as a Debian host with nft, Docker and nginx would give them. */
    static HostFacts facts(Map<String, String> overrides) {
        Map<String, String> m = new HashMap<>(Map.of(
                "nft", "present\ntable ip nat\ntable ip filter",
                "iptables", "iptables v1.8.9 (nf_tables)",
                "nat", "docker",
                "nftables-conf", "/etc/nftables.conf " + b64("#!/usr/sbin/nft -f\n\nflush ruleset\n\ntable inet filter {\n}\n"),
                "nftables-enabled", "disabled",
                "os", "id=debian\nlike=",
                "save4", b64(DOCKER_SAVE),
                "listen", "LISTEN 0 511 0.0.0.0:80 0.0.0.0:* users:((\"nginx\",pid=5,fd=6))\n"
                        + "LISTEN 0 511 0.0.0.0:8080 0.0.0.0:* users:((\"java\",pid=7,fd=6))\nLISTEN 0 80 127.0.0.1:3306 0.0.0.0:*",
                "perl", "present"));
        m.putAll(overrides);
        return new HostFacts(m);
    }

    static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theNftPlanPersistsThroughAnIncludeInNftablesConfAndExplainsWhatItFound() {
        StepPlan plan = new FirewallModule(TargetPolicy.withoutInventory()).plan(host(Role.WEB, List.of("10.0.0.1")), facts(Map.of()), options());
        assertThat(plan.guarded()).isTrue();
        assertThat(plan.skipped()).isFalse();
        List<ChangeEngine.Planned> c = plan.changes();
        assertThat(c).extracting(ChangeEngine.Planned::target).containsExactly("nft", FirewallNft.FILE,
                "/etc/nftables.conf", "enable nftables");
        assertThat(c.get(0).after()).startsWith("table inet clusterdeck {");
        assertThat(c.get(2).after()).startsWith("#!/usr/sbin/nft -f\n\nflush ruleset\n").endsWith("include \"/etc/clusterdeck/firewall.nft\"\n");
        assertThat(c.get(3).after()).isEqualTo("systemctl --no-reload enable nftables");
        assertThat(c.get(3).undo()).isEqualTo("systemctl --no-reload disable nftables");
        assertThat(String.join("\n", plan.notes())).contains("flush ruleset").contains("NAT rules of docker").contains("table ip filter");
        assertThat(plan.warnings()).anyMatch(w -> w.startsWith("java listens on 0.0.0.0:8080"));
        assertThat(plan.warnings()).noneMatch(w -> w.contains(":80 ") || w.contains("3306"));
        assertThat(plan.preview()).anyMatch(l -> l.startsWith("sudo -n -- nft -c -f -"));
        // the include is added once
        assertThat(FirewallNft.withInclude(c.get(2).after())).isEqualTo(c.get(2).after());
    }

    @Test
    void theIptablesPlanWritesBothFamiliesAndRulesFilesAndSaysWhenNothingLoadsThemAtBoot() {
        StepPlan plan = new FirewallModule(TargetPolicy.withoutInventory()).plan(host(Role.WEB, List.of("10.0.0.1")), facts(Map.of()),
                options(FirewallOptions.BACKEND, "iptables"));
        assertThat(plan.changes()).extracting(ChangeEngine.Planned::target).containsExactly("remove empty iptables filter tables on rollback",
                "iptables", "ip6tables",
                "/etc/iptables/rules.v4", "/etc/iptables/rules.v6");
        assertThat(plan.changes().get(2).after()).contains(":INPUT DROP [0:0]");
        assertThat(plan.changes().get(3).after()).contains("*filter").doesNotContain("*nat");
        assertThat(plan.warnings()).anyMatch(w -> w.contains("apt-get install iptables-persistent"));
        assertThat(plan.warnings()).anyMatch(w -> w.contains("INPUT rule(s) in iptables are replaced") && w.contains("2375"));
        StepPlan none = new FirewallModule(TargetPolicy.withoutInventory()).plan(host(Role.WEB, List.of("10.0.0.1")), facts(Map.of("nft", "", "iptables", "")), options());
        assertThat(none.skipReason()).contains("neither nft nor iptables");
    }

    @Test
    void anActiveUfwOrFirewalldSkipsTheStepUnlessTheUserChoosesToStopIt() {
        HostContext h = host(Role.LB, List.of("10.0.0.1"));
        StepPlan skipped = new FirewallModule(TargetPolicy.withoutInventory()).plan(h, facts(Map.of("ufw", "Status: active")), options());
        assertThat(skipped.skipReason()).contains("ufw is active").contains(FirewallOptions.EXISTING + " = stop");
        StepPlan stop = new FirewallModule(TargetPolicy.withoutInventory()).plan(h, facts(Map.of("firewalld", "active", "os", "id=rocky\nlike=rhel centos fedora")),
                options(FirewallOptions.EXISTING, "stop"));
        assertThat(stop.changes().get(0).after()).isEqualTo("systemctl --no-reload disable --now firewalld");
        assertThat(stop.changes().get(0).undo()).isEqualTo("systemctl --no-reload enable --now firewalld");
        assertThat(stop.changes()).extracting(ChangeEngine.Planned::target).contains("/etc/sysconfig/nftables.conf");
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    /** Runs argv in a network namespace of its own; returns stdout+stderr, or fails the test with them. */
    private static String run(String... argv) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("unshare", "-n"));
        cmd.addAll(List.of(argv));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", argv) + ":\n" + out).isZero();
        return out;
    }
}
