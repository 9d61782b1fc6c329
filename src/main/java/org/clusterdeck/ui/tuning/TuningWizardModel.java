package org.clusterdeck.ui.tuning;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobListener;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.tuning.FragmentFixes;
import org.clusterdeck.tuning.KeyOutcome;
import org.clusterdeck.tuning.PlanIssue;
import org.clusterdeck.tuning.PlanRow;
import org.clusterdeck.tuning.SettingInput;
import org.clusterdeck.tuning.SysctlFragmentParser;
import org.clusterdeck.tuning.TuningJobs;
import org.clusterdeck.tuning.TuningPlan;
import org.clusterdeck.tuning.TuningProfile;
import org.clusterdeck.tuning.TuningProfiles;
import org.clusterdeck.tuning.TuningResult;
import org.clusterdeck.tuning.ValidationReport;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.tuning.TuningRows.HostChoice;
import org.clusterdeck.ui.tuning.TuningRows.HostRun;
import org.clusterdeck.ui.tuning.TuningRows.IssueRow;
import org.clusterdeck.ui.tuning.TuningRows.OutcomeRow;
import org.clusterdeck.ui.tuning.TuningRows.PreviewRow;

/**
 * The state every step of the kernel tuning wizard shares, its validation and its calls into
 * the tuning service. Host I/O runs only in jobs; results arrive on the FX executor. Methods that
 * start work return a future that completes once the model has been updated (for tests).
 */
public final class TuningWizardModel {
    /** The wizard's pages, in order. */
    public enum Step { HOSTS, SOURCE, VALIDATION, PREVIEW, APPLY, VERIFY }

    /** Where the settings come from. */
    public enum SourceMode { PROFILE, TEXT }

    private final UiContext ctx;
    private final TuningJobs tuning;
    private final TuningProfiles profiles;
    private final ObjectProperty<Step> step = new SimpleObjectProperty<>(Step.HOSTS);
    private final ObservableList<HostChoice> hosts = FXCollections.observableArrayList();
    private final ObjectProperty<SourceMode> sourceMode = new SimpleObjectProperty<>(SourceMode.PROFILE);
    private final ObjectProperty<TuningProfile> profile = new SimpleObjectProperty<>();
    private final StringProperty text = new SimpleStringProperty("");
    private final StringProperty textName = new SimpleStringProperty("pasted text");
    private final BooleanProperty dryRun = new SimpleBooleanProperty();
    private final ObservableList<IssueRow> issues = FXCollections.observableArrayList();
    private final ObservableList<PreviewRow> preview = FXCollections.observableArrayList();
    private final Map<String, TuningPlan> plans = new ConcurrentHashMap<>();
    private final ObservableList<HostRun> runs = FXCollections.observableArrayList();
    private final ObservableList<OutcomeRow> outcomes = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper();

    private final org.clusterdeck.ui.common.Dialogs dialogs;

    /**
     * @param tuning the tuning jobs ({@code services.tuning()} in the app: SSH through the window's remote access)
     * @param dialogs asks before the roll back (the window's {@code FxDialogs}; a recording one in tests)
     */
    public TuningWizardModel(UiContext ctx, TuningJobs tuning, org.clusterdeck.ui.common.Dialogs dialogs) {
        this.ctx = ctx;
        this.tuning = tuning;
        this.dialogs = dialogs;
        this.profiles = TuningProfiles.load(tuning.service().catalog());
        profile.set(profiles.all().get(0));
        step.addListener((o, a, b) -> updateCanNext());
        sourceMode.addListener((o, a, b) -> updateCanNext());
        profile.addListener((o, a, b) -> updateCanNext());
        text.addListener((o, a, b) -> updateCanNext());
        busy.addListener((o, a, b) -> updateCanNext());
    }

    /** Reads the inventory in the background and offers its hosts; {@code preselect} (may be null) starts ticked. */
    public CompletableFuture<Void> loadHosts(String preselect) {
        busy.set(true);
        return ctx.jobs().background("Load hosts for tuning", () -> {
            List<HostChoice> out = new ArrayList<>();
            Map<Long, Site> sites = new java.util.HashMap<>();
            ctx.store().sites().findAll().forEach(s -> sites.put(s.id(), s));
            for (Host h : ctx.store().hosts().findAll()) {
                Site s = sites.get(h.siteId());
                out.add(new HostChoice(h, s == null ? "?" : s.name(), s != null && s.kind() == SiteKind.DEMO,
                        s != null && s.kind() == SiteKind.LAB));
            }
            return out;
        }).handleAsync((list, err) -> {
            busy.set(false);
            if (err != null) {
                status.set("Could not read the inventory: " + JobRunner.describe(err));
                return null;
            }
            list.forEach(c -> {
                c.selectedProperty().set(!c.demo() && c.host().name().equals(preselect));
                c.selectedProperty().addListener((o, a, b) -> updateCanNext());
            });
            hosts.setAll(list);
            updateCanNext();
            return null;
        }, ctx.fx());
    }

    public List<Host> selectedHosts() {
        return hosts.stream().filter(c -> c.selectedProperty().get() && !c.demo()).map(HostChoice::host).toList();
    }

    /** The settings asked for and the problems of the text itself. */
    SysctlFragmentParser.Result parsedSource() {
        if (sourceMode.get() == SourceMode.PROFILE) {
            TuningProfile p = profile.get();
            return new SysctlFragmentParser.Result(p == null ? List.of() : p.settings().stream().map(SettingInput::fromProfile).toList(), List.of());
        }
        return SysctlFragmentParser.parse(text.get());
    }

    String sourceLabel() {
        return sourceMode.get() == SourceMode.PROFILE ? "profile " + profile.get().id() : textName.get();
    }

    /** Reads a sysctl.conf file in the background into the text to validate. */
    public CompletableFuture<Void> importFile(java.nio.file.Path file) {
        return ctx.jobs().background("Read " + file.getFileName(), () -> java.nio.file.Files.readString(file))
                .handleAsync((content, err) -> {
                    if (err != null) {
                        status.set("Could not read " + file + ": " + JobRunner.describe(err));
                        return null;
                    }
                    sourceMode.set(SourceMode.TEXT);
                    textName.set("file " + file.getFileName());
                    text.set(content);
                    validateLocally();
                    return null;
                }, ctx.fx());
    }

    /** Validates against the catalog alone (no I/O): runs as the user types. */
    public ValidationReport validateLocally() {
        SysctlFragmentParser.Result parsed = parsedSource();
        ValidationReport report = tuning.service().validator().validate(parsed.settings());
        List<IssueRow> rows = new ArrayList<>();
        parsed.issues().forEach(i -> rows.add(new IssueRow("catalog", i)));
        report.issues().forEach(i -> rows.add(new IssueRow("catalog", i)));
        issues.setAll(rows);
        List<PlanIssue> all = new ArrayList<>(parsed.issues());
        all.addAll(report.issues());
        return new ValidationReport(report.accepted(), all);
    }

    /** Rewrites pasted text with every "did you mean" key suggestion taken. Returns how many were taken. */
    public int applySuggestions() {
        if (sourceMode.get() != SourceMode.TEXT) {
            return 0;
        }
        FragmentFixes.Result r = FragmentFixes.applyKeySuggestions(text.get(), issues.stream().map(IssueRow::issue).toList());
        text.set(r.text());
        validateLocally();
        return r.replaced();
    }

    /** Goes to the next step, doing that step's work first; the future completes when the model is updated. */
    public CompletableFuture<Void> next() {
        return switch (step.get()) {
            case HOSTS -> done(Step.SOURCE);
            case SOURCE -> {
                validateLocally();
                step.set(Step.VALIDATION);
                yield planOnHosts();
            }
            case VALIDATION -> done(Step.PREVIEW);
            case PREVIEW -> {
                step.set(Step.APPLY);
                yield apply();
            }
            case APPLY -> done(Step.VERIFY);
            case VERIFY -> CompletableFuture.completedFuture(null);
        };
    }

    public void back() {
        Step s = step.get();
        if (s == Step.SOURCE || s == Step.VALIDATION || s == Step.PREVIEW) {
            step.set(Step.values()[s.ordinal() - 1]);
        }
    }

    private CompletableFuture<Void> done(Step to) {
        step.set(to);
        return CompletableFuture.completedFuture(null);
    }

    /** Reads every selected host in a job and validates the settings against what it really has. */
    public CompletableFuture<Void> planOnHosts() {
        plans.clear();
        preview.clear();
        busy.set(true);
        status.set("Reading the current values on " + selectedHosts().size() + " host(s)…");
        SysctlFragmentParser.Result parsed = parsedSource();
        String label = sourceLabel();
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Host h : selectedHosts()) {
            Job<TuningPlan> job = tuning.submitPlan(ctx.jobs(), h, parsed.settings(), label);
            all.add(job.result().handleAsync((plan, err) -> {
                if (err != null) {
                    issues.add(new IssueRow(h.name(), new PlanIssue(org.clusterdeck.tuning.Severity.ERROR, 0, 0, null, null,
                            "cannot read the host: " + JobRunner.describe(err), "check the connection with '" + org.clusterdeck.text.Invocation.command("ssh check ") + h.name() + "'")));
                    return null;
                }
                plans.put(h.name(), plan);
                plan.report().issues().stream().filter(i -> !isCatalogIssue(i))
                        .forEach(i -> issues.add(new IssueRow(h.name(), i)));
                for (PlanRow r : plan.rows()) {
                    preview.add(new PreviewRow(h.name(), r.key(), r.current(), r.proposed(), r.changes(),
                            r.risk().name().toLowerCase(java.util.Locale.ROOT), r.why()));
                }
                return null;
            }, ctx.fx()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            busy.set(false);
            long errors = issues.stream().filter(i -> i.issue().isError()).count();
            status.set(errors == 0 ? "No errors: the settings fit every selected host." : errors + " error(s): fix them before applying.");
            updateCanNext();
            return null;
        }, ctx.fx());
    }

    /** Issues the catalog already reported (the host repeats them) are shown once. */
    private boolean isCatalogIssue(PlanIssue i) {
        return issues.stream().anyMatch(r -> r.where().equals("catalog") && r.issue().line() == i.line()
                && java.util.Objects.equals(r.issue().key(), i.key()) && r.issue().severity() == i.severity());
    }

    /** The exact commands and the new file for one host, as the preview shows them. */
    public String commandsText(String host) {
        TuningPlan p = plans.get(host);
        if (p == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        sb.append(p.hasWork() ? "# Commands on " + host + "\n" : "# " + host + " already has these values.\n");
        // as SshShell sends them: a root login runs the commands without sudo
        boolean root = selectedHosts().stream().anyMatch(h -> h.name().equals(host) && "root".equals(h.sshUser()));
        p.commandLines(root).forEach(c -> sb.append(c).append('\n'));
        sb.append("\n# New ").append(p.filePath()).append('\n').append(p.fileAfter() == null ? "" : p.fileAfter());
        return sb.toString();
    }

    /** Applies (or dry-runs) on every selected host, one job each, in parallel. */
    public CompletableFuture<Void> apply() {
        SysctlFragmentParser.Result parsed = parsedSource();
        String label = sourceLabel();
        boolean dry = dryRun.get();
        return runOnHosts(dry ? "Dry run" : "Applying", h -> tuning.submitApply(ctx.jobs(), h, parsed.settings(), label, dry));
    }

    /** Rolls back the last apply on every selected host, once the user confirmed what that does. */
    public CompletableFuture<Void> rollback() {
        List<String> names = selectedHosts().stream().map(Host::name).toList();
        boolean yes = dialogs.confirm(new org.clusterdeck.ui.common.Dialogs.Confirmation("Roll back kernel settings",
                "On " + String.join(", ", names) + ": every setting of the last apply goes back to the value it had "
                        + "before, and /etc/sysctl.d/99-clusterdeck.conf is restored as it was (removed if it did not "
                        + "exist). The hosts keep running; nothing restarts.", "Roll back"));
        if (!yes) {
            status.set("Roll back cancelled; nothing changed.");
            return CompletableFuture.completedFuture(null);
        }
        step.set(Step.VERIFY);
        return runOnHosts("Rolling back", h -> tuning.submitRollback(ctx.jobs(), h));
    }

    private CompletableFuture<Void> runOnHosts(String what, java.util.function.Function<Host, Job<TuningResult>> submit) {
        runs.clear();
        outcomes.clear();
        busy.set(true);
        status.set(what + " on " + selectedHosts().size() + " host(s)…");
        Map<Long, HostRun> byJob = new ConcurrentHashMap<>();
        JobListener progress = new JobListener() {
            @Override
            public void progressChanged(Job<?> job, double fraction, String message) {
                HostRun run = byJob.get(job.id());
                if (run != null) {
                    ctx.fx().execute(() -> {
                        run.progressProperty().set(fraction);
                        run.statusProperty().set(message);
                    });
                }
            }
        };
        ctx.jobs().addListener(progress);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (Host h : selectedHosts()) {
            HostRun run = new HostRun(h.name());
            runs.add(run);
            Job<TuningResult> job = submit.apply(h);
            byJob.put(job.id(), run);
            all.add(TuningJobs.outcome(job).thenAcceptAsync(r -> {
                run.progressProperty().set(1);
                run.statusProperty().set(r.message());
                run.resultProperty().set(r);
                for (KeyOutcome k : r.keys()) {
                    outcomes.add(new OutcomeRow(r.hostName(), k.key(), k.before(), k.proposed(), k.readBack(), k.status(), k.reason()));
                }
            }, ctx.fx()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            ctx.jobs().removeListener(progress);
            busy.set(false);
            long failed = runs.stream().filter(r -> r.resultProperty().get() == null || !r.resultProperty().get().ok()).count();
            status.set(failed == 0 ? what + " finished on every host." : failed + " host(s) failed: see their messages.");
            updateCanNext();
            return null;
        }, ctx.fx());
    }

    private void updateCanNext() {
        boolean ok = !busy.get() && switch (step.get()) {
            case HOSTS -> !selectedHosts().isEmpty();
            case SOURCE -> sourceMode.get() == SourceMode.PROFILE ? profile.get() != null : !text.get().isBlank();
            case VALIDATION -> issues.stream().noneMatch(i -> i.issue().isError()) && !plans.isEmpty();
            case PREVIEW -> !plans.isEmpty();
            case APPLY -> !runs.isEmpty();
            case VERIFY -> false;
        };
        canNext.set(ok);
    }

    public List<TuningProfile> profiles() {
        return profiles.all();
    }

    public ObjectProperty<Step> stepProperty() {
        return step;
    }

    public ObservableList<HostChoice> hosts() {
        return hosts;
    }

    public ObjectProperty<SourceMode> sourceModeProperty() {
        return sourceMode;
    }

    public ObjectProperty<TuningProfile> profileProperty() {
        return profile;
    }

    public StringProperty textProperty() {
        return text;
    }

    public StringProperty textNameProperty() {
        return textName;
    }

    public BooleanProperty dryRunProperty() {
        return dryRun;
    }

    public ObservableList<IssueRow> issues() {
        return issues;
    }

    public ObservableList<PreviewRow> preview() {
        return preview;
    }

    public ObservableList<HostRun> runs() {
        return runs;
    }

    public ObservableList<OutcomeRow> outcomes() {
        return outcomes;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    UiContext context() {
        return ctx;
    }
}
