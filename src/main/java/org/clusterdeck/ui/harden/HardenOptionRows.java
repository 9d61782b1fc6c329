package org.clusterdeck.ui.harden;

import java.util.List;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.ui.harden.HardenRows.OptionRow;

/**
 * The step options the wizard offers, by the names the step modules document in their javadoc
 * ({@code HardenOptions.values}). A blank value leaves the step's own default; the step validates
 * every value and names the option when one is wrong (the preview then shows that host's error).
 */
final class HardenOptionRows {
    private HardenOptionRows() {
    }

    static List<OptionRow> all() {
        return List.of(
                new OptionRow("firewall.sshRateLimit", HardenStep.FIREWALL, "SSH rate limit", List.of(), "",
                        "New SSH connections per source address, e.g. 10/minute; blank: no limit."),
                new OptionRow("ssh.permitRootLogin", HardenStep.SSH, "Root login over SSH",
                        List.of("", "no", "prohibit-password"), "",
                        "no: root cannot log in; prohibit-password: root only with a key. Default: the step's choice."),
                new OptionRow("apparmor.mode", HardenStep.APPARMOR, "AppArmor profiles", List.of("", "complain", "enforce"), "",
                        "complain: log what a profile would refuse, refuse nothing (try first); enforce: refuse it."));
    }
}
