package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.clusterdeck.harden.Check;
import org.clusterdeck.harden.HardenException;
import org.clusterdeck.harden.HardenOptions;
import org.clusterdeck.harden.HardenService;
import org.clusterdeck.harden.HardenStatus;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.HostPlan;
import org.clusterdeck.harden.HostResult;
import org.clusterdeck.harden.Role;
import org.clusterdeck.harden.StepPlan;
import org.clusterdeck.job.Job;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code clusterdeck harden plan|apply|status}: the hardening wizard on the command line. */
@Command(name = "harden", description = "Harden hosts: firewall from the topology, SSH daemon, kernel, AppArmor, logging, "
        + "updates — previewed, applied lock-out proof, verified, reversible ('changes rollback').",
        mixinStandardHelpOptions = true,
        subcommands = {HardenCommand.Plan.class, HardenCommand.Apply.class, HardenCommand.Status.class, HardenCommand.CheckSnippet.class})
final class HardenCommand {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** What plan and apply share: hosts, role, steps, step options. */
    static final class Choice {
        @Option(names = "--host", required = true, paramLabel = "H", description = "Host to harden (repeatable).")
        List<String> hosts = new ArrayList<>();

        @Option(names = "--role", paramLabel = "R", description = "Role for the firewall instead of the topology's: "
                + "web, lb, db, hypervisor or other.")
        String role;

        @Option(names = "--steps", paramLabel = "S", description = "Comma-separated steps: firewall,ssh,kernel,permissions,"
                + "apparmor,logging,updates (default: all). permissions: world-writable files in system paths lose o-w "
                + "(and unexpected set-user-ID bits with --option permissions.suid=remove).")
        String steps;

        @Option(names = "--option", paramLabel = "NAME=VALUE", description = "A step option, e.g. "
                + "firewall.sshRateLimit=10/minute or ssh.permitRootLogin=no (repeatable).")
        List<String> options = new ArrayList<>();

        @Option(names = "--guard-seconds", paramLabel = "T", description = "Seconds after which a host restores itself "
                + "when no new login succeeds after a firewall or sshd change (at least 10, default 60).")
        Integer guardSeconds;

        Set<HardenStep> stepSet() {
            try {
                return HardenStep.parseList(steps);
            } catch (HardenException e) {
                throw new CliException("--steps: " + e.getMessage(), Cli.USAGE);
            }
        }

        Role roleOrNull() {
            try {
                return role == null ? null : Role.parse(role);
            } catch (HardenException e) {
                throw new CliException("--role: " + e.getMessage(), Cli.USAGE);
            }
        }

        HardenOptions hardenOptions() {
            Map<String, String> values = new LinkedHashMap<>();
            for (String o : options) {
                int eq = o.indexOf('=');
                if (eq <= 0 || !o.substring(0, eq).matches("[a-z]+\\.[A-Za-z]+")) {
                    throw new CliException("--option '" + TerminalText.line(o) + "' is not NAME=VALUE with a step option "
                            + "name such as firewall.sshRateLimit=10/minute.", Cli.USAGE);
                }
                values.put(o.substring(0, eq), o.substring(eq + 1));
            }
            try {
                return new HardenOptions(guardSeconds == null ? null : Duration.ofSeconds(guardSeconds), values);
            } catch (RuntimeException e) {
                throw new CliException("--guard-seconds: " + e.getMessage(), Cli.USAGE);
            }
        }

        /** The hosts, checked before anything connects: unknown names and demo hosts refused here. */
        List<Host> hosts(Cli cli) {
            List<Host> out = new ArrayList<>();
            for (String n : hosts) {
                Host h = HostsCommand.requireHost(cli.store(), n);
                RemoteAccess.refuseDemo(cli.store(), h);
                out.add(h);
            }
            return out;
        }
    }

    /** Plans every host in parallel (jobs), printing each plan; a host that cannot be read is an error line. */
    static List<HostPlan> planAll(Cli cli, Choice c, boolean json) {
        Set<HardenStep> steps = c.stepSet();
        Role role = c.roleOrNull();
        HardenOptions options = c.hardenOptions();
        HardenService harden = cli.services().harden();
        List<Job<HostPlan>> jobs = c.hosts(cli).stream()
                .map(h -> cli.jobs().submit("Hardening plan", h.name(), ctx -> harden.plan(h.name(), steps, role, options, ctx)))
                .toList();
        List<HostPlan> plans = new ArrayList<>();
        for (Job<HostPlan> j : jobs) {
            try {
                plans.add(j.result().join());
            } catch (java.util.concurrent.CompletionException e) {
                throw new CliException(j.target() + ": " + org.clusterdeck.job.JobRunner.describe(e.getCause()));
            }
        }
        if (json) {
            cli.out().println(Json.write(plans.stream().map(HardenCommand::planJson).toList()));
        } else {
            plans.forEach(p -> printPlan(cli.out(), p));
        }
        return plans;
    }

    static void printPlan(PrintWriter out, HostPlan p) {
        out.println(p.host().hostName() + " (" + p.host().address() + ", " + p.host().role().label() + ")");
        for (StepPlan s : p.steps()) {
            if (s.skipped()) {
                out.println("  " + s.step().label() + ": skipped — " + s.skipReason());
                continue;
            }
            out.println("  " + s.title() + (s.guarded() ? "  [guarded: the host restores itself unless a new login succeeds]" : ""));
            s.settings().forEach(x -> out.println("    " + x));
            s.warnings().forEach(w -> out.println("    WARNING: " + w));
            s.notes().forEach(n -> out.println("    note: " + n));
            out.println("    commands:");
            s.preview().forEach(line -> line.lines().forEach(l -> out.println("      " + TerminalText.visible(l))));
        }
    }

    static Map<String, Object> planJson(HostPlan p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", p.host().hostName());
        m.put("address", p.host().address());
        m.put("role", p.host().role().id());
        List<Map<String, Object>> steps = new ArrayList<>();
        for (StepPlan s : p.steps()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("step", s.step().id());
            x.put("title", s.title());
            x.put("skipped", s.skipped());
            x.put("skipReason", s.skipReason());
            x.put("guarded", s.guarded());
            x.put("settings", s.settings());
            x.put("warnings", s.warnings());
            x.put("notes", s.notes());
            x.put("commands", s.preview());
            steps.add(x);
        }
        m.put("steps", steps);
        return m;
    }

    @Command(name = "plan", description = "Read hosts and show exactly what hardening would change (nothing is changed).",
            mixinStandardHelpOptions = true)
    static final class Plan implements Callable<Integer> {
        private final Cli cli;

        @Mixin
        Choice choice = new Choice();

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Plan(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            planAll(cli, choice, json);
            return Cli.OK;
        }
    }

    @Command(name = "apply", description = "Plan, then apply on every host in parallel: one change set per step, "
            + "firewall and sshd guarded (the host restores itself unless a new login succeeds), each step verified "
            + "and rolled back when its check fails.", mixinStandardHelpOptions = true)
    static final class Apply implements Callable<Integer> {
        private final Cli cli;

        @Mixin
        Choice choice = new Choice();

        @Option(names = "--yes", description = "Apply without asking (for scripts).")
        boolean yes;

        @Option(names = "--wait", description = "When another change to a host is running, wait for it instead of refusing.")
        boolean waitForHost;

        @Option(names = "--json", description = "Print the results as JSON.")
        boolean json;

        Apply(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            HardenOptions options = choice.hardenOptions();
            List<HostPlan> plans = planAll(cli, choice, json);
            if (plans.stream().allMatch(p -> p.toApply().isEmpty())) {
                cli.out().println("Nothing to apply: every step is skipped or already in place (reasons above).");
                return Cli.OK;
            }
            if (!yes && !confirmed(plans)) {
                throw new CliException("Nothing was changed. 'harden apply' changes hosts: run it in a terminal to confirm, "
                        + "or add --yes.");
            }
            HardenService harden = cli.services().harden();
            List<Job<HostResult>> jobs = plans.stream().map(p -> cli.jobs().submit("Hardening", p.host().hostName(),
                    ctx -> harden.apply(p, options, waitForHost, ctx))).toList();
            List<HostResult> results = new ArrayList<>();
            for (int i = 0; i < jobs.size(); i++) {
                try {
                    results.add(jobs.get(i).result().join());
                } catch (java.util.concurrent.CompletionException e) {
                    results.add(new HostResult(plans.get(i).host().hostName(), List.of(), List.of(),
                            org.clusterdeck.job.JobRunner.describe(e.getCause())));
                }
            }
            if (json) {
                cli.out().println(Json.write(results.stream().map(HardenCommand::resultJson).toList()));
            } else {
                results.forEach(r -> printResult(cli.out(), r));
            }
            return results.stream().allMatch(HostResult::ok) ? Cli.OK : Cli.FAILED;
        }

        private boolean confirmed(List<HostPlan> plans) {
            java.io.Console console = System.console();
            if (console == null) {
                return false;
            }
            long steps = plans.stream().mapToLong(p -> p.toApply().size()).sum();
            String answer = console.readLine("Apply %d step(s) to %d host(s)? [y/N] ", steps, plans.size());
            return answer != null && answer.strip().equalsIgnoreCase("y");
        }
    }

    static void printResult(PrintWriter out, HostResult r) {
        out.println(r.hostName() + ": " + (r.ok() ? "hardened and verified" : "NOT complete"));
        for (ChangeSet cs : r.changes()) {
            out.println("  change #" + cs.id() + " " + cs.title() + ": " + cs.state().replace('_', ' '));
        }
        for (Check c : r.checks()) {
            out.println("  " + (c.ok() ? "ok    " : "FAILED") + " " + c.step().label() + ": " + c.what() + " — " + TerminalText.visible(c.detail()));
        }
        if (r.failure() != null) {
            out.println("  " + TerminalText.visible(r.failure()));
        }
        List<String> ids = new ArrayList<>(r.changes().stream().filter(ChangeSet::undoable).map(cs -> Long.toString(cs.id())).toList());
        java.util.Collections.reverse(ids); // newest first, as a rollback must run
        if (!ids.isEmpty()) {
            out.println("  Undo: " + org.clusterdeck.text.Invocation.command("changes rollback " + String.join(" ", ids)));
        }
    }

    static Map<String, Object> resultJson(HostResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", r.hostName());
        m.put("ok", r.ok());
        m.put("failure", r.failure());
        m.put("changes", r.changes().stream().map(cs -> Map.of("id", cs.id(), "feature", cs.feature(), "state", cs.state())).toList());
        m.put("checks", r.checks().stream().map(c -> {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("step", c.step().id());
            x.put("what", c.what());
            x.put("ok", c.ok());
            x.put("detail", c.detail());
            return x;
        }).toList());
        return m;
    }

    @Command(name = "status", description = "What hardening a host holds, step by step, from its change history.",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", required = true, paramLabel = "H", description = "Host (repeatable).")
        List<String> hosts = new ArrayList<>();

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Status(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            HardenService harden = cli.services().harden();
            List<Map<String, Object>> out = new ArrayList<>();
            for (String n : hosts) {
                Host h = HostsCommand.requireHost(cli.store(), n);
                HardenStatus st = harden.status(h.name());
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("host", h.name());
                m.put("level", st.level().name().toLowerCase());
                List<Map<String, Object>> steps = new ArrayList<>();
                for (HardenStep s : HardenStep.values()) {
                    ChangeSet cs = st.latest().get(s);
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("step", s.id());
                    x.put("state", cs == null ? "never" : cs.state());
                    x.put("change", cs == null ? null : cs.id());
                    x.put("at", cs == null ? null : cs.createdAt().toString());
                    steps.add(x);
                }
                m.put("steps", steps);
                out.add(m);
            }
            if (json) {
                cli.out().println(Json.write(out));
                return Cli.OK;
            }
            Table t = new Table("HOST", "LEVEL", "STEP", "STATE", "CHANGE", "WHEN");
            for (Map<String, Object> m : out) {
                for (Object o : (List<?>) m.get("steps")) {
                    Map<?, ?> x = (Map<?, ?>) o;
                    t.row(m.get("host"), m.get("level"), x.get("step"), String.valueOf(x.get("state")).replace('_', ' '),
                            x.get("change") == null ? "" : "#" + x.get("change"),
                            x.get("at") == null ? "" : TIME.format(java.time.Instant.parse((String) x.get("at"))));
                }
            }
            t.print(cli.out(), false);
            return Cli.OK;
        }
    }

    @Command(name = "check", description = "Check pasted firewall rules or hardening commands (like the tutorial's) without a "
            + "host: each problem with its line, reason and fix, and the hardening steps that do the same job. "
            + "Exit 1 when there is an error.", mixinStandardHelpOptions = true)
    static final class CheckSnippet implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--file", required = true, paramLabel = "F", description = "The text to check ('-' reads standard input).")
        String file;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        CheckSnippet(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String text;
            try {
                text = file.equals("-") ? new String(System.in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                        : Cli.readText(java.nio.file.Path.of(file), "the text to check, or '-' for standard input");
            } catch (java.io.IOException e) {
                throw new CliException("Cannot read standard input: " + e.getMessage() + ".");
            }
            org.clusterdeck.harden.SnippetReport r;
            try {
                r = org.clusterdeck.harden.SnippetCheck.check(text);
            } catch (HardenException e) {
                throw new CliException(e.getMessage());
            }
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("errors", r.errors());
                m.put("warnings", r.warnings());
                m.put("problems", r.problems().stream().map(p -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("severity", p.isError() ? "error" : "warning");
                    x.put("line", p.line());
                    x.put("column", p.column());
                    x.put("fragment", p.fragment());
                    x.put("reason", p.reason());
                    x.put("fix", p.fix());
                    return x;
                }).toList());
                m.put("steps", r.stepsArgument());
                m.put("options", new java.util.TreeMap<>(r.suggestedOptions()));
                m.put("plan", r.plan());
                m.put("unchecked", r.unchecked());
                cli.out().println(Json.write(m));
            } else {
                cli.out().print(r.render());
            }
            return r.errors() > 0 ? Cli.FAILED : Cli.OK;
        }
    }
}
