package org.clusterdeck.lb;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.clusterdeck.lb.LbFinding.Severity;
import org.clusterdeck.lb.NginxParser.Directive;

/**
 * An existing nginx configuration (a whole nginx.conf, or a fragment of upstream and server blocks
 * such as the source's) read into the model, with every directive that does not do what it appears
 * to do flagged: reason and fix. The model is null when the file has no upstream to balance over.
 */
public final class NginxImport {
    public record Result(LbConfig config, List<LbFinding> findings) {
        public boolean hasProblems() {
            return findings.stream().anyMatch(LbFinding::problem);
        }
    }

    private static final Set<String> OLD_PROTOCOLS = Set.of("SSLv2", "SSLv3", "TLSv1", "TLSv1.1");
    private static final List<String> WEAK_CIPHER_PARTS = List.of("RC4", "DES", "3DES", "MD5", "NULL", "EXPORT", "EXP", "aNULL",
            "eNULL", "ADH", "AECDH", "IDEA", "SEED", "CAMELLIA", "PSK", "SRP");

    private final List<LbFinding> f = new ArrayList<>();

    private NginxImport() {
    }

    public static Result read(String text) {
        return new NginxImport().run(text);
    }

    private Result run(String text) {
        NginxParser.Parsed parsed;
        try {
            parsed = NginxParser.parse(text);
        } catch (LbException e) {
            f.add(new LbFinding(Severity.ERROR, 0, "syntax", e.getMessage(), "Fix the syntax; nginx -t refuses the file as it is."));
            return new Result(null, List.copyOf(f));
        }
        for (NginxParser.Comment c : parsed.comments()) {
            f.add(new LbFinding(Severity.WARNING, c.line(), "#", "This comment holds directives (" + abbreviate(c.text())
                    + "): in nginx '#' runs to the end of the line, so they are ignored.",
                    "Put each directive on a line of its own after the comment."));
        }
        List<Directive> all = new ArrayList<>();
        flatten(parsed.directives(), all);
        List<Directive> upstreams = all.stream().filter(d -> d.name().equals("upstream") && d.block() != null).toList();
        List<Directive> servers = all.stream().filter(d -> d.name().equals("server") && d.block() != null).toList();

        for (Directive u : upstreams) {
            checkUpstream(u);
        }
        Upstream model = null;
        for (Directive s : servers) {
            boolean tls = isTls(s);
            if (tls) {
                checkTls(s);
            }
            for (Directive loc : s.children("location")) {
                Directive pass = loc.child("proxy_pass");
                if (pass == null) {
                    continue;
                }
                String target = String.valueOf(pass.arg(0)).replaceFirst("^https?://", "").replaceFirst("[/:].*$", "");
                Directive up = upstreams.stream().filter(u -> target.equals(u.arg(0))).findFirst().orElse(null);
                if (up == null && !LbValidation.IPV4.matcher(target).matches()) {
                    f.add(new LbFinding(Severity.ERROR, pass.line(), "proxy_pass", "No upstream named '" + target + "' is defined"
                            + (parsed.comments().isEmpty() ? "" : " (a comment hides one?)") + ", so nginx looks '" + target
                            + "' up as a host name when it starts and refuses to start when it is not one ('host not found in upstream').",
                            "Define 'upstream " + target + " { server ADDRESS:PORT; }' in the http block."));
                }
                checkLocation(loc, up);
            }
        }
        if (!servers.isEmpty() && servers.stream().anyMatch(NginxImport::isTls)) {
            for (Directive s : servers) {
                if (!isTls(s) && s.child("return") == null && !s.children("location").isEmpty()) {
                    f.add(new LbFinding(Severity.WARNING, s.line(), "server", "This plain-HTTP server serves the site in clear beside"
                            + " the HTTPS server: nothing sends visitors to HTTPS.", "Replace its locations with 'return 308"
                            + " https://$host$request_uri;' (what ClusterDeck generates)."));
                }
            }
        }
        Directive used = upstreams.isEmpty() ? null : upstreams.get(0);
        if (used != null) {
            model = upstream(used);
        }
        LbConfig config = model == null ? null : config(model, servers);
        if (config != null) {
            for (String p : LbValidation.problems(config)) {
                f.add(new LbFinding(Severity.ERROR, 0, "model", "Cannot be carried into ClusterDeck's model: " + p, "Fix it in the file,"
                        + " or correct it in the model after import."));
            }
        }
        return new Result(config, List.copyOf(f));
    }

    private static void flatten(List<Directive> ds, List<Directive> out) {
        for (Directive d : ds) {
            out.add(d);
            if (d.block() != null && (d.name().equals("http") || d.name().equals("stream"))) {
                flatten(d.block(), out);
            }
        }
    }

    private static boolean isTls(Directive server) {
        return server.children("listen").stream().anyMatch(l -> l.args().contains("ssl")) || server.child("ssl_certificate") != null
                || server.child("ssl") != null;
    }

    private void checkUpstream(Directive u) {
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

    private void checkLocation(Directive loc, Directive upstream) {
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

    private void checkTls(Directive s) {
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
            List<String> weak = parts.stream().filter(p -> !p.startsWith("!") && !p.startsWith("-")).filter(NginxImport::weakCipher).toList();
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
            f.add(new LbFinding(Severity.WARNING, stapling.line(), "ssl_stapling", "Stapling only works when the certificate names an"
                    + " OCSP responder; Let's Encrypt certificates have named none since 2025, and nginx then staples nothing.",
                    "Check with 'openssl x509 -noout -ocsp_uri -in CERT'; remove stapling when it prints nothing."));
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

    private static Directive header(Directive s, String name, String directive) {
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

    private Upstream upstream(Directive u) {
        Balance balance = Balance.ROUND_ROBIN;
        String key = null;
        boolean consistent = false;
        for (Directive d : u.block()) {
            switch (d.name()) {
                case "least_conn" -> balance = Balance.LEAST_CONN;
                case "ip_hash" -> balance = Balance.IP_HASH;
                case "hash" -> {
                    balance = Balance.HASH;
                    key = d.arg(0);
                    consistent = "consistent".equals(d.arg(1));
                }
                default -> {
                }
            }
        }
        List<UpstreamServer> servers = new ArrayList<>();
        for (Directive s : u.children("server")) {
            String addr = String.valueOf(s.arg(0));
            String host = addr;
            int port = 80;
            int colon = addr.lastIndexOf(':');
            if (addr.startsWith("[")) {
                int close = addr.indexOf(']');
                host = close > 0 ? addr.substring(1, close) : addr;
                port = close > 0 && addr.length() > close + 2 ? intOr(addr.substring(close + 2), -1) : 80;
            } else if (colon > 0) {
                host = addr.substring(0, colon);
                port = intOr(addr.substring(colon + 1), -1);
            }
            int weight = 1;
            int maxFails = 1;
            int failTimeout = 10;
            boolean backup = false;
            boolean down = false;
            for (String a : s.args().subList(Math.min(1, s.args().size()), s.args().size())) {
                if (a.startsWith("weight=")) {
                    weight = intOr(a.substring(7), -1);
                } else if (a.startsWith("max_fails=")) {
                    maxFails = intOr(a.substring(10), -1);
                } else if (a.startsWith("fail_timeout=")) {
                    failTimeout = seconds(a.substring(13));
                } else if (a.equals("backup")) {
                    backup = true;
                } else if (a.equals("down")) {
                    down = true;
                } else {
                    f.add(new LbFinding(Severity.INFO, s.line(), "server", "Parameter '" + a + "' is not carried into the model.",
                            "Keep weight, max_fails, fail_timeout, backup and down."));
                }
            }
            servers.add(new UpstreamServer(host, port, weight, maxFails, failTimeout, backup, down));
        }
        Directive ka = u.child("keepalive");
        return new Upstream(u.arg(0), balance, key, consistent, servers, ka == null ? 0 : intOr(ka.arg(0), -1));
    }

    private LbConfig config(Upstream up, List<Directive> servers) {
        Directive plain = servers.stream().filter(s -> !isTls(s)).findFirst().orElse(null);
        Directive tls = servers.stream().filter(NginxImport::isTls).findFirst().orElse(null);
        Directive main = tls != null && (plain == null || plain.child("return") != null) ? tls : plain;
        List<String> names = new ArrayList<>();
        List<String> locations = new ArrayList<>();
        int connect = 60;
        int read = 60;
        int send = 60;
        if (main != null) {
            Directive sn = main.child("server_name");
            if (sn != null) {
                names.addAll(sn.args());
            }
            for (Directive loc : main.children("location")) {
                if (loc.child("proxy_pass") != null) {
                    locations.add(loc.args().isEmpty() ? "/" : loc.args().get(loc.args().size() - 1));
                    connect = timeout(loc, "proxy_connect_timeout", connect);
                    read = timeout(loc, "proxy_read_timeout", read);
                    send = timeout(loc, "proxy_send_timeout", send);
                }
            }
        }
        int listen = plain == null ? 80 : port(plain, 80);
        LbConfig c = new LbConfig(up.name(), up, listen, names.isEmpty() ? List.of("_") : names, locations.isEmpty() ? List.of("/") : locations,
                connect, read, send, null, null);
        if (tls != null) {
            Directive hsts = header(tls, "Strict-Transport-Security", "add_header");
            String hv = hsts == null ? "" : String.valueOf(hsts.arg(1));
            Directive protocols = tls.child("ssl_protocols");
            TlsProfile profile = protocols != null && protocols.args().equals(List.of("TLSv1.3")) ? TlsProfile.MODERN : TlsProfile.INTERMEDIATE;
            Directive cert = tls.child("ssl_certificate");
            Directive key = tls.child("ssl_certificate_key");
            c = c.withTls(new Tls(cert == null ? null : cert.arg(0), key == null ? null : key.arg(0), port(tls, 443), profile, false,
                    hsts != null, hv.contains("includeSubDomains"), hv.contains("preload"), plain != null && plain.child("return") != null,
                    null, List.of(), null));
        }
        return c;
    }

    private static int port(Directive server, int dflt) {
        Directive l = server.child("listen");
        if (l == null) {
            return dflt;
        }
        String a = String.valueOf(l.arg(0));
        return intOr(a.contains(":") ? a.substring(a.lastIndexOf(':') + 1) : a, -1);
    }

    private static int timeout(Directive loc, String name, int dflt) {
        Directive d = loc.child(name);
        return d == null ? dflt : seconds(String.valueOf(d.arg(0)));
    }

    /** nginx times: "30", "30s", "2m", "1h". */
    static int seconds(String v) {
        if (v.matches("\\d{1,6}s?")) {
            return Integer.parseInt(v.replace("s", ""));
        }
        if (v.matches("\\d{1,4}m")) {
            return Integer.parseInt(v.substring(0, v.length() - 1)) * 60;
        }
        if (v.matches("\\d{1,3}h")) {
            return Integer.parseInt(v.substring(0, v.length() - 1)) * 3600;
        }
        return -1;
    }

    private static int intOr(String v, int dflt) {
        return v != null && v.matches("\\d{1,9}") ? Integer.parseInt(v) : dflt;
    }

    private static String abbreviate(String s) {
        return s.length() > 70 ? s.substring(0, 70) + " ..." : s;
    }
}
