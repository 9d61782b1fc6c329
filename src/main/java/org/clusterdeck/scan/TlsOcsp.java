package org.clusterdeck.scan;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The OCSP side of a certificate, read from DER by hand (the JDK has no public OCSP parser): the
 * responder the certificate names in its Authority Information Access extension (RFC 5280
 * §4.2.2.1) and what a stapled OCSP response (RFC 6960 §4.2.1) says about the certificate. The
 * response's signature is not verified: the scan reports what the server staples, it does not trust it.
 */
final class TlsOcsp {
    private static final String AIA = "1.3.6.1.5.5.7.1.1";
    private static final byte[] OCSP_METHOD = {0x2b, 0x06, 0x01, 0x05, 0x05, 0x07, 0x30, 0x01}; // 1.3.6.1.5.5.7.48.1
    private static final DateTimeFormatter GENERALIZED = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String[] RESPONSE_STATUS = {"successful", "malformedRequest", "internalError", "tryLater", "4",
        "sigRequired", "unauthorized"};

    /** What a stapled response says: its status, the certificate's status, and its validity period (null: absent). */
    record Staple(String responseStatus, String certStatus, String thisUpdate, String nextUpdate) {
    }

    private TlsOcsp() {
    }

    /** The OCSP responder URIs the certificate names (empty: none, as many CAs no longer run one). */
    static List<String> responders(X509Certificate cert) {
        List<String> out = new ArrayList<>();
        byte[] ext = cert.getExtensionValue(AIA);
        if (ext == null) {
            return out;
        }
        try {
            Der octets = new Der(ext, 0, ext.length);
            Der.Tlv wrapped = octets.next(0x04);
            Der seq = new Der(ext, wrapped.start(), wrapped.end()).enter(0x30);
            while (seq.hasNext()) {
                Der access = seq.enter(0x30);
                Der.Tlv method = access.next(0x06);
                Der.Tlv location = access.next(-1);
                if (method.is(OCSP_METHOD) && location.tag() == 0x86) { // [6] uniformResourceIdentifier
                    out.add(location.text());
                }
            }
        } catch (IllegalArgumentException e) {
            out.add("(unreadable Authority Information Access: " + e.getMessage() + ")");
        }
        return out;
    }

    /** Reads an OCSPResponse; the single response for {@code serial} (or the first) gives the certificate's status. */
    static Staple staple(byte[] der, BigInteger serial) {
        try {
            Der response = new Der(der, 0, der.length).enter(0x30);
            int status = response.next(0x0a).integer().intValue();
            String statusName = status >= 0 && status < RESPONSE_STATUS.length ? RESPONSE_STATUS[status] : "status " + status;
            if (status != 0 || !response.hasNext()) {
                return new Staple(statusName, null, null, null);
            }
            Der bytes = response.enter(0xa0).enter(0x30);
            bytes.next(0x06);
            Der.Tlv basicOctets = bytes.next(0x04);
            Der basic = new Der(der, basicOctets.start(), basicOctets.end()).enter(0x30);
            Der tbs = basic.enter(0x30);
            Der.Tlv t = tbs.next(-1);
            if (t.tag() == 0xa0) { // explicit version
                t = tbs.next(-1);
            }
            tbs.next(0x18); // producedAt; t was the responder id
            Der responses = tbs.enter(0x30);
            Staple first = null;
            while (responses.hasNext()) {
                Der single = responses.enter(0x30);
                Der certId = single.enter(0x30);
                certId.next(0x30);
                certId.next(0x04);
                certId.next(0x04);
                BigInteger forSerial = certId.next(0x02).integer();
                Der.Tlv certStatus = single.next(-1);
                String cs = switch (certStatus.tag()) {
                    case 0x80 -> "good";
                    case 0xa1 -> "revoked";
                    case 0x82 -> "unknown";
                    default -> String.format("tag 0x%02x", certStatus.tag());
                };
                String thisUpdate = single.next(0x18).time();
                String nextUpdate = single.hasNext() && single.peek() == 0xa0 ? single.enter(0xa0).next(0x18).time() : null;
                Staple s = new Staple(statusName, cs, thisUpdate, nextUpdate);
                if (forSerial.equals(serial)) {
                    return s;
                }
                first = first == null ? s : first;
            }
            return first != null ? first : new Staple(statusName, null, null, null);
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return new Staple("unreadable (" + e.getMessage() + ")", null, null, null);
        }
    }

    /** A cursor over DER elements between two offsets; every read checks the bounds (hostile input). */
    private static final class Der {
        private final byte[] b;
        private int p;
        private final int end;

        record Tlv(byte[] b, int tag, int start, int end) {
            boolean is(byte[] content) {
                return java.util.Arrays.equals(b, start, end, content, 0, content.length);
            }

            String text() {
                return new String(b, start, end - start, StandardCharsets.ISO_8859_1);
            }

            BigInteger integer() {
                if (end == start) {
                    throw new IllegalArgumentException("an empty integer");
                }
                return new BigInteger(java.util.Arrays.copyOfRange(b, start, end));
            }

            /** A GeneralizedTime "YYYYMMDDHHMMSSZ" as an ISO instant. */
            String time() {
                String s = text();
                if (!s.matches("[0-9]{14}(\\.[0-9]+)?Z")) {
                    throw new IllegalArgumentException("a time that is not YYYYMMDDHHMMSSZ");
                }
                return LocalDateTime.parse(s.substring(0, 14), GENERALIZED).toInstant(ZoneOffset.UTC).toString();
            }
        }

        Der(byte[] b, int start, int end) {
            this.b = b;
            this.p = start;
            this.end = end;
        }

        boolean hasNext() {
            return p < end;
        }

        int peek() {
            return b[p] & 0xff;
        }

        /** The next element; {@code tag} -1 accepts any tag. */
        Tlv next(int tag) {
            if (p + 2 > end) {
                throw new IllegalArgumentException("truncated");
            }
            int t = b[p] & 0xff;
            if (tag >= 0 && t != tag) {
                throw new IllegalArgumentException(String.format("tag 0x%02x where 0x%02x was expected", t, tag));
            }
            int len = b[p + 1] & 0xff;
            int q = p + 2;
            if (len >= 0x80) {
                int n = len & 0x7f;
                if (n == 0 || n > 3 || q + n > end) {
                    throw new IllegalArgumentException("a bad length");
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (b[q++] & 0xff);
                }
            }
            if (q + len > end) {
                throw new IllegalArgumentException("truncated");
            }
            p = q + len;
            return new Tlv(b, t, q, q + len);
        }

        /** The contents of the next element, as a cursor. */
        Der enter(int tag) {
            Tlv t = next(tag);
            return new Der(b, t.start(), t.end());
        }
    }

    static boolean expired(Staple s, Instant now) {
        return s.nextUpdate() != null && Instant.parse(s.nextUpdate()).isBefore(now);
    }
}
