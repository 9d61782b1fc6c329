package org.clusterdeck.scan;

import java.util.Map;
import java.util.Optional;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.PermissionsModule;

/**
 * Which hardening step fixes a finding, with the options to fill in: what the Security view's Fix
 * button opens and the CLI suggests. Host-audit checks name their step in the check table
 * ({@link HostAuditCheck#step()}: only checks the step really turns to passed); SSH algorithm
 * findings are the SSH step's (it offers only ssh-audit-clean algorithms); open-port findings of
 * {@link PortExpectations} are the firewall step's (it lets in only what the role needs, from the
 * peers the topology names). TLS and HTTP findings have no
 * hardening step (they are the web server's and the load balancer's configuration), nor have the
 * Terrapin finding and SSH-1 (only an OpenSSH update fixes those): empty.
 */
public final class FindingFixes {
    private FindingFixes() {
    }

    public static Optional<FindingFix> forFinding(ScanKind kind, Finding f) {
        return switch (kind) {
            case HOST -> host(f);
            case SSH -> ssh(f);
            case PORTS -> ports(f);
            case TLS, HTTP -> Optional.empty();
        };
    }

    /** PortExpectations' findings: a port the role needs from some peers only, or not at all; the firewall step decides both. */
    private static Optional<FindingFix> ports(Finding f) {
        String id = f.id();
        String port = id.replaceFirst("^PORT-(EXPOSED|UNEXPECTED)-", "");
        if (!port.matches("\\d{1,5}")) {
            return Optional.empty();
        }
        String summary = id.startsWith("PORT-EXPOSED-")
                ? "The firewall step lets " + port + "/tcp in only from the peers the topology names for this host's role ("
                + (port.equals("3306") ? "its web hosts and replication peers" : "its load balancers") + ") and drops it from everyone else."
                : "The firewall step drops " + port + "/tcp on input: the host's role does not need it. Add it to firewall.extraPorts "
                + "(e.g. " + port + "/tcp from 10.0.0.0/8) if other hosts do.";
        return Optional.of(new FindingFix(HardenStep.FIREWALL, Map.of(), summary));
    }

    private static Optional<FindingFix> ssh(Finding f) {
        String id = f.id();
        if (id.startsWith("ssh-kex-") || id.startsWith("ssh-host-key-") || id.startsWith("ssh-cipher-") || id.startsWith("ssh-mac-")) {
            return Optional.of(new FindingFix(HardenStep.SSH, Map.of(), "The SSH step sets KexAlgorithms, HostKeyAlgorithms, Ciphers "
                    + "and MACs to the ssh-audit-clean lists for the host's OpenSSH version, so " + f.title().replaceFirst("^.*offered: ", "")
                    + " is no longer offered; sshd -t checks the drop-in first and a new login must succeed."));
        }
        return Optional.empty();
    }

    private static Optional<FindingFix> host(Finding f) {
        Optional<HostAuditCheck> check = HostAudit.checks().stream().filter(c -> c.id().equals(f.id())).findFirst();
        if (check.isEmpty() || check.get().step() == null) {
            return Optional.empty();
        }
        HostAuditCheck c = check.get();
        HardenStep step = HardenStep.parse(c.step());
        String title = c.title();
        return Optional.of(switch (step) {
            case PERMISSIONS -> c.probe().equals("suid")
                    ? new FindingFix(step, Map.of(PermissionsModule.OPT_SUID, "remove", PermissionsModule.OPT_WORLD_WRITABLE, "remove"),
                    "The file-permissions step removes the set-user-ID bit (chmod u-s) from every program that is not a well-known one "
                            + "or that sits in /usr/local (" + PermissionsModule.OPT_SUID + " = remove); a rollback gives it back.")
                    : new FindingFix(step, Map.of(PermissionsModule.OPT_WORLD_WRITABLE, "remove"),
                    "The file-permissions step removes \"others may write\" (chmod o-w) from every world-writable file and directory "
                            + "in the system paths; a rollback gives it back.");
            case KERNEL -> title.startsWith("net.ipv4.ip_forward ")
                    ? new FindingFix(step, Map.of("kernel.ipForward", "auto"), "The kernel step sets net.ipv4.ip_forward = 0 live and in "
                    + "/etc/sysctl.d, unless the host forwards for libvirt NAT, Docker or routing (then the plan keeps it and says why).")
                    : new FindingFix(step, Map.of(), "The kernel step sets " + title.replaceFirst(" is ", " to ")
                    + " live and in /etc/sysctl.d (kernel-wide keys only on a host with its own kernel).");
            case SSH -> title.startsWith("sshd allowtcpforwarding ")
                    ? new FindingFix(step, Map.of("ssh.allowTcpForwarding", "no"), "The SSH step sets AllowTcpForwarding no in its "
                    + "sshd drop-in (local if you use ssh -L).")
                    : new FindingFix(step, Map.of(), "The SSH step's drop-in sets " + title.replaceFirst("^sshd (\\S+) is ", "$1 to ")
                    + "; sshd -t checks it before the reload, and a new key login must succeed or the host restores itself.");
            case FIREWALL -> new FindingFix(step, Map.of(), "The firewall step drops on input whatever the host's role does not need "
                    + "(IPv4 and IPv6), with SSH kept open to ClusterDeck's side; add a port to firewall.extraPorts if other hosts need it.");
            case LOGGING -> new FindingFix(step, Map.of(), "The logging step keeps the journal on disk (Storage=persistent) and "
                    + "restarts journald.");
            case UPDATES -> new FindingFix(step, Map.of(), "The updates step installs and enables unattended security upgrades: "
                    + "pending security updates are installed by the next apt-daily-upgrade run (rescan after it).");
            case APPARMOR -> new FindingFix(step, Map.of(), "The AppArmor step puts the services' profiles in enforce mode.");
        });
    }
}
