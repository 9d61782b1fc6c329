package org.clusterdeck.lb;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clusterdeck.lb.LbFinding.Severity;
import org.clusterdeck.lb.NginxParser.Directive;

/**
 * What {@link NginxImport} flags, directive by directive: keep-alive that builds no pool, old
 * protocols, weak ciphers, stapling without a responder, missing HSTS and proxy headers. Each
 * finding says why and gives the fix.
 */
final class NginxChecks {
    private static final Set<String> OLD_PROTOCOLS = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");
    private static final List<String> WEAK_CIPHER_PARTS = List.of("RC4", "DES", "3DES", "MD5", "NULL", "EXPORT", "EXP", "aNULL",
            "eNULL", "ADH", "AECDH", "IDEA", "SEED", "CAMELLIA", "PSK", "SRP");
    private final List<LbFinding> f;

    NginxChecks(List<LbFinding> findings) {
        this.f = findings;
    }

    void upstream(Directive u) {
        for (Directive s : u.children("server")) {
            boolean maxFails = s.args().stream().anyMatch(a -> a.startsWith("max_fails="));
            boolean failTimeout = s.args().stream().anyMatch(a -> a.startsWith("fail_timeout="));
            if (!maxFails || !failTimeout) {
                f.add(new LbFinding(Severity.INFO, s.line(), "server", "No " + (maxFails ? "fail_timeout" : failTimeout ? "max_fails"
                        : "max_fails or fail_timeout") + ": nginx's defaults (max_fails=1 fail_timeout=10s) take " + s.arg(0)
                        + " out for 10 s after a single failed request.", "State them, e.g. max_fails=3 fail_timeout=30s."));
            }
        }
        for (Directive d : u.block()) {
            if (d.name().equals("random") || d.name().equals("zone") || d.name().equals("sticky") || d.name().equals("ntlm")) {
                f.add(new LbFinding(Severity.INFO, d.line(), d.name(), "'" + d.name() + "' is not part of ClusterDeck's model and is"
                        + " not carried over.", "Use round robin, least_conn, ip_hash or hash."));
            }
        }
    }

    void location(Directive loc, Directive upstream) {
        Directive version = loc.child("proxy_http_version");
        boolean http11 = version != null && "1.1".equals(version.arg(0));
        Directive connection = header(loc, "Connection");
        boolean connectionEmpty = connection != null && "".equals(connection.arg(1));
        Directive keepalive = upstream == null ? null : upstream.child("keepalive");
        Directive keepAliveHeader = header(loc, "Keep-Alive");
        if (keepAliveHeader != null) {
            f.add(new LbFinding(Severity.WARNING, keepAliveHeader.line(), "proxy_set_header Keep-Alive", "This sends a 'Keep-Alive: "
                    + keepAliveHeader.arg(1) + "' header to the backend; it does not make nginx keep or reuse connections (Keep-Alive is"
                    + " a hop-by-hop header of HTTP/1.0 servers' responses). nginx's connection pool to backends is 'keepalive N' in"
                    + " the upstream, with keepalive_timeout and keepalive_requests.", "Remove it; put 'keepalive 32; keepalive_timeout 30s;"
                    + " keepalive_requests 100;' in the upstream, with proxy_http_version 1.1 and proxy_set_header Connection \"\" here."));
        }
        if (keepalive != null && !http11) {
            f.add(new LbFinding(Severity.WARNING, loc.line(), "proxy_http_version", "The upstream keeps 'keepalive " + keepalive.arg(0)
                    + "' idle connections, but this location speaks HTTP/1.0 to it (nginx's default), which closes every connection:"
                    + " the pool stays empty.", "Add 'proxy_http_version 1.1;' to the location."));
        }
        if (keepalive != null && !connectionEmpty) {
            f.add(new LbFinding(Severity.WARNING, loc.line(), "proxy_set_header Connection", "Without 'proxy_set_header Connection \"\"'"
                    + " nginx sends 'Connection: close' to the backend, which then closes the connection the pool meant to keep.",
                    "Add 'proxy_set_header Connection \"\";' to the location."));
        }
        if (upstream != null && keepalive == null && (http11 || connection != null)) {
            f.add(new LbFinding(Severity.WARNING, (connection != null ? connection : version).line(), "keepalive", "HTTP/1.1 and"
                    + " 'Connection \"\"' only matter with a connection pool, and upstream '" + upstream.arg(0) + "' has none ('keepalive N'):"
                    + " nginx still opens a new connection to a backend for every request.", "Add 'keepalive 32;' to upstream "
                    + upstream.arg(0) + " (after its balancing method)."));
        }
        if (upstream == null && (connection != null || keepAliveHeader != null)) {
            f.add(new LbFinding(Severity.WARNING, (connection != null ? connection : keepAliveHeader).line(), "keepalive",
                    "Connection headers alone build no connection pool: there is no upstream with 'keepalive N' here.",
                    "Proxy to an upstream that has 'keepalive 32;', with proxy_http_version 1.1 and Connection \"\"."));
        }
        if (header(loc, "Host") == null) {
            f.add(new LbFinding(Severity.WARNING, loc.line(), "proxy_set_header Host", "Without it the backend sees the upstream's name ("
                    + "$proxy_host) as the Host, not the name the client asked for.", "Add 'proxy_set_header Host $host;'."));
        }
        if (header(loc, "X-Forwarded-For") == null) {
            f.add(new LbFinding(Severity.INFO, loc.line(), "proxy_set_header X-Forwarded-For", "The backend sees only the load"
                    + " balancer's address as the client.", "Add 'proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;' and X-Real-IP."));
        }
    }

    private static Directive header(Directive loc, String name) {
        return loc.children("proxy_set_header").stream().filter(h -> name.equalsIgnoreCase(h.arg(0))).reduce((a, b) -> b).orElse(null);
    }

    void tls(Directive s) {
        if (s.child("ssl") != null) {
            f.add(new LbFinding(Severity.ERROR, s.child("ssl").line(), "ssl", "'ssl on' is deprecated since nginx 1.15 and removed in 1.25:"
                    + " newer nginx refuses the file.", "Remove it and write 'listen 443 ssl;'."));
        }
        if (s.child("ssl_certificate") == null || s.child("ssl_certificate_key") == null) {
            f.add(new LbFinding(Severity.ERROR, s.line(), "ssl_certificate", "A TLS server without ssl_certificate and"
                    + " ssl_certificate_key: nginx refuses to start.", "Name the certificate (full chain) and its key."));
        }
        Directive protocols = s.child("ssl_protocols");
        if (protocols == null) {
            f.add(new LbFinding(Severity.WARNING, s.line(), "ssl_protocols", "Not set: nginx before 1.23.4 (Debian 12 has 1.22) then offers"
                    + " TLS 1.0 and 1.1 too.", "Add 'ssl_protocols TLSv1.2 TLSv1.3;' (Mozilla intermediate)."));
        } else {
            List<String> old = protocols.args().stream().filter(OLD_PROTOCOLS::contains).toList();
            if (!old.isEmpty()) {
                f.add(new LbFinding(Severity.ERROR, protocols.line(), "ssl_protocols", String.join(", ", old) + " offered: broken or"
                        + " deprecated protocols (RFC 8996), refused by current browsers.", "Write 'ssl_protocols TLSv1.2 TLSv1.3;'."));
            }
        }
        Directive ciphers = s.child("ssl_ciphers");
        if (ciphers != null) {
            List<String> parts = Arrays.stream(String.valueOf(ciphers.arg(0)).split("[:, ]+")).filter(p -> !p.isEmpty()).toList();
            List<String> weak = parts.stream().filter(p -> !p.startsWith("!") && !p.startsWith("-")).filter(NginxChecks::weakCipher).toList();
            if (!weak.isEmpty()) {
                f.add(new LbFinding(Severity.ERROR, ciphers.line(), "ssl_ciphers", "Weak suites: " + String.join(", ", weak)
                        + " (broken ciphers, no forward secrecy, or CBC with SHA-1).", "Use Mozilla intermediate's list: "
                        + String.join(":", TlsProfile.INTERMEDIATE.ciphers()) + "."));
            } else {
                List<String> missing = TlsProfile.INTERMEDIATE.ciphers().stream().filter(c -> !parts.contains(c)).toList();
                if (!missing.isEmpty()) {
                    f.add(new LbFinding(Severity.INFO, ciphers.line(), "ssl_ciphers", "Differs from Mozilla intermediate ("
                            + TlsProfile.GUIDELINES + "): missing " + String.join(", ", missing) + " (ChaCha20 is the fast suite for"
                            + " phones without AES instructions).", "Use " + String.join(":", TlsProfile.INTERMEDIATE.ciphers()) + "."));
                }
            }
        }
        Directive prefer = s.child("ssl_prefer_server_ciphers");
        if (prefer != null && "on".equals(prefer.arg(0))) {
            f.add(new LbFinding(Severity.INFO, prefer.line(), "ssl_prefer_server_ciphers", "With only strong suites, Mozilla"
                    + " recommends letting the client choose (it knows whether it has AES hardware).", "ssl_prefer_server_ciphers off;"));
        }
        Directive tickets = s.child("ssl_session_tickets");
        if (tickets == null || !"off".equals(tickets.arg(0))) {
            f.add(new LbFinding(Severity.INFO, tickets == null ? s.line() : tickets.line(), "ssl_session_tickets", "Session tickets"
                    + " are on: nginx before 1.23.2 never rotates the ticket key, so one stolen key decrypts every recorded session.",
                    "ssl_session_tickets off; (the session cache still resumes sessions)."));
        }
        Directive stapling = s.child("ssl_stapling");
        if (stapling == null || !"on".equals(stapling.arg(0))) {
            f.add(new LbFinding(Severity.INFO, s.line(), "ssl_stapling", "OCSP stapling is not configured in this server (a text that"
                    + " calls this block 'OCSP stapling' is mistaken). It only helps when the certificate names an OCSP responder,"
                    + " and many CAs no longer run one (Let's Encrypt ended OCSP in 2025).", "Check the certificate with 'openssl x509"
                    + " -noout -ocsp_uri -in CERT'; only when it prints a URL add 'ssl_stapling on; ssl_stapling_verify on;' and a resolver."));
        } else {
            java.util.Optional<String> responder = localResponder(s.child("ssl_certificate"));
            if (responder == null) {
                f.add(new LbFinding(Severity.WARNING, stapling.line(), "ssl_stapling", "Stapling only works when the certificate names an"
                        + " OCSP responder; Let's Encrypt certificates have named none since 2025, and nginx then staples nothing.",
                        "Check with 'openssl x509 -noout -ocsp_uri -in CERT'; remove stapling when it prints nothing."));
            } else if (responder.isEmpty()) {
                f.add(new LbFinding(Severity.ERROR, stapling.line(), "ssl_stapling", "The certificate " + s.child("ssl_certificate").arg(0)
                        + " (read on this machine) names no OCSP responder: nginx has nothing to staple.",
                        "Remove ssl_stapling and ssl_stapling_verify."));
            }
            if (s.child("resolver") == null) {
                f.add(new LbFinding(Severity.WARNING, stapling.line(), "resolver", "ssl_stapling without a resolver: nginx cannot"
                        + " look up the responder and staples nothing.", "Add 'resolver 127.0.0.53;' (or your DNS server)."));
            }
        }
        Directive hsts = header(s, "Strict-Transport-Security", "add_header");
        if (hsts == null) {
            f.add(new LbFinding(Severity.WARNING, s.line(), "add_header Strict-Transport-Security", "No HSTS: a visitor typing the bare"
                    + " name can be kept on plain HTTP by an attacker.", "add_header Strict-Transport-Security \"max-age="
                    + TlsProfile.HSTS_MAX_AGE + "; includeSubDomains\" always;"));
        } else if (String.valueOf(hsts.arg(1)).toLowerCase(Locale.ROOT).contains("preload")) {
            f.add(new LbFinding(Severity.WARNING, hsts.line(), "Strict-Transport-Security", "'preload' asks browsers to hard-code HTTPS"
                    + " for the domain and every subdomain; leaving the list takes months.", "Drop 'preload' unless every subdomain"
                    + " serves HTTPS for good."));
        }
    }

    /** The responder of the certificate file when it can be read on this machine (empty: it names none), null when it cannot. */
    private static java.util.Optional<String> localResponder(Directive cert) {
        if (cert == null || cert.arg(0) == null || !LbValidation.safeFile(cert.arg(0))) {
            return null;
        }
        try {
            java.nio.file.Path p = java.nio.file.Path.of(cert.arg(0));
            return java.nio.file.Files.isReadable(p) ? OcspResponder.of(java.nio.file.Files.readString(p)) : null;
        } catch (java.io.IOException | LbException e) {
            return null;
        }
    }

    static Directive header(Directive s, String name, String directive) {
        return s.children(directive).stream().filter(h -> name.equalsIgnoreCase(h.arg(0))).reduce((a, b) -> b).orElse(null);
    }

    static boolean weakCipher(String c) {
        if (c.equals("ALL") || c.equals("DEFAULT") || c.equals("HIGH") || c.equals("MEDIUM") || c.equals("LOW") || c.startsWith("@")) {
            return !c.equals("HIGH") && !c.startsWith("@");
        }
        for (String w : WEAK_CIPHER_PARTS) {
            if (Arrays.asList(c.split("-")).contains(w) || c.startsWith(w)) {
                return true;
            }
        }
        // no ECDHE/DHE: static RSA key exchange, no forward secrecy; -SHA / -SHA256 endings without GCM/POLY: CBC
        boolean forwardSecret = c.startsWith("ECDHE-") || c.startsWith("DHE-") || c.startsWith("TLS_");
        boolean aead = c.contains("GCM") || c.contains("POLY1305") || c.contains("CCM");
        return !forwardSecret || !aead;
    }
}
