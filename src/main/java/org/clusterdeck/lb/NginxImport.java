package org.clusterdeck.lb;

import java.util.ArrayList;
import java.util.List;
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

    private final List<LbFinding> f = new ArrayList<>();
    private final NginxChecks checks = new NginxChecks(f);

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
            checks.upstream(u);
        }
        Upstream model = null;
        for (Directive s : servers) {
            boolean tls = isTls(s);
            if (tls) {
                checks.tls(s);
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
                checks.location(loc, up);
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

    static boolean isTls(Directive server) {
        return server.children("listen").stream().anyMatch(l -> l.args().contains("ssl")) || server.child("ssl_certificate") != null
                || server.child("ssl") != null;
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
            Directive hsts = NginxChecks.header(tls, "Strict-Transport-Security", "add_header");
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
