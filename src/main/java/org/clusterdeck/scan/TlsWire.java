package org.clusterdeck.scan;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.List;

/**
 * ClientHello messages written by hand and the server's first answer read back: enough to learn
 * which protocol version, cipher suite and key exchange group a server picks from a list, for any
 * suite (Java's own TLS stack offers neither ARIA, CAMELLIA, CCM_8, anonymous nor export suites).
 * Usually nothing after the ServerHello is read; up to TLS 1.2 the rest of the server's first flight
 * can be read too (Certificate, CertificateStatus, ServerKeyExchange: all sent in the clear there).
 * The connection is closed then, before any key is computed.
 */
final class TlsWire {
    static final int SSL3 = 0x0300;
    static final int TLS10 = 0x0301;
    static final int TLS11 = 0x0302;
    static final int TLS12 = 0x0303;
    static final int TLS13 = 0x0304;
    private static final int HANDSHAKE = 22;
    private static final int ALERT = 21;
    /**
     * X25519MLKEM768, x25519, secp256r1, secp384r1, secp521r1, x448, ffdhe2048..8192, the brainpool and the
     * small curves (RFC 8422): every group {@link TlsGroups} names.
     */
    static final List<Integer> GROUPS = List.of(0x11ec, 0x001d, 0x0017, 0x0018, 0x0019, 0x001e, 0x0100, 0x0101, 0x0102,
            0x0103, 0x0104, 0x001a, 0x001b, 0x001c, 0x0016, 0x0015, 0x0013, 0x0012, 0x0014, 0x0011, 0x0010, 0x000f);
    // ECDSA, RSA-PSS, EdDSA, RSA PKCS#1 with SHA-2 and SHA-1, DSA and ECDSA with SHA-1 (old servers' certificates)
    private static final int[] SIGNATURES = {0x0403, 0x0503, 0x0603, 0x0804, 0x0805, 0x0806, 0x0807, 0x0808, 0x0809,
        0x080a, 0x080b, 0x0401, 0x0501, 0x0601, 0x0303, 0x0301, 0x0302, 0x0402, 0x0502, 0x0602, 0x0201, 0x0203, 0x0202};
    // SHA-256 of "HelloRetryRequest" (RFC 8446 §4.1.3): a ServerHello with this random asks for another key share
    private static final byte[] HRR_RANDOM = hex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c");

    /**
     * What the server answered: the version and suite it chose, or why not (alert, closed); the key
     * exchange group it named (TLS 1.3 key_share or HelloRetryRequest, TLS 1.2 ECDHE ServerKeyExchange;
     * 0: none), and with a whole flight read the certificates (DER, leaf first), the stapled OCSP
     * response (DER, null: none) and the size of a DHE prime in bits (0: no DHE).
     */
    record Answer(int version, int cipher, String refusal, int group, List<byte[]> certificates, byte[] ocsp, int dhBits) {
        Answer(int version, int cipher, String refusal) {
            this(version, cipher, refusal, 0, List.of(), null, 0);
        }

        boolean accepted() {
            return refusal == null;
        }

        Answer with(int newGroup, List<byte[]> certs, byte[] staple, int dh) {
            return new Answer(version, cipher, refusal, newGroup, certs, staple, dh);
        }
    }

    private TlsWire() {
    }

    /** A ClientHello record for {@code version} offering {@code ciphers}; SNI only for a host name (null: none). */
    static byte[] clientHello(int version, List<Integer> ciphers, String sniHost, SecureRandom random) {
        return clientHello(version, ciphers, GROUPS, true, false, sniHost, random);
    }

    /**
     * A ClientHello offering {@code groups}; for TLS 1.3 with an x25519 key share ({@code keyShare}) or
     * with none, which makes the server name its group in a HelloRetryRequest; {@code statusRequest}
     * asks for a stapled OCSP response (status_request, RFC 6066 §8).
     */
    static byte[] clientHello(int version, List<Integer> ciphers, List<Integer> groups, boolean keyShare,
            boolean statusRequest, String sniHost, SecureRandom random) {
        boolean tls13 = version == TLS13;
        Bytes body = new Bytes();
        body.u16(tls13 ? TLS12 : version);
        body.random(random, 32);
        if (tls13) {
            body.u8(32).random(random, 32); // legacy session id: middlebox compatibility mode, as browsers send it
        } else {
            body.u8(0);
        }
        body.u16(ciphers.size() * 2);
        ciphers.forEach(body::u16);
        body.u8(1).u8(0); // null compression only
        Bytes ext = new Bytes();
        if (sniHost != null) {
            byte[] name = sniHost.getBytes(StandardCharsets.US_ASCII);
            ext.u16(0x0000).u16(name.length + 5).u16(name.length + 3).u8(0).u16(name.length).raw(name);
        }
        ext.u16(0x000a).u16(groups.size() * 2 + 2).u16(groups.size() * 2);
        groups.forEach(ext::u16);
        if (statusRequest) {
            ext.u16(0x0005).u16(5).u8(1).u16(0).u16(0); // status_request: OCSP, no responder ids, no extensions
        }
        ext.u16(0x000b).u16(4).u8(3).u8(0).u8(1).u8(2); // ec_point_formats: uncompressed and both compressed
        ext.u16(0x000d).u16(SIGNATURES.length * 2 + 2).u16(SIGNATURES.length * 2);
        for (int s : SIGNATURES) {
            ext.u16(s);
        }
        ext.u16(0xff01).u16(1).u8(0); // renegotiation_info, empty: servers that insist on RFC 5746 answer too
        if (tls13) {
            ext.u16(0x002b).u16(3).u8(2).u16(TLS13); // supported_versions: 1.3 alone
            if (keyShare) {
                ext.u16(0x0033).u16(38).u16(36).u16(0x001d).u16(32).random(random, 32); // key_share: x25519, any 32 bytes
            } else {
                ext.u16(0x0033).u16(2).u16(0); // key_share with no share: "pick a group" (RFC 8446 §4.2.8)
            }
        }
        body.u16(ext.size()).raw(ext.toByteArray());
        Bytes handshake = new Bytes().u8(1).u24(body.size()).raw(body.toByteArray());
        return new Bytes().u8(HANDSHAKE).u16(version == SSL3 ? SSL3 : TLS10).u16(handshake.size())
                .raw(handshake.toByteArray()).toByteArray();
    }

    /** Reads records up to the ServerHello (or an alert) and says what the server chose. */
    static Answer readAnswer(InputStream raw) throws IOException {
        return readAnswer(raw, false);
    }

    /**
     * Reads the server's answer; with {@code wholeFlight} and a version up to TLS 1.2 on up to the
     * ServerHelloDone, keeping the certificates, the stapled OCSP response and the key exchange group.
     */
    static Answer readAnswer(InputStream raw, boolean wholeFlight) throws IOException {
        DataInputStream in = new DataInputStream(raw);
        ByteArrayOutputStream handshake = new ByteArrayOutputStream();
        Answer hello = null;
        List<byte[]> certs = List.of();
        byte[] staple = null;
        int group = 0;
        int dh = 0;
        int done = 0; // bytes of the handshake stream already parsed
        try {
            while (true) {
                int type = in.readUnsignedByte();
                in.readUnsignedShort();
                int length = in.readUnsignedShort();
                if (length > 18432) {
                    return hello != null ? hello.with(group, certs, staple, dh) : new Answer(0, 0, "a record of " + length + " bytes: not TLS");
                }
                byte[] fragment = new byte[length];
                in.readFully(fragment);
                if (type == ALERT) {
                    return hello != null ? hello.with(group, certs, staple, dh)
                            : new Answer(0, 0, "alert " + (fragment.length > 1 ? fragment[1] & 0xff : -1));
                }
                if (type != HANDSHAKE) {
                    return hello != null ? hello.with(group, certs, staple, dh)
                            : new Answer(0, 0, "record type " + type + " before the ServerHello");
                }
                handshake.write(fragment);
                byte[] h = handshake.toByteArray();
                while (h.length >= done + 4) {
                    int msg = h[done] & 0xff;
                    int len = ((h[done + 1] & 0xff) << 16) | ((h[done + 2] & 0xff) << 8) | (h[done + 3] & 0xff);
                    if (h.length < done + 4 + len) {
                        break;
                    }
                    int start = done + 4;
                    done = start + len;
                    if (hello == null) {
                        if (msg != 2) {
                            return new Answer(0, 0, "handshake message " + msg + " instead of a ServerHello");
                        }
                        hello = serverHello(h, start, done);
                        if (!wholeFlight || !hello.accepted() || hello.version() >= TLS13) {
                            return hello;
                        }
                        continue;
                    }
                    switch (msg) {
                        case 11 -> certs = certificates(h, start, done);
                        case 22 -> staple = h[start] == 1 && len > 4 ? java.util.Arrays.copyOfRange(h, start + 4, done) : null;
                        case 12 -> {
                            String suite = TlsCipherSuites.byId(hello.cipher()).name();
                            if (suite.startsWith("ECDHE-") && len >= 3 && h[start] == 3) {
                                group = u16(h, start + 1); // named_curve (RFC 8422 §5.4)
                            } else if ((suite.startsWith("DHE-") || suite.startsWith("EDH-")) && len >= 2) {
                                dh = new java.math.BigInteger(1, java.util.Arrays.copyOfRange(h, start + 2,
                                        Math.min(done, start + 2 + u16(h, start)))).bitLength(); // dh_p (RFC 5246 §7.4.3)
                            }
                        }
                        case 14 -> {
                            return hello.with(group, certs, staple, dh);
                        }
                        default -> {
                        }
                    }
                }
            }
        } catch (EOFException e) {
            return hello != null ? hello.with(group, certs, staple, dh) : new Answer(0, 0, "connection closed");
        } catch (java.net.SocketException e) {
            return hello != null ? hello.with(group, certs, staple, dh) : new Answer(0, 0, "connection reset");
        }
    }

    /** The DER certificates of a TLS 1.2 Certificate message (RFC 5246 §7.4.2), leaf first. */
    private static List<byte[]> certificates(byte[] h, int p, int end) {
        List<byte[]> out = new java.util.ArrayList<>();
        int listEnd = Math.min(end, p + 3 + u24(h, p));
        p += 3;
        while (p + 3 <= listEnd) {
            int len = u24(h, p);
            if (p + 3 + len > listEnd) {
                break;
            }
            out.add(java.util.Arrays.copyOfRange(h, p + 3, p + 3 + len));
            p += 3 + len;
        }
        return List.copyOf(out);
    }

    private static Answer serverHello(byte[] h, int p, int end) {
        int version = u16(h, p);
        boolean retry = java.util.Arrays.equals(java.util.Arrays.copyOfRange(h, p + 2, p + 34), HRR_RANDOM);
        p += 34;
        p += 1 + (h[p] & 0xff);
        int cipher = u16(h, p);
        p += 3;
        int group = 0;
        if (p + 2 <= end) {
            int extEnd = p + 2 + u16(h, p);
            p += 2;
            while (p + 4 <= Math.min(extEnd, end)) {
                int type = u16(h, p);
                int len = u16(h, p + 2);
                if (type == 0x002b && len == 2) {
                    version = u16(h, p + 4); // TLS 1.3 puts the real version here (RFC 8446 §4.2.1)
                } else if (type == 0x0033 && len >= 2) {
                    group = u16(h, p + 4); // the selected group: a HelloRetryRequest names it, a ServerHello shares it
                }
                p += 4 + len;
            }
        }
        // a HelloRetryRequest still names the version and suite the server chose
        return new Answer(version, cipher, retry && version != TLS13 ? "HelloRetryRequest below TLS 1.3" : null, group,
                List.of(), null, 0);
    }

    static String versionName(int v) {
        return switch (v) {
            case SSL3 -> "SSLv3";
            case TLS10 -> "TLSv1.0";
            case TLS11 -> "TLSv1.1";
            case TLS12 -> "TLSv1.2";
            case TLS13 -> "TLSv1.3";
            default -> String.format("0x%04x", v);
        };
    }

    private static int u16(byte[] b, int p) {
        return ((b[p] & 0xff) << 8) | (b[p + 1] & 0xff);
    }

    private static int u24(byte[] b, int p) {
        return ((b[p] & 0xff) << 16) | u16(b, p + 1);
    }

    private static byte[] hex(String s) {
        byte[] out = new byte[s.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }

    /** A growing byte buffer with TLS's big-endian integer writers. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes u8(int v) {
            write(v);
            return this;
        }

        Bytes u16(int v) {
            write(v >> 8);
            write(v);
            return this;
        }

        Bytes u24(int v) {
            write(v >> 16);
            return u16(v & 0xffff);
        }

        Bytes raw(byte[] b) {
            write(b, 0, b.length);
            return this;
        }

        Bytes random(SecureRandom r, int n) {
            byte[] b = new byte[n];
            r.nextBytes(b);
            return raw(b);
        }
    }
}
