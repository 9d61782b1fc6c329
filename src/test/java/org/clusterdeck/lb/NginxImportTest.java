package org.clusterdeck.lb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.clusterdeck.lb.LbFinding.Severity;
import org.junit.jupiter.api.Test;

/** The source's nginx fragments imported: the model they describe, and what they get wrong. */
class NginxImportTest {
    /** The source's reverse-proxy block exactly as printed: one line, the upstream after a '#' comment. */
    static final String SOURCE_AS_PRINTED = "server { listen 80; server_name example.com www.example.com; location / { proxy_pass http://backend;"
            + " proxy_set_header Host $host; proxy_set_header X-Real-IP $remote_addr; proxy_set_header X-Forwarded-For"
            + " $proxy_add_x_forwarded_for; proxy_set_header X-Forwarded-Proto $scheme; } } # 负载均衡算法选择 upstream backend {"
            + " least_conn; # 动态选择空闲连接 server 192.168.1.10:8080 weight=5; server 192.168.1.11:8080 weight=3; }\n";
    /** The same with its lines restored, plus the source's TLS block and its "connection pool" headers. */
    static final String SOURCE = source();

    /** src/test/resources/org/clusterdeck/lb/source-nginx.conf (also read by the command-line test). */
    static String source() {
        try (var in = NginxImportTest.class.getResourceAsStream("source-nginx.conf")) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> directives(NginxImport.Result r, Severity s) {
        return r.findings().stream().filter(f -> f.severity() == s).map(LbFinding::directive).toList();
    }

    @Test
    void asPrintedTheUpstreamIsInsideACommentSoProxyPassNamesNoUpstream() {
        NginxImport.Result r = NginxImport.read(SOURCE_AS_PRINTED);
        assertThat(r.config()).isNull();
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.directive()).isEqualTo("#");
            assertThat(f.reason()).contains("upstream backend").contains("ignored");
        });
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.directive()).isEqualTo("proxy_pass");
            assertThat(f.reason()).contains("No upstream named 'backend'").contains("host not found in upstream");
        });
        assertThat(r.hasProblems()).isTrue();
    }

    @Test
    void theSourcesBlocksBecomeTheModelAndEachMistakeIsFlaggedWithAFix() {
        NginxImport.Result r = NginxImport.read(SOURCE);
        LbConfig c = r.config();
        assertThat(c).isNotNull();
        assertThat(c.upstream().balance()).isEqualTo(Balance.LEAST_CONN);
        assertThat(c.upstream().servers()).extracting(UpstreamServer::address, UpstreamServer::weight)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("192.168.1.10:8080", 5), org.assertj.core.groups.Tuple.tuple("192.168.1.11:8080", 3));
        assertThat(c.upstream().keepalive()).isZero();
        assertThat(c.serverNames()).containsExactly("example.com", "www.example.com");
        assertThat(c.tls().certificate()).isEqualTo("/etc/letsencrypt/live/example.com/fullchain.pem");
        assertThat(c.tls().redirectHttp()).isFalse();

        assertThat(directives(r, Severity.WARNING)).contains("proxy_set_header Keep-Alive", "keepalive", "server",
                "add_header Strict-Transport-Security");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.directive()).isEqualTo("keepalive");
            assertThat(f.reason()).contains("has none ('keepalive N')");
            assertThat(f.fix()).contains("keepalive 32;");
        });
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.reason()).contains("OCSP stapling is not configured"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.reason()).contains("missing ECDHE-ECDSA-CHACHA20-POLY1305"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.reason()).contains("serves the site in clear"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.directive()).isEqualTo("ssl_session_tickets"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.reason()).contains("max_fails=1 fail_timeout=10s"));
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.fix()).isNotBlank());
    }

    @Test
    void keepAliveWithoutHttp11AndOldProtocolsWeakCiphersAndStaplingWithoutResolver() {
        NginxImport.Result r = NginxImport.read("""
                http {
                  upstream app { ip_hash; server 10.0.0.1:80 max_fails=3 fail_timeout=30s; keepalive 16; }
                  server {
                    listen 443 ssl; server_name a.example;
                    ssl_certificate /c.pem; ssl_certificate_key /k.pem;
                    ssl_protocols TLSv1 TLSv1.1 TLSv1.2;
                    ssl_ciphers "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:RC4-SHA:!aNULL";
                    ssl_stapling on;
                    add_header Strict-Transport-Security "max-age=31536000; includeSubDomains; preload" always;
                    location / { proxy_pass http://app; proxy_set_header Host $host; }
                  }
                }
                """);
        assertThat(r.config().upstream().balance()).isEqualTo(Balance.IP_HASH);
        assertThat(r.config().upstream().keepalive()).isEqualTo(16);
        assertThat(r.config().tls().hstsPreload()).isTrue();
        assertThat(directives(r, Severity.WARNING)).contains("proxy_http_version", "proxy_set_header Connection", "ssl_stapling", "resolver",
                "Strict-Transport-Security");
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.reason()).startsWith("TLSv1, TLSv1.1 offered");
        });
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.reason()).startsWith("Weak suites: AES128-SHA, RC4-SHA"));
        assertThat(r.findings()).anySatisfy(f -> assertThat(f.reason()).contains("Let's Encrypt"));
    }

    @Test
    void whatClusterDeckGeneratesImportsBackToTheSameModelWithoutProblems() {
        LbConfig c = LbTopology.config(NginxGeneratorTest.demo()).withTls(Tls.intermediate("/etc/ssl/lb.crt", "/etc/ssl/lb.key"));
        NginxImport.Result r = NginxImport.read(NginxGenerator.generate(c));
        assertThat(r.findings()).filteredOn(LbFinding::problem).isEmpty();
        assertThat(r.config().upstream()).isEqualTo(c.upstream());
        assertThat(r.config().serverNames()).isEqualTo(c.serverNames());
        assertThat(r.config().tls().redirectHttp()).isTrue();
        assertThat(r.config().tls().hsts()).isTrue();
        assertThat(r.config().tls().hstsPreload()).isFalse();
        assertThat(NginxGenerator.generate(r.config().withRuntime(null))).contains("server 192.168.1.10:8080 weight=5 max_fails=3");
    }

    @Test
    void syntaxErrorsAreFindingsWithTheLine() {
        NginxImport.Result r = NginxImport.read("upstream a {\n  server 1.2.3.4:80;\n");
        assertThat(r.config()).isNull();
        assertThat(r.findings()).singleElement().satisfies(f -> assertThat(f.reason()).contains("a '}' is missing"));
        assertThat(NginxImport.read("server { listen 80 }\n").findings().get(0).reason()).contains("not ended by ';'");
    }
}
