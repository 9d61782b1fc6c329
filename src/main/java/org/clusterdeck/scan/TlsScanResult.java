package org.clusterdeck.scan;

import java.util.List;

/**
 * What a TLS server accepted: the protocol versions from SSLv3 to TLS 1.3, per version the cipher
 * suites in the server's order of preference and the key exchange groups, the certificate it
 * presents (null when none could be read), OCSP (null when not checked), HSTS (null when not
 * checked), the findings and what was not checked.
 */
public record TlsScanResult(String target, String address, int port, List<Protocol> protocols, List<GroupSet> groups,
        Certificate certificate, Ocsp ocsp, Hsts hsts, List<Finding> findings, List<String> notChecked, long elapsedMs) {

    /** One accepted protocol version ("TLSv1.2") and the suites accepted with it. */
    public record Protocol(String name, List<TlsCipherSuites.Suite> ciphers) {
    }

    /** The key exchange groups a server accepted with one protocol version, in the order it chose them. */
    public record GroupSet(String protocol, List<TlsGroups.Group> groups) {
    }

    /**
     * The leaf certificate, summarised; subject and issuer as received (escape them when shown).
     * {@code chain} has one subject per certificate the server sent, leaf first.
     */
    public record Certificate(String subject, String issuer, List<String> subjectAltNames, String notBefore,
            String notAfter, long daysLeft, String keyType, int keyBits, String signatureAlgorithm, boolean selfSigned,
            boolean hostnameMatches, List<String> chain) {
    }

    /**
     * OCSP: the responders the certificate names (empty: none), whether the server stapled a response
     * when asked with {@code checkedWith} (a protocol version), and what that response said (null: none).
     */
    public record Ocsp(List<String> responders, boolean stapled, String checkedWith, String responseStatus,
            String certStatus, String thisUpdate, String nextUpdate) {
    }

    /**
     * HSTS as an HTTPS GET of / answered: the status, the Strict-Transport-Security header as received
     * (null: none), its max-age in seconds (-1: none readable) and its directives.
     */
    public record Hsts(int httpStatus, String header, long maxAge, boolean includeSubDomains, boolean preload) {
    }

    public List<String> protocolNames() {
        return protocols.stream().map(Protocol::name).toList();
    }
}
