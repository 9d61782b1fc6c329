package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;

/**
 * Planning of the AppArmor, logging and updates steps from host facts (pure: no host). The AppArmor
 * facts below are what a host WITH AppArmor would print — this machine's kernel has none, so the
 * enforce path is planned here and never run for real (MiscHardenLabTest runs the skip path); the
 * aa-status --json sample has the shape apparmor 3's aa-status prints (profiles: name → mode).
 * dnf-automatic is planned from a Rocky Linux os-release for the same reason: no RHEL host here.
 */
class MiscModulesTest {
    private static final HostContext HOST = new HostContext("web1", "10.0.0.11", 22, "admin", Role.WEB, List.of(), List.of(),
            List.of(), List.of(), List.of());
    private static final String APPARMOR_KERNEL = "Y\nsecurityfs";
    private static final String PROFILES = """
            /etc/apparmor.d/usr.sbin.nginx:/usr/sbin/nginx flags=(complain) {
            /etc/apparmor.d/usr.sbin.sshd:profile sshd /usr/sbin/sshd {
            /etc/apparmor.d/usr.sbin.mysqld:/usr/sbin/mysqld {""";
    private static final String STATUS = """
            {"version": "2", "profiles": {"/usr/sbin/nginx": "complain", "sshd": "enforce", "man_filter": "enforce"}, "processes": {}}""";

    private static HostFacts apparmorFacts() {
        return new HostFacts(Map.of("kernel", APPARMOR_KERNEL, "profiles", PROFILES, "status", STATUS, "disabled", "usr.sbin.mysqld",
                "tools", "/usr/sbin/aa-enforce\n/usr/sbin/aa-complain\n/usr/sbin/aa-disable",
                "services", "nginx active\nmysql inactive\nmariadb inactive\nssh active\nsshd active"));
    }

    @Test
    void appArmorEnforcesPresentProfilesWithTheProbedModeAsUndo() {
        StepPlan p = new AppArmorModule().plan(HOST, apparmorFacts(), HardenOptions.defaults());
        assertThat(p.skipped()).isFalse();
        assertThat(p.changes()).containsExactly(
                ChangeEngine.Planned.command("enforce /usr/sbin/nginx profile", List.of("aa-enforce", "/etc/apparmor.d/usr.sbin.nginx"),
                        List.of("aa-complain", "/etc/apparmor.d/usr.sbin.nginx")),
                ChangeEngine.Planned.command("enforce /usr/sbin/mysqld profile", List.of("aa-enforce", "/etc/apparmor.d/usr.sbin.mysqld"),
                        List.of("aa-disable", "/etc/apparmor.d/usr.sbin.mysqld")));
        assertThat(p.settings()).anySatisfy(s -> assertThat(s).startsWith("sshd (/etc/apparmor.d/usr.sbin.sshd): already enforce"));
        assertThat(p.guarded()).as("sshd's profile is untouched, so nothing can cut the login").isFalse();
        assertThat(String.join("\n", p.preview())).doesNotContain("> /etc/apparmor.d").doesNotContain("unconfined");

        StepPlan complain = new AppArmorModule().plan(HOST, apparmorFacts(), new HardenOptions(null, Map.of("apparmor.mode", "complain")));
        assertThat(complain.changes()).extracting(ChangeEngine.Planned::target).contains("complain sshd profile");
        assertThat(complain.guarded()).as("sshd's profile changes: guarded apply").isTrue();
    }

    @Test
    void appArmorSkipsWithoutKernelSupportProfilesOrTools() {
        AppArmorModule m = new AppArmorModule();
        assertThat(m.plan(HOST, new HostFacts(Map.of("kernel", "", "profiles", PROFILES)), HardenOptions.defaults()).skipReason())
                .contains("not enabled in the kernel");
        assertThat(m.plan(HOST, new HostFacts(Map.of("kernel", APPARMOR_KERNEL, "profiles", "")), HardenOptions.defaults()).skipReason())
                .contains("ClusterDeck does not write profiles");
        assertThat(m.plan(HOST, new HostFacts(Map.of("kernel", APPARMOR_KERNEL, "profiles", PROFILES, "tools", "")), HardenOptions.defaults())
                .skipReason()).contains("apparmor-utils");
        assertThatThrownBy(() -> m.plan(HOST, apparmorFacts(), new HardenOptions(null, Map.of("apparmor.mode", "unconfined"))))
                .isInstanceOf(HardenException.class).hasMessageContaining("apparmor.mode 'unconfined'");
    }

    @Test
    void loggingSizesTheJournalByTheDiskAndValidatesItsOptions() {
        long gib = LoggingModule.GIB;
        assertThat(LoggingModule.size(LoggingModule.autoMaxUse(250 * gib))).isEqualTo("4G");
        assertThat(LoggingModule.size(LoggingModule.autoMaxUse(20 * gib))).isEqualTo("2G");
        assertThat(LoggingModule.size(LoggingModule.autoMaxUse(5 * gib))).isEqualTo("512M");
        assertThat(LoggingModule.size(LoggingModule.autoMaxUse(100 * LoggingModule.MIB))).isEqualTo("64M");
        HostFacts facts = new HostFacts(Map.of("var-size", String.valueOf(20 * gib), "usage",
                "Archived and active journals take up 3.5G in the file system.", "active", "active"));
        StepPlan p = new LoggingModule().plan(HOST, facts, HardenOptions.defaults());
        assertThat(p.changes().get(0).after()).contains("SystemMaxUse=2G\n");
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("uses 3584M now, more than the new cap of 2G"));
        StepPlan own = new LoggingModule().plan(HOST, facts, new HardenOptions(null, Map.of("logging.maxUse", "512M", "logging.rateLimit", "500/10s")));
        assertThat(own.changes().get(0).after()).contains("SystemMaxUse=512M\n", "RateLimitIntervalSec=10s\n", "RateLimitBurst=500\n");
        for (String bad : List.of("1T", "4G; rm -rf /", "8M", "")) {
            assertThatThrownBy(() -> new LoggingModule().plan(HOST, facts, new HardenOptions(null, Map.of("logging.maxUse", bad))))
                    .as(bad).isInstanceOf(HardenException.class).hasMessageContaining("logging.maxUse");
        }
        assertThatThrownBy(() -> new LoggingModule().plan(HOST, facts, new HardenOptions(null, Map.of("logging.rateLimit", "10000/30s\n[Journal]"))))
                .isInstanceOf(HardenException.class).hasMessageContaining("logging.rateLimit").hasMessageNotContaining("\n[Journal]");
        assertThat(LoggingModule.effective("# /etc/systemd/journald.conf\n[Journal]\n#Storage=auto\nStorage=volatile\n\n# /etc/x.conf\n[Journal]\nStorage=persistent\n"))
                .containsEntry("Storage", "persistent");
    }

    @Test
    void updatesChoosesTheFamilyFromOsReleaseAndKeepsTheAdminsOtherSettings() {
        assertThat(UpdatesModule.family("ID=ubuntu\nID_LIKE=debian")).isEqualTo(UpdatesModule.Family.DEBIAN);
        assertThat(UpdatesModule.family("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"")).isEqualTo(UpdatesModule.Family.RHEL);
        assertThat(UpdatesModule.family("ID=alpine")).isEqualTo(UpdatesModule.Family.OTHER);
        String merged = UpdatesModule.setAptValues("APT::Periodic::Unattended-Upgrade \"0\";\nAPT::Periodic::AutocleanInterval \"7\";\n",
                Map.of("APT::Periodic::Update-Package-Lists", "1", "APT::Periodic::Unattended-Upgrade", "1"));
        assertThat(merged).isEqualTo("APT::Periodic::Unattended-Upgrade \"1\";\nAPT::Periodic::AutocleanInterval \"7\";\n"
                + "APT::Periodic::Update-Package-Lists \"1\";\n");

        HostFacts missing = new HostFacts(Map.of("os-release", "ID=debian", "dpkg", "", "apt-timers", "apt-daily.timer enabled\napt-daily-upgrade.timer enabled"));
        StepPlan p = new UpdatesModule().plan(HOST, missing, HardenOptions.defaults());
        assertThat(p.changes().get(0)).isEqualTo(ChangeEngine.Planned.command("install unattended-upgrades",
                List.of("apt-get", "install", "-y", "--no-install-recommends", "unattended-upgrades"), List.of("apt-get", "purge", "-y", "unattended-upgrades")));
        assertThat(p.changes()).filteredOn(c -> UpdatesModule.REBOOT_DROP_IN.equals(c.target())).singleElement()
                .satisfies(c -> assertThat(c.after()).contains("Unattended-Upgrade::Automatic-Reboot \"false\";"));
        assertThat(p.settings()).anySatisfy(s -> assertThat(s).startsWith("Reboot policy: never"));

        HostFacts rocky = new HostFacts(Map.of("os-release", "ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"", "rpm", "dnf-automatic-4.14.0-9.el9.noarch",
                "dnf-conf", "[commands]\nupgrade_type = default\napply_updates = no\n\n[emitters]\nemit_via = stdio\n", "dnf-timer", "disabled"));
        StepPlan r = new UpdatesModule().plan(HOST, rocky, new HardenOptions(null, Map.of("updates.reboot", "when-needed")));
        ChangeEngine.Planned conf = r.changes().get(0);
        assertThat(conf.kind()).isEqualTo(StepKind.FILE);
        assertThat(conf.after()).isEqualTo("[commands]\nupgrade_type = security\napply_updates = yes\ndownload_updates = yes\nreboot = when-needed\n\n"
                + "[emitters]\nemit_via = stdio\n");
        assertThat(r.changes().get(1)).isEqualTo(ChangeEngine.Planned.command("enable dnf-automatic-install.timer",
                List.of("systemctl", "enable", "--now", "dnf-automatic-install.timer"), List.of("systemctl", "disable", "--now", "dnf-automatic-install.timer")));
        assertThatThrownBy(() -> new UpdatesModule().plan(HOST, rocky, new HardenOptions(null, Map.of("updates.reboot", "03:00"))))
                .isInstanceOf(HardenException.class).hasMessageContaining("cannot reboot at a set time");
        for (String bad : List.of("24:00", "3:00", "always", "03:00;reboot")) {
            assertThatThrownBy(() -> UpdatesModule.reboot(new HardenOptions(null, Map.of("updates.reboot", bad))))
                    .as(bad).isInstanceOf(HardenException.class).hasMessageContaining("updates.reboot");
        }
    }
}
