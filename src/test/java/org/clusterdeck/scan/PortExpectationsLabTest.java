package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.clusterdeck.harden.Role;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.net.TargetPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A lab host (its own sshd, plus MySQL-, Redis- and app-server-like listeners started inside it)
 * scanned from here and judged as a web backend and as a database.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class PortExpectationsLabTest {

    @Test
    void aLabHostsUnneededPortsAreFoundForItsRole(LabHosts lab) throws Exception {
        String address = lab.host(1).address();
        List<String> pids = List.of(listen(lab, 3306, "5.5.5-10.11.6-MariaDB"), listen(lab, 6379, "-NOAUTH <script>"),
                listen(lab, 8080, ""));
        try {
            PortScanResult r = new PortScanner(TargetPolicy.withoutInventory())
                    .scan(List.of(address), PortScanner.Options.of(PortSet.parse("1-1024,3306,6379,8080"))).get(0);
            assertThat(r.openPorts()).contains(22, 3306, 6379, 8080);

            List<Finding> web = PortExpectations.findings(Role.WEB, r);
            assertThat(web).extracting(Finding::id).contains("PORT-UNEXPECTED-3306", "PORT-UNEXPECTED-6379", "PORT-UNEXPECTED-8080")
                    .doesNotContain("PORT-UNEXPECTED-22");
            Finding redis = web.stream().filter(f -> f.id().equals("PORT-UNEXPECTED-6379")).findFirst().orElseThrow();
            assertThat(redis.evidence()).isEqualTo(address + ":6379/tcp open (from this workstation), banner: -NOAUTH <script>");
            assertThat(redis.label()).isEqualTo("Critical");

            List<Finding> db = PortExpectations.findings(Role.DB, r);
            assertThat(db).extracting(Finding::id).contains("PORT-EXPOSED-3306", "PORT-UNEXPECTED-6379", "PORT-UNEXPECTED-8080")
                    .doesNotContain("PORT-UNEXPECTED-3306");
        } finally {
            for (String pid : pids) {
                lab.exec(1, "kill", pid);
            }
        }
    }

    /** Starts a perl listener inside lab host 1 that sends {@code banner} (if any) and closes; returns its pid. */
    private static String listen(LabHosts lab, int port, String banner) {
        String script = "my $s = IO::Socket::INET->new(LocalPort => " + port + ", Listen => 50, ReuseAddr => 1) or die $!;"
                + " while (my $c = $s->accept) { print $c \"" + banner + (banner.isEmpty() ? "" : "\\r\\n") + "\"; close $c }";
        LocalCommand.Result r = lab.exec(1, "/bin/sh", "-c",
                "setsid perl -MIO::Socket::INET -e '" + script + "' </dev/null >/dev/null 2>&1 & echo $!; sleep 0.5");
        assertThat(r.ok()).as(r.reason()).isTrue();
        return r.stdout().strip();
    }
}
