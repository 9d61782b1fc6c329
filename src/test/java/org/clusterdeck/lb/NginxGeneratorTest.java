package org.clusterdeck.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.LoadBalancer;
import org.junit.jupiter.api.Test;

/** The generator's text, and real {@code nginx -t} on a matrix of generated configurations. */
class NginxGeneratorTest {
    /** The demo lab's balancer as the store holds it: least_conn over web1 (weight 5) and web2 (weight 3). */
    static LoadBalancer demo() {
        return new LoadBalancer(1, 1, "frontend", null, 80, "example.com www.example.com", "least_conn", null, List.of(
                new Backend(1, 1, null, "192.168.1.10", 8080, 5, 3, 30, false),
                new Backend(2, 1, null, "192.168.1.11", 8080, 3, 3, 30, false)));
    }

    @Test
    void topologyBecomesTheUpstreamWithItsWeightsAndKeepAlive() {
        String text = NginxGenerator.generate(LbTopology.config(demo()));
        assertThat(text).contains("""
                    upstream backend {
                        zone backend 64k;
                        least_conn;
                        server 192.168.1.10:8080 weight=5 max_fails=3 fail_timeout=30s;
                        server 192.168.1.11:8080 weight=3 max_fails=3 fail_timeout=30s;
                        keepalive 32;
                    }
                """);
        assertThat(text).contains("server_name example.com www.example.com;", "listen 80;", "proxy_pass http://backend;",
                "proxy_http_version 1.1;", "proxy_set_header Connection \"\";", "proxy_set_header Host $host;",
                "proxy_set_header X-Real-IP $remote_addr;", "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
                "proxy_set_header X-Forwarded-Proto $scheme;", "proxy_connect_timeout 5s;", "user www-data;", "pid /run/nginx.pid;");
        assertThat(text).doesNotContain("ssl_").startsWith(NginxGenerator.HEADER);
        assertThat(NginxGenerator.generate(LbTopology.config(demo()))).as("deterministic").isEqualTo(text);
    }

    @Test
    void withoutKeepAliveNoHttp11OrConnectionHeader() {
        LbConfig c = LbTopology.config(demo());
        Upstream u = c.upstream();
        String text = NginxGenerator.generate(c.withUpstream(new Upstream(u.name(), Balance.HASH, "$request_uri", true, u.servers(), 0)));
        assertThat(text).contains("hash $request_uri consistent;").doesNotContain("keepalive").doesNotContain("proxy_http_version")
                .doesNotContain("Connection");
    }

    @Test
    void tlsFollowsMozillaIntermediateWithRedirectHstsWithoutPreloadAndNoStaplingWithoutAResponder() {
        String text = NginxGenerator.generate(LbTopology.config(demo()).withTls(Tls.intermediate("/etc/ssl/lb.crt", "/etc/ssl/lb.key")));
        assertThat(text).contains("Mozilla server-side TLS guidelines 6.0, intermediate profile",
                "return 308 https://$host$request_uri;", "listen 443 ssl;", "ssl_protocols TLSv1.2 TLSv1.3;",
                "ssl_ecdh_curve X25519:prime256v1:secp384r1;",
                "ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
                        + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305;",
                "ssl_prefer_server_ciphers off;", "ssl_session_timeout 1d;", "ssl_session_cache shared:MozSSL:10m;",
                "ssl_session_tickets off;", "add_header Strict-Transport-Security \"max-age=63072000; includeSubDomains\" always;",
                "# OCSP stapling off: the certificate names no OCSP responder");
        assertThat(text).doesNotContain("preload").doesNotContain("ssl_stapling on").doesNotContain("TLSv1.1");
        // the plain server only redirects: the locations live in the HTTPS server
        String plain = text.substring(text.indexOf("listen 80;"), text.indexOf("listen 443"));
        assertThat(plain).doesNotContain("proxy_pass");

        Tls stapled = Tls.intermediate("/etc/ssl/lb.crt", "/etc/ssl/lb.key").withOcsp("http://r3.o.lencr.org", List.of("127.0.0.53"))
                .withProfile(TlsProfile.MODERN);
        String modern = NginxGenerator.generate(LbTopology.config(demo()).withTls(stapled));
        assertThat(modern).contains("ssl_protocols TLSv1.3;", "ssl_stapling on;", "ssl_stapling_verify on;", "resolver 127.0.0.53;")
                .doesNotContain("ssl_ciphers").contains("modern profile");
    }

    /** Every balancing method, with and without keep-alive, backup servers where allowed, TLS off and on (both profiles). */
    @Test
    void everyGeneratedCombinationPassesRealNginxTest() throws Exception {
        try (NginxCheck nginx = new NginxCheck()) {
            List<String> checked = new ArrayList<>();
            for (Balance b : Balance.values()) {
                for (int keepalive : new int[] {0, 16}) {
                    for (int tls = 0; tls < 3; tls++) {
                        List<UpstreamServer> servers = new ArrayList<>(List.of(
                                new UpstreamServer("127.0.0.1", 8081, 5, 3, 30, false, false),
                                new UpstreamServer("::1", 8082, 3, 0, 10, false, false),
                                new UpstreamServer("localhost", 8083, 1, 1, 10, false, true)));
                        if (b.allowsBackup()) {
                            servers.add(new UpstreamServer("127.0.0.2", 8084, 1, 1, 10, true, false));
                        }
                        Upstream u = new Upstream("app_pool", b, b == Balance.HASH ? "$remote_addr$request_uri" : null,
                                b == Balance.HASH, servers, keepalive);
                        LbConfig c = new LbConfig("matrix", u, 8080, List.of("example.com", "*.example.org", "_"), List.of("/", "/api/v1"),
                                3, 30, 30, null, null);
                        if (tls > 0) {
                            c = c.withTls(Tls.intermediate(nginx.cert, nginx.key).withHttpsPort(8443)
                                    .withProfile(tls == 1 ? TlsProfile.INTERMEDIATE : TlsProfile.MODERN));
                        }
                        String text = NginxGenerator.generate(nginx.local(c));
                        LocalCommand.Result r = nginx.test(text);
                        assertThat(r.ok()).as(b + " keepalive " + keepalive + " tls " + tls + ": " + r.reason() + "\n" + text).isTrue();
                        checked.add(b + "/" + keepalive + "/" + tls);
                    }
                }
            }
            assertThat(checked).hasSize(24);
            // the check can fail: nginx itself refuses a backup server with ip_hash, which validation refuses first
            String broken = NginxGenerator.generate(nginx.local(LbTopology.config(demo()))).replace("least_conn;", "ip_hash;")
                    .replace("fail_timeout=30s;\n        keepalive", "fail_timeout=30s backup;\n        keepalive");
            LocalCommand.Result r = nginx.test(broken);
            assertThat(r.ok()).isFalse();
            assertThat(r.reason()).contains("backup");
        }
    }
}
