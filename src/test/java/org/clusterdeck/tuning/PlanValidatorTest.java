package org.clusterdeck.tuning;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PlanValidatorTest {
    /** The fragment exactly as the source document prints it: one line, comments and settings run together. */
    static final String SOURCE_FRAGMENT = "# /etc/sysctl.conf net.core.somaxconn=1024 net.ipv4.ip_local_port_range=1024 65535 "
            + "net.ipv4.tcp_max_syn_backlog=4096 net.ipv4.tcp_max_orphaned=10000 # /etc/sysctl.d/99-vm.conf "
            + "vm.nr_overcommit_memory=1 vm.panic_on_overshoot=0 vm.panic_on_overcommit=0";

    private final SysctlCatalog catalog = SysctlCatalog.load();
    private final PlanValidator validator = new PlanValidator(catalog);

    private ValidationReport validate(String text) {
        SysctlFragmentParser.Result parsed = SysctlFragmentParser.parse(text);
        ValidationReport r = validator.validate(parsed.settings());
        List<PlanIssue> all = new java.util.ArrayList<>(parsed.issues());
        all.addAll(r.issues());
        return new ValidationReport(r.accepted(), all);
    }

    @Test
    void sourceFragmentYieldsExactlyTheFourWrongKeysWithTheirRealNames() {
        ValidationReport r = validate(SOURCE_FRAGMENT);

        assertThat(r.errors()).extracting(PlanIssue::key, PlanIssue::fix).containsExactly(
                org.assertj.core.groups.Tuple.tuple("net.ipv4.tcp_max_orphaned", "replace with net.ipv4.tcp_max_orphans = 10000"),
                org.assertj.core.groups.Tuple.tuple("vm.nr_overcommit_memory", "replace with vm.overcommit_memory = 1"),
                org.assertj.core.groups.Tuple.tuple("vm.panic_on_overshoot", "replace with vm.panic_on_oom = 0"),
                org.assertj.core.groups.Tuple.tuple("vm.panic_on_overcommit", "replace with vm.panic_on_oom = 0"));
        assertThat(r.errors()).allSatisfy(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.message()).contains("unknown key").contains("did you mean");
        });
        assertThat(r.accepted()).extracting(ValidSetting::key, ValidSetting::value).containsExactly(
                org.assertj.core.groups.Tuple.tuple("net.core.somaxconn", "1024"),
                org.assertj.core.groups.Tuple.tuple("net.ipv4.ip_local_port_range", "1024 65535"),
                org.assertj.core.groups.Tuple.tuple("net.ipv4.tcp_max_syn_backlog", "4096"));
        assertThat(r.warnings()).singleElement().satisfies(w ->
                assertThat(w.message()).contains("this whole line is a comment"));
    }

    @Test
    void errorsPointAtTheColumnOfTheBadKey() {
        PlanIssue orphans = validate(SOURCE_FRAGMENT).errors().get(0);
        assertThat(SOURCE_FRAGMENT.substring(orphans.column() - 1)).startsWith("net.ipv4.tcp_max_orphaned=10000");
    }

    @ParameterizedTest(name = "{0} = {1} is rejected: {2}")
    @CsvSource(delimiter = '|', value = {
            "net.ipv4.ip_local_port_range | 1024-65535 | write net.ipv4.ip_local_port_range = 1024 65535",
            "net.ipv4.ip_local_port_range | 1024       | expects 2 integers",
            "net.ipv4.ip_local_port_range | 60999 32768 | non-decreasing order",
            "net.ipv4.ip_local_port_range | 80 65535   | out of range",
            "net.core.somaxconn           | lots       | not an integer",
            "net.core.somaxconn           | -1         | out of range 0..2147483647",
            "net.ipv4.tcp_keepalive_probes | 128       | out of range 1..127",
            "vm.overcommit_memory         | 3          | takes 0, 1 or 2",
            "vm.swappiness                | 201        | out of range 0..200",
            "net.ipv4.tcp_rmem            | 4096 87380 | expects 3 integers",
            "net.core.default_qdisc       | fq;reboot  | not a single word",
            "net.ipv4.tcp_tw_recycle      | 1          | Removed in Linux 4.12",
    })
    void badValuesAreRejectedWithTheValidRange(String key, String value, String expected) {
        ValidationReport r = validator.validate(List.of(new SettingInput(key, value, null, 1, 1)));
        assertThat(r.accepted()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> assertThat(e.message() + " " + e.fix()).contains(expected));
    }

    @ParameterizedTest(name = "{0} = {1} is accepted as {2}")
    @CsvSource(delimiter = '|', value = {
            "net.ipv4.ip_local_port_range | '1024\t65535' | 1024 65535",
            "net.core.somaxconn           | 0065535       | 65535",
            "net.ipv4.tcp_rmem            | 4096 87380 16777216 | 4096 87380 16777216",
            "vm.overcommit_memory         | 2             | 2",
    })
    void validValuesAreNormalizedToTheKernelSpelling(String key, String value, String expected) {
        ValidationReport r = validator.validate(List.of(new SettingInput(key, value, null, 1, 1)));
        assertThat(r.issues()).isEmpty();
        assertThat(r.accepted()).singleElement().extracting(ValidSetting::value).isEqualTo(expected);
    }

    @Test
    void realKeyOutsideTheCatalogIsAcceptedWithAWarning() {
        ValidationReport r = validator.validate(List.of(new SettingInput("net.ipv6.conf.eth0.disable_ipv6", "1", null, 4, 1)));
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.accepted()).hasSize(1);
        assertThat(r.warnings()).singleElement().satisfies(w -> assertThat(w.message()).contains("not in ClusterDeck's catalog"));
    }

    @Test
    void hostWithoutAKeyRejectsItAndSuggestsFromTheHostsOwnKeys() {
        HostSysctls host = new HostSysctls(Map.of("net.core.somaxconn", "4096", "net.ipv4.tcp_fin_timeout", "60",
                "net.ipv4.tcp_available_congestion_control", "reno cubic", "net.ipv4.tcp_congestion_control", "cubic"));
        ValidationReport r = validator.validate(List.of(
                new SettingInput("net.ipv4.tcp_fin_timout", "15", null, 1, 1),
                new SettingInput("net.ipv4.tcp_congestion_control", "bbr", null, 2, 1),
                new SettingInput("net.ipv4.tcp_max_orphans", "65536", null, 3, 1)), host, false);
        assertThat(r.errors()).extracting(PlanIssue::describe).containsExactly(
                "line 1: unknown key net.ipv4.tcp_fin_timout: this host has no such key; did you mean net.ipv4.tcp_fin_timeout? (fix: replace with net.ipv4.tcp_fin_timeout = 15)",
                "line 2: net.ipv4.tcp_congestion_control: 'bbr' is not allowed; net.ipv4.tcp_congestion_control takes reno or cubic (what this host lists in net.ipv4.tcp_available_congestion_control) (fix: use one of: reno, cubic)",
                "line 3: this host's kernel has no net.ipv4.tcp_max_orphans (not visible in its network namespace, a module not loaded, or an older kernel) (fix: remove it from the plan for this host)");
    }

    @Test
    void labHostLeavesOutKeysThatWouldChangeTheWholeMachine() {
        HostSysctls host = new HostSysctls(Map.of("net.core.somaxconn", "4096", "vm.overcommit_memory", "0"));
        ValidationReport r = validator.validate(List.of(
                new SettingInput("net.core.somaxconn", "8192", null, 0, 0),
                new SettingInput("vm.overcommit_memory", "1", null, 0, 0),
                new SettingInput("net.ipv4.tcp_max_orphans", "65536", null, 0, 0)), host, true);
        assertThat(r.hasErrors()).isFalse();
        assertThat(r.accepted()).extracting(ValidSetting::key).containsExactly("net.core.somaxconn");
        assertThat(r.warnings()).hasSize(2).allSatisfy(w -> assertThat(w.message()).contains("would change this whole machine"));
    }

    @Test
    void everyProfileIsValidAgainstTheCatalog() {
        for (TuningProfile p : TuningProfiles.load(catalog).all()) {
            ValidationReport r = validator.validate(p.settings().stream().map(SettingInput::fromProfile).toList());
            assertThat(r.issues()).as(p.id()).isEmpty();
            assertThat(r.accepted()).as(p.id()).hasSize(p.settings().size());
        }
    }

    @Test
    void catalogCoversTheSourcesSettingsAndThirtyCommonKeys() {
        assertThat(catalog.size()).isGreaterThanOrEqualTo(35);
        assertThat(catalog.find("net.ipv4.tcp_max_orphans")).isPresent();
        assertThat(catalog.find("vm.overcommit_memory")).hasValueSatisfying(s -> {
            assertThat(s.risk()).isEqualTo(Risk.HIGH);
            assertThat(s.perNetns()).isFalse();
            assertThat(s.source()).startsWith("https://");
        });
        assertThat(catalog.find("net.ipv4.ip_local_port_range")).hasValueSatisfying(s -> assertThat(s.perNetns()).isTrue());
    }

    @Test
    void catalogKeysExistInTheShippedKernelKeyList() throws Exception {
        assertThat(catalog.all()).filteredOn(s -> s.type() != SysctlType.REMOVED).allSatisfy(s ->
                assertThat(PlanValidator.kernelKeys()).as(s.key()).contains(s.key()));
        assertThat(Files.exists(Path.of("src/main/resources/tuning/kernel-keys.txt"))).isTrue();
    }

    @Test
    void takingTheSuggestionsTurnsTheSourceFragmentIntoAValidOne() {
        ValidationReport first = validate(SOURCE_FRAGMENT);
        FragmentFixes.Result fixed = FragmentFixes.applyKeySuggestions(SOURCE_FRAGMENT, first.issues());

        assertThat(fixed.replaced()).isEqualTo(4);
        assertThat(fixed.text()).contains("net.ipv4.tcp_max_orphans=10000", "vm.overcommit_memory=1",
                "vm.panic_on_oom=0 vm.panic_on_oom=0").doesNotContain("orphaned", "nr_overcommit", "overshoot");
        ValidationReport second = validate(fixed.text());
        assertThat(second.hasErrors()).isFalse();
        assertThat(second.accepted()).extracting(ValidSetting::key).containsExactly("net.core.somaxconn",
                "net.ipv4.ip_local_port_range", "net.ipv4.tcp_max_syn_backlog", "net.ipv4.tcp_max_orphans",
                "vm.overcommit_memory", "vm.panic_on_oom");
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '=', value = {
            "kernel.core_pattern = |/tmp/evil %p",
            "kernel.core_pattern =   | /usr/bin/x",
            "kernel.modprobe = /tmp/evil",
            "kernel.poweroff_cmd = /tmp/evil",
            "kernel.hotplug = /tmp/evil",
            "kernel.usermodehelper.bset = 4294967295 63"})
    void keysThatMakeTheKernelRunAProgramAreRefused(String key, String value) {
        ValidationReport r = validate(key.strip() + " = " + value.strip());

        assertThat(r.accepted()).isEmpty();
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.key()).isEqualTo(key.strip());
            assertThat(e.message()).contains("is refused").contains("as root");
            assertThat(e.fix()).isEqualTo("delete this line");
        });
    }

    @Test
    void aCorePatternThatNamesAFileIsAccepted() {
        ValidationReport r = validate("kernel.core_pattern = core.%p");

        assertThat(r.errors()).isEmpty();
        assertThat(r.accepted()).extracting(ValidSetting::key).containsExactly("kernel.core_pattern");
    }

    @Test
    void loweringAProtectionIsAcceptedWithAWarningThatNamesWhatIsLost() {
        ValidationReport r = validate("kernel.randomize_va_space = 0\nkernel.kptr_restrict = 2\nfs.protected_symlinks = 0");

        assertThat(r.errors()).isEmpty();
        assertThat(r.accepted()).extracting(ValidSetting::key)
                .containsExactly("kernel.randomize_va_space", "kernel.kptr_restrict", "fs.protected_symlinks");
        List<PlanIssue> weakening = r.warnings().stream().filter(w -> w.message().contains("turns off")).toList();
        assertThat(weakening).extracting(PlanIssue::key)
                .containsExactly("kernel.randomize_va_space", "fs.protected_symlinks");
        assertThat(weakening.get(0).message()).contains("address space layout randomisation").contains("safe value: 2");
    }
}
