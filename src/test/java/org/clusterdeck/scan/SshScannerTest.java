package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.junit.jupiter.api.Test;

/** The SSH wire format, grading, and hostile or broken servers on loopback (real sockets, hostile peers). */
class SshScannerTest {
    private final SshScanner scanner = new SshScanner(TargetPolicy.withoutInventory());

    @Test
    void ourKexInitIsAValidPacketThatParsesBack() throws Exception {
        byte[] packet = SshWire.kexInitPacket(new SecureRandom());
        assertThat(packet.length % 8).as("RFC 4253 §6: a multiple of 8 bytes").isZero();
        byte[] payload = SshWire.readPacket(new DataInputStream(new ByteArrayInputStream(packet)));
        SshWire.KexInit k = SshWire.parseKexInit(payload);
        assertThat(k.kex()).startsWith("curve25519-sha256");
        assertThat(k.hostKeys()).contains("ssh-ed25519");
        assertThat(k.compressionServerToClient()).containsExactly("none", "zlib@openssh.com");
    }

    @Test
    void gradesFollowThePolicy() {
        assertThat(SshPolicy.grade(SshPolicy.Kind.KEX, "diffie-hellman-group1-sha1").level()).isEqualTo(SshPolicy.Level.FAIL);
        assertThat(SshPolicy.grade(SshPolicy.Kind.KEX, "ecdh-sha2-nistp256").level()).isEqualTo(SshPolicy.Level.WARN);
        assertThat(SshPolicy.grade(SshPolicy.Kind.KEX, "mlkem768x25519-sha256").level()).isEqualTo(SshPolicy.Level.GOOD);
        assertThat(SshPolicy.grade(SshPolicy.Kind.KEX, "kex-strict-s-v00@openssh.com").level()).isEqualTo(SshPolicy.Level.INFO);
        assertThat(SshPolicy.grade(SshPolicy.Kind.HOST_KEY, "ssh-rsa").level()).isEqualTo(SshPolicy.Level.FAIL);
        assertThat(SshPolicy.grade(SshPolicy.Kind.CIPHER, "3des-cbc").level()).isEqualTo(SshPolicy.Level.FAIL);
        assertThat(SshPolicy.grade(SshPolicy.Kind.MAC, "umac-64-etm@openssh.com").level()).isEqualTo(SshPolicy.Level.FAIL);
        assertThat(SshPolicy.grade(SshPolicy.Kind.MAC, "hmac-sha2-256").level()).isEqualTo(SshPolicy.Level.WARN);
        assertThat(SshPolicy.grade(SshPolicy.Kind.MAC, "hmac-sha2-512-etm@openssh.com").level()).isEqualTo(SshPolicy.Level.GOOD);
        assertThat(SshPolicy.grade(SshPolicy.Kind.CIPHER, "made-up@example.com").level()).isEqualTo(SshPolicy.Level.UNKNOWN);
    }

    @Test
    void aServerOfferingWeakAlgorithmsWithoutStrictKexGetsFindingsIncludingTerrapin() throws Exception {
        // a hostile peer on loopback: an SSH identification with escape sequences, then a hand-made KEXINIT
        byte[] kexinit = kexInitPayload("diffie-hellman-group14-sha1,curve25519-sha256", "ssh-rsa,ssh-ed25519",
                "chacha20-poly1305@openssh.com,aes128-cbc", "hmac-sha1,hmac-sha2-256-etm@openssh.com");
        try (ServerSocket server = serve("SSH-2.0-Evil\u001b[2J comment\r\n", SshWire.packet(kexinit, new SecureRandom()))) {
            SshScanResult r = scanner.scan("127.0.0.1:" + server.getLocalPort());
            assertThat(r.banner()).isEqualTo("SSH-2.0-Evil\u001b[2J comment");
            assertThat(r.software()).isEqualTo("Evil\u001b[2J");
            assertThat(r.findings()).extracting(Finding::id).containsExactlyInAnyOrder("ssh-kex-diffie-hellman-group14-sha1",
                    "ssh-host-key-ssh-rsa", "ssh-cipher-aes128-cbc", "ssh-mac-hmac-sha1", "ssh-terrapin");
            assertThat(r.findings()).allSatisfy(f -> assertThat(f.why()).isNotBlank());
        }
    }

    @Test
    void aBrokenServerIsAClearErrorNotAHang() throws Exception {
        byte[] garbage = {0x7f, 0x7f, 0x7f, 0x7f, 0, 0, 0, 0};
        try (ServerSocket server = serve("SSH-2.0-Broken\r\n", garbage)) {
            assertThatThrownBy(() -> scanner.scan("127.0.0.1:" + server.getLocalPort()))
                    .isInstanceOf(IOException.class).hasMessageContaining("not an SSH packet");
        }
        try (ServerSocket server = serve("HTTP/1.1 400 Bad Request\r\n", new byte[0])) {
            assertThatThrownBy(() -> scanner.scan("127.0.0.1:" + server.getLocalPort()))
                    .isInstanceOf(IOException.class).hasMessageContaining("closed the connection");
        }
    }

    @Test
    void targetsAndPortsAreCheckedFirst() {
        assertThatThrownBy(() -> scanner.scan("192.0.2.1:22")).isInstanceOf(TargetRefusedException.class)
                .hasMessageContaining("Refusing to send traffic to 192.0.2.1");
        assertThat(SshScanner.Endpoint.parse("[::1]:2222", 22)).isEqualTo(new SshScanner.Endpoint("::1", 2222));
        assertThat(SshScanner.Endpoint.parse("::1", 22)).isEqualTo(new SshScanner.Endpoint("::1", 22));
        assertThat(SshScanner.Endpoint.parse("lab1", 22)).isEqualTo(new SshScanner.Endpoint("lab1", 22));
        assertThatThrownBy(() -> SshScanner.Endpoint.parse("lab1:ssh", 22)).hasMessageContaining("'ssh' is not a port");
    }

    private static byte[] kexInitPayload(String kex, String hostKeys, String ciphers, String macs) throws IOException {
        java.io.ByteArrayOutputStream b = new java.io.ByteArrayOutputStream();
        java.io.DataOutputStream d = new java.io.DataOutputStream(b);
        d.writeByte(SshWire.MSG_KEXINIT);
        d.write(new byte[16]);
        for (String s : new String[] {kex, hostKeys, ciphers, ciphers, macs, macs, "none", "none", "", ""}) {
            byte[] x = s.getBytes(StandardCharsets.US_ASCII);
            d.writeInt(x.length);
            d.write(x);
        }
        d.writeBoolean(false);
        d.writeInt(0);
        return b.toByteArray();
    }

    /** A one-connection server on loopback that sends {@code line} and {@code then}, then waits for the client to leave. */
    private static ServerSocket serve(String line, byte[] then) throws IOException {
        ServerSocket s = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            try (Socket c = s.accept()) {
                OutputStream out = c.getOutputStream();
                out.write(line.getBytes(StandardCharsets.UTF_8));
                out.write(then);
                out.flush();
                c.shutdownOutput();
                c.getInputStream().readAllBytes();
            } catch (IOException e) {
                // the scanner left
            }
        });
        t.setDaemon(true);
        t.start();
        return s;
    }
}
