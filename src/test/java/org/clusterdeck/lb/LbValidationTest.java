package org.clusterdeck.lb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Every field refused with a message that says what is wrong; hostile values never reach the generated text. */
class LbValidationTest {
    private static final List<String> HOSTILE = List.of("a;b", "x { return 200; }", "evil\nproxy_pass http://x;", "\"q\"", "'q'",
            "$(reboot)", "a b", "a#b", "`id`", "a\\b", "");

    private static LbConfig base() {
        return LbTopology.config(NginxGeneratorTest.demo());
    }

    private static LbConfig withServer(UpstreamServer s) {
        Upstream u = base().upstream();
        return base().withUpstream(new Upstream(u.name(), u.balance(), null, false, List.of(s), u.keepalive()));
    }

    @Test
    void demoTopologyIsValid() {
        assertThat(LbValidation.problems(base())).isEmpty();
    }

    @Test
    void hostileServerNamesHostsLocationsKeysAndPathsAreRefusedAndNeverGenerated() {
        for (String h : HOSTILE) {
            LbConfig name = new LbConfig("x", base().upstream(), 80, List.of(h), List.of("/"), 5, 60, 60, null, null);
            assertThat(LbValidation.problems(name)).as(h).anySatisfy(p -> assertThat(p).startsWith("server_name").contains("not a host name"));
            assertThat(LbValidation.problems(withServer(UpstreamServer.of(h, 80)))).as(h)
                    .anySatisfy(p -> assertThat(p).contains("not an IP address or host name"));
            LbConfig loc = new LbConfig("x", base().upstream(), 80, List.of("_"), List.of("/" + h), 5, 60, 60, null, null);
            if (!h.isEmpty()) {
                assertThat(LbValidation.problems(loc)).as(h).anySatisfy(p -> assertThat(p).startsWith("location").contains("not a plain path"));
            }
            Upstream u = base().upstream();
            LbConfig hash = base().withUpstream(new Upstream(u.name(), Balance.HASH, h, false, u.servers(), 0));
            assertThat(LbValidation.problems(hash)).as(h).anySatisfy(p -> assertThat(p).startsWith("hash key"));
            LbConfig upName = base().withUpstream(new Upstream(h, u.balance(), null, false, u.servers(), 0));
            assertThat(LbValidation.problems(upName)).as(h).anySatisfy(p -> assertThat(p).startsWith("upstream name"));
            LbConfig cert = base().withTls(Tls.intermediate("/etc/ssl/" + h, "/etc/ssl/k.pem"));
            if (!h.isEmpty()) {
                assertThat(LbValidation.problems(cert)).as(h).anySatisfy(p -> assertThat(p).startsWith("ssl_certificate"));
            }
            assertThatThrownBy(() -> NginxGenerator.generate(name)).isInstanceOf(LbException.class).hasMessageContaining("not valid");
        }
        // a message shows a hostile value with its newline visible, never a raw second line
        String msg = LbValidation.problems(withServer(UpstreamServer.of("a\nb", 80))).get(0);
        assertThat(msg).contains("'a\\nb'").doesNotContain("\n");
    }

    @Test
    void nginxRulesAreCheckedBeforeNginxDoes() {
        Upstream u = base().upstream();
        UpstreamServer backup = new UpstreamServer("10.0.0.3", 80, 1, 1, 10, true, false);
        List<UpstreamServer> withBackup = List.of(u.servers().get(0), backup);
        assertThat(LbValidation.problems(base().withUpstream(new Upstream("b", Balance.IP_HASH, null, false, withBackup, 0))))
                .anySatisfy(p -> assertThat(p).contains("backup servers cannot be used with ip_hash"));
        assertThat(LbValidation.problems(base().withUpstream(new Upstream("b", Balance.LEAST_CONN, null, false, withBackup, 0)))).isEmpty();
        assertThat(LbValidation.problems(base().withUpstream(new Upstream("b", Balance.ROUND_ROBIN, null, false, List.of(backup), 0))))
                .anySatisfy(p -> assertThat(p).contains("every server is backup or down"));
        assertThat(LbValidation.problems(base().withUpstream(new Upstream("b", Balance.ROUND_ROBIN, null, false,
                List.of(u.servers().get(0), u.servers().get(0)), 0)))).anySatisfy(p -> assertThat(p).contains("listed twice"));
        assertThat(LbValidation.problems(base().withUpstream(new Upstream("b", Balance.LEAST_CONN, "$uri", false, u.servers(), 0))))
                .anySatisfy(p -> assertThat(p).contains("only for the hash method"));
        assertThat(LbValidation.problems(withServer(new UpstreamServer("10.0.0.1", 0, 0, -1, 0, false, false))))
                .anySatisfy(p -> assertThat(p).contains("port 0: must be 1 to 65535"))
                .anySatisfy(p -> assertThat(p).contains("weight 0: must be 1 to 1000"))
                .anySatisfy(p -> assertThat(p).contains("max_fails -1"))
                .anySatisfy(p -> assertThat(p).contains("fail_timeout 0"));
        assertThat(LbValidation.problems(base().withTls(Tls.intermediate("/c", "/k").withHttpsPort(80))))
                .anySatisfy(p -> assertThat(p).contains("the same as the HTTP port"));
        assertThat(LbValidation.problems(base().withTls(Tls.intermediate("/c", "/k").withOcsp("http://ocsp.example", List.of()))))
                .anySatisfy(p -> assertThat(p).contains("needs a resolver"));
        Tls preloadOnly = new Tls("/c", "/k", 443, TlsProfile.INTERMEDIATE, false, true, false, true, true, null, List.of(), null);
        assertThat(LbValidation.problems(base().withTls(preloadOnly))).anySatisfy(p -> assertThat(p).contains("preload"));
        assertThat(LbValidation.problems(new LbConfig("x", u, 80, List.of(), List.of(), 0, 60, 60, null, null)))
                .anySatisfy(p -> assertThat(p).contains("server_name: none given"))
                .anySatisfy(p -> assertThat(p).contains("locations: none"))
                .anySatisfy(p -> assertThat(p).contains("proxy_connect_timeout 0"));
        assertThatThrownBy(() -> Balance.parse("random;")).hasMessageContaining("use round_robin, least_conn, ip_hash or hash");
        assertThatThrownBy(() -> TlsProfile.parse("old")).hasMessageContaining("intermediate or modern");
    }

    @Test
    void ipv6AndWildcardsAreAccepted() {
        assertThat(LbValidation.problems(withServer(UpstreamServer.of("fd00::1", 8080)))).isEmpty();
        assertThat(LbValidation.problems(new LbConfig("x", base().upstream(), 80, List.of("*.example.com", ".example.org", "_", "10.1.2.3"),
                List.of("/", "/api/v1.2/~x"), 5, 60, 60, null, null))).isEmpty();
    }
}
