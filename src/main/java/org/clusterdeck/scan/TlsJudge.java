package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.clusterdeck.lb.TlsProfile;
import org.clusterdeck.scan.TlsCipherSuites.Strength;
import org.clusterdeck.scan.TlsCipherSuites.Suite;

/**
 * Turns what a TLS server accepted into findings, judged against Mozilla's server-side TLS
 * guidelines version {@value TlsCipherSuites#MOZILLA_VERSION} (ssl-config.mozilla.org/guidelines/6.0.json),
 * intermediate profile: TLS 1.2 and 1.3 only; for TLS 1.2 ECDHE with AES-GCM or ChaCha20-Poly1305;
 * curves of 256 bits and DH primes of 2048 bits at least; a certificate that is valid, names the host
 * and has at least a 2048-bit RSA or 256-bit ECDSA key signed with SHA-256 or better; OCSP stapled
 * ({@code ocsp_staple}); HSTS with max-age of two years ({@code hsts_min_age}). Every fix names the
 * setting on the server that terminates TLS: the load balancer's nginx in a ClusterDeck cluster.
 */
final class TlsJudge {
    /** Mozilla {@value TlsCipherSuites#MOZILLA_VERSION} intermediate: ecdh_param_size. */
    static final int MIN_ECDH_BITS = 256;
    /** Mozilla {@value TlsCipherSuites#MOZILLA_VERSION} intermediate: dh_param_size. */
    static final int MIN_DH_BITS = 2048;
    /** Mozilla {@value TlsCipherSuites#MOZILLA_VERSION} intermediate: hsts_min_age, in seconds (two years). */
    static final long HSTS_MIN_AGE = TlsProfile.HSTS_MAX_AGE;
    private static final String MOZILLA = "Mozilla's server-side TLS guidelines " + TlsCipherSuites.MOZILLA_VERSION
            + ", intermediate profile";
    private static final String LB = "In ClusterDeck: 'clusterdeck lb deploy LB --tls files --certificate F --key K "
            + "--profile intermediate' writes " + MOZILLA + " into the load balancer's nginx (preview, apply, verify, "
            + "roll back). By hand, on the server that terminates TLS (server block with 'listen 443 ssl'): ";
    private static final String FIX_CIPHERS = LB + "ssl_protocols " + String.join(" ", TlsProfile.INTERMEDIATE.protocols())
            + "; ssl_ciphers " + String.join(":", TlsProfile.INTERMEDIATE.ciphers()) + "; ssl_prefer_server_ciphers off; "
            + "then 'nginx -t' and reload.";
    private static final String FIX_GROUPS = LB + "ssl_ecdh_curve " + String.join(":", TlsProfile.INTERMEDIATE.curves(false))
            + "; (with OpenSSL 3.5 or newer " + String.join(":", TlsProfile.INTERMEDIATE.curves(true)) + "), then "
            + "'nginx -t' and reload.";

    private TlsJudge() {
    }

    static List<Finding> findings(List<TlsScanResult.Protocol> protocols, List<TlsScanResult.GroupSet> groups, int dhBits,
            TlsScanResult.Certificate cert, TlsScanResult.Ocsp ocsp, TlsScanResult.Hsts hsts) {
        List<Finding> out = new ArrayList<>();
        for (TlsScanResult.Protocol p : protocols) {
            switch (p.name()) {
                case "SSLv3" -> out.add(new Finding("tls-sslv3", 7.5, "SSLv3 accepted", "the server answered an SSLv3 "
                        + "ClientHello with SSLv3", "SSLv3 is broken (POODLE, RFC 7568); no client needs it.",
                        "Remove SSLv3 from the protocols: " + FIX_CIPHERS));
                case "TLSv1.0", "TLSv1.1" -> out.add(new Finding("tls-" + p.name().toLowerCase(Locale.ROOT)
                        .replace("tlsv1.", "tls1") , 5.3, p.name() + " accepted", "the server answered a " + p.name()
                        + " ClientHello with " + p.name() + " (" + p.ciphers().size() + " suites)",
                        "TLS 1.0 and 1.1 are deprecated (RFC 8996): SHA-1/MD5 in the handshake, CBC only; " + MOZILLA
                                + " allows TLS 1.2 and 1.3 only.",
                        "Offer TLS 1.2 and 1.3 only: " + FIX_CIPHERS));
                default -> {
                }
            }
        }
        suites(out, protocols, s -> s.strength() == Strength.INSECURE, "tls-cipher-insecure", 7.4,
                "Insecure suites accepted (NULL, export, anonymous, DES)",
                "They send data unencrypted, with keys breakable in hours, or to anyone in the middle without "
                        + "authentication.");
        suites(out, protocols, s -> s.name().contains("RC4"), "tls-cipher-rc4", 5.9, "RC4 suites accepted",
                "RC4's biases let an attacker recover plaintext such as cookies (RFC 7465 forbids it).");
        suites(out, protocols, s -> s.strength() == Strength.WEAK && !s.name().contains("RC4"), "tls-cipher-3des", 5.3,
                "64-bit block suites accepted (3DES, IDEA)",
                "A 64-bit block cipher repeats blocks after a few hundred GB: Sweet32 (CVE-2016-2183) recovers cookies.");
        suites(out, protocols, s -> s.strength() == Strength.OLD, "tls-cipher-old", 3.1,
                "Suites outside Mozilla intermediate accepted",
                MOZILLA + " does not list these: CBC with HMAC-SHA1 has a history of padding oracles "
                        + "(Lucky13), static RSA key exchange has no forward secrecy, finite-field DHE needs large "
                        + "primes the client cannot choose, CAMELLIA/ARIA/CCM are for niche clients only.");
        boolean anyFs = protocols.stream().flatMap(p -> p.ciphers().stream()).anyMatch(Suite::forwardSecrecy);
        if (!protocols.isEmpty() && !anyFs) {
            out.add(new Finding("tls-no-forward-secrecy", 5.9, "No suite with forward secrecy", "accepted suites: "
                    + String.join(", ", names(protocols, s -> true)),
                    "Without an ephemeral key exchange (ECDHE, DHE, TLS 1.3) anyone who later obtains the server's "
                            + "private key can decrypt every recorded session.", "Offer ECDHE suites: " + FIX_CIPHERS));
        }
        keyExchange(out, groups, dhBits);
        if (cert != null) {
            certificate(out, cert);
        }
        if (ocsp != null) {
            ocsp(out, ocsp);
        }
        if (hsts != null) {
            hsts(out, hsts);
        }
        return List.copyOf(out);
    }

    private static void keyExchange(List<Finding> out, List<TlsScanResult.GroupSet> groups, int dhBits) {
        List<String> weak = new ArrayList<>();
        for (TlsScanResult.GroupSet set : groups) {
            set.groups().stream().filter(TlsGroups.Group::weak).forEach(g -> weak.add(set.protocol() + " " + g.name()
                    + " (" + g.bits() + " bits)"));
        }
        if (!weak.isEmpty()) {
            out.add(new Finding("tls-group-weak", 5.3, "Weak key exchange groups accepted (" + weak.size() + ")",
                    String.join(", ", weak), "Curves under " + MIN_ECDH_BITS + " bits and finite fields under "
                    + MIN_DH_BITS + " bits are within reach of well-funded attackers; " + MOZILLA + " asks for at least "
                    + "those sizes (ecdh_param_size, dh_param_size).", FIX_GROUPS));
        }
        if (dhBits > 0 && dhBits < MIN_DH_BITS) {
            out.add(new Finding("tls-dh-weak", 5.9, "DHE with a " + dhBits + "-bit prime", "the ServerKeyExchange of a "
                    + "DHE suite carried a " + dhBits + "-bit prime", "Primes under " + MIN_DH_BITS + " bits can be "
                    + "broken by precomputation (Logjam, CVE-2015-4000); " + MOZILLA + " asks for " + MIN_DH_BITS + ".",
                    "Remove the DHE suites (" + MOZILLA + " lists none): " + FIX_CIPHERS));
        }
    }

    private static void ocsp(List<Finding> out, TlsScanResult.Ocsp o) {
        String fix = LB.replace("--profile intermediate'", "--profile intermediate --resolver DNS-IP'")
                + "ssl_stapling on; ssl_stapling_verify on; ssl_trusted_certificate <the CA chain>; resolver <a DNS "
                + "server>; (" + MOZILLA + ": ocsp_staple), then 'nginx -t' and reload; the server must reach the responder.";
        if (!o.stapled()) {
            if (!o.responders().isEmpty() && o.checkedWith() != null) {
                out.add(new Finding("tls-ocsp-not-stapled", 3.1, "No OCSP response stapled", "a " + o.checkedWith()
                        + " ClientHello with status_request got no CertificateStatus; the certificate names the responder "
                        + String.join(", ", o.responders()), "Without a staple each client asks the CA's responder "
                        + "itself (telling it which site is visited, one more round trip) or, as browsers do when it "
                        + "does not answer, skips the revocation check. " + MOZILLA + " staples (ocsp_staple).", fix));
            }
            return;
        }
        String evidence = "stapled OCSP response: status " + o.responseStatus() + (o.certStatus() == null ? ""
                : ", certificate " + o.certStatus()) + (o.thisUpdate() == null ? "" : ", this update " + o.thisUpdate())
                + (o.nextUpdate() == null ? "" : ", next update " + o.nextUpdate());
        if ("revoked".equals(o.certStatus())) {
            out.add(new Finding("tls-ocsp-revoked", 9.1, "The stapled OCSP response says the certificate is revoked",
                    evidence, "The CA withdrew the certificate (a leaked key, a wrong issue); clients refuse it.",
                    "Install a new certificate with a new key and reload the server."));
        } else if (!"successful".equals(o.responseStatus()) || !"good".equals(o.certStatus())
                || (o.nextUpdate() != null && java.time.Instant.parse(o.nextUpdate()).isBefore(java.time.Instant.now()))) {
            out.add(new Finding("tls-ocsp-bad-staple", 4.3, "The stapled OCSP response is not a current \"good\"",
                    evidence, "Clients ignore a stale, failed or \"unknown\" staple; with OCSP must-staple they refuse the "
                    + "connection.", fix));
        }
    }

    /** What a Strict-Transport-Security header says (null: none); directives by RFC 6797 §6.1. */
    static TlsScanResult.Hsts hsts(int status, String header) {
        long maxAge = -1;
        boolean sub = false;
        boolean preload = false;
        if (header != null) {
            for (String d : header.split(";")) {
                String[] kv = d.strip().split("=", 2);
                String name = kv[0].strip().toLowerCase(Locale.ROOT);
                if (name.equals("max-age") && kv.length == 2) {
                    String v = kv[1].strip().replace("\"", "");
                    maxAge = v.matches("[0-9]{1,12}") ? Long.parseLong(v) : -1;
                } else if (name.equals("includesubdomains")) {
                    sub = true;
                } else if (name.equals("preload")) {
                    preload = true;
                }
            }
        }
        return new TlsScanResult.Hsts(status, header, maxAge, sub, preload);
    }

    private static void hsts(List<Finding> out, TlsScanResult.Hsts h) {
        String fix = LB + "add_header Strict-Transport-Security \"max-age=" + HSTS_MIN_AGE + "\" always; ("
                + MOZILLA + ": hsts_min_age; add includeSubDomains once every subdomain serves HTTPS), then 'nginx -t' "
                + "and reload.";
        if (h.header() == null || h.maxAge() < 0) {
            out.add(new Finding("tls-hsts-missing", 4.3, "No HTTP Strict Transport Security", "GET / over HTTPS answered "
                    + h.httpStatus() + (h.header() == null ? " without a Strict-Transport-Security header"
                    : " with Strict-Transport-Security: " + h.header() + " (no valid max-age)"),
                    "Without HSTS a browser tries http:// first, where a machine in the middle can strip HTTPS "
                    + "(sslstrip) before the redirect.", fix));
        } else if (h.maxAge() < HSTS_MIN_AGE) {
            out.add(new Finding("tls-hsts-short", 2.6, "HSTS max-age under two years", "Strict-Transport-Security: "
                    + h.header() + " (max-age " + h.maxAge() + " s)", "A short max-age lapses between visits and the "
                    + "next first request is unprotected again; " + MOZILLA + " uses " + HSTS_MIN_AGE + " s.", fix));
        }
    }

    private static void certificate(List<Finding> out, TlsScanResult.Certificate c) {
        String who = "subject " + c.subject() + ", issuer " + c.issuer();
        String renew = LB + "install a certificate from a CA the clients trust (e.g. Let's Encrypt with certbot), "
                + "naming every host name clients use (ssl_certificate, ssl_certificate_key), then 'nginx -t' and reload.";
        if (c.daysLeft() < 0) {
            out.add(new Finding("tls-cert-expired", 7.5, "Certificate expired " + -c.daysLeft() + " days ago",
                    who + ", not after " + c.notAfter(), "Clients refuse the connection or teach users to click through "
                    + "warnings, which hides a real attack.", renew));
        } else if (java.time.Instant.parse(c.notBefore()).isAfter(java.time.Instant.now())) {
            out.add(new Finding("tls-cert-not-yet-valid", 5.3, "Certificate not yet valid", who + ", not before "
                    + c.notBefore(), "Clients refuse it until then; often a wrong clock on the issuing machine.", renew));
        }
        if (c.selfSigned()) {
            out.add(new Finding("tls-cert-self-signed", 5.3, "Self-signed certificate", who,
                    "No client can tell it from one an attacker made up.", renew));
        }
        if (!c.hostnameMatches()) {
            out.add(new Finding("tls-cert-hostname", 5.3, "Certificate does not name the scanned host", who
                    + ", subject alternative names: " + (c.subjectAltNames().isEmpty() ? "none" : String.join(", ",
                    c.subjectAltNames())), "Clients refuse a certificate issued for another name.", renew));
        }
        boolean rsa = c.keyType().equals("RSA");
        if ((rsa && c.keyBits() < 2048) || (c.keyType().equals("EC") && c.keyBits() < 256)) {
            out.add(new Finding("tls-cert-weak-key", 7.4, "Weak certificate key: " + c.keyType() + " " + c.keyBits()
                    + " bits", who, MOZILLA + " asks for RSA 2048 bits or ECDSA P-256 at least.",
                    renew));
        }
        String sig = c.signatureAlgorithm().toUpperCase(Locale.ROOT);
        if (sig.contains("MD5") || sig.contains("SHA1")) {
            out.add(new Finding("tls-cert-weak-signature", 5.9, "Certificate signed with " + c.signatureAlgorithm(), who,
                    "SHA-1 and MD5 signatures can be forged (chosen-prefix collisions); browsers refuse them.", renew));
        }
    }

    private static void suites(List<Finding> out, List<TlsScanResult.Protocol> protocols, Predicate<Suite> which,
            String id, double severity, String title, String why) {
        List<String> names = names(protocols, which);
        if (!names.isEmpty()) {
            out.add(new Finding(id, severity, title + " (" + names.size() + ")", String.join(", ", names), why,
                    "Remove them: " + FIX_CIPHERS));
        }
    }

    /** "TLSv1.2 AES128-SHA" for each matching accepted suite, each name once per protocol. */
    private static List<String> names(List<TlsScanResult.Protocol> protocols, Predicate<Suite> which) {
        Set<String> out = new LinkedHashSet<>();
        for (TlsScanResult.Protocol p : protocols) {
            p.ciphers().stream().filter(which).forEach(s -> out.add(p.name() + " " + s.name()));
        }
        return List.copyOf(out);
    }
}
