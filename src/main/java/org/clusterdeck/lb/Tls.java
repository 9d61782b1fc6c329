package org.clusterdeck.lb;

import java.util.List;

/**
 * The HTTPS side of a load balancer. {@code ocspResponder} is the OCSP address the certificate
 * names (read from it: {@link OcspResponder}), null when it names none: stapling is generated only
 * with one, since nginx can staple nothing otherwise, and many CAs (Let's Encrypt since 2025) have
 * stopped OCSP. HSTS has no {@code preload} unless asked: the preload list is hard to leave.
 */
public record Tls(String certificate, String key, int httpsPort, TlsProfile profile, boolean openssl35,
                  boolean hsts, boolean hstsIncludeSubdomains, boolean hstsPreload, boolean redirectHttp,
                  String ocspResponder, List<String> resolvers, String trustedCertificate) {
    public Tls {
        profile = profile == null ? TlsProfile.INTERMEDIATE : profile;
        resolvers = resolvers == null ? List.of() : List.copyOf(resolvers);
    }

    /** Intermediate profile on 443, HSTS (two years, subdomains, no preload), HTTP redirected, no stapling. */
    public static Tls intermediate(String certificate, String key) {
        return new Tls(certificate, key, 443, TlsProfile.INTERMEDIATE, false, true, true, false, true, null, List.of(), null);
    }

    public Tls withOcsp(String responder, List<String> resolverAddresses) {
        return new Tls(certificate, key, httpsPort, profile, openssl35, hsts, hstsIncludeSubdomains, hstsPreload, redirectHttp,
                responder, resolverAddresses, trustedCertificate);
    }

    public Tls withProfile(TlsProfile p) {
        return new Tls(certificate, key, httpsPort, p, openssl35, hsts, hstsIncludeSubdomains, hstsPreload, redirectHttp,
                ocspResponder, resolvers, trustedCertificate);
    }

    public Tls withHttpsPort(int port) {
        return new Tls(certificate, key, port, profile, openssl35, hsts, hstsIncludeSubdomains, hstsPreload, redirectHttp,
                ocspResponder, resolvers, trustedCertificate);
    }

    public boolean stapling() {
        return ocspResponder != null;
    }
}
