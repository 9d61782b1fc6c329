package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.tuning.Severity;
import org.junit.jupiter.api.Test;

/**
 * The source's own hardening section (seed lines 31-38, as pasted: commands glued on one line) must
 * yield every mistake the hardening brief lists; a sound snippet yields none; hostile text is only
 * read and shown escaped.
 */
class SnippetCheckTest {
    /** Lines 31-38 of ../shared/seed/000_18ba07c2ae3ca1a0.txt, copied verbatim (the tests must not depend on the seed's path). */
    static final String SOURCE = """
            3 安全加固体系构建
            采用CIS Linux Benchmark 1.4.1标准:
            - 防火墙策略:
            iptables -A INPUT -p tcp --dport 80 -m conntrack --ctstate NEW -j ACCEPT iptables -A INPUT -p tcp --dport 443 -m conntrack --ctstate NEW -j ACCEPT iptables -A INPUT -p tcp --dport 22 -m conntrack --ctstate NEW -j ACCEPT iptables -A INPUT -j DROP
            - 入侵检测:
            sudo systemctl enable AppArmor echo 'unconfined' > /etc/apparmor.d默认策略 sudo systemctl restart AppArmor
            - 日志审计:
            journalctl --vacuum-size=10M --no-pager grep 'error' /var/log/syslog | audit2why
            """;

    @Test
    void sourceSnippetMatchesTheSeedVerbatim() throws Exception {
        Path seed = Path.of("..", "shared", "seed", "000_18ba07c2ae3ca1a0.txt");
        if (Files.exists(seed)) {
            List<String> lines = Files.readAllLines(seed, StandardCharsets.UTF_8);
            assertThat(String.join("\n", lines.subList(30, 38)) + "\n").isEqualTo(SOURCE);
        }
    }

    @Test
    void everyMistakeOfTheSourceIsFoundWithReasonAndFix() {
        SnippetReport r = SnippetCheck.check(SOURCE);
        List<SnippetProblem> p = r.problems();
        // firewall line (line 4)
        assertProblem(p, 4, Severity.WARNING, "4 commands run together");
        assertProblem(p, 4, Severity.WARNING, "-A appends after the rules already in INPUT");
        assertProblem(p, 4, Severity.WARNING, "SSH (port 22) is accepted from the whole internet");
        assertProblem(p, 4, Severity.ERROR, "no rule accepts loopback");
        assertProblem(p, 4, Severity.ERROR, "no rule accepts ESTABLISHED,RELATED");
        assertProblem(p, 4, Severity.ERROR, "only the first packet");
        assertProblem(p, 4, Severity.ERROR, "a DROP applied by hand with no guard");
        assertProblem(p, 4, Severity.WARNING, "only IPv4 is filtered");
        assertProblem(p, 4, Severity.WARNING, "nothing saves these rules");
        assertProblem(p, 4, Severity.WARNING, "all ICMP is dropped");
        SnippetProblem drop = p.stream().filter(x -> x.reason().contains("no guard")).findFirst().orElseThrow();
        assertThat(drop.fragment()).isEqualTo("iptables -A INPUT -j DROP");
        assertThat(drop.column()).isGreaterThan(200);
        // AppArmor line (line 6)
        assertThat(p.stream().filter(x -> x.line() == 6 && x.reason().contains("unit names are case-sensitive"))).hasSize(2);
        assertProblem(p, 6, Severity.ERROR, "'unconfined' is not a profile");
        assertProblem(p, 6, Severity.ERROR, "glued on without '/'");
        assertProblem(p, 6, Severity.WARNING, "3 commands run together");
        // journal line (line 8)
        assertProblem(p, 8, Severity.WARNING, "vacuuming deletes the oldest journal files");
        assertProblem(p, 8, Severity.WARNING, "journalctl and grep run together without '|'");
        assertProblem(p, 8, Severity.ERROR, "audit2why is SELinux's tool");
        assertProblem(p, 8, Severity.WARNING, "/var/log/syslog exists only where rsyslog");
        assertThat(p).allSatisfy(x -> assertThat(x.fix()).isNotBlank());

        assertThat(r.stepsArgument()).isEqualTo("firewall,apparmor,logging");
        assertThat(r.plan()).anySatisfy(s -> assertThat(s).contains("role lb (80,443 from anywhere) or web").contains("22 only from the admin side"));
        assertThat(r.suggestedOptions()).containsEntry("apparmor.mode", "enforce").containsEntry("logging.maxUse", "auto");
        assertThat(r.unchecked()).isEmpty();
        String text = r.render();
        assertThat(text).contains("ERROR   line 4, column ").contains("harden plan --host HOST --steps firewall,apparmor,logging");
    }

    @Test
    void sshdSysctlAndOtherFirewallMistakes() {
        SnippetReport r = SnippetCheck.check("""
                PermitRootLogin yes
                PasswordAuthentication yes
                Protocol 1
                Ciphers aes128-ctr,arcfour256
                MACs hmac-sha2-256,hmac-md5
                KexAlgorithms curve25519-sha256,diffie-hellman-group1-sha1
                Ciphers aes256-cbc
                kernel.core_pattern = |/tmp/evil %p
                kernel.randomize_va_space = 0
                nft flush ruleset
                ufw enable
                iptables -P INPUT DROP
                iptables -A INPUT -i lo -j ACCEPT
                iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
                firewall-cmd --add-service=http
                aa-disable /etc/apparmor.d/usr.sbin.nginx
                sudo systemctl disable apparmor
                Storage=volatile
                """);
        List<SnippetProblem> p = r.problems();
        assertProblem(p, 1, Severity.ERROR, "root may log in with a password");
        assertProblem(p, 2, Severity.WARNING, "passwords can be guessed");
        assertProblem(p, 3, Severity.ERROR, "protocol 1 is broken");
        assertProblem(p, 4, Severity.ERROR, "arcfour256");
        assertProblem(p, 5, Severity.ERROR, "hmac-md5");
        assertProblem(p, 6, Severity.ERROR, "diffie-hellman-group1-sha1");
        assertProblem(p, 7, Severity.WARNING, "CBC mode");
        assertProblem(p, 8, Severity.ERROR, "core_pattern");
        assertProblem(p, 10, Severity.ERROR, "flush ruleset deletes every nftables table");
        assertProblem(p, 11, Severity.ERROR, "enabling it before SSH is allowed");
        assertProblem(p, 12, Severity.ERROR, "the DROP policy is set before the rules that accept SSH");
        assertProblem(p, 15, Severity.WARNING, "without --permanent");
        assertProblem(p, 16, Severity.WARNING, "disables the profile");
        assertProblem(p, 17, Severity.ERROR, "this turns AppArmor off");
        assertProblem(p, 18, Severity.WARNING, "Storage=volatile");
        assertProblem(p, 9, Severity.WARNING, "address space layout randomisation"); // judged by kernel tuning's validator
        assertThat(r.suggestedOptions()).containsEntry("ssh.permitRootLogin", "no");
        assertThat(r.suggestedSteps()).contains(HardenStep.SSH, HardenStep.KERNEL, HardenStep.FIREWALL, HardenStep.APPARMOR, HardenStep.LOGGING);
    }

    @Test
    void nftablesAndUfwRulesetsAreJudgedAsAWhole() {
        SnippetReport bad = SnippetCheck.check("""
                nft add table inet filter
                nft add chain inet filter input { type filter hook input priority 0; policy drop; }
                nft add rule inet filter input tcp dport 22 accept
                """);
        assertProblem(bad.problems(), 2, Severity.ERROR, "no rule accepts loopback");
        assertProblem(bad.problems(), 2, Severity.ERROR, "no rule accepts ESTABLISHED,RELATED");
        assertProblem(bad.problems(), 2, Severity.ERROR, "the DROP policy is set before the rules that accept SSH");
        assertThat(bad.unchecked()).as("the chain's braces hold its ';'").isEmpty();
        SnippetReport good = SnippetCheck.check("""
                ufw default deny incoming
                ufw allow from 192.0.2.0/24 to any port 22 proto tcp
                ufw allow 80/tcp
                ufw enable
                """);
        assertThat(good.problems()).as(good.render()).isEmpty();
        SnippetReport early = SnippetCheck.check("ufw enable\nufw allow ssh\n");
        assertProblem(early.problems(), 1, Severity.ERROR, "enabling it before SSH is allowed");
        assertProblem(early.problems(), 2, Severity.WARNING, "SSH is allowed from the whole internet");
    }

    @Test
    void soundSnippetHasNoProblems() {
        SnippetReport r = SnippetCheck.check("""
                # guard: the old rules come back in 5 minutes unless this timer is stopped
                systemd-run --on-active=300 --unit=fw-guard iptables-restore /root/rules.before
                iptables -F INPUT
                iptables -A INPUT -i lo -j ACCEPT
                iptables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
                iptables -A INPUT -p icmp -j ACCEPT
                iptables -A INPUT -p tcp -s 192.0.2.10 --dport 22 -j ACCEPT
                iptables -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
                iptables -P INPUT DROP
                ip6tables -F INPUT
                ip6tables -A INPUT -i lo -j ACCEPT
                ip6tables -A INPUT -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT
                ip6tables -A INPUT -p ipv6-icmp -j ACCEPT
                ip6tables -A INPUT -p tcp -m multiport --dports 80,443 -j ACCEPT
                ip6tables -P INPUT DROP
                netfilter-persistent save
                PermitRootLogin no
                PasswordAuthentication no
                Ciphers chacha20-poly1305@openssh.com,aes256-gcm@openssh.com
                MACs hmac-sha2-512-etm@openssh.com
                KexAlgorithms curve25519-sha256
                net.ipv4.tcp_syncookies = 1
                net.ipv4.conf.all.rp_filter = 1
                sudo systemctl enable --now apparmor
                aa-enforce /etc/apparmor.d/usr.sbin.nginx
                Storage=persistent
                SystemMaxUse=2G
                journalctl -p err -b
                """);
        assertThat(r.problems()).as(r.render()).isEmpty();
        assertThat(r.render()).startsWith("No problems found.");
        assertThat(r.stepsArgument()).isEqualTo("firewall,ssh,kernel,apparmor,logging");
    }

    @Test
    void hostileTextIsOnlyReadAndShownEscaped() {
        Path pwned = Path.of("/tmp/clusterdeck-snippet-pwned-" + ProcessHandle.current().pid());
        String hostile = "iptables -A INPUT -s $(touch " + pwned + ") -j ACCEPT; `touch " + pwned + "`\n"
                + "echo \u001b[2K\u001b[1A fake 'ok' \u0000 > /etc/apparmor.d/x\r\n"
                + "PermitRootLogin yes # \u202e hidden";
        SnippetReport r = SnippetCheck.check(hostile);
        assertThat(Files.exists(pwned)).isFalse();
        assertProblem(r.problems(), 1, Severity.WARNING, "command substitution");
        assertProblem(r.problems(), 2, Severity.WARNING, "a control character");
        assertProblem(r.problems(), 2, Severity.ERROR, "writes into AppArmor's policy directory");
        assertProblem(r.problems(), 3, Severity.ERROR, "root may log in");
        String text = r.render();
        assertThat(text).contains("\\x1b[2K").contains("\\x00").contains("\\u202e").doesNotContain("\u001b").doesNotContain("\u0000")
                .doesNotContain("\u202e").doesNotContain("\r");
        assertThat(r.problems()).allSatisfy(x -> assertThat(x.fragment() + x.reason() + x.fix()).doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f]"));
    }

    @Test
    void emptyOrHugeInputIsRefusedWithTheReason() {
        assertThatThrownBy(() -> SnippetCheck.check("  \n")).isInstanceOf(HardenException.class).hasMessageContaining("Nothing to check");
        assertThatThrownBy(() -> SnippetCheck.check("x".repeat(SnippetCheck.MAX_CHARS + 1))).isInstanceOf(HardenException.class)
                .hasMessageContaining("at most " + SnippetCheck.MAX_CHARS);
    }

    private static void assertProblem(List<SnippetProblem> problems, int line, Severity severity, String reasonPart) {
        assertThat(problems).as("line %d, %s: %s", line, severity, reasonPart)
                .anySatisfy(x -> {
                    assertThat(x.line()).isEqualTo(line);
                    assertThat(x.severity()).isEqualTo(severity);
                    assertThat(x.reason()).contains(reasonPart);
                });
    }
}
