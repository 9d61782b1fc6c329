package org.clusterdeck.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.clusterdeck.remote.RemoteCommand;
import org.junit.jupiter.api.Test;

/** The preview shows commands as they are sent: with "sudo -n --" for other users, without for root. */
class TuningPlanTest {
    @Test
    void rootLoginsSeeTheCommandsWithoutSudo() {
        TuningPlan plan = new TuningPlan("web1", "profile web", List.of(), SysctlCommands.FILE, null, "x=1\n",
                List.of(RemoteCommand.sudo("sysctl", "-w", "net.core.somaxconn=4096")), null);
        assertThat(plan.commandLines(true)).containsExactly("sysctl -w net.core.somaxconn=4096");
        assertThat(plan.commandLines(false)).containsExactly("sudo -n -- sysctl -w net.core.somaxconn=4096");
    }
}
