package org.clusterdeck.scan;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.clusterdeck.net.TargetPolicy;

/**
 * Security headers, server tokens, directory listing, default pages and the HTTP→HTTPS redirect
 * of one URL, scored as Mozilla's HTTP Observatory scores them (start at 100, its modifiers for
 * the header tests; the checks it does not score — tokens, listings, default pages — are findings
 * without points). One GET of the URL, plus one of the https:// URL when the http:// one does not redirect.
 */
public final class HttpScanner {
    private final TargetPolicy policy;

    public HttpScanner(TargetPolicy policy) {
        this.policy = policy;
    }

    /** Scans {@code url} (http:// or https://); the target policy decides first. */
    public HttpScanResult scan(String url) throws IOException {
        URI u = parse(url);
        boolean tls = u.getScheme().equalsIgnoreCase("https");
        int port = u.getPort() > 0 ? u.getPort() : tls ? 443 : 80;
        InetAddress address = policy.resolve(u.getHost());
        String hostHeader = u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
        String path = u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath()
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        long start = System.nanoTime();
        HttpFetch.Response r = HttpFetch.get(address, port, tls, hostHeader, path);
        List<HttpScanResult.Modifier> mods = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        if (!tls) {
            redirect(u, r, mods, findings);
        }
        hsts(tls, r, mods, findings);
        csp(r, mods, findings);
        frames(r, mods, findings);
        contentTypeOptions(r, mods, findings);
        referrer(r, mods, findings);
        tokens(r, findings);
        pages(r, findings);
        int score = Math.max(0, 100 + mods.stream().mapToInt(HttpScanResult.Modifier::points).sum());
        return new HttpScanResult(url, address.getHostAddress(), r.status(), r.headers(), List.copyOf(mods), score,
                grade(score), List.copyOf(findings), (System.nanoTime() - start) / 1_000_000);
    }

    static URI parse(String url) {
        try {
            URI u = new URI(url == null ? "" : url.strip());
            if (u.getScheme() == null || !u.getScheme().matches("(?i)https?") || u.getHost() == null) {
                throw new IllegalArgumentException("'" + org.clusterdeck.text.TerminalText.line(url)
                        + "' is not an http:// or https:// URL with a host; write e.g. http://127.0.0.1:8080/");
            }
            return u;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("'" + org.clusterdeck.text.TerminalText.line(url) + "' is not a URL ("
                    + e.getReason() + "); write e.g. http://127.0.0.1:8080/");
        }
    }

    /** The Observatory's letter for a score (A+ from 100 down to F below 25). */
    static String grade(int score) {
        int[] floor = {100, 90, 85, 80, 70, 65, 60, 50, 45, 40, 30, 25};
        String[] letter = {"A+", "A", "A-", "B+", "B", "B-", "C+", "C", "C-", "D+", "D", "D-"};
        for (int i = 0; i < floor.length; i++) {
            if (score >= floor[i]) {
                return letter[i];
            }
        }
        return "F";
    }

    private static void redirect(URI u, HttpFetch.Response r, List<HttpScanResult.Modifier> mods, List<Finding> findings) {
        Optional<String> location = r.header("Location");
        boolean toHttps = r.status() / 100 == 3 && location.isPresent()
                && location.get().toLowerCase(Locale.ROOT).startsWith("https://");
        if (toHttps) {
            mods.add(new HttpScanResult.Modifier("redirection", 0, "redirects to " + location.get()));
            return;
        }
        mods.add(new HttpScanResult.Modifier("redirection", -20, "does not redirect to HTTPS"));
        findings.add(new Finding("http-no-https-redirect", 4.3, "HTTP is served without a redirect to HTTPS",
                "GET " + u + " answered " + r.status() + location.map(l -> " with Location: " + l).orElse(" without a Location header"),
                "Visitors who type the address or follow an old link stay on unencrypted HTTP, readable and changeable on the way.",
                "Serve a 301 to https:// for every path (nginx: 'return 301 https://$host$request_uri;' in the port-80 server) "
                        + "once HTTPS works."));
    }

    private static void hsts(boolean tls, HttpFetch.Response r, List<HttpScanResult.Modifier> mods, List<Finding> findings) {
        Optional<String> h = r.header("Strict-Transport-Security");
        if (!tls) {
            mods.add(new HttpScanResult.Modifier("strict-transport-security", 0, "not applicable over HTTP"
                    + (h.isPresent() ? " (the header is ignored by browsers here)" : "")));
            return;
        }
        long maxAge = h.map(v -> {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?i)max-age\\s*=\\s*\"?(\\d+)").matcher(v);
            return m.find() ? Long.parseLong(m.group(1).length() > 12 ? "999999999999" : m.group(1)) : -1L;
        }).orElse(-1L);
        if (h.isEmpty() || maxAge < 0) {
            mods.add(new HttpScanResult.Modifier("strict-transport-security", -20, h.isEmpty() ? "no header" : "no valid max-age"));
            findings.add(new Finding("http-hsts-missing", 4.3, "HTTPS without HTTP Strict Transport Security",
                    h.map(v -> "Strict-Transport-Security: " + v).orElse("no Strict-Transport-Security header"),
                    "Without HSTS a browser tries http:// first, where a machine in the middle can strip HTTPS.",
                    "Send 'Strict-Transport-Security: max-age=63072000' on HTTPS responses (nginx: add_header ... always)."));
        } else if (maxAge < 15_768_000) {
            mods.add(new HttpScanResult.Modifier("strict-transport-security", -10, "max-age " + maxAge + " s is under six months"));
            findings.add(new Finding("http-hsts-short", 2.6, "HSTS max-age under six months", "Strict-Transport-Security: " + h.get(),
                    "A short max-age lapses between visits, leaving the first request unprotected again.",
                    "Use max-age=63072000 (two years)."));
        } else {
            mods.add(new HttpScanResult.Modifier("strict-transport-security", 0, "max-age " + maxAge + " s"));
        }
    }

    private static void csp(HttpFetch.Response r, List<HttpScanResult.Modifier> mods, List<Finding> findings) {
        Optional<String> h = r.header("Content-Security-Policy");
        if (h.isEmpty()) {
            mods.add(new HttpScanResult.Modifier("content-security-policy", -25, "no header"));
            findings.add(new Finding("http-csp-missing", 3.1, "No Content-Security-Policy", "no Content-Security-Policy header",
                    "Without a CSP any injected script runs with the page's rights (cross-site scripting has no second line).",
                    "Send a policy, starting from \"default-src 'self'; frame-ancestors 'self'; object-src 'none'\" and widening what the site needs."));
            return;
        }
        String v = h.get().toLowerCase(Locale.ROOT);
        if (v.contains("'unsafe-inline'") || v.contains("'unsafe-eval'")) {
            mods.add(new HttpScanResult.Modifier("content-security-policy", -20, "allows 'unsafe-inline' or 'unsafe-eval'"));
            findings.add(new Finding("http-csp-unsafe", 2.6, "Content-Security-Policy allows inline script or eval",
                    "Content-Security-Policy: " + h.get(), "'unsafe-inline'/'unsafe-eval' let injected scripts run anyway.",
                    "Move inline scripts to files or use nonces/hashes, then drop 'unsafe-inline' and 'unsafe-eval'."));
        } else {
            mods.add(new HttpScanResult.Modifier("content-security-policy", 0, "present"));
        }
    }

    private static void frames(HttpFetch.Response r, List<HttpScanResult.Modifier> mods, List<Finding> findings) {
        boolean ancestors = r.header("Content-Security-Policy").map(v -> v.toLowerCase(Locale.ROOT).contains("frame-ancestors")).orElse(false);
        Optional<String> xfo = r.header("X-Frame-Options");
        boolean valid = xfo.map(v -> v.equalsIgnoreCase("DENY") || v.equalsIgnoreCase("SAMEORIGIN")).orElse(false);
        if (ancestors || valid) {
            mods.add(new HttpScanResult.Modifier("x-frame-options", 0, ancestors ? "CSP frame-ancestors" : "X-Frame-Options: " + xfo.get()));
            return;
        }
        mods.add(new HttpScanResult.Modifier("x-frame-options", -20, xfo.isPresent() ? "invalid value" : "no header"));
        findings.add(new Finding("http-framing-allowed", 3.1, "Pages may be framed by any site (clickjacking)",
                xfo.map(v -> "X-Frame-Options: " + v).orElse("no X-Frame-Options header and no CSP frame-ancestors"),
                "Another site can show these pages in an invisible frame and trick users into clicking them.",
                "Send 'X-Frame-Options: DENY' (or SAMEORIGIN), or CSP \"frame-ancestors 'self'\"."));
    }

    private static void contentTypeOptions(HttpFetch.Response r, List<HttpScanResult.Modifier> mods, List<Finding> findings) {
        Optional<String> h = r.header("X-Content-Type-Options");
        if (h.map(v -> v.equalsIgnoreCase("nosniff")).orElse(false)) {
            mods.add(new HttpScanResult.Modifier("x-content-type-options", 0, "nosniff"));
            return;
        }
        mods.add(new HttpScanResult.Modifier("x-content-type-options", -5, h.isPresent() ? "invalid value" : "no header"));
        findings.add(new Finding("http-nosniff-missing", 2.6, "No X-Content-Type-Options: nosniff",
                h.map(v -> "X-Content-Type-Options: " + v).orElse("no X-Content-Type-Options header"),
                "Browsers may guess a type and run an uploaded file as script or style.",
                "Send 'X-Content-Type-Options: nosniff'."));
    }

    private static void referrer(HttpFetch.Response r, List<HttpScanResult.Modifier> mods, List<Finding> findings) {
        Optional<String> h = r.header("Referrer-Policy");
        if (h.isEmpty()) {
            mods.add(new HttpScanResult.Modifier("referrer-policy", 0, "no header (browsers default to strict-origin-when-cross-origin)"));
            return;
        }
        String v = h.get().toLowerCase(Locale.ROOT);
        if (v.contains("unsafe-url") || v.contains("no-referrer-when-downgrade")) {
            mods.add(new HttpScanResult.Modifier("referrer-policy", -5, "unsafe: " + h.get()));
            findings.add(new Finding("http-referrer-unsafe", 2.6, "Referrer-Policy leaks full URLs", "Referrer-Policy: " + h.get(),
                    "Full URLs, with any tokens in them, are sent to other sites (and over HTTP for unsafe-url).",
                    "Send 'Referrer-Policy: strict-origin-when-cross-origin' (or no-referrer)."));
        } else {
            mods.add(new HttpScanResult.Modifier("referrer-policy", 5, h.get()));
        }
    }

    private static void tokens(HttpFetch.Response r, List<Finding> findings) {
        Optional<String> server = r.header("Server").filter(v -> v.matches(".*\\d.*"));
        Optional<String> powered = r.header("X-Powered-By");
        if (server.isPresent() || powered.isPresent()) {
            String evidence = String.join("; ", server.map(v -> "Server: " + v).stream().toList())
                    + (server.isPresent() && powered.isPresent() ? "; " : "") + powered.map(v -> "X-Powered-By: " + v).orElse("");
            findings.add(new Finding("http-server-tokens", 2.6, "Server software and version disclosed", evidence,
                    "The exact version tells an attacker which known vulnerabilities to try, without probing.",
                    "nginx: 'server_tokens off;' in the http block; remove X-Powered-By in the application (PHP: expose_php = Off)."));
        }
    }

    private static void pages(HttpFetch.Response r, List<Finding> findings) {
        String body = r.body();
        if (body.contains("<title>Index of /") || body.contains("<h1>Index of /")) {
            findings.add(new Finding("http-directory-listing", 5.3, "Directory listing is on", firstLine(body, "Index of /"),
                    "Every file in the directory is listed, including backups and files never meant to be linked.",
                    "nginx: 'autoindex off;' (the default) in that location; Apache: 'Options -Indexes'."));
        }
        for (String marker : List.of("Welcome to nginx!", "Apache2 Debian Default Page", "Apache2 Ubuntu Default Page", "It works!",
                "IIS Windows Server")) {
            if (body.contains(marker)) {
                findings.add(new Finding("http-default-page", 2.6, "The web server's default page is served", firstLine(body, marker),
                        "A default page shows the server was set up without care and names the software; it also means this "
                                + "address serves no site.",
                        "Serve the site, or remove the default site (Debian: rm /etc/nginx/sites-enabled/default; reload nginx)."));
                break;
            }
        }
    }

    private static String firstLine(String body, String marker) {
        int i = body.indexOf(marker);
        int s = body.lastIndexOf('\n', i) + 1;
        int e = body.indexOf('\n', i);
        return "body: " + body.substring(s, e < 0 ? body.length() : e).strip();
    }
}
