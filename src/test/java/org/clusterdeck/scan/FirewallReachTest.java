package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Whether the loaded input firewall closes a port, from nft and iptables listings; cautious where unsure. */
class FirewallReachTest {
    private static List<String> nft(String ruleset) {
        return Arrays.stream(ruleset.split("\n")).map(l -> "nft " + l).toList();
    }

    /** The table the hardening firewall step loads, as nft lists it, for a web host without a load balancer. */
    private static final String CLUSTERDECK = """
            table inet clusterdeck {
            \tset ssh_meter4 {
            \t\ttype ipv4_addr
            \t\tsize 65535
            \t\tflags dynamic,timeout
            \t\ttimeout 10m
            \t}

            \tchain input {
            \t\ttype filter hook input priority filter; policy drop;
            \t\tiif "lo" accept
            \t\tct state established,related accept
            \t\tct state invalid drop
            \t\ticmp type { destination-unreachable, time-exceeded, parameter-problem } accept
            \t\ttcp dport 22 ct state new update @ssh_meter4 { ip saddr limit rate over 10/minute burst 10 packets } drop
            \t\tip saddr { 10.0.0.1 } tcp dport 22 accept
            \t\tip saddr { 10.0.0.1 } tcp dport { 80, 443 } accept
            \t\tip saddr 10.0.0.0/8 tcp dport 8000-8010 accept
            \t}
            }
            """;

    @Test
    void theHardeningTableClosesWhatItDoesNotAccept() {
        FirewallReach fw = FirewallReach.parse(nft(CLUSTERDECK));
        assertThat(fw.closed(47911, true, true)).isTrue();
        assertThat(fw.closed(22, true, false)).isFalse();
        assertThat(fw.closed(443, true, false)).isFalse();
        assertThat(fw.closed(8005, true, false)).isFalse();
        assertThat(fw.closed(8011, true, true)).isTrue();
    }

    @Test
    void noFirewallOrAnAcceptPolicyClosesNothing() {
        assertThat(FirewallReach.parse(List.of()).closed(47911, true, true)).isFalse();
        assertThat(FirewallReach.parse(nft(CLUSTERDECK.replace("policy drop", "policy accept"))).closed(47911, true, false)).isFalse();
        assertThat(FirewallReach.parse(List.of("v4 -P INPUT ACCEPT")).closed(47911, true, false)).isFalse();
    }

    @Test
    void anIpOnlyTableLeavesIpv6Open() {
        FirewallReach fw = FirewallReach.parse(nft(CLUSTERDECK.replace("table inet", "table ip")));
        assertThat(fw.closed(47911, true, false)).isTrue();
        assertThat(fw.closed(47911, true, true)).as("a listener on [::] is reachable over IPv6").isFalse();
    }

    @Test
    void rulesItCannotReadCountAsAccepting() {
        for (String rule : List.of("ip saddr 10.0.0.0/8 accept", "jump allowed", "tcp dport @open accept", "tcp dport != 22 accept",
                "iifname \"eth0\" accept", "tcp dport ssh accept")) {
            String set = CLUSTERDECK.replace("\t\tiif \"lo\" accept", "\t\t" + rule);
            assertThat(FirewallReach.parse(nft(set)).closed(47911, true, false)).as(rule).isFalse();
        }
        for (String rule : List.of("udp dport 47911 accept", "counter drop", "ct state established accept", "meta l4proto icmp accept")) {
            String set = CLUSTERDECK.replace("\t\tiif \"lo\" accept", "\t\t" + rule);
            assertThat(FirewallReach.parse(nft(set)).closed(47911, true, false)).as(rule).isTrue();
        }
    }

    @Test
    void iptablesRules() {
        List<String> base = List.of("v4 -P INPUT DROP", "v4 -A INPUT -i lo -j ACCEPT",
                "v4 -A INPUT -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT", "v4 -A INPUT -p icmp -j ACCEPT",
                "v4 -A INPUT -s 10.0.0.1/32 -p tcp -m tcp --dport 22 -j ACCEPT",
                "v4 -A INPUT -p tcp -m multiport --dports 80,443,9000:9100 -j ACCEPT");
        FirewallReach fw = FirewallReach.parse(base);
        assertThat(fw.closed(47911, true, false)).isTrue();
        assertThat(fw.closed(9050, true, false)).isFalse();
        assertThat(fw.closed(47911, true, true)).as("no ip6tables policy").isFalse();
        List<String> jump = new java.util.ArrayList<>(base);
        jump.add("v4 -A INPUT -j ufw-before-input");
        assertThat(FirewallReach.parse(jump).closed(47911, true, false)).isFalse();
    }
}
