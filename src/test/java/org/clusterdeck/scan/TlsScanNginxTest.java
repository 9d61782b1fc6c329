package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The TLS scanner against a real nginx on 127.0.0.1 ({@link TlsNginx}): protocols, accepted suites
 * and key exchange groups equal sslscan's for (a) TLS 1.0–1.3 with weak suites, a weak curve and
 * weak DH, (b) an expired self-signed certificate, (c) Mozilla's intermediate configuration
 * (guidelines 6.0) with a stapled OCSP response and HSTS; the expected findings, none on (c).
 */
class TlsScanNginxTest {
    private static TlsNginx nginx;
    private final TlsScanner scanner = new TlsScanner(TargetPolicy.withoutInventory());

    @BeforeAll
    static void start() throws Exception {
        RealParts.require(new java.io.File("/usr/bin/sslscan").canExecute(),
                "sslscan is not installed; install the Debian package sslscan (app/packages-test.txt)");
        nginx = TlsNginx.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nginx != null) {
            nginx.close();
        }
    }

    @Test
    void weakServerMatchesSslscanWithProtocolAndCipherFindings() throws Exception {
        TlsScanResult r = scanner.scan("127.0.0.1:" + nginx.weak);
        assertThat(r.protocolNames()).containsExactly("TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");
        assertEqualsSslscan(r);
        assertThat(suites(r)).as("ARIA, CAMELLIA, CCM_8 and anonymous suites, which Java's TLS stack cannot offer")
                .contains("TLSv1.2 ARIA128-GCM-SHA256", "TLSv1.2 CAMELLIA256-SHA", "TLSv1.2 AES128-CCM8",
                        "TLSv1.0 AECDH-AES128-SHA", "TLSv1.2 NULL-SHA256");
        assertThat(r.findings()).extracting(Finding::id).containsExactlyInAnyOrder("tls-tls10", "tls-tls11",
                "tls-cipher-insecure", "tls-cipher-old", "tls-group-weak", "tls-dh-weak", "tls-ocsp-not-stapled",
                "tls-hsts-missing");
        assertThat(finding(r, "tls-group-weak").evidence()).isEqualTo("TLSv1.2 secp224r1 (224 bits)");
        assertThat(finding(r, "tls-dh-weak").title()).isEqualTo("DHE with a 1024-bit prime");
        assertThat(r.ocsp().responders()).containsExactly(TlsNginx.OCSP_URL);
        assertThat(r.ocsp().stapled()).isFalse();
        assertThat(r.ocsp().checkedWith()).isEqualTo("TLSv1.2");
        assertThat(finding(r, "tls-ocsp-not-stapled").evidence()).contains(TlsNginx.OCSP_URL);
        assertThat(r.hsts().header()).isNull();
        assertThat(finding(r, "tls-hsts-missing").fix()).contains("load balancer").contains("max-age=63072000");
        Finding insecure = finding(r, "tls-cipher-insecure");
        assertThat(insecure.severity()).isGreaterThanOrEqualTo(7.0);
        assertThat(insecure.evidence()).contains("TLSv1.2 NULL-SHA256").contains("AECDH-AES256-SHA");
        assertThat(r.certificate().hostnameMatches()).isTrue();
        assertThat(r.certificate().selfSigned()).isFalse();
    }

    @Test
    void expiredSelfSignedCertificateIsFoundAndItsSubjectKeptAsReceived() throws Exception {
        TlsScanResult r = scanner.scan("127.0.0.1:" + nginx.expired);
        assertEqualsSslscan(r);
        assertThat(r.findings()).extracting(Finding::id).containsExactlyInAnyOrder("tls-cert-expired",
                "tls-cert-self-signed", "tls-cert-hostname", "tls-hsts-missing",
                "tls-cipher-old"); // nginx's default ssl_ciphers HIGH:!aNULL:!MD5 keeps CBC and static RSA suites
        assertThat(r.ocsp().responders()).as("a self-signed certificate names no responder: information, no finding")
                .isEmpty();
        TlsScanResult.Certificate c = r.certificate();
        assertThat(c.daysLeft()).isNegative();
        assertThat(c.notAfter()).isEqualTo("2020-02-01T00:00:00Z");
        assertThat(c.subject()).isEqualTo("CN=" + TlsNginx.HOSTILE_CN); // escaped only where shown (CLI test)
        assertThat(c.keyType()).isEqualTo("RSA");
        assertThat(c.keyBits()).isEqualTo(2048);
        assertThat(c.signatureAlgorithm()).isEqualTo("SHA256withRSA");
    }

    @Test
    void mozillaIntermediateConfigurationHasNoFindings() throws Exception {
        TlsScanResult r = scanner.scan("127.0.0.1:" + nginx.intermediate);
        assertThat(r.protocolNames()).containsExactly("TLSv1.2", "TLSv1.3");
        assertEqualsSslscan(r);
        assertThat(r.findings()).isEmpty();
        assertThat(r.protocols()).flatExtracting(TlsScanResult.Protocol::ciphers)
                .allMatch(s -> s.strength() == TlsCipherSuites.Strength.INTERMEDIATE && s.forwardSecrecy());
        assertThat(r.certificate().subjectAltNames()).contains("IP:127.0.0.1");
        assertThat(r.groups()).extracting(TlsScanResult.GroupSet::protocol).containsExactly("TLSv1.3", "TLSv1.2");
        assertThat(r.groups()).allSatisfy(g -> assertThat(g.groups()).extracting(TlsGroups.Group::name)
                .containsExactlyInAnyOrder("x25519", "secp256r1", "secp384r1"));
        assertThat(r.ocsp().responders()).containsExactly(TlsNginx.OCSP_URL);
        assertThat(r.ocsp().stapled()).isTrue();
        assertThat(r.ocsp().responseStatus()).isEqualTo("successful");
        assertThat(r.ocsp().certStatus()).as("openssl ocsp answered from the CA's index").isEqualTo("good");
        assertThat(java.time.Instant.parse(r.ocsp().nextUpdate())).isAfter(java.time.Instant.now());
        assertThat(r.hsts().maxAge()).isEqualTo(63_072_000);
        assertThat(r.hsts().includeSubDomains()).isFalse();
    }

    @Test
    void ocspStapleParserReadsStatusesAndRejectsGarbage() {
        assertThat(TlsOcsp.staple(new byte[] {0x30, 0x03, 0x0a, 0x01, 0x03}, java.math.BigInteger.ONE).responseStatus())
                .isEqualTo("tryLater");
        assertThat(TlsOcsp.staple(new byte[] {0x30, 0x7f, 0x0a}, java.math.BigInteger.ONE).responseStatus())
                .startsWith("unreadable");
    }

    private static Finding finding(TlsScanResult r, String id) {
        return r.findings().stream().filter(f -> f.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void aClosedPortIsAnErrorAndOtherAddressesAreRefused() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        int port = closed;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scanner.scan("127.0.0.1:" + port))
                .isInstanceOf(java.io.IOException.class).hasMessageContaining("cannot connect");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> scanner.scan("192.0.2.1:443"))
                .isInstanceOf(org.clusterdeck.net.TargetRefusedException.class);
    }

    /** "TLSv1.2 AES128-SHA" for every accepted suite. */
    private static Set<String> suites(TlsScanResult r) {
        Set<String> out = new TreeSet<>();
        r.protocols().forEach(p -> p.ciphers().forEach(s -> out.add(p.name() + " " + s.name())));
        return out;
    }

    /** Protocols and (protocol, suite id) pairs equal those of 'sslscan --xml=-' for the same endpoint. */
    private static void assertEqualsSslscan(TlsScanResult r) throws Exception {
        LocalCommand.Result s = LocalCommand.check("sslscan", "--no-colour", "--xml=-", "127.0.0.1:" + r.port());
        // sslscan writes the certificate subject into its XML unescaped; control characters make it unparsable
        String xml = s.stdout().replaceAll("[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f]", "");
        org.w3c.dom.Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Set<String> protocols = new TreeSet<>();
        NodeList ps = doc.getElementsByTagName("protocol");
        for (int i = 0; i < ps.getLength(); i++) {
            Element p = (Element) ps.item(i);
            if (p.getAttribute("enabled").equals("1")) {
                protocols.add((p.getAttribute("type").equals("tls") ? "TLSv" : "SSLv") + p.getAttribute("version"));
            }
        }
        Set<String> theirs = new TreeSet<>();
        NodeList cs = doc.getElementsByTagName("cipher");
        for (int i = 0; i < cs.getLength(); i++) {
            Element c = (Element) cs.item(i);
            theirs.add(c.getAttribute("sslversion") + " " + Integer.parseInt(c.getAttribute("id").substring(2), 16));
        }
        Set<String> ours = new TreeSet<>();
        r.protocols().forEach(p -> p.ciphers().forEach(c -> ours.add(p.name() + " " + c.id())));
        assertThat(new TreeSet<>(r.protocolNames())).as("protocols vs sslscan").isEqualTo(protocols);
        assertThat(ours).as("(protocol, suite id) vs sslscan").isEqualTo(theirs).isNotEmpty();
        Set<String> theirGroups = new TreeSet<>();
        NodeList gs = doc.getElementsByTagName("group");
        for (int i = 0; i < gs.getLength(); i++) {
            Element g = (Element) gs.item(i);
            theirGroups.add(g.getAttribute("sslversion") + " " + Integer.parseInt(g.getAttribute("id").substring(2), 16));
        }
        Set<String> ourGroups = new TreeSet<>();
        r.groups().forEach(set -> set.groups().forEach(g -> ourGroups.add(set.protocol() + " " + g.id())));
        assertThat(ourGroups).as("(protocol, group id) vs sslscan").isEqualTo(theirGroups).isNotEmpty();
    }
}
