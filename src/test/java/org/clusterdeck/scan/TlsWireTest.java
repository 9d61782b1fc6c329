package org.clusterdeck.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-built ClientHello bytes, ServerHello parsing, suite strengths and host-name matching, without a network. */
class TlsWireTest {

    @Test
    void clientHelloIsOneHandshakeRecordWithTheOfferedSuitesAndTls13Extensions() {
        byte[] b = TlsWire.clientHello(TlsWire.TLS13, List.of(0x1301, 0x1302), "example.test", new SecureRandom());
        assertThat(b[0]).isEqualTo((byte) 22);
        assertThat(((b[3] & 0xff) << 8) | (b[4] & 0xff)).as("record length").isEqualTo(b.length - 5);
        assertThat(b[5]).as("ClientHello").isEqualTo((byte) 1);
        assertThat(((b[9] & 0xff) << 8) | (b[10] & 0xff)).as("legacy_version").isEqualTo(TlsWire.TLS12);
        int p = 9 + 2 + 32;
        assertThat(b[p] & 0xff).as("session id length").isEqualTo(32);
        p += 1 + 32;
        assertThat(((b[p] & 0xff) << 8) | (b[p + 1] & 0xff)).as("cipher suites length").isEqualTo(4);
        String hex = java.util.HexFormat.of().formatHex(b);
        assertThat(hex).contains("002b00030203" + "04").as("supported_versions: TLS 1.3 alone")
                .contains("0033002600240" + "01d0020").as("key_share x25519, 32 bytes")
                .contains(java.util.HexFormat.of().formatHex("example.test".getBytes()));
        byte[] old = TlsWire.clientHello(TlsWire.TLS10, List.of(0x002f), null, new SecureRandom());
        assertThat(java.util.HexFormat.of().formatHex(old)).doesNotContain("002b0003").startsWith("1603010");
    }

    @Test
    void serverHelloVersionComesFromSupportedVersionsAndAnAlertIsARefusal() throws Exception {
        // ServerHello: legacy 0x0303, random, empty session id, suite 0x1302, null compression, supported_versions 0x0304
        String body = "0303" + "11".repeat(32) + "00" + "1302" + "00" + "0006" + "002b00020304";
        String hs = "02" + String.format("%06x", body.length() / 2) + body;
        String rec = "160303" + String.format("%04x", hs.length() / 2) + hs;
        TlsWire.Answer a = TlsWire.readAnswer(new ByteArrayInputStream(java.util.HexFormat.of().parseHex(rec)));
        assertThat(a.accepted()).isTrue();
        assertThat(a.version()).isEqualTo(TlsWire.TLS13);
        assertThat(a.cipher()).isEqualTo(0x1302);
        TlsWire.Answer alert = TlsWire.readAnswer(new ByteArrayInputStream(java.util.HexFormat.of().parseHex("15030100020246")));
        assertThat(alert.accepted()).isFalse();
        assertThat(alert.refusal()).isEqualTo("alert 70");
        assertThat(TlsWire.readAnswer(new ByteArrayInputStream(new byte[0])).refusal()).isEqualTo("connection closed");
    }

    @Test
    void aHelloRetryRequestNamesItsGroupAndAWholeTls12FlightGivesCertificatesStapleAndCurve() throws Exception {
        String hrrRandom = "cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c";
        String hrr = "0303" + hrrRandom + "00" + "1301" + "00" + "000c" + "002b00020304" + "003300020018";
        TlsWire.Answer retry = TlsWire.readAnswer(new ByteArrayInputStream(record(message(2, hrr))));
        assertThat(retry.accepted()).isTrue();
        assertThat(retry.group()).as("secp384r1 asked for").isEqualTo(0x0018);

        String hello = message(2, "0303" + "22".repeat(32) + "00" + "c02f" + "00" + "0000");
        String certs = message(11, "00000a" + "000003" + "aabbcc" + "000001" + "dd");
        String status = message(22, "01" + "000002" + "3000");
        String ske = message(12, "03" + "001d" + "20" + "00".repeat(32));
        String done = message(14, "");
        // split over two records, as servers do when the flight is longer than one
        String flight = hello + certs + status + ske + done;
        byte[] two = java.util.HexFormat.of().parseHex(recordHex(flight.substring(0, 40)) + recordHex(flight.substring(40)));
        TlsWire.Answer a = TlsWire.readAnswer(new ByteArrayInputStream(two), true);
        assertThat(a.cipher()).isEqualTo(0xc02f);
        assertThat(a.certificates()).extracting(java.util.HexFormat.of()::formatHex).containsExactly("aabbcc", "dd");
        assertThat(java.util.HexFormat.of().formatHex(a.ocsp())).isEqualTo("3000");
        assertThat(a.group()).as("x25519 in the ServerKeyExchange").isEqualTo(0x001d);
        assertThat(TlsWire.readAnswer(new ByteArrayInputStream(two), false).certificates()).isEmpty();

        String withStatus = java.util.HexFormat.of().formatHex(TlsWire.clientHello(TlsWire.TLS12, List.of(0xc02f),
                TlsWire.GROUPS, true, true, null, new SecureRandom()));
        assertThat(withStatus).contains("000500050100000000").as("status_request: OCSP, no ids, no extensions");
    }

    private static String message(int type, String bodyHex) {
        return String.format("%02x%06x", type, bodyHex.length() / 2) + bodyHex;
    }

    private static String recordHex(String handshakeHex) {
        return "160303" + String.format("%04x", handshakeHex.length() / 2) + handshakeHex;
    }

    private static byte[] record(String handshakeHex) {
        return java.util.HexFormat.of().parseHex(recordHex(handshakeHex));
    }

    @Test
    void strengthsFollowMozillaIntermediate() {
        assertThat(TlsCipherSuites.byId(0xC02F).strength()).isEqualTo(TlsCipherSuites.Strength.INTERMEDIATE);
        assertThat(TlsCipherSuites.byId(0xC02F).name()).isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(TlsCipherSuites.byId(0x002F).strength()).isEqualTo(TlsCipherSuites.Strength.OLD);
        assertThat(TlsCipherSuites.byId(0x002F).forwardSecrecy()).isFalse();
        assertThat(TlsCipherSuites.byId(0x000A).strength()).isEqualTo(TlsCipherSuites.Strength.WEAK);
        assertThat(TlsCipherSuites.byId(0x0005).strength()).isEqualTo(TlsCipherSuites.Strength.WEAK);
        assertThat(TlsCipherSuites.byId(0x0003).strength()).isEqualTo(TlsCipherSuites.Strength.INSECURE);
        assertThat(TlsCipherSuites.byId(0xC018).strength()).isEqualTo(TlsCipherSuites.Strength.INSECURE);
        assertThat(TlsCipherSuites.byId(0x0009).strength()).isEqualTo(TlsCipherSuites.Strength.INSECURE);
        assertThat(TlsCipherSuites.ids(true)).containsExactlyInAnyOrder(0x1301, 0x1302, 0x1303, 0x1304, 0x1305);
        assertThat(TlsCipherSuites.ids(false)).hasSizeGreaterThan(150).doesNotContain(0x1301);
    }

    @Test
    void hostNamesMatchSansWithOneWildcardLabelAndAddressesOnlyIpEntries() {
        assertThat(TlsCertificates.matches("www.example.test", List.of("*.example.test"), List.of(), null)).isTrue();
        assertThat(TlsCertificates.matches("a.b.example.test", List.of("*.example.test"), List.of(), null)).isFalse();
        assertThat(TlsCertificates.matches("example.test", List.of("*.example.test"), List.of(), null)).isFalse();
        assertThat(TlsCertificates.matches("127.0.0.1", List.of("127.0.0.1"), List.of(), null)).isFalse();
        assertThat(TlsCertificates.matches("127.0.0.1", List.of(), List.of("127.0.0.1"), null)).isTrue();
        assertThat(TlsCertificates.matches("localhost", List.of(), List.of(), "LOCALHOST")).isTrue();
        assertThat(TlsCertificates.matches("localhost", List.of("other.test"), List.of(), "localhost")).isFalse();
    }
}
