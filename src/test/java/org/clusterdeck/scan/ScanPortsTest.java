package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.junit.jupiter.api.Test;

/** The port scanner on loopback against real listeners, compared with nmap's connect scan. */
class ScanPortsTest {
    private final PortScanner scanner = new PortScanner(TargetPolicy.withoutInventory());

    @Test
    void fullScanOfLoopbackFindsTheSameOpenPortsAsNmapWithBanners() throws Exception {
        Nmap.require();
        try (Listeners l = new Listeners()) {
            for (int i = 0; i < 5; i++) {
                l.start("");
            }
            int ssh = l.start("SSH-2.0-OpenSSH_9.2p1 Test\r\n");
            int smtp = l.start("220 mail.example ESMTP ready\r\n");
            // other engineers' servers come and go on this machine: compare only when nmap saw the
            // same ports before and after our scan (the machine held still), up to three tries
            for (int attempt = 1; ; attempt++) {
                TreeSet<Integer> before = Nmap.openPorts("127.0.0.1");
                PortScanResult r = scanner.scan(List.of("127.0.0.1"), PortScanner.Options.of(PortSet.all())).get(0);
                TreeSet<Integer> after = Nmap.openPorts("127.0.0.1");
                assertThat(r.openPorts()).containsAll(l.ports());
                assertThat(r.closedCount() + r.open().size() + r.filtered().size()).isEqualTo(65535);
                assertThat(r.filtered()).as("nothing is filtered on loopback").isEmpty();
                Map<Integer, String> banners = r.open().stream()
                        .collect(Collectors.toMap(PortScanResult.OpenPort::port, PortScanResult.OpenPort::banner));
                assertThat(banners.get(ssh)).isEqualTo("SSH-2.0-OpenSSH_9.2p1 Test");
                assertThat(banners.get(smtp)).isEqualTo("220 mail.example ESMTP ready");
                if (before.equals(after)) {
                    assertThat(new TreeSet<>(r.openPorts())).as("open ports vs nmap -sT -p- -n 127.0.0.1").isEqualTo(before);
                    return;
                }
                if (attempt == 3) {
                    // the machine never held still (other tests' listeners come and go, some only for seconds):
                    // still, nothing nmap saw open both before and after may be missed at full speed
                    TreeSet<Integer> both = new TreeSet<>(before);
                    both.retainAll(after);
                    assertThat(r.openPorts()).as("ours vs nmap before %s and after %s", before, after).containsAll(both);
                    return;
                }
            }
        }
    }

    @Test
    void aPortWhoseListenerDropsSynsIsRetriedThenFiltered() throws Exception {
        // a listener whose accept queue is full drops new SYNs: a real port that never answers
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket a = new Socket(); Socket b = new Socket()) {
            a.connect(full.getLocalSocketAddress(), 1000);
            b.connect(full.getLocalSocketAddress(), 1000);
            int port = full.getLocalPort();
            PortScanner.Options o = PortScanner.Options.of(PortSet.parse(Integer.toString(port)))
                    .withTimeoutMs(300).withRetries(2);
            PortScanResult r = scanner.scan(List.of("127.0.0.1"), o).get(0);
            assertThat(r.filtered()).containsExactly(port);
            assertThat(r.openPorts()).isEmpty();
            assertThat(r.elapsedMs()).as("three tries of 300 ms").isGreaterThanOrEqualTo(900);
        }
    }

    @Test
    void theRateLimitSpacesTheConnects() throws Exception {
        PortScanner.Options o = PortScanner.Options.of(PortSet.parse("1-40")).withRate(100);
        PortScanResult r = scanner.scan(List.of("127.0.0.1"), o).get(0);
        assertThat(r.closedCount() + r.open().size()).isEqualTo(40);
        assertThat(r.elapsedMs()).as("40 connects at 100/s").isGreaterThanOrEqualTo(380);
    }

    @Test
    void aSocketConnectedToItselfIsRecognised() throws Exception {
        // bound to a free port and connected to that same port: TCP's simultaneous open, as a scan of a
        // port of the ephemeral range can get when the kernel picks the scanned port as the source
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        NativeSockets.SocketAddress at = new NativeSockets.SocketAddress(InetAddress.getLoopbackAddress()).port(port);
        int self = NativeSockets.tcpSocket(at.family);
        try {
            assertThat(NativeSockets.bind(self, at)).isZero();
            assertThat(NativeSockets.connect(self, at)).isIn(0, NativeSockets.EINPROGRESS);
            assertThat(NativeSockets.pendingError(self, new int[1], new int[1])).as("it connected: it looks open").isZero();
            assertThat(NativeSockets.selfConnected(self, at, port)).isTrue();
        } finally {
            NativeSockets.close(self);
        }
        try (Listeners l = new Listeners()) {
            int p = l.start("");
            NativeSockets.SocketAddress listener = new NativeSockets.SocketAddress(InetAddress.getLoopbackAddress()).port(p);
            int real = NativeSockets.tcpSocket(listener.family);
            try {
                assertThat(NativeSockets.connect(real, listener)).isIn(0, NativeSockets.EINPROGRESS);
                assertThat(NativeSockets.selfConnected(real, listener, p)).isFalse();
            } finally {
                NativeSockets.close(real);
            }
        }
    }

    @Test
    void aScanHoldsNoMoreSocketsThanTheOpenFileLimitAllows() throws Exception {
        // 64 in flight at most: the full range still completes, without "too many open files"
        try (Listeners l = new Listeners()) {
            int port = l.start("");
            int before = OpenFiles.openNow();
            PortScanResult r = scanner.scan(List.of("127.0.0.1"), PortScanner.Options.of(PortSet.all()).withMaxInFlight(64)).get(0);
            assertThat(r.openPorts()).contains(port);
            assertThat(r.closedCount() + r.open().size() + r.filtered().size()).isEqualTo(65535);
            assertThat(OpenFiles.openNow()).as("every socket and epoll set of the scan is closed again").isLessThanOrEqualTo(before + 2);
        }
    }

    @Test
    void aRefusedTargetStopsTheScanBeforeAnySocketOpens() throws Exception {
        try (Listeners l = new Listeners()) {
            int port = l.start("");
            PortScanner.Options o = PortScanner.Options.of(PortSet.parse(Integer.toString(port)));
            assertThatThrownBy(() -> scanner.scan(List.of("127.0.0.1", "192.0.2.1"), o))
                    .isInstanceOf(TargetRefusedException.class)
                    .hasMessageContaining("Refusing to send traffic to 192.0.2.1");
            Thread.sleep(200);
            assertThat(l.accepted).as("the allowed target listed first got no connection either").hasValue(0);
            scanner.scan(List.of("127.0.0.1"), o);
            Thread.sleep(200);
            assertThat(l.accepted).as("the same scan without the refused target connects").hasValue(1);
        }
    }

    @Test
    void portListsParseLikeNmapsAndBadOnesSayWhy() {
        assertThat(PortSet.parse("22,80,443").toArray()).containsExactly(22, 80, 443);
        assertThat(PortSet.parse("1-3, 8080").toArray()).containsExactly(1, 2, 3, 8080);
        assertThat(PortSet.parse("-").size()).isEqualTo(65535);
        assertThat(PortSet.parse("65530-").toArray()).containsExactly(65530, 65531, 65532, 65533, 65534, 65535);
        assertThatThrownBy(() -> PortSet.parse("0")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> PortSet.parse("80-22")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> PortSet.parse("http")).hasMessageContaining("'http'").hasMessageContaining("not a port number");
    }
}
