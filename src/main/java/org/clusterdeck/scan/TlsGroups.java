package org.clusterdeck.scan;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Key exchange groups (TLS "supported groups", RFC 8422 / RFC 7919 / RFC 8446) by IANA id, with the
 * names sslscan and OpenSSL print; Mozilla's guidelines {@value TlsCipherSuites#MOZILLA_VERSION} ask for
 * curves of at least 256 bits ({@code ecdh_param_size}) and list X25519, prime256v1 and secp384r1.
 */
public final class TlsGroups {
    /** One group a server accepted: IANA id, name and its size in bits (x25519 counted as 256: as strong as P-256). */
    public record Group(int id, String name, int bits) {
        public String hexId() {
            return String.format(Locale.ROOT, "0x%04X", id);
        }

        /** Under Mozilla's minimum: an elliptic curve under 256 bits or a finite field under 2048 bits. */
        public boolean weak() {
            return id >= 0x0100 && id <= 0x01ff ? bits < TlsJudge.MIN_DH_BITS : bits < TlsJudge.MIN_ECDH_BITS;
        }
    }

    private static final Map<Integer, Group> KNOWN = Map.ofEntries(
            entry(0x000f, "secp160k1", 160), entry(0x0010, "secp160r1", 160), entry(0x0011, "secp160r2", 160),
            entry(0x0012, "secp192k1", 192), entry(0x0013, "secp192r1", 192), entry(0x0014, "secp224k1", 224),
            entry(0x0015, "secp224r1", 224), entry(0x0016, "secp256k1", 256), entry(0x0017, "secp256r1", 256),
            entry(0x0018, "secp384r1", 384), entry(0x0019, "secp521r1", 521), entry(0x001a, "brainpoolP256r1", 256),
            entry(0x001b, "brainpoolP384r1", 384), entry(0x001c, "brainpoolP512r1", 512), entry(0x001d, "x25519", 256),
            entry(0x001e, "x448", 448), entry(0x0100, "ffdhe2048", 2048), entry(0x0101, "ffdhe3072", 3072),
            entry(0x0102, "ffdhe4096", 4096), entry(0x0103, "ffdhe6144", 6144), entry(0x0104, "ffdhe8192", 8192),
            entry(0x11ec, "X25519MLKEM768", 256));

    private TlsGroups() {
    }

    private static Map.Entry<Integer, Group> entry(int id, String name, int bits) {
        return Map.entry(id, new Group(id, name, bits));
    }

    /** The group with this id; an unknown one is named by its hex id, with 0 bits (judged weak: unknown). */
    public static Group byId(int id) {
        Group g = KNOWN.get(id);
        return g != null ? g : new Group(id, String.format(Locale.ROOT, "0x%04X", id), 0);
    }

    /** The elliptic curves only (what a TLS 1.2 ECDHE key exchange can use). */
    static List<Integer> curves() {
        return TlsWire.GROUPS.stream().filter(id -> id < 0x0100).toList(); // ffdhe and hybrids are TLS 1.3 only
    }
}
