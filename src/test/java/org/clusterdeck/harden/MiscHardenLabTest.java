package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The logging, updates and AppArmor steps on real lab hosts (booted systemd containers) through the
 * hardening service: logging's journald drop-in applied, journald restarted and its effective
 * values read back, then rolled back exactly — removed where there was none, restored byte for byte
 * where the admin had one, journald restarted again; updates' apt configuration applied, read back
 * with apt-config, a disabled apt timer enabled, then everything exactly as before; AppArmor on
 * this machine's kernel (which has none) skipped with the reason, changing nothing.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class MiscHardenLabTest {

    @Test
    void loggingDropInAppliedVerifiedAndRolledBackExactly(LabHosts lab) throws Exception {
        String name = lab.host(1).name();
        String own = "# the admin's own settings\n[Journal]\nStorage=auto\nSystemMaxUse=77M\n";
        try (HardenLab h = HardenLab.on(lab, "logging-harden-" + ProcessHandle.current().pid())) {
            // round 1: no drop-in before (rollback removes it); round 2: the admin's own drop-in (rollback restores it)
            for (String before : new String[] {null, own}) {
                if (before == null) {
                    check(lab.exec(1, "rm", "-rf", LoggingModule.DROP_IN_DIR));
                } else {
                    check(lab.exec(1, "sh", "-c", "mkdir -p /etc/systemd/journald.conf.d && printf '%s' \"$1\" > " + LoggingModule.DROP_IN, "sh", before));
                }
                long varBytes = Long.parseLong(check(lab.exec(1, "sh", "-c", "df -B1 --output=size /var | tail -n 1")).stdout().strip());
                HardenOptions options = HardenOptions.defaults();
                HostPlan plan = h.service.plan(name, Set.of(HardenStep.LOGGING), null, options, null);
                StepPlan sp = plan.steps().get(0);
                assertThat(sp.skipped()).as(String.valueOf(sp.skipReason())).isFalse();
                String max = LoggingModule.size(LoggingModule.autoMaxUse(varBytes));
                ChangeEngine.Planned file = sp.changes().stream().filter(c -> c.kind() == StepKind.FILE).findFirst().orElseThrow();
                assertThat(file.target()).isEqualTo(LoggingModule.DROP_IN);
                assertThat(file.after()).contains("Storage=persistent\n", "SystemMaxUse=" + max + "\n", "RateLimitIntervalSec=30s\n",
                        "RateLimitBurst=10000\n");
                assertThat(sp.changes().get(sp.changes().size() - 1)).isEqualTo(ChangeEngine.Planned.reload("systemd-journald", "restart"));
                assertThat(sp.notes()).anySatisfy(n -> assertThat(n).contains("journalctl --vacuum-size=" + max));
                assertThat(sp.preview()).noneSatisfy(c -> assertThat(c).contains("vacuum"));
                String invocation = invocation(lab);

                HostResult r = h.service.apply(plan, options, true, null);
                assertThat(r.ok()).as(r.failure() + " " + r.checks()).isTrue();
                assertThat(r.checks()).extracting(Check::what).contains("journald runs", "journald's effective settings", "journal on disk");
                assertThat(check(lab.exec(1, "cat", LoggingModule.DROP_IN)).stdout()).isEqualTo(file.after());
                String applied = invocation(lab);
                assertThat(applied).as("journald restarted").isNotEqualTo(invocation);
                assertThat(check(lab.exec(1, "systemd-analyze", "cat-config", "systemd/journald.conf")).stdout())
                        .contains("SystemMaxUse=" + max);

                ChangeSet back = h.engine.rollback(r.changes().get(0).id(), h.access::open, false, true, null);
                assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
                if (before == null) {
                    assertThat(lab.exec(1, "test", "-e", LoggingModule.DROP_IN_DIR).exitCode()).as("drop-in and its folder removed").isNotZero();
                } else {
                    assertThat(check(lab.exec(1, "cat", LoggingModule.DROP_IN)).stdout()).as("drop-in restored").isEqualTo(before);
                }
                assertThat(invocation(lab)).as("journald restarted after the rollback").isNotEqualTo(applied);
                assertThat(check(lab.exec(1, "systemctl", "is-active", "systemd-journald")).stdout().strip()).isEqualTo("active");
            }
        } finally {
            lab.exec(1, "rm", "-f", LoggingModule.DROP_IN);
        }
    }

    @Test
    void updatesConfiguredVerifiedAndRolledBackExactly(LabHosts lab) throws Exception {
        String name = lab.host(2).name();
        // the host as an admin left it: automatic upgrades off, one own setting; the lab masks both apt timers (and its
        // apt-daily services run /bin/true: a lab host never downloads)
        String auto = "APT::Periodic::Update-Package-Lists \"0\";\nAPT::Periodic::Unattended-Upgrade \"0\";\nAPT::Periodic::AutocleanInterval \"7\";\n";
        check(lab.exec(2, "sh", "-c", "printf '%s' \"$1\" > " + UpdatesModule.AUTO_UPGRADES, "sh", auto));
        check(lab.exec(2, "rm", "-f", UpdatesModule.REBOOT_DROP_IN));
        String timers = timerStates(lab);
        assertThat(timers).isEqualTo("masked\nmasked");
        try (HardenLab h = HardenLab.on(lab, "updates-harden-" + ProcessHandle.current().pid())) {
            HardenOptions options = new HardenOptions(null, Map.of("updates.reboot", "03:30"));
            HostPlan plan = h.service.plan(name, Set.of(HardenStep.UPDATES), null, options, null);
            StepPlan sp = plan.steps().get(0);
            assertThat(sp.skipped()).as(String.valueOf(sp.skipReason())).isFalse();
            assertThat(String.join("\n", sp.preview())).as("unattended-upgrades is installed (packages-test.txt): nothing is downloaded")
                    .doesNotContain("apt-get");
            assertThat(sp.settings()).anySatisfy(s -> assertThat(s).startsWith("Reboot policy: at 03:30"));
            assertThat(sp.changes()).as(plan.facts().get("updates.apt-timers")).extracting(ChangeEngine.Planned::target)
                    .containsExactly(UpdatesModule.AUTO_UPGRADES, UpdatesModule.REBOOT_DROP_IN, "unmask apt-daily.timer and apt-daily-upgrade.timer",
                            "enable apt-daily.timer and apt-daily-upgrade.timer");
            assertThat(sp.warnings()).anySatisfy(w -> assertThat(w).contains("apt-daily.timer and apt-daily-upgrade.timer are masked"));

            HostResult r = h.service.apply(plan, options, true, null);
            assertThat(r.ok()).as(r.failure() + " " + r.checks()).isTrue();
            String dump = check(lab.exec(2, "apt-config", "dump")).stdout();
            assertThat(dump).contains("APT::Periodic::Update-Package-Lists \"1\";", "APT::Periodic::Unattended-Upgrade \"1\";",
                    "APT::Periodic::AutocleanInterval \"7\";", "Unattended-Upgrade::Automatic-Reboot \"true\";",
                    "Unattended-Upgrade::Automatic-Reboot-Time \"03:30\";");
            assertThat(timerStates(lab)).isEqualTo("enabled\nenabled");

            ChangeSet back = h.engine.rollback(r.changes().get(0).id(), h.access::open, false, true, null);
            assertThat(back.state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(check(lab.exec(2, "cat", UpdatesModule.AUTO_UPGRADES)).stdout()).as("20auto-upgrades restored").isEqualTo(auto);
            assertThat(lab.exec(2, "test", "-e", UpdatesModule.REBOOT_DROP_IN).exitCode()).as("reboot drop-in removed").isNotZero();
            assertThat(timerStates(lab)).as("timers masked again").isEqualTo(timers);
        } finally {
            lab.exec(2, "systemctl", "mask", "--now", "apt-daily.timer", "apt-daily-upgrade.timer");
        }
    }

    @Test
    void appArmorIsSkippedWithTheReasonWhereTheKernelHasNone(LabHosts lab) throws Exception {
        String name = lab.host(1).name();
        try (HardenLab h = HardenLab.on(lab, "apparmor-harden-" + ProcessHandle.current().pid())) {
            HardenOptions options = new HardenOptions(null, Map.of("apparmor.mode", "complain"));
            HostPlan plan = h.service.plan(name, Set.of(HardenStep.APPARMOR), null, options, null);
            StepPlan sp = plan.steps().get(0);
            if (Files.isDirectory(Path.of("/sys/kernel/security/apparmor"))) {
                // a machine whose kernel has AppArmor: the lab host shares it, so the kernel is no reason to skip
                assertThat(String.valueOf(sp.skipReason())).doesNotContain("not enabled in the kernel");
                return;
            }
            assertThat(sp.skipped()).isTrue();
            assertThat(sp.skipReason()).contains("AppArmor is not enabled in the kernel of " + name, "/sys/kernel/security/apparmor");
            assertThat(sp.changes()).isEmpty();
            HostResult r = h.service.apply(plan, options, true, null);
            assertThat(r.failure()).isNull();
            assertThat(r.changes()).as("a skipped step changes nothing").isEmpty();
            assertThat(h.engine.changes().list(name, HardenStep.APPARMOR.feature(), 10)).isEmpty();
        }
    }

    private static String timerStates(LabHosts lab) {
        return lab.exec(2, "systemctl", "is-enabled", "apt-daily.timer", "apt-daily-upgrade.timer").stdout().strip();
    }

    private static String invocation(LabHosts lab) {
        return check(lab.exec(1, "systemctl", "show", "-p", "InvocationID", "--value", "systemd-journald")).stdout().strip();
    }

    private static LocalCommand.Result check(LocalCommand.Result r) {
        assertThat(r.exitCode()).as(String.join(" ", r.argv()) + ": " + r.stderr()).isZero();
        return r;
    }

}
