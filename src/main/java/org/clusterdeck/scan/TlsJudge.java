package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import org.clusterdeck.scan.TlsCipherSuites.Strength;
import org.clusterdeck.scan.TlsCipherSuites.Suite;

/**
 * Turns what a TLS server accepted into findings, judged against Mozilla's server-side TLS
 * guidelines version {@value TlsCipherSuites#MOZILLA_VERSION}, intermediate profile: TLS 1.2 and
 * 1.3 only; for TLS 1.2 ECDHE/DHE with AES-GCM or ChaCha20-Poly1305; a certificate that is valid,
 * names the host and has at least a 2048-bit RSA or 256-bit ECDSA key signed with SHA-256 or better.
 */
final class TlsJudge {
    private static final String FIX_CIPHERS = "nginx: ssl_protocols TLSv1.2 TLSv1.3; ssl_ciphers "
            + "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:ECDHE-ECDSA-AES256-GCM-SHA384:"
            + "ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
            + "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:DHE-RSA-CHACHA20-POLY1305; "
            + "ssl_prefer_server_ciphers off; (Mozilla intermediate " + TlsCipherSuites.MOZILLA_VERSION
            + "), then 'nginx -t' and reload.";

    private TlsJudge() {
    }

    static List<Finding> findings(List<TlsScanResult.Protocol> protocols, TlsScanResult.Certificate cert) {
        List<Finding> out = new ArrayList<>();
        for (TlsScanResult.Protocol p : protocols) {
            switch (p.name()) {
                case "SSLv3" -> out.add(new Finding("tls-sslv3", 7.5, "SSLv3 accepted", "the server answered an SSLv3 "
                        + "ClientHello with SSLv3", "SSLv3 is broken (POODLE, RFC 7568); no client needs it.",
                        "Remove SSLv3 from the protocols: " + FIX_CIPHERS));
                case "TLSv1.0", "TLSv1.1" -> out.add(new Finding("tls-" + p.name().toLowerCase(Locale.ROOT)
                        .replace("tlsv1.", "tls1") , 5.3, p.name() + " accepted", "the server answered a " + p.name()
                        + " ClientHello with " + p.name() + " (" + p.ciphers().size() + " suites)",
                        "TLS 1.0 and 1.1 are deprecated (RFC 8996): SHA-1/MD5 in the handshake, CBC only; Mozilla's "
                                + "intermediate profile " + TlsCipherSuites.MOZILLA_VERSION + " allows TLS 1.2 and 1.3 only.",
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
                "Mozilla's intermediate profile " + TlsCipherSuites.MOZILLA_VERSION + " allows these only in its \"old\" "
                        + "profile for ancient clients: CBC with HMAC-SHA1 has a history of padding oracles "
                        + "(Lucky13), static RSA key exchange has no forward secrecy.");
        boolean anyFs = protocols.stream().flatMap(p -> p.ciphers().stream()).anyMatch(Suite::forwardSecrecy);
        if (!protocols.isEmpty() && !anyFs) {
            out.add(new Finding("tls-no-forward-secrecy", 5.9, "No suite with forward secrecy", "accepted suites: "
                    + String.join(", ", names(protocols, s -> true)),
                    "Without an ephemeral key exchange (ECDHE, DHE, TLS 1.3) anyone who later obtains the server's "
                            + "private key can decrypt every recorded session.", "Offer ECDHE suites: " + FIX_CIPHERS));
        }
        if (cert != null) {
            certificate(out, cert);
        }
        return List.copyOf(out);
    }

    private static void certificate(List<Finding> out, TlsScanResult.Certificate c) {
        String who = "subject " + c.subject() + ", issuer " + c.issuer();
        String renew = "Install a certificate from a CA the clients trust (e.g. Let's Encrypt with certbot), "
                + "naming every host name clients use, and reload the server.";
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
                    + " bits", who, "Mozilla's intermediate profile asks for RSA 2048 bits or ECDSA P-256 at least.",
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
