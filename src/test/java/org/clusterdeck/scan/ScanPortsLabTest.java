package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.lab.LocalCommand;
import org.clusterdeck.net.TargetPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The port scanner on a lab host (its own sshd and nginx, plus listeners started inside it) vs nmap. */
@ExtendWith(LabExtension.class)
@LabSize(1)
class ScanPortsLabTest {

    @Test
    void openPortsOfALabHostEqualNmapsWithBanners(LabHosts lab) throws Exception {
        Nmap.require();
        String address = lab.host(1).address();
        List<String> pids = List.of(listen(lab, 4444, "220 lab-smtp ready"), listen(lab, 31337, ""));
        try {
            PortScanResult r = new PortScanner(TargetPolicy.withoutInventory())
                    .scan(List.of(address), PortScanner.Options.of(PortSet.all())).get(0);
            TreeSet<Integer> nmap = Nmap.openPorts(address);

            assertThat(r.address()).isEqualTo(address);
            assertThat(new TreeSet<>(r.openPorts())).as("open ports vs nmap -sT -p- -n %s", address).isEqualTo(nmap);
            assertThat(r.openPorts()).contains(22, 4444, 31337);
            assertThat(r.filtered()).isEmpty();
            Map<Integer, String> banners = r.open().stream()
                    .collect(Collectors.toMap(PortScanResult.OpenPort::port, PortScanResult.OpenPort::banner));
            assertThat(banners.get(4444)).isEqualTo("220 lab-smtp ready");
            assertThat(banners.get(22)).startsWith("SSH-2.0-OpenSSH");
            assertThat(banners.get(31337)).isEmpty();
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
