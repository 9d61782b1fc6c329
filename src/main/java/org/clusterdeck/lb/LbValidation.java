package org.clusterdeck.lb;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every field of a {@link LbConfig} checked against what nginx accepts, each problem a sentence
 * saying what is wrong and how to fix it. Values are refused, never quoted into shape: every
 * accepted value is a single nginx word without quotes, spaces, {@code ;}, <code>{</code>, <code>}</code>,
 * {@code #}, backslashes or control characters, so no input can end a directive and start another.
 */
public final class LbValidation {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,63}");
    static final Pattern HOSTNAME = Pattern.compile("(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*\\.?");
    static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    /** server_name: a host name, a leading "*." or "." wildcard, or "_" (no regular expressions). */
    static final Pattern SERVER_NAME = Pattern.compile("_|(?:\\*\\.|\\.)?" + HOSTNAME.pattern());
    static final Pattern LOCATION = Pattern.compile("/[A-Za-z0-9._~/-]*");
    static final Pattern FILE = Pattern.compile("/[A-Za-z0-9._/-]+");
    /** A hash key: nginx variables and plain characters, e.g. $request_uri or $remote_addr$http_user_agent. */
    static final Pattern HASH_KEY = Pattern.compile("(?:\\$[A-Za-z_][A-Za-z0-9_]*|[A-Za-z0-9_:/.,=-])+");

    private LbValidation() {
    }

    /** Every problem of {@code c}, empty when nginx would take it. */
    public static List<String> problems(LbConfig c) {
        List<String> p = new ArrayList<>();
        if (c.upstream() == null) {
            p.add("upstream: missing. Add at least one backend server.");
        } else {
            upstream(c.upstream(), p);
        }
        port("listen port", c.listenPort(), p);
        if (c.serverNames().isEmpty()) {
            p.add("server_name: none given. Give the names clients use (e.g. example.com), or _ for any.");
        }
        for (String n : c.serverNames()) {
            if (n == null || !(SERVER_NAME.matcher(n).matches() || IPV4.matcher(n).matches())) {
                p.add("server_name " + shown(n) + ": not a host name. Use letters, digits, '-' and '.', a leading '*.' wildcard, or _.");
            }
        }
        if (c.locations().isEmpty()) {
            p.add("locations: none. Add / to proxy every path.");
        }
        Set<String> seen = new HashSet<>();
        for (String l : c.locations()) {
            if (l == null || !LOCATION.matcher(l).matches() || l.contains("//") || l.contains("/../")) {
                p.add("location " + shown(l) + ": not a plain path. Start with / and use letters, digits and . _ ~ / - only.");
            } else if (!seen.add(l)) {
                p.add("location " + l + ": given twice (nginx refuses duplicate locations). Remove one.");
            }
        }
        range("proxy_connect_timeout", c.connectTimeoutSeconds(), 1, 75, "s (nginx caps it at 75 s)", p);
        range("proxy_read_timeout", c.readTimeoutSeconds(), 1, 3600, "s", p);
        range("proxy_send_timeout", c.sendTimeoutSeconds(), 1, 3600, "s", p);
        if (c.tls() != null) {
            tls(c, c.tls(), p);
        }
        NginxRuntime r = c.runtime();
        for (String f : new String[] {r.pidFile(), r.errorLog(), r.accessLog(), r.tempDir()}) {
            if (f != null && !safeFile(f)) {
                p.add("runtime path " + shown(f) + ": not a plain absolute path.");
            }
        }
        if (r.user() != null && !NAME.matcher(r.user()).matches()) {
            p.add("user " + shown(r.user()) + ": not a user name.");
        }
        return p;
    }

    /** Throws with every problem when {@code c} is not valid. */
    public static LbConfig require(LbConfig c) {
        List<String> p = problems(c);
        if (!p.isEmpty()) {
            throw new LbException("The load balancer configuration is not valid:\n  - " + String.join("\n  - ", p));
        }
        return c;
    }

    private static void upstream(Upstream u, List<String> p) {
        if (u.name() == null || !NAME.matcher(u.name()).matches()) {
            p.add("upstream name " + shown(u.name()) + ": use letters, digits, '_' and '-' (at most 64), starting with a letter.");
        }
        if (u.balance() == Balance.HASH) {
            if (u.hashKey() == null || !HASH_KEY.matcher(u.hashKey()).matches()) {
                p.add("hash key " + shown(u.hashKey()) + ": give nginx variables and plain characters, e.g. $request_uri"
                        + " (no spaces, quotes, ';' or braces).");
            }
        } else if (u.hashKey() != null || u.consistent()) {
            p.add("hash key / consistent: only for the hash method, not " + u.balance().id() + ". Remove them or choose hash.");
        }
        range("keepalive", u.keepalive(), 0, 10000, " idle connections per worker", p);
        if (u.servers().isEmpty()) {
            p.add("upstream " + u.name() + ": no servers. Add at least one backend.");
        }
        Set<String> addresses = new HashSet<>();
        boolean anyActive = false;
        for (UpstreamServer s : u.servers()) {
            String who = "server " + shown(s.host()) + ":" + s.port();
            if (!validHost(s.host())) {
                p.add(who + ": not an IP address or host name.");
            }
            port(who + " port", s.port(), p);
            range(who + " weight", s.weight(), 1, 1000, "", p);
            range(who + " max_fails", s.maxFails(), 0, 1000, " (0: never marked failed)", p);
            range(who + " fail_timeout", s.failTimeoutSeconds(), 1, 86400, " s", p);
            if (s.backup() && !u.balance().allowsBackup()) {
                p.add(who + ": backup servers cannot be used with " + u.balance().id() + " (nginx refuses it). Use round_robin or"
                        + " least_conn, or make it a normal server.");
            }
            if (s.backup() && s.down()) {
                p.add(who + ": both backup and down. Choose one.");
            }
            if (!addresses.add(String.valueOf(s.host()).toLowerCase() + ":" + s.port())) {
                p.add(who + ": listed twice. Raise its weight instead.");
            }
            anyActive |= !s.backup() && !s.down();
        }
        if (!u.servers().isEmpty() && !anyActive) {
            p.add("upstream " + u.name() + ": every server is backup or down, so nothing serves requests. Mark one as a normal server.");
        }
    }

    private static void tls(LbConfig c, Tls t, List<String> p) {
        if (t.certificate() == null || !safeFile(t.certificate())) {
            p.add("ssl_certificate " + shown(t.certificate()) + ": give the absolute path of the certificate (full chain) on the host.");
        }
        if (t.key() == null || !safeFile(t.key())) {
            p.add("ssl_certificate_key " + shown(t.key()) + ": give the absolute path of the private key on the host.");
        }
        port("HTTPS port", t.httpsPort(), p);
        if (t.httpsPort() == c.listenPort()) {
            p.add("HTTPS port " + t.httpsPort() + ": the same as the HTTP port. Use 443 and 80.");
        }
        if (t.hstsPreload() && (!t.hsts() || !t.hstsIncludeSubdomains())) {
            p.add("HSTS preload: the preload list requires HSTS with includeSubDomains. Turn both on, or preload off.");
        }
        if (t.ocspResponder() != null) {
            if (!t.ocspResponder().matches("https?://[A-Za-z0-9._~:/?=&%-]+")) {
                p.add("OCSP responder " + shown(t.ocspResponder()) + ": not an http(s) URL.");
            }
            if (t.resolvers().isEmpty()) {
                p.add("OCSP stapling: nginx needs a resolver to reach " + t.ocspResponder() + ". Give the DNS server's address.");
            }
        }
        for (String r : t.resolvers()) {
            if (r == null || !(IPV4.matcher(r).matches() || (IPV6.matcher(r).matches() && r.length() <= 45))) {
                p.add("resolver " + shown(r) + ": give an IP address.");
            }
        }
        if (t.trustedCertificate() != null && !safeFile(t.trustedCertificate())) {
            p.add("ssl_trusted_certificate " + shown(t.trustedCertificate()) + ": not a plain absolute path.");
        }
    }

    static boolean validHost(String h) {
        return h != null && (IPV4.matcher(h).matches() || (IPV6.matcher(h).matches() && h.length() <= 45)
                || (HOSTNAME.matcher(h).matches() && !h.matches("[0-9.]+")));
    }

    static boolean safeFile(String f) {
        return FILE.matcher(f).matches() && !f.contains("/../") && !f.endsWith("/..") && f.length() <= 4096;
    }

    private static void port(String what, int v, List<String> p) {
        range(what, v, 1, 65535, "", p);
    }

    private static void range(String what, int v, int min, int max, String unit, List<String> p) {
        if (v < min || v > max) {
            p.add(what + " " + v + ": must be " + min + " to " + max + unit + ".");
        }
    }

    /** A value as it may be shown in a message: control characters made visible, long values cut with their length. */
    static String shown(String v) {
        if (v == null) {
            return "(empty)";
        }
        String s = v.replace("\n", "\\n").replace("\r", "\\r").replaceAll("\\p{Cntrl}", "?");
        return "'" + (s.length() > 60 ? s.substring(0, 60) + "'... (" + v.length() + " characters)" : s + "'");
    }
}
