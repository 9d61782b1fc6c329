package org.clusterdeck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.scan.ScanService;
import org.clusterdeck.scan.TlsCipherSuites;
import org.clusterdeck.scan.TlsScanResult;
import org.clusterdeck.scan.TlsScanner;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.scan.ScanKind;
import org.clusterdeck.scan.ScanRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck scan tls HOST[:PORT]…}: protocols, cipher suites and certificate of TLS servers. */
@Command(name = "tls", description = {"Probe which TLS protocol versions (SSLv3 to TLS 1.3), cipher suites and key "
        + "exchange groups a server accepts, with hand-built ClientHello messages; read its certificate, OCSP "
        + "responder and stapling, and HSTS (an HTTPS GET of /); judged against Mozilla's server-side TLS guidelines "
        + TlsCipherSuites.MOZILLA_VERSION + ", intermediate profile.",
        "With --json: one object (protocols, ciphers per protocol, groups, certificate, ocsp, hsts, findings, "
        + "notChecked, elapsedMs); for several targets one object with a 'targets' array of those."},
        mixinStandardHelpOptions = true)
final class ScanTlsCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(paramLabel = "HOST[:PORT]", arity = "1..*",
            description = "Address or inventory host name (port 443 unless given): loopback, a lab host or a host you added.")
    List<String> targets;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Mixin
    FailOn failOn;

    ScanTlsCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        failOn.threshold(); // a bad value stops before anything connects
        TlsScanner scanner = new TlsScanner(ScanCommand.checkedPolicy(cli, targets, TlsScanner.DEFAULT_PORT));
        // the database opens while the probes wait on the network (a loopback scan takes about as long as opening it)
        java.util.concurrent.CompletableFuture<ScanService> store = StoredScans.openMeanwhile(cli);
        List<TlsScanResult> results = new ArrayList<>();
        List<ScanRun> runs = new ArrayList<>();
        try {
            for (String t : targets) {
                java.time.Instant started = java.time.Instant.now();
                TlsScanResult r = scanner.scan(t);
                results.add(r);
                runs.add(StoredScans.opened(store).record(ScanKind.TLS, t, started, r.elapsedMs(), null, r.findings(), true));
            }
        } catch (TargetRefusedException e) {
            throw new CliException(e.getMessage());
        } catch (IOException e) {
            throw new CliException("The TLS scan failed: " + e.getMessage());
        } finally {
            store.exceptionally(e -> null).join(); // the database is open (or failed) before the command closes it
        }
        if (json) {
            ScanCommand.printJson(cli.out(), StoredScans.withScanIds(results.stream().map(ScanTlsCommand::object).toList(), runs));
        } else {
            for (int i = 0; i < results.size(); i++) {
                printText(cli.out(), results.get(i));
                StoredScans.note(cli.out(), runs.get(i));
            }
        }
        return failOn.exitCode(cli, StoredScans.findings(cli, runs));
    }

    private static void printText(PrintWriter out, TlsScanResult r) {
        out.printf(Locale.ROOT, "%s (%s port %d): %s, %.2f s%n", TerminalText.line(r.target()), r.address(), r.port(),
                r.protocols().isEmpty() ? "no protocol accepted" : String.join(", ", r.protocolNames()),
                r.elapsedMs() / 1000.0);
        Table t = new Table("PROTOCOL", "ID", "CIPHER SUITE", "STRENGTH", "FORWARD SECRECY");
        for (TlsScanResult.Protocol p : r.protocols()) {
            p.ciphers().forEach(s -> t.row(p.name(), s.hexId(), s.name(), s.strength().name().toLowerCase(Locale.ROOT),
                    s.forwardSecrecy() ? "yes" : "no"));
        }
        t.print(out, false);
        for (TlsScanResult.GroupSet g : r.groups()) {
            out.println("Key exchange groups " + g.protocol() + ": " + String.join(", ", g.groups().stream()
                    .map(x -> x.name() + (x.weak() ? " (weak, " + x.bits() + " bits)" : "")).toList()));
        }
        TlsScanResult.Certificate c = r.certificate();
        if (c != null) {
            out.println("Certificate: " + TerminalText.line(c.subject()));
            out.println("  issuer " + TerminalText.line(c.issuer()) + (c.selfSigned() ? " (self-signed)" : ""));
            out.println("  names " + (c.subjectAltNames().isEmpty() ? "none" : TerminalText.line(String.join(", ",
                    c.subjectAltNames()))) + "; host name " + (c.hostnameMatches() ? "matches" : "does NOT match"));
            out.printf(Locale.ROOT, "  valid %s to %s (%d days left); key %s %d bits; signature %s%n", c.notBefore(),
                    c.notAfter(), c.daysLeft(), c.keyType(), c.keyBits(), c.signatureAlgorithm());
        }
        TlsScanResult.Ocsp o = r.ocsp();
        if (o != null) {
            out.println("OCSP: " + (o.responders().isEmpty() ? "the certificate names no responder (many no longer do); "
                    + "nothing to staple" : "responder " + TerminalText.line(String.join(", ", o.responders())) + "; "
                    + (o.checkedWith() == null ? "stapling not checked" : o.stapled() ? "stapled (" + o.checkedWith()
                    + "): status " + TerminalText.line(o.responseStatus()) + (o.certStatus() == null ? "" : ", certificate "
                    + o.certStatus()) + (o.nextUpdate() == null ? "" : ", next update " + o.nextUpdate())
                    : "NOT stapled (asked with " + o.checkedWith() + ")")));
        }
        TlsScanResult.Hsts h = r.hsts();
        if (h != null) {
            out.println("HSTS: " + (h.header() == null ? "none (GET / answered " + h.httpStatus() + ")"
                    : TerminalText.line(h.header()) + " (max-age " + h.maxAge() + " s" + (h.includeSubDomains()
                    ? ", includeSubDomains" : "") + (h.preload() ? ", preload" : "") + ")"));
        }
        if (r.findings().isEmpty()) {
            out.println("No findings.");
        } else {
            out.println("Findings (Mozilla server-side TLS guidelines " + TlsCipherSuites.MOZILLA_VERSION + ", intermediate):");
            Table f = new Table("SEVERITY", "ID", "TITLE");
            r.findings().forEach(x -> f.row(x.rating(), x.id(), TerminalText.line(x.title())));
            f.print(out, false);
        }
        r.notChecked().forEach(n -> out.println("Not checked: " + n + "."));
    }

    private static Map<String, Object> object(TlsScanResult r) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("target", r.target());
        o.put("address", r.address());
        o.put("port", r.port());
        o.put("protocols", r.protocolNames());
        Map<String, Object> ciphers = new LinkedHashMap<>();
        for (TlsScanResult.Protocol p : r.protocols()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (TlsCipherSuites.Suite s : p.ciphers()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", s.hexId());
                m.put("name", s.name());
                m.put("strength", s.strength().name().toLowerCase(Locale.ROOT));
                m.put("forwardSecrecy", s.forwardSecrecy());
                list.add(m);
            }
            ciphers.put(p.name(), list);
        }
        o.put("ciphers", ciphers);
        Map<String, Object> groups = new LinkedHashMap<>();
        for (TlsScanResult.GroupSet g : r.groups()) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (org.clusterdeck.scan.TlsGroups.Group x : g.groups()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", x.hexId());
                m.put("name", x.name());
                m.put("bits", x.bits());
                m.put("weak", x.weak());
                list.add(m);
            }
            groups.put(g.protocol(), list);
        }
        o.put("groups", groups);
        TlsScanResult.Certificate c = r.certificate();
        if (c != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("subject", c.subject()); // JSON escapes control characters itself (\u001b)
            m.put("issuer", c.issuer());
            m.put("subjectAltNames", c.subjectAltNames());
            m.put("notBefore", c.notBefore());
            m.put("notAfter", c.notAfter());
            m.put("daysLeft", c.daysLeft());
            m.put("keyType", c.keyType());
            m.put("keyBits", c.keyBits());
            m.put("signatureAlgorithm", c.signatureAlgorithm());
            m.put("selfSigned", c.selfSigned());
            m.put("hostnameMatches", c.hostnameMatches());
            m.put("chain", c.chain());
            o.put("certificate", m);
        }
        TlsScanResult.Ocsp oc = r.ocsp();
        if (oc != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("responders", oc.responders());
            m.put("stapled", oc.stapled());
            m.put("checkedWith", oc.checkedWith());
            m.put("responseStatus", oc.responseStatus());
            m.put("certStatus", oc.certStatus());
            m.put("thisUpdate", oc.thisUpdate());
            m.put("nextUpdate", oc.nextUpdate());
            o.put("ocsp", m);
        }
        TlsScanResult.Hsts h = r.hsts();
        if (h != null) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("httpStatus", h.httpStatus());
            m.put("header", h.header());
            m.put("maxAge", h.maxAge());
            m.put("includeSubDomains", h.includeSubDomains());
            m.put("preload", h.preload());
            o.put("hsts", m);
        }
        o.put("findings", ScanCommand.findings(r.findings()));
        o.put("notChecked", r.notChecked());
        o.put("gradingReference", "Mozilla server-side TLS guidelines " + TlsCipherSuites.MOZILLA_VERSION
                + ", intermediate (https://ssl-config.mozilla.org/guidelines/" + TlsCipherSuites.MOZILLA_VERSION + ".json)");
        o.put("elapsedMs", r.elapsedMs());
        return o;
    }
}
