package org.clusterdeck.scan;

import java.util.List;

/**
 * What a TLS server accepted: the protocol versions from SSLv3 to TLS 1.3, per version the cipher
 * suites in the server's order of preference, the certificate it presents (null when no handshake
 * with Java's TLS stack succeeded), the findings and what was not checked.
 */
public record TlsScanResult(String target, String address, int port, List<Protocol> protocols, Certificate certificate,
        List<Finding> findings, List<String> notChecked, long elapsedMs) {

    /** One accepted protocol version ("TLSv1.2") and the suites accepted with it. */
    public record Protocol(String name, List<TlsCipherSuites.Suite> ciphers) {
    }

    /**
     * The leaf certificate, summarised; subject and issuer as received (escape them when shown).
     * {@code chain} has one subject per certificate the server sent, leaf first.
     */
    public record Certificate(String subject, String issuer, List<String> subjectAltNames, String notBefore,
            String notAfter, long daysLeft, String keyType, int keyBits, String signatureAlgorithm, boolean selfSigned,
            boolean hostnameMatches, List<String> chain) {
    }

    public List<String> protocolNames() {
        return protocols.stream().map(Protocol::name).toList();
    }
}
