package org.clusterdeck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.scan.PortScanResult;
import org.clusterdeck.scan.PortScanner;
import org.clusterdeck.scan.PortSet;
import org.clusterdeck.scan.SshPolicy;
import org.clusterdeck.scan.SshScanResult;
import org.clusterdeck.scan.SshScanner;
import org.clusterdeck.scan.Finding;
import org.clusterdeck.scan.HttpScanResult;
import org.clusterdeck.scan.HttpScanner;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.scan.ScanKind;
import org.clusterdeck.scan.ScanRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck scan ports|tls|ssh|http|host}: security scans of loopback, lab and inventory hosts. */
@Command(name = "scan", description = "Scan hosts (loopback, lab hosts, inventory hosts) for open ports, weak TLS and SSH settings and HTTP headers, and audit hosts over SSH.",
        mixinStandardHelpOptions = true,
        footer = {"Every scan is stored (its id is printed; JSON has 'scanId'): see 'scan list', 'scan show ID', 'findings list'.",
                "Exit status: 0 done, 1 the scan failed, 2 bad usage, " + Cli.FINDINGS + " open findings at or above --fail-on remain."},
        subcommands = {ScanCommand.Ports.class, ScanTlsCommand.class, ScanCommand.Ssh.class, ScanCommand.Http.class, ScanCommand.HostScan.class,
                ScanStoredCommands.All.class, ScanStoredCommands.ListRuns.class, ScanStoredCommands.Show.class,
                ScanStoredCommands.Compare.class, ScanStoredCommands.History.class, ScanStoredCommands.Report.class})
final class ScanCommand {

    static CliException usage(String message) {
        return new CliException(message, Cli.USAGE);
    }

    /**
     * The target policy; for loopback addresses alone, without opening the database: no inventory
     * entry can make 127.0.0.0/8 or ::1 another machine, and opening H2 would cost more than a scan.
     */
    static TargetPolicy policy(Cli cli, List<String> hosts) {
        return loopbackOnly(hosts) ? TargetPolicy.withoutInventory() : cli.services().targets();
    }

    static boolean loopbackOnly(List<String> hosts) {
        return hosts.stream().map(t -> TargetPolicy.literal(TargetPolicy.unbracket(t.strip())))
                .allMatch(a -> a != null && a.isLoopbackAddress());
    }

    /**
     * The policy for HOST[:PORT] targets ({@code defaultPort} when none is given), every host checked
     * before anything connects: one refused target stops the scan, a malformed one is a usage error.
     */
    static TargetPolicy checkedPolicy(Cli cli, List<String> targets, int defaultPort) {
        List<String> hosts = new ArrayList<>();
        for (String t : targets) {
            try {
                hosts.add(SshScanner.Endpoint.parse(t, defaultPort).host());
            } catch (IllegalArgumentException e) {
                throw usage("HOST[:PORT]: " + e.getMessage().replace(":" + SshScanner.DEFAULT_PORT, ":" + defaultPort) + ".");
            }
        }
        TargetPolicy policy = policy(cli, hosts);
        try {
            for (String h : hosts) {
                policy.resolve(h);
            }
        } catch (TargetRefusedException e) {
            throw new CliException(e.getMessage());
        }
        return policy;
    }

    /** One object for one target; {"targets": [...]} for several. */
    static void printJson(PrintWriter out, List<Map<String, Object>> objects) {
        if (objects.size() == 1) {
            out.println(Json.write(objects.get(0)));
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("elapsedMs", objects.stream().mapToLong(o -> ((Number) o.get("elapsedMs")).longValue()).max().orElse(0));
        all.put("targets", objects);
        out.println(Json.write(all));
    }

    @Command(name = "ssh", description = {"Grade an SSH server's algorithms (key exchange, host key, ciphers, MACs) from "
            + "its KEXINIT, without logging in; reasons from ssh-audit " + SshPolicy.SSH_AUDIT_VERSION + "'s algorithm database.",
            "With --json: one object (banner, kex, hostKeys, ciphers, macs, compression, findings, notChecked, elapsedMs); "
            + "for several targets one object with a 'targets' array of those."},
            mixinStandardHelpOptions = true)
    static final class Ssh implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "HOST[:PORT]", arity = "1..*",
                description = "Address or inventory host name (port 22 unless given): loopback, a lab host or a host you added.")
        List<String> targets;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Mixin
        FailOn failOn;

        Ssh(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            failOn.threshold(); // a bad value stops before anything connects
            SshScanner scanner = new SshScanner(checkedPolicy(cli, targets, SshScanner.DEFAULT_PORT));
            List<SshScanResult> results = new ArrayList<>();
            List<ScanRun> runs = new ArrayList<>();
            try {
                for (String t : targets) {
                    java.time.Instant started = java.time.Instant.now();
                    SshScanResult r = scanner.scan(t);
                    results.add(r);
                    runs.add(cli.services().scans().record(ScanKind.SSH, t, started, r.elapsedMs(), null, r.findings(), true));
                }
            } catch (TargetRefusedException e) {
                throw new CliException(e.getMessage());
            } catch (IOException e) {
                throw new CliException("The SSH scan failed: " + e.getMessage());
            }
            if (json) {
                printJson(cli.out(), StoredScans.withScanIds(results.stream().map(Ssh::object).toList(), runs));
            } else {
                for (int i = 0; i < results.size(); i++) {
                    printText(cli.out(), results.get(i));
                    StoredScans.note(cli.out(), runs.get(i));
                }
            }
            return failOn.exitCode(cli, StoredScans.findings(cli, runs));
        }

        private static void printText(PrintWriter out, SshScanResult r) {
            out.printf(Locale.ROOT, "%s (%s port %d): %s%n", TerminalText.line(r.target()), r.address(), r.port(),
                    TerminalText.line(r.banner()));
            Table t = new Table("KIND", "ALGORITHM", "GRADE", "WHY");
            add(t, "kex", r.kex());
            add(t, "host key", r.hostKeys());
            add(t, "cipher", r.ciphers());
            add(t, "mac", r.macs());
            r.compression().forEach(c -> t.row("compression", TerminalText.line(c), "", ""));
            t.print(out, false);
            if (r.findings().isEmpty()) {
                out.println("No findings.");
            } else {
                out.println("Findings:");
                Table f = new Table("SEVERITY", "ID", "TITLE");
                r.findings().forEach(x -> f.row(x.rating(), TerminalText.line(x.id()), TerminalText.line(x.title())));
                f.print(out, false);
            }
            r.notChecked().forEach(n -> out.println("Not checked: " + n + "."));
        }

        private static void add(Table t, String kind, List<SshScanResult.Algorithm> algorithms) {
            for (SshScanResult.Algorithm a : algorithms) {
                t.row(kind, TerminalText.line(a.name()), a.grade().name().toLowerCase(Locale.ROOT), a.why());
            }
        }

        private static Map<String, Object> object(SshScanResult r) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("target", r.target());
            o.put("address", r.address());
            o.put("port", r.port());
            o.put("banner", r.banner());
            o.put("protocol", r.protocol());
            o.put("software", r.software());
            o.put("kex", algorithms(r.kex()));
            o.put("hostKeys", algorithms(r.hostKeys()));
            o.put("ciphers", algorithms(r.ciphers()));
            o.put("macs", algorithms(r.macs()));
            o.put("compression", r.compression());
            o.put("findings", findings(r.findings()));
            o.put("notChecked", r.notChecked());
            o.put("gradingReference", "ssh-audit " + SshPolicy.SSH_AUDIT_VERSION + " algorithm database");
            o.put("elapsedMs", r.elapsedMs());
            return o;
        }

        private static List<Map<String, Object>> algorithms(List<SshScanResult.Algorithm> list) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (SshScanResult.Algorithm a : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("algorithm", a.name());
                m.put("grade", a.grade().name().toLowerCase(Locale.ROOT));
                if (!a.why().isEmpty()) {
                    m.put("why", a.why());
                }
                out.add(m);
            }
            return out;
        }
    }

    @Command(name = "http", description = {"Check an HTTP endpoint's security headers, server tokens, directory listing, "
            + "default page and HTTP->HTTPS redirect; a score from 100 in the spirit of Mozilla's HTTP Observatory, "
            + "with each modifier shown.",
            "With --json: one object (status, headers, modifiers, score, grade, findings, elapsedMs)."},
            mixinStandardHelpOptions = true)
    static final class Http implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "URL", description = "http:// or https:// URL on loopback, a lab host or a host you added.")
        String url;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Mixin
        FailOn failOn;

        Http(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            failOn.threshold(); // a bad value stops before anything connects
            String host;
            try {
                host = java.net.URI.create(url.strip()).getHost();
                if (host == null || !url.strip().matches("(?i)https?://.*")) {
                    throw new IllegalArgumentException("no host");
                }
            } catch (IllegalArgumentException e) {
                throw usage("URL: '" + TerminalText.line(url) + "' is not an http:// or https:// URL with a host; "
                        + "write e.g. http://127.0.0.1:8080/.");
            }
            HttpScanResult r;
            java.time.Instant started = java.time.Instant.now();
            try {
                r = new HttpScanner(policy(cli, List.of(host))).scan(url);
            } catch (TargetRefusedException e) {
                throw new CliException(e.getMessage());
            } catch (IOException e) {
                throw new CliException("The HTTP scan failed: " + e.getMessage());
            }
            ScanRun run = cli.services().scans().record(ScanKind.HTTP, url, started, r.elapsedMs(), null, r.findings(), true);
            int exit = failOn.exitCode(cli, StoredScans.findings(cli, List.of(run)));
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("scanId", run.id());
                o.put("url", r.url());
                o.put("address", r.address());
                o.put("status", r.status());
                List<Map<String, Object>> headers = new ArrayList<>();
                r.headers().forEach(h -> headers.add(Map.of("name", h.name(), "value", h.value())));
                o.put("headers", headers);
                List<Map<String, Object>> mods = new ArrayList<>();
                r.modifiers().forEach(m -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("test", m.test());
                    x.put("points", m.points());
                    x.put("result", m.result());
                    mods.add(x);
                });
                o.put("modifiers", mods);
                o.put("score", r.score());
                o.put("grade", r.grade());
                o.put("findings", findings(r.findings()));
                o.put("elapsedMs", r.elapsedMs());
                cli.out().println(Json.write(o));
                return exit;
            }
            PrintWriter out = cli.out();
            out.printf(Locale.ROOT, "%s (%s): HTTP %d, score %d/100, grade %s%n", TerminalText.line(r.url()), r.address(),
                    r.status(), r.score(), r.grade());
            Table m = new Table("TEST", "POINTS", "RESULT");
            r.modifiers().forEach(x -> m.row(x.test(), (x.points() > 0 ? "+" : "") + x.points(), TerminalText.line(x.result())));
            m.print(out, false);
            if (r.findings().isEmpty()) {
                out.println("No findings.");
            } else {
                out.println("Findings:");
                Table f = new Table("SEVERITY", "ID", "TITLE", "EVIDENCE");
                r.findings().forEach(x -> f.row(x.rating(), x.id(), x.title(), TerminalText.line(x.evidence())));
                f.print(out, false);
            }
            StoredScans.note(out, run);
            return exit;
        }
    }

    @Command(name = "host", description = {"Audit inventory hosts over SSH: " + "120+ read-only checks (accounts and sudo, SSH, firewall, "
            + "kernel, file permissions, world-writable and SUID files, listeners vs the host's role, pending security updates from the "
            + "host's own package cache, AppArmor/SELinux, logging, time sync, cron, mounts, core dumps) gathered in one script per "
            + "host; a 0-100 hardening index weighted by severity, and each failed check with its evidence and fix.",
            "With --json: one object (host, role, index, passed, failed, skipped, checks with id, status pass/fail/skip, severity, "
            + "title, evidence, fix, elapsedMs); for several hosts one object with a 'targets' array of those."},
            mixinStandardHelpOptions = true)
    static final class HostScan implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "HOST", arity = "1..*", description = "Inventory host name (lab hosts or hosts you added; see 'hosts list').")
        List<String> hosts;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Mixin
        FailOn failOn;

        HostScan(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            failOn.threshold(); // a bad value stops before any host is contacted
            org.clusterdeck.store.Store store = cli.services().store();
            org.clusterdeck.remote.RemoteAccess access = cli.services().remoteAccess();
            List<org.clusterdeck.scan.HostAudit.Target> targets = new ArrayList<>();
            for (String name : hosts) {
                org.clusterdeck.model.Host h = store.hosts().findByName(name).orElseThrow(() -> new CliException(
                        "No host named '" + TerminalText.line(name) + "' in the inventory. See 'hosts list'."));
                try {
                    org.clusterdeck.remote.RemoteAccess.refuseDemo(store, h); // before any host is contacted
                } catch (org.clusterdeck.remote.RemoteException e) {
                    throw new CliException(e.getMessage());
                }
                targets.add(new org.clusterdeck.scan.HostAudit.Target(h.name(), () -> access.open(h, null),
                        org.clusterdeck.harden.Role.fromInventory(h.role()), h.sshPort()));
            }
            List<org.clusterdeck.scan.HostAudit.Report> reports;
            java.time.Instant started = java.time.Instant.now();
            try {
                reports = org.clusterdeck.scan.HostAudit.runAll(targets, 10);
            } catch (RuntimeException e) {
                throw new CliException("The host audit failed: " + TerminalText.line(String.valueOf(e.getMessage())));
            }
            List<ScanRun> runs = reports.stream().map(r -> cli.services().scans().recordHost(r, started)).toList();
            if (json) {
                printJson(cli.out(), StoredScans.withScanIds(reports.stream().map(org.clusterdeck.scan.HostAuditText::json).toList(), runs));
            } else {
                for (int i = 0; i < reports.size(); i++) {
                    cli.out().print(org.clusterdeck.scan.HostAuditText.text(reports.get(i)));
                    StoredScans.note(cli.out(), runs.get(i));
                }
            }
            return failOn.exitCode(cli, StoredScans.findings(cli, runs));
        }
    }

    static List<Map<String, Object>> findings(List<Finding> findings) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Finding f : findings) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", f.id());
            m.put("severity", f.severity());
            m.put("severityLabel", f.label());
            m.put("title", f.title());
            m.put("evidence", f.evidence());
            m.put("why", f.why());
            m.put("fix", f.fix());
            out.add(m);
        }
        return out;
    }

    @Command(name = "ports", description = {"TCP connect scan: open ports with the banner a service sends first, "
            + "closed count, filtered ports (no answer after the retries).",
            "With --role: the open ports judged against what that role needs, seen from here (findings such as "
            + "PORT-UNEXPECTED-6379 or PORT-EXPOSED-3306, each with the hardening Firewall step as the fix).",
            "With --json: one object (openPorts, open with banners, closedCount, filteredPorts, elapsedMs; with --role also role "
            + "and findings); for several targets one object with elapsedMs and a 'targets' array of those."},
            mixinStandardHelpOptions = true)
    static final class Ports implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "TARGET", arity = "1..*",
                description = "Address or inventory host name: loopback, a lab host or a host you added.")
        List<String> targets;

        @Option(names = {"-p", "--ports"}, paramLabel = "PORTS", description = "Ports and ranges, e.g. 22,80,443 or 1-65535 (default: 1-65535).")
        String ports = "1-65535";

        @Option(names = "--rate", paramLabel = "N", description = "At most N connects per second per target (default: no limit).")
        double rate;

        @Option(names = "--timeout-ms", paramLabel = "N", description = "Connect timeout in ms before a port is retried (default "
                + PortScanner.Options.DEFAULT_TIMEOUT_MS + ").")
        int timeoutMs = PortScanner.Options.DEFAULT_TIMEOUT_MS;

        @Option(names = "--retries", paramLabel = "N", description = "Further tries for a port that did not answer (default "
                + PortScanner.Options.DEFAULT_RETRIES + ").")
        int retries = PortScanner.Options.DEFAULT_RETRIES;

        @Option(names = "--role", paramLabel = "ROLE", description = "Judge the open ports as a host of this role: web, lb, db, hypervisor or other.")
        String role;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Mixin
        FailOn failOn;

        Ports(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            PortScanner.Options options = options();
            failOn.threshold(); // a bad value stops before anything connects
            org.clusterdeck.harden.Role judgedAs = role == null ? null : role();
            TargetPolicy policy = policy(cli, targets);
            // a scan of this machine opens the store only afterwards: its H2 server (AUTO_SERVER, on
            // loopback) would otherwise be among the ports found open; other targets overlap the two
            java.util.concurrent.CompletableFuture<org.clusterdeck.scan.ScanService> store =
                    loopbackOnly(targets) ? null : StoredScans.openMeanwhile(cli);
            List<PortScanResult> results;
            java.time.Instant started = java.time.Instant.now();
            try {
                results = new PortScanner(policy).scan(targets, options);
            } catch (TargetRefusedException e) {
                throw new CliException(e.getMessage());
            } catch (IOException e) {
                throw new CliException("The port scan failed: " + e.getMessage());
            } finally {
                if (store != null) {
                    store.exceptionally(e -> null).join(); // the database is open (or failed) before the command closes it
                }
            }
            org.clusterdeck.scan.ScanService scans = store == null ? cli.services().scans() : StoredScans.opened(store);
            boolean complete = options.ports().size() == PortSet.all().size();
            List<ScanRun> runs = results.stream()
                    .map(r -> scans.recordPorts(r.target(), started, r, complete, judgedAs)).toList();
            if (json) {
                printJson(cli.out(), StoredScans.withScanIds(results.stream().map(r -> object(r, judgedAs)).toList(), runs));
            } else {
                for (int i = 0; i < results.size(); i++) {
                    printText(cli.out(), results.get(i), judgedAs);
                    StoredScans.note(cli.out(), runs.get(i));
                }
            }
            return failOn.exitCode(cli, StoredScans.findings(cli, runs));
        }

        private org.clusterdeck.harden.Role role() {
            try {
                return org.clusterdeck.harden.Role.parse(role);
            } catch (org.clusterdeck.harden.HardenException e) {
                throw usage("--role: " + e.getMessage());
            }
        }

        private PortScanner.Options options() {
            PortSet set;
            try {
                set = PortSet.parse(ports);
            } catch (IllegalArgumentException e) {
                throw usage("-p: " + e.getMessage() + ".");
            }
            if (!(rate >= 0) || Double.isInfinite(rate)) {
                throw usage("--rate must be a number of connects per second, 0 or more (0: no limit), not " + rate + ".");
            }
            if (timeoutMs < 1 || timeoutMs > 600_000) {
                throw usage("--timeout-ms must be 1 to 600000 (milliseconds), not " + timeoutMs + ".");
            }
            if (retries < 0 || retries > 10) {
                throw usage("--retries must be 0 to 10, not " + retries + ".");
            }
            return PortScanner.Options.of(set).withRate(rate).withTimeoutMs(timeoutMs).withRetries(retries);
        }

        private static void printText(PrintWriter out, PortScanResult r, org.clusterdeck.harden.Role judgedAs) {
            out.printf(Locale.ROOT, "%s (%s): %d open, %d closed, %d filtered, %.2f s%n", TerminalText.line(r.target()),
                    r.address(), r.open().size(), r.closedCount(), r.filtered().size(), r.elapsedMs() / 1000.0);
            if (!r.open().isEmpty()) {
                Table t = new Table("PORT", "BANNER");
                r.open().forEach(p -> t.row(p.port() + "/tcp", TerminalText.line(p.banner())));
                t.print(out, false);
            }
            if (!r.filtered().isEmpty()) {
                out.println("Filtered (no answer): " + ranges(r.filtered()));
            }
            if (judgedAs != null) {
                List<Finding> found = org.clusterdeck.scan.PortExpectations.findings(judgedAs, r);
                out.println(found.isEmpty() ? "No findings for the role " + judgedAs.id() + "." : "Findings for the role " + judgedAs.id() + ":");
                if (!found.isEmpty()) {
                    Table f = new Table("SEVERITY", "ID", "TITLE", "EVIDENCE");
                    found.forEach(x -> f.row(x.rating(), x.id(), x.title(), TerminalText.line(x.evidence())));
                    f.print(out, false);
                }
            }
        }


        private static Map<String, Object> object(PortScanResult r, org.clusterdeck.harden.Role judgedAs) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("target", r.target());
            o.put("address", r.address());
            o.put("openPorts", r.openPorts());
            List<Map<String, Object>> open = new ArrayList<>();
            for (PortScanResult.OpenPort p : r.open()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("port", p.port());
                m.put("banner", p.banner()); // JSON escapes control characters itself (\u001b)
                open.add(m);
            }
            o.put("open", open);
            o.put("closedCount", r.closedCount());
            o.put("filteredPorts", r.filtered());
            if (judgedAs != null) {
                o.put("role", judgedAs.id());
                o.put("findings", findings(org.clusterdeck.scan.PortExpectations.findings(judgedAs, r)));
            }
            o.put("elapsedMs", r.elapsedMs());
            return o;
        }

        /** "1-3,7" for [1,2,3,7]: a filtered host lists thousands of ports. */
        static String ranges(List<Integer> ports) {
            StringBuilder b = new StringBuilder();
            int i = 0;
            while (i < ports.size()) {
                int j = i;
                while (j + 1 < ports.size() && ports.get(j + 1) == ports.get(j) + 1) {
                    j++;
                }
                b.append(b.length() == 0 ? "" : ",").append(ports.get(i));
                if (j > i) {
                    b.append('-').append(ports.get(j));
                }
                i = j + 1;
            }
            return b.toString();
        }
    }
}
