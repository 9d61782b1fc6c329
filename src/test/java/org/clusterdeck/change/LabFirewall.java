package org.clusterdeck.change;

import java.nio.file.Path;
import java.time.Duration;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.remote.SshTarget;

/** Test helpers: a ruleset that drops new SSH connections to a lab host, and fresh logins to it. */
final class LabFirewall {
    /** Short, so a trial does not wait 10 s for a login the firewall drops. */
    static final SshOptions FAST = new SshOptions(Duration.ofSeconds(3), Duration.ofSeconds(15));

    private LabFirewall() {
    }

    /** In iptables-save's own spelling, so the read-back compares equal. */
    static String dropNewSsh(int port) {
        return "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "-A INPUT -p tcp -m tcp --dport " + port + " --tcp-flags FIN,SYN,RST,ACK SYN -j DROP\nCOMMIT\n";
    }

    static GuardedApply.FreshLogin fresh(SshTarget target, KnownHosts knownHosts) {
        return () -> SshShell.connect(target, knownHosts, HostKeyDecision.REJECT, SecretPrompt.NONE, FAST);
    }

    static GuardedApply.FreshLogin fresh(LabHosts lab, int n) {
        return fresh(lab.target(n), lab.knownHosts());
    }

    static boolean canLogIn(GuardedApply.FreshLogin fresh) {
        return GuardedApply.tryFreshLogin(fresh) == null;
    }

    static String rules(RemoteShell shell) {
        return StepActions.read(shell, org.clusterdeck.model.StepKind.FIREWALL, "iptables");
    }

    static KnownHosts knownHosts(Path file) {
        return new KnownHosts(file, null);
    }
}
