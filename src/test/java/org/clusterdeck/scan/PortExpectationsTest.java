package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.clusterdeck.harden.Role;
import org.junit.jupiter.api.Test;

/** Open ports judged against the host's role, as seen from the scanning workstation. */
class PortExpectationsTest {

    private static PortScanResult scan(String address, PortScanResult.OpenPort... open) {
        return new PortScanResult("web1", address, Arrays.asList(open), 65535 - open.length, List.of(), 1200);
    }

    private static PortScanResult.OpenPort port(int p) {
        return new PortScanResult.OpenPort(p, "");
    }

    private static List<String> ids(List<Finding> f) {
        return f.stream().map(Finding::id).toList();
    }

    @Test
    void aLoadBalancerWithSshAndWebPortsHasNoFinding() {
        assertThat(PortExpectations.findings(Role.LB, scan("10.0.0.2", port(22), port(80), port(443)))).isEmpty();
    }

    @Test
    void aWebBackendBehindItsLoadBalancerReachableDirectlyAndWithAnAppServerPort() {
        List<Finding> f = PortExpectations.findings(Role.WEB, scan("10.0.0.3", port(22), port(80), port(8080)));
        assertThat(ids(f)).containsExactly("PORT-EXPOSED-80", "PORT-UNEXPECTED-8080");
        assertThat(f.get(0).title()).contains("reachable from outside its load balancer");
        assertThat(f.get(1).title()).isEqualTo("an application server (HTTP) (8080) is open on a web backend, which does not need it");
        assertThat(f.get(1).rating()).isEqualTo("5.3 Medium");
        assertThat(f.get(1).fix()).contains("hardening wizard's Firewall step on web1 (role web)");
        assertThat(f.get(1).evidence()).isEqualTo("10.0.0.3:8080/tcp open (from this workstation), no banner");
    }

    @Test
    void aWebBackendWithoutLoadBalancerMayServe80And443ToTheAdminSide() {
        PortScanResult r = scan("10.0.0.3", port(22), port(80), port(443));
        assertThat(PortExpectations.findings(Role.WEB, r, 22, false)).isEmpty();
        assertThat(ids(PortExpectations.findings(Role.WEB, r, 22, true))).containsExactly("PORT-EXPOSED-80", "PORT-EXPOSED-443");
    }

    @Test
    void mysqlOnADatabaseReachableFromHereIsOpenToEveryoneButOnAWebHostItIsUnexpected() {
        PortScanResult r = scan("10.0.0.4", port(22), new PortScanResult.OpenPort(3306, "J\u0000\u0000\u0000\n8.0.36"));
        Finding db = PortExpectations.findings(Role.DB, r).get(0);
        assertThat(db.id()).isEqualTo("PORT-EXPOSED-3306");
        assertThat(db.title()).contains("open to everyone");
        assertThat(db.rating()).isEqualTo("7.5 High");
        assertThat(db.evidence()).as("the banner as received; escaping is the display's job").contains("banner: J\u0000\u0000\u0000\n8.0.36");
        Finding web = PortExpectations.findings(Role.WEB, r).get(0);
        assertThat(web.id()).isEqualTo("PORT-UNEXPECTED-3306");
        assertThat(web.title()).isEqualTo("MySQL (3306) is open on a web backend, which does not need it");
    }

    @Test
    void cachesAndDocumentStoresAreRatedByWhatTheyExposeAndUnknownPortsAreMedium() {
        PortScanResult r = scan("10.0.0.5", port(22), port(6379), port(11211), port(9200), port(27017), port(5432), port(31337));
        List<Finding> f = PortExpectations.findings(Role.OTHER, r);
        assertThat(ids(f)).containsExactly("PORT-UNEXPECTED-6379", "PORT-UNEXPECTED-11211", "PORT-UNEXPECTED-9200",
                "PORT-UNEXPECTED-27017", "PORT-UNEXPECTED-5432", "PORT-UNEXPECTED-31337");
        assertThat(f.stream().map(Finding::label).toList()).containsExactly("Critical", "High", "High", "Critical", "High", "Medium");
        assertThat(f.get(5).title()).isEqualTo("Port 31337/tcp is open on a host without a server role, which does not need it");
        f.forEach(x -> assertThat(x.why()).isNotBlank());
    }

    @Test
    void theSshPortIsAlwaysExpectedWhereverItIs() {
        PortScanResult r = scan("10.0.0.6", port(22), port(2222));
        assertThat(ids(PortExpectations.findings(Role.OTHER, r, 2222, false))).containsExactly("PORT-UNEXPECTED-22");
        assertThat(ids(PortExpectations.findings(Role.OTHER, r, 22, false))).containsExactly("PORT-UNEXPECTED-2222");
    }

    @Test
    void aHypervisorMayOfferLibvirtAndMigrationPortsButNotAWebServer() {
        PortScanResult r = scan("10.0.0.7", port(22), port(16509), port(16514), port(49152), port(80));
        assertThat(ids(PortExpectations.findings(Role.HYPERVISOR, r))).containsExactly("PORT-UNEXPECTED-80");
        assertThat(ids(PortExpectations.findings(Role.WEB, scan("10.0.0.8", port(16509)))))
                .containsExactly("PORT-UNEXPECTED-16509");
    }

    @Test
    void anIpv6AddressIsBracketedInTheEvidence() {
        Finding f = PortExpectations.findings(Role.LB, scan("fd00::5", port(6379))).get(0);
        assertThat(f.evidence()).startsWith("[fd00::5]:6379/tcp open");
    }
}
