package org.clusterdeck.change;

import java.nio.file.Path;
import java.time.Duration;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.remote.SshTarget;
import org.clusterdeck.store.Store;

/**
 * A second JVM for {@link GuardedApplyLabTest}: applies the SSH-dropping ruleset through the
 * guarded apply, prints APPLIED right after the ruleset is on the host and then hangs, so the
 * test can kill it (-9) at exactly that point.
 * Arguments: name address port keyFile knownHostsFile delaySeconds dataDir (a file store shared with the test).
 */
public final class GuardedApplyChild {
    private GuardedApplyChild() {
    }

    public static void main(String[] a) throws Exception {
        SshTarget target = new SshTarget(a[0], a[1], Integer.parseInt(a[2]), "root", Path.of(a[3]), SshTarget.Auth.KEY);
        var known = LabFirewall.knownHosts(Path.of(a[4]));
        try (Store store = Store.open(Path.of(a[6])); SshShell shell = SshShell.connect(target, known, HostKeyDecision.REJECT,
                SecretPrompt.NONE, SshOptions.DEFAULTS)) {
            new GuardedApply(store.changes(), "child").apply(shell, LabFirewall.fresh(target, known), "firewall", "drop new ssh",
                    StepKind.FIREWALL, "iptables", LabFirewall.dropNewSsh(target.port()), Duration.ofSeconds(Long.parseLong(a[5])), null,
                    () -> {
                        System.out.println("APPLIED");
                        System.out.flush();
                        while (true) {
                            try {
                                Thread.sleep(60_000);
                            } catch (InterruptedException e) {
                                return;
                            }
                        }
                    });
        }
    }
}
