package org.clusterdeck.tuning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class SysctlFragmentParserTest {
    @Test
    void sourceOneLineFormIsSplitIntoItsSevenSettings() {
        SysctlFragmentParser.Result r = SysctlFragmentParser.parse(PlanValidatorTest.SOURCE_FRAGMENT);
        assertThat(r.settings()).extracting(SettingInput::key, SettingInput::value).containsExactly(
                tuple("net.core.somaxconn", "1024"),
                tuple("net.ipv4.ip_local_port_range", "1024 65535"),
                tuple("net.ipv4.tcp_max_syn_backlog", "4096"),
                tuple("net.ipv4.tcp_max_orphaned", "10000"),
                tuple("vm.nr_overcommit_memory", "1"),
                tuple("vm.panic_on_overshoot", "0"),
                tuple("vm.panic_on_overcommit", "0"));
        assertThat(r.issues()).singleElement().satisfies(i -> assertThat(i.line()).isEqualTo(1));
    }

    @Test
    void ordinarySysctlConfKeepsLineNumbersAndSkipsComments() {
        String text = "# tuned for web\n\nnet.core.somaxconn = 4096\n; old style comment\n"
                + "net.ipv4.ip_local_port_range =\t10240   65535\n-net.ipv4.tcp_fin_timeout=15\nnet/ipv4/tcp_syncookies = 1\n";
        SysctlFragmentParser.Result r = SysctlFragmentParser.parse(text);
        assertThat(r.issues()).isEmpty();
        assertThat(r.settings()).extracting(SettingInput::key, SettingInput::value, SettingInput::line).containsExactly(
                tuple("net.core.somaxconn", "4096", 3),
                tuple("net.ipv4.ip_local_port_range", "10240   65535", 5),
                tuple("net.ipv4.tcp_fin_timeout", "15", 6),
                tuple("net.ipv4.tcp_syncookies", "1", 7));
    }

    @Test
    void lineWithoutEqualsIsAnErrorAndPastedCommandIsAWarning() {
        SysctlFragmentParser.Result r = SysctlFragmentParser.parse("net.core.somaxconn 4096\nsudo sysctl -w net.core.somaxconn=8192\n");
        assertThat(r.issues()).extracting(PlanIssue::severity, PlanIssue::line)
                .containsExactly(tuple(Severity.ERROR, 1), tuple(Severity.WARNING, 2));
        assertThat(r.settings()).extracting(SettingInput::key, SettingInput::value).containsExactly(tuple("net.core.somaxconn", "8192"));
    }

    @Test
    void trailingCommentIsNotPartOfTheValue() {
        SysctlFragmentParser.Result r = SysctlFragmentParser.parse("vm.swappiness=10 # less swap");
        assertThat(r.settings()).extracting(SettingInput::value).containsExactly("10");
        assertThat(r.issues()).singleElement().satisfies(i -> assertThat(i.severity()).isEqualTo(Severity.WARNING));
    }

    @Test
    void hostileTextStaysLiteralValueText() {
        SysctlFragmentParser.Result r = SysctlFragmentParser.parse("net.core.default_qdisc = fq; reboot $(id) `x`\n");
        assertThat(r.settings()).extracting(SettingInput::value).containsExactly("fq; reboot $(id) `x`");
    }
}
