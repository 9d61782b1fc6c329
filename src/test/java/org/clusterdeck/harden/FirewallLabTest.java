package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clusterdeck.lab.LabCluster;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.remote.RemoteShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The firewall step on the source's cluster as lab containers (lb1, web1, web2, db1, db2), each
 * with its own network namespace, through the hardening service as the app wires it. Role rules
 * from outside: web1's port 80 answers lb1 but not web2; a listener on 8080 inside web1 answers
 * neither lb1 nor this workstation; SSH answers the workstation; a rollback leaves the rulesets
 * (nft list ruleset, iptables-save, ip6tables-save) and files exactly as before. Lock-out trials: a
 * plan whose rules admit SSH only from an address ClusterDeck does not come from restores itself
 * within T+10 s, three times in a row, for nftables and iptables. Traffic goes only to the lab's
 * own addresses (checked by the target policy: the route stays on the lab bridge).
 */
@ExtendWith(LabExtension.class)
@LabCluster
class FirewallLabTest {
    private static final Duration T = Duration.ofSeconds(10);
    private static final int LB1 = 1;
    private static final int WEB1 = 2;
    private static final int WEB2 = 3;
    /** A documentation address (RFC 5737): it only appears inside a rule, nothing is ever sent to it. */
    private static final String NOT_US = "192.0.2.1";
    private static final String LISTEN = "timeout 120 perl -MIO::Socket::IP -e '$s = IO::Socket::IP->new(LocalHost => \"0.0.0.0\","
            + " LocalPort => 8080, Listen => 5, ReuseAddr => 1) or exit 3; while ($c = $s->accept) { close $c }'"
            + " </dev/null >/dev/null 2>&1 & echo $!";
    private static final String CONNECT = "exit(IO::Socket::IP->new(PeerHost => $ARGV[0], PeerPort => $ARGV[1], Timeout => 2) ? 0 : 1)";

    @Test
    void webBackendWithNftables(LabHosts lab) throws Exception {
        roleRulesFromOutside(lab, "nft");
    }

    @Test
    void webBackendWithIptables(LabHosts lab) throws Exception {
        roleRulesFromOutside(lab, "iptables");
    }

    private void roleRulesFromOutside(LabHosts lab, String backend) throws Exception {
        TargetPolicy policy = TargetPolicy.withoutInventory();
        InetAddress web1 = policy.resolve(lab.host(WEB1).address());
        String before = state(lab, WEB1);
        // the SSH rate limit is on (nft meter / iptables hashlimit), generous enough for the run's own logins
        HardenOptions options = new HardenOptions(T, Map.of(FirewallOptions.BACKEND, backend, FirewallOptions.SSH_RATE_LIMIT, "30/minute"));
        try (HardenLab h = HardenLab.on(lab, "fw-" + backend + "-" + ProcessHandle.current().pid())) {
            String name = lab.host(WEB1).name();
            HostPlan plan = h.service.plan(name, EnumSet.of(HardenStep.FIREWALL), null, options, null);
            StepPlan step = plan.steps().get(0);
            assertThat(step.skipReason()).isNull();
            assertThat(step.title()).startsWith("Firewall (" + backend);
            assertThat(step.settings()).contains("allow = 80/tcp from " + lab.host(LB1).address() + " (HTTP from the load balancers)");
            HostResult r = h.service.apply(plan, options, true, null);
            String web1Address = lab.host(WEB1).address();
            try {
                assertThat(r.failure()).as("failure; checks " + r.checks()).isNull();
                fromOutside(lab, r, web1, web1Address, backend);
            } finally {
                // rolled back even when a check above failed, so the next test starts from a clean host
                ChangeSet back = h.engine.rollback(r.changes().get(0).id(), h.access::open, false, true, null);
                assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            }
            assertThat(state(lab, WEB1)).isEqualTo(before);
            assertThat(connectsFrom(lab, WEB2, web1Address, 80)).as("80 from web2 after the rollback").isTrue();
        }
    }

    private static void fromOutside(LabHosts lab, HostResult r, InetAddress web1, String web1Address, String backend) throws Exception {
        assertThat(r.checks()).allMatch(Check::ok).anyMatch(c -> c.what().startsWith("denied port ") && c.ok())
                .anyMatch(c -> c.what().startsWith("SSH port ") && c.ok());
        assertThat(connectsFrom(lab, LB1, web1Address, 80)).as("80 from lb1").isTrue();
        assertThat(connectsFrom(lab, WEB2, web1Address, 80)).as("80 from web2").isFalse();
        String pid = lab.exec(WEB1, "sh", "-c", LISTEN).stdout().strip();
        assertThat(pid).matches("\\d+");
        try {
            boolean up = false;
            for (int i = 0; i < 25 && !up; i++) {
                up = connectsFrom(lab, WEB1, "127.0.0.1", 8080);
                if (!up) {
                    Thread.sleep(200);
                }
            }
            assertThat(up).as("the 8080 listener answers inside web1").isTrue();
            assertThat(connectsFrom(lab, LB1, web1Address, 8080)).as("8080 from lb1").isFalse();
            assertThat(connects(web1, 8080)).as("8080 from the workstation").isFalse();
            assertThat(connects(web1, lab.host(WEB1).sshPort())).as("SSH from the workstation").isTrue();
        } finally {
            lab.exec(WEB1, "kill", "--", pid);
        }
        if (backend.equals("nft")) {
            assertThat(lab.exec(WEB1, "cat", "/etc/nftables.conf").stdout()).contains("include \"/etc/clusterdeck/firewall.nft\"");
            assertThat(lab.exec(WEB1, "nft", "-c", "-f", "/etc/nftables.conf").exitCode()).as("the boot file parses").isZero();
            assertThat(lab.exec(WEB1, "systemctl", "is-enabled", "nftables").stdout().strip()).isEqualTo("enabled");
        } else {
            assertThat(lab.exec(WEB1, "iptables-restore", "--test", "/etc/iptables/rules.v4").exitCode()).isZero();
            assertThat(lab.exec(WEB1, "ip6tables-restore", "--test", "/etc/iptables/rules.v6").exitCode()).isZero();
            assertThat(lab.exec(WEB1, "ip6tables", "-S", "INPUT").stdout()).startsWith("-P INPUT DROP");
        }
    }

    @Test
    void aFirewallThatWouldDropOurSshRestoresItselfWithinTPlus10sThreeTimesInARowWithEitherBackend(LabHosts lab) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (HardenLab h = HardenLab.on(lab, "fw-lockout-" + ProcessHandle.current().pid())) {
            List<Future<List<String>>> runs = new ArrayList<>();
            runs.add(pool.submit(() -> trials(lab, h, 4, "nft")));
            runs.add(pool.submit(() -> trials(lab, h, 5, "iptables")));
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> f : runs) {
                failures.addAll(f.get());
            }
            assertThat(failures).as("trials that did not restore within T+10 s").isEmpty();
            assertThat(h.store.changes().list(null, 20)).hasSize(6)
                    .allSatisfy(c -> assertThat(c.state()).isEqualTo(ChangeSet.REVERTED_BY_HOST));
        } finally {
            pool.shutdownNow();
        }
    }

    private List<String> trials(LabHosts lab, HardenLab h, int n, String backend) throws Exception {
        List<String> failures = new ArrayList<>();
        String name = lab.host(n).name();
        HardenOptions options = new HardenOptions(T, Map.of(FirewallOptions.BACKEND, backend));
        FirewallModule module = new FirewallModule(TargetPolicy.withoutInventory());
        for (int round = 0; round < 3; round++) {
            String before = state(lab, n);
            HostPlan plan;
            try (RemoteShell shell = h.access.open(name, null)) {
                HostContext wrong = new HostContexts(h.store).of(name, null, List.of(NOT_US));
                HostFacts facts = HostFacts.gather(shell, module.probes());
                plan = new HostPlan(wrong, facts, List.of(module.plan(wrong, facts, options)));
            }
            Instant start = Instant.now();
            HostResult r = h.service.apply(plan, options, true, null);
            Duration took = Duration.between(start, Instant.now());
            String what = backend + " round " + (round + 1) + " on " + name + ": ";
            if (r.changes().isEmpty()) {
                failures.add(what + "no change set: " + r.failure() + "\n" + lab.exec(n, "sh", "-c",
                        "nft list ruleset | head -30; ls -la /tmp/ | grep clusterdeck; journalctl -n 30 --no-pager -u 'clusterdeck-revert-*'").stdout());
                break;
            } else if (r.failure() == null) {
                failures.add(what + "kept although SSH was admitted from " + NOT_US + " only");
            } else if (took.compareTo(T.plusSeconds(10)) > 0) {
                failures.add(what + "restored after " + took.toSeconds() + " s: " + r.failure() + " / " + r.changes().get(0).message());
            } else if (!r.changes().get(0).state().equals(ChangeSet.REVERTED_BY_HOST)) {
                failures.add(what + "state " + r.changes().get(0).state() + ": " + r.failure());
            } else if (!state(lab, n).equals(before)) {
                failures.add(what + "the rulesets or files differ from before");
            }
        }
        return failures;
    }

    /** The host's firewall state as text: every ruleset without counters, and the files the step writes. */
    private static String state(LabHosts lab, int n) {
        StringBuilder sb = new StringBuilder();
        sb.append(lab.exec(n, "nft", "list", "ruleset").stdout().replaceAll("counter packets \\d+ bytes \\d+", "counter").replaceAll(" expires \\S+", ""));
        for (String tool : List.of("iptables-save", "ip6tables-save")) {
            lab.exec(n, tool).stdout().lines().filter(l -> !l.startsWith("#")).map(l -> l.replaceAll("\\[\\d+:\\d+]", ""))
                    .forEach(l -> sb.append(l).append('\n'));
        }
        for (String file : List.of("/etc/nftables.conf", "/etc/clusterdeck/firewall.nft", "/etc/iptables/rules.v4", "/etc/iptables/rules.v6")) {
            var r = lab.exec(n, "cat", file);
            sb.append("== ").append(file).append(r.ok() ? "\n" + r.stdout() : " absent\n");
        }
        sb.append("nftables ").append(lab.exec(n, "systemctl", "is-enabled", "nftables").stdout());
        return sb.toString();
    }

    private static boolean connectsFrom(LabHosts lab, int n, String address, int port) {
        return lab.exec(n, "perl", "-MIO::Socket::IP", "-e", CONNECT, address, Integer.toString(port)).exitCode() == 0;
    }

    private static boolean connects(InetAddress a, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(a, port), 1500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
