package org.clusterdeck.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.clusterdeck.change.RemoteFiles;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.SysctlChange;
import org.clusterdeck.model.TuningChangeSet;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.AuditRepository;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.TuningRepository;

/**
 * Reads, plans, applies, verifies and rolls back kernel settings on one host through a
 * {@link RemoteShell}. Before-values are stored before the host is touched, so a failure, a cut
 * connection or a later "rollback" can always restore them. Blocking: run it inside a job.
 */
public final class TuningService {
    public static final String AUDIT_KIND = "host";

    private final SysctlCatalog catalog;
    private final PlanValidator validator;
    private final TuningRepository repository;
    private final AuditRepository audit;
    private final String actor;

    public TuningService(Store store, SysctlCatalog catalog, String actor) {
        this.catalog = catalog;
        this.validator = new PlanValidator(catalog);
        this.repository = new TuningRepository(store.sql());
        this.audit = store.audit();
        this.actor = actor;
    }

    public SysctlCatalog catalog() {
        return catalog;
    }

    public PlanValidator validator() {
        return validator;
    }

    /** Every sysctl value of the host and ClusterDeck's persistent file. */
    public HostReading read(RemoteShell shell) {
        CommandResult all = shell.run(SysctlCommands.readAll());
        if (all.stdout().isBlank()) {
            throw new RemoteException("Cannot read the kernel settings of " + shell.hostName() + ": 'sysctl -a' said: "
                    + firstLine(all.stderr()) + ". Install procps on the host.");
        }
        return new HostReading(shell.hostName(), HostSysctls.parse(all.stdout(), all.stderr()), readFile(shell));
    }

    /**
     * Reads only what a plan of these settings needs: their values (and the keys other values
     * refer to); the host's full key list only when a key is missing, to suggest the real one.
     */
    public HostReading read(RemoteShell shell, List<SettingInput> settings) {
        java.util.Set<String> keys = new java.util.TreeSet<>();
        for (SettingInput in : settings) {
            String key = in.key().strip();
            if (key.matches("[A-Za-z0-9_][A-Za-z0-9_.*:-]*")) {
                keys.add(key);
                catalog.find(key).map(SysctlSpec::allowedFromKey).ifPresent(keys::add);
            }
        }
        if (keys.isEmpty()) {
            return new HostReading(shell.hostName(), new HostSysctls(Map.of()), readFile(shell));
        }
        CommandResult r = shell.run(SysctlCommands.read(keys));
        HostSysctls values = HostSysctls.parse(r.stdout(), r.stderr());
        java.util.Set<String> missing = HostSysctls.missingKeys(r.stderr());
        if (values.keys().isEmpty() && missing.isEmpty()) {
            throw new RemoteException("Cannot read the kernel settings of " + shell.hostName() + ": 'sysctl' said: "
                    + firstLine(r.stderr()) + ". Install procps on the host.");
        }
        if (!missing.isEmpty()) {
            CommandResult names = shell.run(SysctlCommands.listNames());
            java.util.Set<String> other = new java.util.TreeSet<>(java.util.Arrays.asList(names.stdout().split("\\s+")));
            other.remove("");
            other.removeAll(missing);
            values = new HostSysctls(values.values(), other);
        }
        return new HostReading(shell.hostName(), values, readFile(shell));
    }

    private static String readFile(RemoteShell shell) {
        CommandResult cat = shell.run(SysctlCommands.readFile());
        if (SysctlCommands.missingFile(cat)) {
            return null;
        }
        if (!cat.ok()) {
            throw new RemoteException("Cannot read " + SysctlCommands.FILE + " on " + shell.hostName() + ": "
                    + firstLine(cat.stderr()) + ". The SSH user needs 'sudo -n' (passwordless sudo) for tuning.");
        }
        return cat.stdout();
    }

    /**
     * Validates the requested settings against the catalog and the host and builds the preview.
     * With {@code sharedKernel} (a lab host) only per-namespace keys are planned.
     */
    public TuningPlan plan(HostReading reading, List<SettingInput> inputs, String source, boolean sharedKernel) {
        ValidationReport report = validator.validate(inputs, reading.sysctls(), sharedKernel);
        List<PlanIssue> issues = new ArrayList<>(report.issues());
        List<PlanRow> rows = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        Map<String, String> changed = new LinkedHashMap<>();
        for (ValidSetting s : report.accepted()) {
            Optional<String> current = reading.sysctls().value(s.key());
            if (current.isEmpty()) {
                issues.add(new PlanIssue(Severity.ERROR, s.line(), 0, s.key(), s.value(), "the current value of " + s.key()
                        + " cannot be read without root, so it could not be rolled back", "give the SSH user root or sudo"));
                continue;
            }
            Risk risk = s.spec() == null ? Risk.MEDIUM : s.spec().risk();
            String why = s.why() != null ? s.why() : s.spec() != null ? s.spec().description() : "From line " + s.line() + ".";
            PlanRow row = new PlanRow(s.key(), current.get(), s.value(), why, risk);
            rows.add(row);
            settings.put(s.key(), s.value());
            if (row.changes()) {
                changed.put(s.key(), s.value());
            }
        }
        String fileAfter = SysctlCommands.fileContent(reading.fileContent(), settings, source);
        List<RemoteCommand> commands = new ArrayList<>();
        if (!changed.isEmpty()) {
            commands.add(SysctlCommands.write(changed));
            commands.add(SysctlCommands.read(changed.keySet()));
        }
        if (!settings.isEmpty() && !fileAfter.equals(reading.fileContent())) {
            commands.add(RemoteFiles.writeCommand(SysctlCommands.FILE, fileAfter));
        }
        String after = settings.isEmpty() ? reading.fileContent() : fileAfter;
        return new TuningPlan(reading.hostName(), source, rows, SysctlCommands.FILE, reading.fileContent(), after,
                commands, new ValidationReport(report.accepted(), issues));
    }

    /** Applies the plan (or, with {@code dryRun}, only reports what it would run). */
    public TuningResult apply(RemoteShell shell, TuningPlan plan, boolean dryRun, JobContext ctx) {
        return apply(shell, plan, dryRun, ctx, null);
    }

    /** As {@link #apply(RemoteShell, TuningPlan, boolean, JobContext)}; {@code recorded} learns the change set's id once stored. */
    public TuningResult apply(RemoteShell shell, TuningPlan plan, boolean dryRun, JobContext ctx, java.util.function.LongConsumer recorded) {
        String host = plan.hostName();
        if (plan.report().hasErrors()) {
            return new TuningResult(host, TuningResult.Outcome.REFUSED, List.of(), plan.commandLines(),
                    plan.report().errors().size() + " error(s) in the plan, nothing was changed: " + String.join("; ",
                            plan.report().errors().stream().map(PlanIssue::describe).toList()), null);
        }
        List<KeyOutcome> planned = plan.rows().stream().map(r -> new KeyOutcome(r.key(), r.current(), r.proposed(), null,
                r.changes() ? KeyOutcome.PLANNED : KeyOutcome.UNCHANGED, null)).toList();
        if (dryRun) {
            return new TuningResult(host, TuningResult.Outcome.DRY_RUN, planned, plan.commandLines(),
                    "Dry run: nothing was changed on " + host + ".", null);
        }
        if (!plan.hasWork()) {
            return new TuningResult(host, TuningResult.Outcome.NOTHING_TO_DO, planned, List.of(),
                    host + " already has every value of the plan.", null);
        }
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        List<SysctlChange> changes = new ArrayList<>();
        for (PlanRow r : plan.changedRows()) {
            before.put(r.key(), r.current());
            after.put(r.key(), r.proposed());
            changes.add(new SysctlChange(r.key(), r.current(), r.proposed(), "pending"));
        }
        Long jobId = ctx == null ? null : ctx.jobId();
        long id = repository.create(host, plan.source(), actor, plan.filePath(), plan.fileBefore(), plan.fileAfter(), changes, jobId);
        if (recorded != null) {
            recorded.accept(id);
        }
        return new Applier(shell, plan, id, before, after, jobId).run(ctx);
    }

    /** Restores the values and the file from before the host's newest applied change set. */
    public TuningResult rollback(RemoteShell shell, JobContext ctx) {
        String host = shell.hostName();
        Optional<TuningChangeSet> latest = repository.latestUndoable(host);
        if (latest.isEmpty()) {
            return new TuningResult(host, TuningResult.Outcome.NOTHING_TO_DO, List.of(), List.of(),
                    "No tuning applied by ClusterDeck on " + host + " to roll back.", null);
        }
        TuningChangeSet cs = latest.get();
        Map<String, String> before = new LinkedHashMap<>();
        Map<String, String> after = new LinkedHashMap<>();
        cs.changes().forEach(c -> {
            before.put(c.key(), c.before());
            after.put(c.key(), c.after());
        });
        Long jobId = ctx == null ? null : ctx.jobId();
        Restorer restorer = new Restorer(shell, repository, audit, actor, jobId);
        Restorer.Outcome o = restorer.restore(cs.id(), before, after, cs.fileExisted() ? cs.fileBefore() : null, true, ctx);
        List<KeyOutcome> keys = new ArrayList<>();
        before.forEach((k, b) -> keys.add(new KeyOutcome(k, after.get(k), b, o.readBack().get(k),
                o.leftChanged().contains(k) ? KeyOutcome.LEFT_CHANGED : KeyOutcome.RESTORED,
                o.leftChanged().contains(k) ? o.message() : null)));
        boolean ok = o.leftChanged().isEmpty() && o.fileRestored();
        String message = ok ? "Rolled back " + cs.source() + " on " + host + ": " + before.size() + " value(s) and "
                + SysctlCommands.FILE + " restored." : o.message();
        repository.finish(cs.id(), ok ? TuningChangeSet.ROLLED_BACK : TuningChangeSet.INCOMPLETE, message);
        return new TuningResult(host, ok ? TuningResult.Outcome.ROLLED_BACK : TuningResult.Outcome.FAILED_NEEDS_ROLLBACK,
                keys, List.of(), message, cs.id());
    }

    public List<TuningChangeSet> history(String hostName) {
        return repository.history(hostName, 50);
    }

    static String firstLine(String s) {
        return s == null || s.isBlank() ? "(no message)" : s.strip().lines().findFirst().orElse("");
    }

    /** Runs one apply: runtime, read-back, file, and the rollback when any step fails. */
    private final class Applier {
        private final RemoteShell shell;
        private final TuningPlan plan;
        private final long id;
        private final Map<String, String> before;
        private final Map<String, String> after;
        private final Long jobId;
        private final Map<String, String> readBack = new LinkedHashMap<>();

        Applier(RemoteShell shell, TuningPlan plan, long id, Map<String, String> before, Map<String, String> after, Long jobId) {
            this.shell = shell;
            this.plan = plan;
            this.id = id;
            this.before = before;
            this.after = after;
            this.jobId = jobId;
        }

        TuningResult run(JobContext ctx) {
            String step = "setting " + after.size() + " value(s)";
            Map<String, String> refused = new LinkedHashMap<>();
            boolean fileTouched = false;
            try {
                if (!after.isEmpty()) {
                    progress(ctx, 0.3, step);
                    CommandResult w = shell.run(SysctlCommands.write(after));
                    step = "reading the values back";
                    Map<String, String> readBack = SysctlCommands.parseValues(shell.run(SysctlCommands.read(after.keySet())).stdout());
                    after.forEach((k, v) -> {
                        if (!v.equals(readBack.get(k))) {
                            refused.put(k, refusalReason(w.stderr(), k, readBack.get(k)));
                        }
                    });
                    if (!refused.isEmpty()) {
                        return fail(ctx, refused, "The kernel refused " + String.join(", ", refused.keySet()) + ".", false);
                    }
                    this.readBack.putAll(readBack);
                    audit(after.keySet());
                    repository.markChanges(id, List.copyOf(after.keySet()), "applied");
                }
                if (plan.fileChanges()) {
                    step = "writing " + SysctlCommands.FILE;
                    progress(ctx, 0.7, step);
                    fileTouched = true;
                    String problem = writeFile(shell, plan.fileAfter());
                    if (problem != null) {
                        return fail(ctx, refused, "Could not write " + SysctlCommands.FILE + ": " + problem + ".", true);
                    }
                    repository.markFile(id, plan.filePath(), "applied");
                    audit.record(actor, "sysctl.file", AUDIT_KIND, plan.hostName(), plan.fileBefore(), plan.fileAfter(), jobId);
                }
                String message = "Applied " + plan.source() + " on " + plan.hostName() + ": " + after.size()
                        + " value(s) changed and verified; " + SysctlCommands.FILE + (plan.fileChanges() ? " written." : " unchanged.");
                repository.finish(id, TuningChangeSet.APPLIED, message);
                List<KeyOutcome> keys = plan.rows().stream().map(r -> new KeyOutcome(r.key(), r.current(), r.proposed(),
                        r.changes() ? readBack.get(r.key()) : r.current(), r.changes() ? KeyOutcome.APPLIED : KeyOutcome.UNCHANGED,
                        null)).toList();
                return new TuningResult(plan.hostName(), TuningResult.Outcome.APPLIED, keys, plan.commandLines(), message, id);
            } catch (org.clusterdeck.job.JobCancelledException e) {
                return fail(null, refused, "Cancelled while " + step + ".", fileTouched);
            } catch (RuntimeException e) {
                // any failure here, not only RemoteException: what was applied must be rolled back
                return fail(ctx, refused, "The connection to " + plan.hostName() + " failed while " + step + ": "
                        + org.clusterdeck.job.JobRunner.describe(e), fileTouched);
            }
        }

        private void audit(Iterable<String> keys) {
            for (String k : keys) {
                audit.record(actor, "sysctl.set", AUDIT_KIND, plan.hostName(), k + " = " + before.get(k), k + " = " + after.get(k), jobId);
            }
        }

        private TuningResult fail(JobContext ctx, Map<String, String> refused, String reason, boolean fileTouched) {
            if (ctx != null) {
                ctx.warn(reason + " Rolling back what was applied.");
            }
            repository.markChanges(id, List.copyOf(refused.keySet()), "failed");
            Restorer restorer = new Restorer(shell, repository, audit, actor, jobId);
            Restorer.Outcome o = restorer.restore(id, before, after, plan.fileBefore(), fileTouched, ctx);
            StringBuilder msg = new StringBuilder(reason);
            refused.forEach((k, why) -> msg.append(" ").append(k).append(": ").append(why).append("."));
            boolean clean = o.leftChanged().isEmpty() && o.fileRestored();
            msg.append(clean ? " Everything applied before the failure was rolled back and verified." : " " + o.message());
            repository.finish(id, clean ? TuningChangeSet.FAILED : TuningChangeSet.INCOMPLETE, msg.toString());
            List<KeyOutcome> keys = new ArrayList<>();
            after.forEach((k, v) -> {
                String status = refused.containsKey(k) ? KeyOutcome.REFUSED
                        : o.leftChanged().contains(k) ? KeyOutcome.LEFT_CHANGED : KeyOutcome.ROLLED_BACK;
                keys.add(new KeyOutcome(k, before.get(k), v, o.readBack().get(k), status, refused.get(k)));
            });
            return new TuningResult(plan.hostName(), clean ? TuningResult.Outcome.FAILED_ROLLED_BACK
                    : TuningResult.Outcome.FAILED_NEEDS_ROLLBACK, keys, plan.commandLines(), msg.toString(), id);
        }
    }

    /** Writes the file atomically (see {@link RemoteFiles}); null when it worked, else the host's reason. */
    static String writeFile(RemoteShell shell, String content) {
        CommandResult r = shell.run(RemoteFiles.writeCommand(SysctlCommands.FILE, content));
        return r.ok() ? null : firstLine(r.stderr());
    }

    private static String refusalReason(String stderr, String key, String readBack) {
        for (String line : stderr.split("\n")) {
            if (line.contains("\"" + key + "\"") || line.contains("/proc/sys/" + key.replace('.', '/') + ":")) {
                return "the kernel said " + line.substring(line.lastIndexOf(':') + 1).strip();
            }
        }
        return readBack == null ? "the key cannot be read back" : "it reads back as " + readBack;
    }

    private static void progress(JobContext ctx, double f, String message) {
        if (ctx != null) {
            ctx.checkCancelled();
            ctx.progress(f, message);
            ctx.log(message);
        }
    }
}
