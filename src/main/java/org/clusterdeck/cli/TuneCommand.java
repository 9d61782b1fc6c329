package org.clusterdeck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.clusterdeck.inventory.HostValidator;
import org.clusterdeck.job.Job;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.TuningChangeSet;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.tuning.PlanIssue;
import org.clusterdeck.tuning.SettingInput;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.SysctlFragmentParser;
import org.clusterdeck.tuning.TuningJobs;
import org.clusterdeck.tuning.TuningPlan;
import org.clusterdeck.tuning.TuningProfile;
import org.clusterdeck.tuning.TuningProfiles;
import org.clusterdeck.tuning.TuningResult;
import org.clusterdeck.tuning.TuningService;
import org.clusterdeck.tuning.ValidationReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterdeck tune profiles|plan|apply|rollback|show}: the kernel tuning wizard on the command line. */
@Command(name = "tune", description = "Kernel (sysctl) tuning: validate, preview, apply, verify and roll back.",
        mixinStandardHelpOptions = true,
        subcommands = {TuneCommand.Profiles.class, TuneCommand.Plan.class, TuneCommand.Apply.class,
                TuneCommand.Rollback.class, TuneCommand.Show.class})
final class TuneCommand {

    /** Where the settings come from: a profile or a sysctl.conf file. */
    static final class Source {
        @Option(names = "--profile", paramLabel = "P", description = "A profile id (see 'tune profiles').")
        String profile;

        @Option(names = "--file", paramLabel = "F", description = "A sysctl.conf fragment to validate and apply.")
        Path file;
    }

    /** What the user asked for, parsed: the settings, the file's own problems, and a label. */
    record Request(List<SettingInput> settings, List<PlanIssue> parseIssues, String label) {
    }

    static Request request(Source source, SysctlCatalog catalog) {
        if (source.profile != null) {
            TuningProfile p;
            try {
                p = TuningProfiles.load(catalog).require(source.profile);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), Cli.USAGE);
            }
            return new Request(p.settings().stream().map(SettingInput::fromProfile).toList(), List.of(), "profile " + p.id());
        }
        String text = Cli.readText(source.file, "a sysctl.conf fragment");
        SysctlFragmentParser.Result parsed = SysctlFragmentParser.parse(text);
        return new Request(parsed.settings(), parsed.issues(), "file " + source.file.getFileName());
    }

    /** Tuning over SSH for the hosts of this command line (the services close the connections). */
    static final class Session implements AutoCloseable {
        final SysctlCatalog catalog;
        final RemoteAccess access;
        final TuningJobs jobs;

        Session(Cli cli) {
            this(cli, false);
        }

        /** @param wait wait for another change to the same host instead of refusing (--wait) */
        Session(Cli cli, boolean wait) {
            catalog = cli.services().sysctlCatalog();
            access = cli.services().remoteAccess();
            jobs = cli.services().tuning().waitingWhenBusy(wait);
        }

        /** The hosts, checked before anything connects: unknown names and demo hosts are refused here. */
        List<Host> hosts(Cli cli, List<String> names) {
            List<Host> out = new ArrayList<>();
            for (String n : names) {
                Host h = HostsCommand.requireHost(cli.store(), n);
                jobs.checkConnectable(h);
                out.add(h);
            }
            return out;
        }

        @Override
        public void close() {
            // the connections belong to the command line's services, closed when the command ends
        }
    }

    static <T> T await(Job<T> job) {
        return job.result().join();
    }

    @Command(name = "profiles", description = "List the tuning profiles.", mixinStandardHelpOptions = true)
    static final class Profiles implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Option(names = "--keys", description = "Also list each profile's keys and values.")
        boolean keys;

        Profiles(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<TuningProfile> all = TuningProfiles.load(SysctlCatalog.load()).all();
            if (keys || json) {
                Table t = new Table("PROFILE", "KEY", "VALUE", "WHY");
                all.forEach(p -> p.settings().forEach(s -> t.row(p.id(), s.key(), s.value(), s.why())));
                t.print(cli.out(), json);
                return Cli.OK;
            }
            Table t = new Table("ID", "NAME", "KEYS", "DESCRIPTION");
            all.forEach(p -> t.row(p.id(), p.name(), p.settings().size(), p.description()));
            t.print(cli.out(), false);
            return Cli.OK;
        }
    }

    @Command(name = "plan", description = "Validate settings and preview the change on hosts. Without --host, "
            + "validate against the catalog alone (exit 1 when a line is wrong).", mixinStandardHelpOptions = true)
    static final class Plan implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", paramLabel = "H", description = "Host to preview on (repeatable).")
        List<String> hosts = new ArrayList<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        Plan(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            SysctlCatalog catalog = SysctlCatalog.load();
            Request req = request(source, catalog);
            if (hosts.isEmpty()) {
                ValidationReport report = new org.clusterdeck.tuning.PlanValidator(catalog).validate(req.settings());
                return TuneOutput.printValidation(cli.out(), source.file != null ? source.file.toString() : req.label(),
                        req.parseIssues(), report);
            }
            try (Session s = new Session(cli)) {
                List<Host> targets = s.hosts(cli, hosts);
                List<Job<TuningPlan>> jobs = targets.stream().map(h -> s.jobs.submitPlan(cli.jobs(), h, req.settings(), req.label())).toList();
                boolean errors = !req.parseIssues().isEmpty() && req.parseIssues().stream().anyMatch(PlanIssue::isError);
                TuneOutput.printIssues(cli.out(), "", req.parseIssues());
                for (Job<TuningPlan> job : jobs) {
                    TuningPlan plan = await(job);
                    TuneOutput.printPlan(cli.out(), plan);
                    errors |= plan.report().hasErrors();
                }
                return errors ? Cli.FAILED : Cli.OK;
            }
        }
    }

    @Command(name = "apply", description = "Apply settings to hosts (in parallel), verify them and persist them in "
            + "/etc/sysctl.d/99-clusterdeck.conf; roll back on any failure.", mixinStandardHelpOptions = true)
    static final class Apply implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", required = true, paramLabel = "H", description = "Host to tune (repeatable).")
        List<String> hosts = new ArrayList<>();

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--dry-run", description = "Change nothing; print the commands that would run.")
        boolean dryRun;

        @Option(names = "--wait", description = "When another change to the host is running, wait for it instead of refusing.")
        boolean waitForHost;

        @Option(names = "--json", description = "Print the results as JSON.")
        boolean json;

        Apply(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (Session s = new Session(cli, waitForHost)) {
                Request req = request(source, s.catalog);
                if (req.parseIssues().stream().anyMatch(PlanIssue::isError)) {
                    TuneOutput.printIssues(cli.out(), source.file.toString(), req.parseIssues());
                    throw new CliException("The file has errors; nothing was applied. Fix the lines above first.");
                }
                List<Host> targets = s.hosts(cli, hosts);
                List<Job<TuningResult>> jobs = targets.stream()
                        .map(h -> s.jobs.submitApply(cli.jobs(), h, req.settings(), req.label(), dryRun)).toList();
                List<TuningResult> results = jobs.stream().map(j -> TuningJobs.outcome(j).join()).toList();
                TuneOutput.printResults(cli.out(), results, json);
                return results.stream().allMatch(TuningResult::ok) ? Cli.OK : Cli.FAILED;
            }
        }
    }

    @Command(name = "rollback", description = "Restore the values and file from before the last apply on hosts.",
            mixinStandardHelpOptions = true)
    static final class Rollback implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", required = true, paramLabel = "H", description = "Host to roll back (repeatable).")
        List<String> hosts = new ArrayList<>();

        @Option(names = "--wait", description = "When another change to the host is running, wait for it instead of refusing.")
        boolean waitForHost;

        @Option(names = "--json", description = "Print the results as JSON.")
        boolean json;

        Rollback(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            try (Session s = new Session(cli, waitForHost)) {
                List<Job<TuningResult>> jobs = s.hosts(cli, hosts).stream().map(h -> s.jobs.submitRollback(cli.jobs(), h)).toList();
                List<TuningResult> results = jobs.stream().map(j -> TuningJobs.outcome(j).join()).toList();
                TuneOutput.printResults(cli.out(), results, json);
                return results.stream().allMatch(TuningResult::ok) ? Cli.OK : Cli.FAILED;
            }
        }
    }

    @Command(name = "show", description = "Show a host's current values of the catalog keys, its ClusterDeck file and its tuning history.",
            mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", required = true, paramLabel = "H", description = "The host.")
        String host;

        @Option(names = "--history-only", description = "Only the history stored here; do not connect to the host.")
        boolean historyOnly;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Host h = HostsCommand.requireHost(cli.store(), host);
            try (Session s = new Session(cli)) {
                List<TuningChangeSet> history = s.jobs.service().history(h.name());
                org.clusterdeck.tuning.HostReading reading = null;
                if (!historyOnly) {
                    s.jobs.checkConnectable(h);
                    TuningService svc = s.jobs.service();
                    reading = await(cli.jobs().submit("Read kernel settings", h.name(), ctx -> {
                        try (var shell = s.access.open(h, ctx)) {
                            return svc.read(shell);
                        }
                    }));
                }
                TuneOutput.printShow(cli.out(), HostValidator.printable(h.name()), history, reading, s.catalog, json);
                return Cli.OK;
            }
        }
    }
}
