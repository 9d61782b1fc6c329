package org.clusterdeck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lb.LbCertificates;
import org.clusterdeck.lb.LbConfig;
import org.clusterdeck.lb.LbDeploy;
import org.clusterdeck.lb.LbException;
import org.clusterdeck.lb.LbFinding;
import org.clusterdeck.lb.LbTopology;
import org.clusterdeck.lb.NginxGenerator;
import org.clusterdeck.lb.NginxImport;
import org.clusterdeck.lb.Tls;
import org.clusterdeck.lb.TlsProfile;
import org.clusterdeck.lb.UpstreamServer;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.text.Invocation;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck lb list|show|plan|check|deploy|rollback}: the nginx load balancer from the topology. */
@Command(name = "lb", description = "nginx load balancers from the topology: show, plan (file and diff), check an existing file, deploy "
        + "(previewed, one change set, restored by itself on failure), roll back.", mixinStandardHelpOptions = true,
        subcommands = {LbCommand.ListLbs.class, LbCommand.Show.class, LbCommand.PlanLb.class, LbCommand.Check.class,
                LbCommand.Deploy.class, LbCommand.Rollback.class})
final class LbCommand {

    static LoadBalancer requireLb(Cli cli, String name) {
        return cli.store().loadBalancers().findByName(name).orElseThrow(() -> new CliException("No load balancer named '"
                + TerminalText.line(name) + "'. '" + Invocation.command("lb list") + "' shows the names."));
    }

    static Site site(Cli cli, LoadBalancer lb) {
        return cli.store().sites().findById(lb.siteId()).orElseThrow(() -> new CliException("Load balancer " + lb.name() + " has no site."));
    }

    /** The host the balancer runs on, refused for the demo lab before anything connects. */
    static Host deployHost(Cli cli, LoadBalancer lb, String hostOption) {
        Site site = site(cli, lb);
        if (site.kind() == SiteKind.DEMO) {
            throw new CliException(lb.name() + " is a demo load balancer: its hosts are labels only, so ClusterDeck never connects to"
                    + " them. Run " + Invocation.asRoot("lab up --cluster") + " for practice hosts with a load balancer you can deploy.");
        }
        if (hostOption != null) {
            Host h = HostsCommand.requireHost(cli.store(), hostOption);
            RemoteAccess.refuseDemo(cli.store(), h);
            return h;
        }
        List<Host> inSite = cli.store().hosts().findBySite(site.id());
        List<String> names = lb.serverName() == null ? List.of() : List.of(lb.serverName().split("\\s+"));
        List<Host> match = inSite.stream().filter(h -> names.contains(h.address()) || names.contains(h.name())).toList();
        if (match.isEmpty() && lb.vmId() != null) {
            String vm = cli.store().vms().findById(lb.vmId()).map(v -> v.name()).orElse("");
            match = inSite.stream().filter(h -> h.name().equals(vm)).toList();
        }
        if (match.isEmpty()) {
            match = inSite.stream().filter(h -> "lb".equals(h.role())).toList();
        }
        if (match.size() != 1) {
            throw new CliException("Cannot tell which host runs " + lb.name() + ": name it with --host H.", Cli.USAGE);
        }
        return match.get(0);
    }

    /** TLS choices shared by plan and deploy. */
    static final class TlsChoice {
        @Option(names = "--tls", paramLabel = "MODE", description = "none (default), lab (a self-signed certificate made on the host), "
                + "or files (with --certificate and --key).")
        String mode = "none";

        @Option(names = "--certificate", paramLabel = "F", description = "Certificate (full chain) on the host, e.g. /etc/letsencrypt/live/NAME/fullchain.pem.")
        String certificate;

        @Option(names = "--key", paramLabel = "F", description = "Private key on the host.")
        String key;

        @Option(names = "--profile", paramLabel = "P", description = "Mozilla TLS profile: intermediate (default) or modern.")
        String profile = "intermediate";

        @Option(names = "--resolver", paramLabel = "IP", description = "DNS server nginx uses to reach the OCSP responder (repeatable).")
        List<String> resolvers = new ArrayList<>();

        LbDeploy.CertSource source() {
            String m = certificate != null || key != null ? "files" : mode;
            return switch (m) {
                case "none" -> LbDeploy.CertSource.NONE;
                case "lab" -> LbDeploy.CertSource.LAB;
                case "files" -> LbDeploy.CertSource.FILES;
                default -> throw new CliException("--tls " + TerminalText.line(mode) + ": use none, lab or files.", Cli.USAGE);
            };
        }

        LbConfig apply(LbConfig c) {
            TlsProfile p;
            try {
                p = TlsProfile.parse(profile);
            } catch (LbException e) {
                throw new CliException("--profile: " + e.getMessage(), Cli.USAGE);
            }
            return switch (source()) {
                case NONE -> c;
                case LAB -> c.withTls(Tls.intermediate(LbCertificates.LAB_CERT, LbCertificates.LAB_KEY).withProfile(p));
                case FILES -> {
                    if (certificate == null || key == null) {
                        throw new CliException("--tls files needs --certificate and --key (paths on the host).", Cli.USAGE);
                    }
                    yield c.withTls(Tls.intermediate(certificate, key).withProfile(p));
                }
            };
        }
    }

    @Command(name = "list", description = "List the load balancers.", mixinStandardHelpOptions = true)
    static final class ListLbs implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        ListLbs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Table t = new Table("NAME", "SITE", "METHOD", "PORT", "BACKENDS");
            for (LoadBalancer lb : cli.store().loadBalancers().findAll()) {
                t.row(lb.name(), site(cli, lb).name(), lb.algorithm(), lb.listenPort(), String.join(", ", lb.backends().stream()
                        .map(b -> b.address() + ":" + b.port() + " weight " + b.weight()).toList()));
            }
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "The model of a load balancer: method, backends with their weights and flags, and how to get a certificate.",
            mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "LB", description = "Load balancer name (see 'lb list').")
        String name;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            LoadBalancer lb = requireLb(cli, name);
            Site site = site(cli, lb);
            LbConfig c = LbTopology.config(lb);
            cli.out().println(lb.name() + " (site " + site.name() + (site.kind() == SiteKind.DEMO ? ", demo: never deployed" : "") + ")");
            cli.out().println("  method:      " + c.upstream().balance().id() + ", keepalive " + c.upstream().keepalive() + " idle connections per worker");
            cli.out().println("  listen:      port " + c.listenPort() + ", server_name " + String.join(" ", c.serverNames()));
            Table t = new Table("BACKEND", "WEIGHT", "MAX_FAILS", "FAIL_TIMEOUT", "BACKUP");
            for (UpstreamServer s : c.upstream().servers()) {
                t.row(s.address(), s.weight(), s.maxFails(), s.failTimeoutSeconds() + " s", s.backup() ? "yes" : "no");
            }
            t.print(cli.out(), false);
            List<String> problems = org.clusterdeck.lb.LbValidation.problems(c);
            problems.forEach(p -> cli.out().println("PROBLEM: " + TerminalText.line(p)));
            if (site.kind() != SiteKind.LAB && site.kind() != SiteKind.DEMO && problems.isEmpty()) {
                cli.out().println("Certificate for a real host (run these yourself; ClusterDeck does not):");
                try {
                    LbCertificates.certbot(c.serverNames()).forEach(l -> cli.out().println("  " + l));
                } catch (LbException e) {
                    cli.out().println("  " + e.getMessage());
                }
            }
            return problems.isEmpty() ? Cli.OK : Cli.FAILED;
        }
    }

    @Command(name = "plan", description = "The nginx.conf generated from the topology and the exact diff against the host's "
            + "current file (read over SSH; nothing is changed). For a demo load balancer the generated file alone, nothing contacted.",
            mixinStandardHelpOptions = true)
    static final class PlanLb implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "LB", description = "Load balancer name.")
        String name;

        @Option(names = "--host", paramLabel = "H", description = "Host running nginx (default: the load balancer's host).")
        String host;

        @Mixin
        TlsChoice tls = new TlsChoice();

        PlanLb(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            LoadBalancer lb = requireLb(cli, name);
            LbConfig model = tls.apply(LbTopology.config(lb));
            if (site(cli, lb).kind() == SiteKind.DEMO) {
                try {
                    cli.out().print(NginxGenerator.generate(model));
                } catch (LbException e) {
                    throw new CliException(e.getMessage());
                }
                cli.err().println("note: " + lb.name() + " is a demo load balancer: the generated file only, no host contacted"
                        + (model.tls() == null ? "." : "; OCSP stapling is left off (a deploy reads the certificate on the host"
                        + " and staples only when it names an OCSP responder)."));
                return Cli.OK;
            }
            Host h = deployHost(cli, lb, host);
            LbDeploy.Plan plan = planOn(cli, h, model, tls.source(), tls.resolvers);
            cli.out().print(plan.text());
            plan.notes().forEach(n -> cli.err().println("note: " + TerminalText.line(n)));
            cli.out().println();
            cli.out().println(plan.diff().isEmpty() ? "No difference: " + LbDeploy.LIVE + " on " + h.name() + " is already this file."
                    : "Diff against " + LbDeploy.LIVE + " on " + h.name() + ":");
            plan.diff().lines().forEach(l -> cli.out().println("  " + TerminalText.line(l)));
            return Cli.OK;
        }
    }

    /** Reads the host and plans a deploy there (a job; nothing is changed). */
    static LbDeploy.Plan planOn(Cli cli, Host h, LbConfig model, LbDeploy.CertSource source, List<String> resolvers) {
        RemoteAccess access = cli.services().remoteAccess();
        return join(cli.jobs().submit("Load balancer plan", h.name(), ctx -> {
            try (RemoteShell sh = access.open(h, ctx)) {
                return LbDeploy.plan(sh, model, source, resolvers);
            }
        }).result());
    }

    /** Applies a plan as one change set (a job). */
    static ChangeSet applyOn(Cli cli, Host h, LbDeploy.Plan plan, boolean waitForHost) {
        RemoteAccess access = cli.services().remoteAccess();
        ChangeEngine engine = cli.services().changes();
        return join(cli.jobs().submit("Load balancer deploy", h.name(), ctx -> {
            try (RemoteShell sh = access.open(h, ctx)) {
                return LbDeploy.apply(engine, sh, plan, waitForHost, ctx);
            }
        }).result());
    }

    @Command(name = "check", description = "Check an nginx configuration without a host: read it into the model and flag what it "
            + "gets wrong, each with reason and fix (exit 1 when there is a problem, 0 otherwise). Nothing is contacted.",
            mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--file", paramLabel = "F", required = true, description = "An nginx.conf or a fragment of upstream and server blocks.")
        Path file;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Check(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String text = Cli.readText(file, "an nginx configuration");
            NginxImport.Result r = NginxImport.read(text);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("problems", r.hasProblems());
                m.put("model", r.config() == null ? null : NginxGenerator.generate(r.config()));
                m.put("findings", r.findings().stream().map(f -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("severity", f.severity().name());
                    x.put("line", f.line());
                    x.put("directive", f.directive());
                    x.put("reason", f.reason());
                    x.put("fix", f.fix());
                    return x;
                }).toList());
                cli.out().println(Json.write(m));
            } else {
                if (r.config() != null) {
                    LbConfig c = r.config();
                    cli.out().println("Model: upstream " + c.upstream().name() + " (" + c.upstream().balance().id() + ", keepalive "
                            + c.upstream().keepalive() + "): " + String.join(", ", c.upstream().servers().stream()
                            .map(s -> TerminalText.line(s.address()) + " weight " + s.weight()).toList())
                            + (c.tls() == null ? "; no TLS" : "; TLS on port " + c.tls().httpsPort()));
                } else {
                    cli.out().println("Model: none (no upstream block to balance over).");
                }
                for (LbFinding f : r.findings()) {
                    cli.out().println(f.severity() + (f.line() > 0 ? " line " + f.line() : "") + " " + TerminalText.line(f.directive())
                            + ": " + TerminalText.line(f.reason()));
                    cli.out().println("    fix: " + TerminalText.line(f.fix()));
                }
                long problems = r.findings().stream().filter(LbFinding::problem).count();
                cli.out().println(problems == 0 ? "No problems." : problems + " problem(s).");
            }
            return r.hasProblems() ? Cli.FAILED : Cli.OK;
        }
    }

    @Command(name = "deploy", description = "Generate, show the exact diff against the host's nginx.conf and the commands, then "
            + "(confirmed or --yes) apply as one change set: candidate, nginx -t on the host, atomic swap, reload, health check "
            + "through the load balancer; restored and reloaded by itself when a step fails.", mixinStandardHelpOptions = true)
    static final class Deploy implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "LB", description = "Load balancer name.")
        String name;

        @Option(names = "--host", paramLabel = "H", description = "Host running nginx (default: the load balancer's host).")
        String host;

        @Mixin
        TlsChoice tls = new TlsChoice();

        @Option(names = "--yes", description = "Apply without asking (for scripts).")
        boolean yes;

        @Option(names = "--wait", description = "When another change to the host is running, wait for it instead of refusing.")
        boolean waitForHost;

        Deploy(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            LoadBalancer lb = requireLb(cli, name);
            Host h = deployHost(cli, lb, host);
            LbConfig model = tls.apply(LbTopology.config(lb));
            LbDeploy.CertSource source = tls.source();
            LbDeploy.Plan plan = planOn(cli, h, model, source, tls.resolvers);
            cli.out().println("Deploy " + lb.name() + " to " + h.name() + " (" + h.address() + "):");
            plan.notes().forEach(n -> cli.out().println("  note: " + TerminalText.line(n)));
            if (plan.diff().isEmpty() && plan.steps().stream().noneMatch(s -> s.target().startsWith("lab certificate"))) {
                cli.out().println("Nothing to change: " + LbDeploy.LIVE + " on " + h.name() + " is already this configuration.");
                return Cli.OK;
            }
            cli.out().println("Diff against " + LbDeploy.LIVE + " on " + h.name() + ":");
            plan.diff().lines().forEach(l -> cli.out().println("  " + TerminalText.line(l)));
            cli.out().println("Commands, in order (any failure restores the earlier steps and reloads nginx):");
            plan.commands().forEach(c -> {
                String first = c.lines().findFirst().orElse("");
                cli.out().println("  " + TerminalText.line(first) + (c.contains("\n") ? "  <<'EOF' (the file above)" : ""));
            });
            if (!yes && !confirmed()) {
                throw new CliException("Nothing was changed. 'lb deploy' changes the host: run it in a terminal to confirm, or add --yes.");
            }
            ChangeSet cs = applyOn(cli, h, plan, waitForHost);
            cli.out().println("change #" + cs.id() + " " + cs.title() + ": " + cs.state().replace('_', ' ') + ". " + TerminalText.line(cs.message()));
            cli.out().println("Undo: " + Invocation.command("lb rollback " + lb.name() + (host == null ? "" : " --host " + h.name())));
            return Cli.OK;
        }

        private static boolean confirmed() {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            String answer = console.readLine("Deploy this configuration? [y/N] ");
            return answer != null && answer.strip().equalsIgnoreCase("y");
        }
    }

    @Command(name = "rollback", description = "Roll back the newest load-balancer deploy on the host (its before-values restored, nginx reloaded).",
            mixinStandardHelpOptions = true)
    static final class Rollback implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "LB", description = "Load balancer name.")
        String name;

        @Option(names = "--host", paramLabel = "H", description = "Host running nginx (default: the load balancer's host).")
        String host;

        @Option(names = "--force", description = "Roll back even when a later change touched the same files.")
        boolean force;

        @Option(names = "--wait", description = "When another change to the host is running, wait for it instead of refusing.")
        boolean waitForHost;

        Rollback(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            LoadBalancer lb = requireLb(cli, name);
            Host h = deployHost(cli, lb, host);
            ChangeSet last = cli.store().changes().list(h.name(), 200).stream()
                    .filter(c -> c.feature().equals(LbDeploy.FEATURE) && c.undoable()).findFirst()
                    .orElseThrow(() -> new CliException("No load-balancer deploy on " + h.name() + " to roll back. '"
                            + Invocation.command("changes list --host " + h.name()) + "' shows its history."));
            RemoteAccess access = cli.services().remoteAccess();
            ChangeEngine engine = cli.services().changes();
            ChangeSet back = join(cli.jobs().submit("Roll back change #" + last.id(), h.name(),
                    ctx -> engine.rollback(last.id(), access::open, force, waitForHost, ctx)).result());
            cli.out().println("change #" + back.id() + " " + back.title() + ": " + back.state().replace('_', ' ') + ". "
                    + TerminalText.line(back.message()));
            return Cli.OK;
        }
    }

    private static <T> T join(java.util.concurrent.CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw new CliException(JobRunner.describe(e.getCause() != null ? e.getCause() : e));
        }
    }
}
