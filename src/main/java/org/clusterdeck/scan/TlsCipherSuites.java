package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.lb.TlsProfile;

/**
 * The cipher suites the TLS scanner offers, by IANA id, with OpenSSL's names (the ones sslscan and
 * nginx's {@code ssl_ciphers} use) and a strength judged against Mozilla's server-side TLS
 * guidelines, version {@value #MOZILLA_VERSION}: every suite OpenSSL 3.0 knows at security level 0, plus the RC4, DES,
 * 3DES, IDEA, SEED and export suites of older servers.
 */
public final class TlsCipherSuites {
    /** Mozilla's guidelines version the strengths and findings are judged by. */
    public static final String MOZILLA_VERSION = TlsProfile.GUIDELINES;

    /** How good a suite is: from Mozilla's intermediate profile down to no protection at all. */
    public enum Strength {
        /** In Mozilla's intermediate profile (and every TLS 1.3 suite). */
        INTERMEDIATE,
        /** Only in Mozilla's "old" profile or in none, but not broken: CBC, static RSA, CAMELLIA, ARIA, CCM. */
        OLD,
        /** Broken in practice: RC4, 3DES (Sweet32), IDEA, SEED's 64-bit cousins. */
        WEAK,
        /** No protection worth the name: NULL encryption, export grade, anonymous, single DES. */
        INSECURE
    }

    /** One suite: its IANA id, OpenSSL name, strength and whether its key exchange is ephemeral. */
    public record Suite(int id, String name, Strength strength, boolean forwardSecrecy) {
        public String hexId() {
            return String.format(Locale.ROOT, "0x%04X", id);
        }

        public boolean tls13() {
            return (id >> 8) == 0x13;
        }
    }

    // the load balancer's generator writes the same list (6.0 dropped the DHE suites 5.7 still listed)
    private static final Set<String> INTERMEDIATE = Set.copyOf(TlsProfile.INTERMEDIATE.ciphers());

    // IANA id (hex) and OpenSSL name, one per line
    private static final String TABLE = """
            0001 NULL-MD5
            0002 NULL-SHA
            0003 EXP-RC4-MD5
            0004 RC4-MD5
            0005 RC4-SHA
            0006 EXP-RC2-CBC-MD5
            0007 IDEA-CBC-SHA
            0008 EXP-DES-CBC-SHA
            0009 DES-CBC-SHA
            000A DES-CBC3-SHA
            0011 EXP-EDH-DSS-DES-CBC-SHA
            0012 EDH-DSS-DES-CBC-SHA
            0013 EDH-DSS-DES-CBC3-SHA
            0014 EXP-EDH-RSA-DES-CBC-SHA
            0015 EDH-RSA-DES-CBC-SHA
            0016 EDH-RSA-DES-CBC3-SHA
            0017 EXP-ADH-RC4-MD5
            0018 ADH-RC4-MD5
            0019 EXP-ADH-DES-CBC-SHA
            001A ADH-DES-CBC-SHA
            001B ADH-DES-CBC3-SHA
            002C PSK-NULL-SHA
            002D DHE-PSK-NULL-SHA
            002E RSA-PSK-NULL-SHA
            002F AES128-SHA
            0032 DHE-DSS-AES128-SHA
            0033 DHE-RSA-AES128-SHA
            0034 ADH-AES128-SHA
            0035 AES256-SHA
            0038 DHE-DSS-AES256-SHA
            0039 DHE-RSA-AES256-SHA
            003A ADH-AES256-SHA
            003B NULL-SHA256
            003C AES128-SHA256
            003D AES256-SHA256
            0040 DHE-DSS-AES128-SHA256
            0041 CAMELLIA128-SHA
            0044 DHE-DSS-CAMELLIA128-SHA
            0045 DHE-RSA-CAMELLIA128-SHA
            0046 ADH-CAMELLIA128-SHA
            0067 DHE-RSA-AES128-SHA256
            006A DHE-DSS-AES256-SHA256
            006B DHE-RSA-AES256-SHA256
            006C ADH-AES128-SHA256
            006D ADH-AES256-SHA256
            0084 CAMELLIA256-SHA
            0087 DHE-DSS-CAMELLIA256-SHA
            0088 DHE-RSA-CAMELLIA256-SHA
            0089 ADH-CAMELLIA256-SHA
            008C PSK-AES128-CBC-SHA
            008D PSK-AES256-CBC-SHA
            0090 DHE-PSK-AES128-CBC-SHA
            0091 DHE-PSK-AES256-CBC-SHA
            0094 RSA-PSK-AES128-CBC-SHA
            0095 RSA-PSK-AES256-CBC-SHA
            0096 SEED-SHA
            0099 DHE-DSS-SEED-SHA
            009A DHE-RSA-SEED-SHA
            009B ADH-SEED-SHA
            009C AES128-GCM-SHA256
            009D AES256-GCM-SHA384
            009E DHE-RSA-AES128-GCM-SHA256
            009F DHE-RSA-AES256-GCM-SHA384
            00A2 DHE-DSS-AES128-GCM-SHA256
            00A3 DHE-DSS-AES256-GCM-SHA384
            00A6 ADH-AES128-GCM-SHA256
            00A7 ADH-AES256-GCM-SHA384
            00A8 PSK-AES128-GCM-SHA256
            00A9 PSK-AES256-GCM-SHA384
            00AA DHE-PSK-AES128-GCM-SHA256
            00AB DHE-PSK-AES256-GCM-SHA384
            00AC RSA-PSK-AES128-GCM-SHA256
            00AD RSA-PSK-AES256-GCM-SHA384
            00AE PSK-AES128-CBC-SHA256
            00AF PSK-AES256-CBC-SHA384
            00B0 PSK-NULL-SHA256
            00B1 PSK-NULL-SHA384
            00B2 DHE-PSK-AES128-CBC-SHA256
            00B3 DHE-PSK-AES256-CBC-SHA384
            00B4 DHE-PSK-NULL-SHA256
            00B5 DHE-PSK-NULL-SHA384
            00B6 RSA-PSK-AES128-CBC-SHA256
            00B7 RSA-PSK-AES256-CBC-SHA384
            00B8 RSA-PSK-NULL-SHA256
            00B9 RSA-PSK-NULL-SHA384
            00BA CAMELLIA128-SHA256
            00BD DHE-DSS-CAMELLIA128-SHA256
            00BE DHE-RSA-CAMELLIA128-SHA256
            00BF ADH-CAMELLIA128-SHA256
            00C0 CAMELLIA256-SHA256
            00C3 DHE-DSS-CAMELLIA256-SHA256
            00C4 DHE-RSA-CAMELLIA256-SHA256
            00C5 ADH-CAMELLIA256-SHA256
            1301 TLS_AES_128_GCM_SHA256
            1302 TLS_AES_256_GCM_SHA384
            1303 TLS_CHACHA20_POLY1305_SHA256
            1304 TLS_AES_128_CCM_SHA256
            1305 TLS_AES_128_CCM_8_SHA256
            C006 ECDHE-ECDSA-NULL-SHA
            C007 ECDHE-ECDSA-RC4-SHA
            C008 ECDHE-ECDSA-DES-CBC3-SHA
            C009 ECDHE-ECDSA-AES128-SHA
            C00A ECDHE-ECDSA-AES256-SHA
            C010 ECDHE-RSA-NULL-SHA
            C011 ECDHE-RSA-RC4-SHA
            C012 ECDHE-RSA-DES-CBC3-SHA
            C013 ECDHE-RSA-AES128-SHA
            C014 ECDHE-RSA-AES256-SHA
            C015 AECDH-NULL-SHA
            C016 AECDH-RC4-SHA
            C017 AECDH-DES-CBC3-SHA
            C018 AECDH-AES128-SHA
            C019 AECDH-AES256-SHA
            C01D SRP-AES-128-CBC-SHA
            C01E SRP-RSA-AES-128-CBC-SHA
            C01F SRP-DSS-AES-128-CBC-SHA
            C020 SRP-AES-256-CBC-SHA
            C021 SRP-RSA-AES-256-CBC-SHA
            C022 SRP-DSS-AES-256-CBC-SHA
            C023 ECDHE-ECDSA-AES128-SHA256
            C024 ECDHE-ECDSA-AES256-SHA384
            C027 ECDHE-RSA-AES128-SHA256
            C028 ECDHE-RSA-AES256-SHA384
            C02B ECDHE-ECDSA-AES128-GCM-SHA256
            C02C ECDHE-ECDSA-AES256-GCM-SHA384
            C02F ECDHE-RSA-AES128-GCM-SHA256
            C030 ECDHE-RSA-AES256-GCM-SHA384
            C035 ECDHE-PSK-AES128-CBC-SHA
            C036 ECDHE-PSK-AES256-CBC-SHA
            C037 ECDHE-PSK-AES128-CBC-SHA256
            C038 ECDHE-PSK-AES256-CBC-SHA384
            C039 ECDHE-PSK-NULL-SHA
            C03A ECDHE-PSK-NULL-SHA256
            C03B ECDHE-PSK-NULL-SHA384
            C050 ARIA128-GCM-SHA256
            C051 ARIA256-GCM-SHA384
            C052 DHE-RSA-ARIA128-GCM-SHA256
            C053 DHE-RSA-ARIA256-GCM-SHA384
            C056 DHE-DSS-ARIA128-GCM-SHA256
            C057 DHE-DSS-ARIA256-GCM-SHA384
            C05C ECDHE-ECDSA-ARIA128-GCM-SHA256
            C05D ECDHE-ECDSA-ARIA256-GCM-SHA384
            C060 ECDHE-ARIA128-GCM-SHA256
            C061 ECDHE-ARIA256-GCM-SHA384
            C06A PSK-ARIA128-GCM-SHA256
            C06B PSK-ARIA256-GCM-SHA384
            C06C DHE-PSK-ARIA128-GCM-SHA256
            C06D DHE-PSK-ARIA256-GCM-SHA384
            C06E RSA-PSK-ARIA128-GCM-SHA256
            C06F RSA-PSK-ARIA256-GCM-SHA384
            C072 ECDHE-ECDSA-CAMELLIA128-SHA256
            C073 ECDHE-ECDSA-CAMELLIA256-SHA384
            C076 ECDHE-RSA-CAMELLIA128-SHA256
            C077 ECDHE-RSA-CAMELLIA256-SHA384
            C094 PSK-CAMELLIA128-SHA256
            C095 PSK-CAMELLIA256-SHA384
            C096 DHE-PSK-CAMELLIA128-SHA256
            C097 DHE-PSK-CAMELLIA256-SHA384
            C098 RSA-PSK-CAMELLIA128-SHA256
            C099 RSA-PSK-CAMELLIA256-SHA384
            C09A ECDHE-PSK-CAMELLIA128-SHA256
            C09B ECDHE-PSK-CAMELLIA256-SHA384
            C09C AES128-CCM
            C09D AES256-CCM
            C09E DHE-RSA-AES128-CCM
            C09F DHE-RSA-AES256-CCM
            C0A0 AES128-CCM8
            C0A1 AES256-CCM8
            C0A2 DHE-RSA-AES128-CCM8
            C0A3 DHE-RSA-AES256-CCM8
            C0A4 PSK-AES128-CCM
            C0A5 PSK-AES256-CCM
            C0A6 DHE-PSK-AES128-CCM
            C0A7 DHE-PSK-AES256-CCM
            C0A8 PSK-AES128-CCM8
            C0A9 PSK-AES256-CCM8
            C0AA DHE-PSK-AES128-CCM8
            C0AB DHE-PSK-AES256-CCM8
            C0AC ECDHE-ECDSA-AES128-CCM
            C0AD ECDHE-ECDSA-AES256-CCM
            C0AE ECDHE-ECDSA-AES128-CCM8
            C0AF ECDHE-ECDSA-AES256-CCM8
            CCA8 ECDHE-RSA-CHACHA20-POLY1305
            CCA9 ECDHE-ECDSA-CHACHA20-POLY1305
            CCAA DHE-RSA-CHACHA20-POLY1305
            CCAB PSK-CHACHA20-POLY1305
            CCAC ECDHE-PSK-CHACHA20-POLY1305
            CCAD DHE-PSK-CHACHA20-POLY1305
            CCAE RSA-PSK-CHACHA20-POLY1305
            """;

    private static final Map<Integer, Suite> BY_ID = new LinkedHashMap<>();

    static {
        for (String line : TABLE.strip().split("\n")) {
            String[] f = line.strip().split(" ");
            int id = Integer.parseInt(f[0], 16);
            BY_ID.put(id, new Suite(id, f[1], strength(id, f[1]), forwardSecrecy(id, f[1])));
        }
    }

    private TlsCipherSuites() {
    }

    /** The suite with this IANA id; an unknown id gets its hex form as name and the strength OLD. */
    public static Suite byId(int id) {
        Suite s = BY_ID.get(id);
        return s != null ? s : new Suite(id, String.format(Locale.ROOT, "0x%04X", id), Strength.OLD, false);
    }

    /** Every TLS 1.3 suite (true) or every suite of SSLv3 to TLS 1.2 (false), in table order. */
    public static List<Integer> ids(boolean tls13) {
        List<Integer> out = new ArrayList<>();
        BY_ID.values().stream().filter(s -> s.tls13() == tls13).forEach(s -> out.add(s.id()));
        return out;
    }

    static Strength strength(int id, String name) {
        if ((id >> 8) == 0x13 || INTERMEDIATE.contains(name)) {
            return Strength.INTERMEDIATE;
        }
        if (name.contains("NULL") || name.startsWith("EXP") || name.startsWith("ADH") || name.startsWith("AECDH")
                || name.contains("DES-CBC-")) {
            return Strength.INSECURE;
        }
        if (name.contains("RC4") || name.contains("DES-CBC3") || name.contains("IDEA") || name.contains("RC2")) {
            return Strength.WEAK;
        }
        return Strength.OLD;
    }

    static boolean forwardSecrecy(int id, String name) {
        return (id >> 8) == 0x13 || name.startsWith("ECDHE-") || name.startsWith("DHE-") || name.startsWith("EDH-");
    }
}
