package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHost;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lock-out proof on real lab hosts: a firewall rule that drops new SSH connections (iptables in
 * the lab host's own network namespace) is applied through the guarded apply; the new login
 * fails, and the host restores its ruleset by itself within T+10 s — 10 trials out of 10 (two
 * hosts in parallel, five rounds each: host 1 through its systemd (systemd-run timer), host 2
 * through the detached setsid shell), and once more with the applying JVM killed -9 right after
 * the rule is on the host.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class GuardedApplyLabTest {
    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void hostRestoresItselfWhenNoNewLoginSucceedsTenTrialsOutOfTen(LabHosts lab) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(lab.size());
        try (Store store = Store.inMemory("guarded-" + ProcessHandle.current().pid())) {
            List<Future<List<String>>> hosts = new ArrayList<>();
            for (int n = 1; n <= lab.size(); n++) {
                int host = n;
                hosts.add(pool.submit(() -> {
                    List<String> failures = new ArrayList<>();
                    for (int round = 0; round < 5; round++) {
                        String f = trial(lab, host, store);
                        if (f != null) {
                            failures.add(f);
                        }
                    }
                    return failures;
                }));
            }
            List<String> failures = new ArrayList<>();
            for (Future<List<String>> f : hosts) {
                failures.addAll(f.get());
            }
            assertThat(failures).as("trials that did not restore within T+10 s").isEmpty();
            List<ChangeSet> sets = store.changes().list(null, 20);
            assertThat(sets).filteredOn(c -> c.message().contains("(systemd timer clusterdeck-revert-")).hasSize(5);
            assertThat(sets).filteredOn(c -> c.message().contains("(detached shell, pid ")).hasSize(5);
            assertThat(sets).hasSize(10).allSatisfy(c -> {
                assertThat(c.state()).isEqualTo(ChangeSet.REVERTED_BY_HOST);
                assertThat(c.message()).startsWith("Reverted by the host at ").contains("a new login failed");
            });
        } finally {
            pool.shutdownNow();
        }
    }

    /** One trial; null when the host restored itself in time, else what went wrong. */
    private static String trial(LabHosts lab, int n, Store store) {
        try (SshShell pooled = lab.shell(n)) {
            String before = LabFirewall.rules(pooled);
            GuardedApply.FreshLogin fresh = LabFirewall.fresh(lab, n);
            Instant applied = Instant.now();
            GuardedApply.Outcome o = new GuardedApply(store.changes(), "test", n == 2).apply(pooled, fresh, "firewall",
                    "drop new ssh to lab" + n, StepKind.FIREWALL, "iptables", LabFirewall.dropNewSsh(lab.host(n).sshPort()), T, null, null);
            if (o.kept()) {
                return "lab" + n + ": the change was kept although new logins are dropped";
            }
            Duration took = Duration.between(applied, o.revertedAt());
            if (took.compareTo(T.plusSeconds(10)) > 0) {
                return "lab" + n + ": restored after " + took.toSeconds() + " s";
            }
            if (!LabFirewall.canLogIn(fresh)) {
                return "lab" + n + ": no new login after the revert";
            }
            if (!StepActions.sameRules(LabFirewall.rules(pooled), before)) {
                return "lab" + n + ": the ruleset differs from before: " + LabFirewall.rules(pooled);
            }
            return null;
        } catch (RuntimeException e) {
            return "lab" + n + ": " + e;
        }
    }

    @Test
    void hostRestoresItselfWhenTheApplyingProcessIsKilledRightAfterApplying(LabHosts lab,
                                                                          @org.junit.jupiter.api.io.TempDir java.nio.file.Path data) throws Exception {
        LabHost h = lab.host(1);
        String before;
        try (SshShell s = lab.shell(1)) {
            before = LabFirewall.rules(s);
        }
        String javaBin = java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(javaBin, "-cp", System.getProperty("java.class.path"), GuardedApplyChild.class.getName(),
                h.name(), h.address(), Integer.toString(h.sshPort()), lab.privateKey().toString(),
                lab.lab().layout().stateDir().resolve("known_hosts").toString(), Long.toString(T.toSeconds()), data.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        Instant applied;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null && !line.equals("APPLIED")) {
                // logging of the child
            }
            assertThat(line).as("the child applied the rule").isEqualTo("APPLIED");
            applied = Instant.now();
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block runs in the child
            child.waitFor();
        }
        GuardedApply.FreshLogin fresh = LabFirewall.fresh(lab, 1);
        assertThat(LabFirewall.canLogIn(fresh)).as("new logins are dropped while the rule is on").isFalse();
        Instant back = null;
        while (Duration.between(applied, Instant.now()).compareTo(T.plusSeconds(10)) <= 0) {
            if (LabFirewall.canLogIn(fresh)) {
                back = Instant.now();
                break;
            }
            Thread.sleep(500);
        }
        assertThat(back).as("a new login works again within T+10 s of the kill").isNotNull();
        try (SshShell s = lab.shell(1); Store store = Store.open(data)) {
            assertThat(StepActions.sameRules(LabFirewall.rules(s), before)).isTrue();
            ChangeSet left = store.changes().list(null, 1).get(0);
            assertThat(left.state()).as("the killed process could not finish it").isEqualTo(ChangeSet.APPLYING);
            ChangeSet checked = new GuardedApply(store.changes(), "test").reconcile(left, s);
            assertThat(checked.state()).isEqualTo(ChangeSet.REVERTED_BY_HOST);
            assertThat(checked.message()).startsWith("Reverted by the host at ").contains("ClusterDeck stopped before a new login");
        }
    }
}
