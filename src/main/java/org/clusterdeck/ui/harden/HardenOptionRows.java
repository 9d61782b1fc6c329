package org.clusterdeck.ui.harden;

import java.util.List;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.ui.harden.HardenRows.OptionRow;

/**
 * The step options the wizard offers, by the names and values the step modules document in their
 * javadoc (FirewallOptions, SshModule, KernelModule, PermissionsModule, AppArmorModule, LoggingModule, UpdatesModule).
 * A blank value leaves the step's own default; the step validates every value and names the option
 * when one is wrong (the preview then shows that host's error).
 */
final class HardenOptionRows {
    private HardenOptionRows() {
    }

    static List<OptionRow> all() {
        return List.of(
                new OptionRow("firewall.sshFrom", HardenStep.FIREWALL, "SSH allowed from", List.of(), "",
                        "Default: ClusterDeck's own side only. \"anywhere\", or addresses/blocks allowed as well (10.0.0.0/8)."),
                new OptionRow("firewall.sshRateLimit", HardenStep.FIREWALL, "SSH rate limit", List.of(), "",
                        "New SSH connections per source, N/second|minute|hour (e.g. 10/minute); blank: no limit."),
                new OptionRow("firewall.extraPorts", HardenStep.FIREWALL, "More open ports", List.of(), "",
                        "e.g. 8443/tcp from 10.0.0.0/8, 9100/tcp (without \"from\": from anywhere)."),
                new OptionRow("firewall.backend", HardenStep.FIREWALL, "Firewall tool", List.of("", "auto", "nft", "iptables"), "",
                        "Default auto: nftables where nft exists, else iptables."),
                new OptionRow("firewall.existing", HardenStep.FIREWALL, "ufw or firewalld active", List.of("", "keep", "stop"), "",
                        "Default keep: the step is skipped and says what to do; stop: disable it (undone on roll back)."),
                new OptionRow("ssh.permitRootLogin", HardenStep.SSH, "Root login over SSH", List.of("", "no", "prohibit-password"), "",
                        "Default: prohibit-password when ClusterDeck logs in as root, else no."),
                new OptionRow("ssh.allowTcpForwarding", HardenStep.SSH, "SSH TCP forwarding", List.of("", "no", "local", "yes"), "",
                        "Default no."),
                new OptionRow("ssh.allowUsers", HardenStep.SSH, "SSH users allowed", List.of(), "",
                        "User names separated by blanks; must include ClusterDeck's login user. Blank: not limited."),
                new OptionRow("kernel.ipForward", HardenStep.KERNEL, "IP forwarding", List.of("", "auto", "keep"), "",
                        "Default auto: off unless libvirt NAT, Docker or routing need it; keep: never touched."),
                new OptionRow("permissions.worldWritable", HardenStep.PERMISSIONS, "World-writable files", List.of("", "remove", "keep"), "",
                        "Default remove: files and directories in /usr, /etc, /boot, /opt lose \"others may write\" (chmod o-w)."),
                new OptionRow("permissions.suid", HardenStep.PERMISSIONS, "Unexpected SUID programs", List.of("", "keep", "remove"), "",
                        "Default keep: a vendor's program may need its set-user-ID bit; remove takes it from all but the well-known ones."),
                new OptionRow("apparmor.mode", HardenStep.APPARMOR, "AppArmor profiles", List.of("", "enforce", "complain"), "",
                        "Default enforce; complain logs what a profile would refuse and refuses nothing (try it first)."),
                new OptionRow("logging.maxUse", HardenStep.LOGGING, "Journal size cap", List.of(), "",
                        "Default auto: 10% of /var, at most 4G; or a size from 16M to 64G (512M, 2G)."),
                new OptionRow("logging.rateLimit", HardenStep.LOGGING, "Journal rate limit", List.of(), "",
                        "Messages per service, BURST/SECONDSs (default 10000/30s), or off."),
                new OptionRow("updates.reboot", HardenStep.UPDATES, "Reboot after updates", List.of(), "",
                        "Default never (waits for you); when-needed; or HH:MM (reboot then when needed)."));
    }
}
