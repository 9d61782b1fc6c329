package org.clusterdeck.ui.harden;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.GuardedApply;
import org.clusterdeck.harden.Check;
import org.clusterdeck.harden.HardenOptions;
import org.clusterdeck.harden.HardenService;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.harden.HostPlan;
import org.clusterdeck.harden.HostResult;
import org.clusterdeck.harden.StepPlan;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobListener;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Dialogs;
import org.clusterdeck.ui.harden.HardenRows.ChangeRow;
import org.clusterdeck.ui.harden.HardenRows.CheckRow;
import org.clusterdeck.ui.harden.HardenRows.HostChoice;
import org.clusterdeck.ui.harden.HardenRows.HostRun;
import org.clusterdeck.ui.harden.HardenRows.OptionRow;
import org.clusterdeck.ui.harden.HardenRows.PlanRow;
import org.clusterdeck.ui.harden.HardenRows.StepChoice;

/**
 * The state every page of the hardening wizard shares and its calls into the hardening service.
 * Planning, applying and rolling back run as jobs (progress in the jobs panel and on the page,
 * cancel from either); results arrive on the FX executor. Methods that start work return a future
 * that completes once the model has been updated (for tests).
 */
public final class HardenWizardModel {
    /** The wizard's pages, in order. */
    public enum Page { HOSTS, STEPS, PREVIEW, APPLY, RESULTS }

    /** Longest guard window the page accepts: beyond an hour a locked-out host waits too long to come back. */
    static final long MAX_GUARD_SECONDS = 3600;

    private final UiContext ctx;
    private final HardenService service;
    private final ChangeEngine engine;
    private final ChangeEngine.Shells shells;
    private final Dialogs dialogs;
    private final ObjectProperty<Page> page = new SimpleObjectProperty<>(Page.HOSTS);
    private final ObservableList<HostChoice> hosts = FXCollections.observableArrayList();
    private final ObservableList<StepChoice> steps = FXCollections.observableArrayList();
    private final ObservableList<OptionRow> options = FXCollections.observableArrayList();
    private final StringProperty guardText = new SimpleStringProperty(Long.toString(GuardedApply.DEFAULT_DELAY.toSeconds()));
    private final ReadOnlyStringWrapper guardError = new ReadOnlyStringWrapper("");
    private final ObservableList<PlanRow> planRows = FXCollections.observableArrayList();
    private final ObjectProperty<PlanRow> selectedPlan = new SimpleObjectProperty<>();
    private final Map<String, HostPlan> plans = new ConcurrentHashMap<>();
    private final ObservableList<HostRun> runs = FXCollections.observableArrayList();
    private final ObservableList<CheckRow> checks = FXCollections.observableArrayList();
    private final ObservableList<ChangeRow> changes = FXCollections.observableArrayList();
    private final ObservableList<String> failures = FXCollections.observableArrayList();
    private final List<Job<?>> running = new CopyOnWriteArrayList<>();
    private final StringProperty status = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper();
    private HardenOptions usedOptions = HardenOptions.defaults();
    private java.util.function.Consumer<List<ChangeSet>> onApplied = cs -> { };

    /**
     * @param service the hardening service ({@code services.harden()} in the app)
     * @param engine  the change engine, for "Roll back" ({@code services.changes()})
     * @param shells  SSH to inventory hosts for the rollback ({@code services.remoteAccess()::open})
     * @param dialogs asks before a roll back (the window's {@code FxDialogs}; a recording one in tests)
     */
    public HardenWizardModel(UiContext ctx, HardenService service, ChangeEngine engine, ChangeEngine.Shells shells,
                             Dialogs dialogs) {
        this.ctx = ctx;
        this.service = service;
        this.engine = engine;
        this.shells = shells;
        this.dialogs = dialogs;
        for (HardenStep s : HardenStep.values()) {
            StepChoice c = new StepChoice(s, service.available().contains(s));
            c.selectedProperty().addListener((o, a, b) -> updateCanNext());
            steps.add(c);
        }
        options.setAll(HardenOptionRows.all());
        page.addListener((o, a, b) -> {
            status.set(""); // a page's work sets its own line; an earlier page's line would mislead
            updateCanNext();
        });
        busy.addListener((o, a, b) -> updateCanNext());
        guardText.addListener((o, a, b) -> validateGuard());
        planRows.addListener((javafx.collections.ListChangeListener<PlanRow>) c -> {
            if (selectedPlan.get() == null || !planRows.contains(selectedPlan.get())) {
                selectedPlan.set(planRows.stream().filter(r -> r.plan() != null && !r.plan().skipped()).findFirst()
                        .orElse(planRows.isEmpty() ? null : planRows.get(0)));
            }
        });
    }

    /** Reads the inventory in the background and offers its hosts; {@code preselect} (may be null) starts ticked. */
    public CompletableFuture<Void> loadHosts(String preselect) {
        busy.set(true);
        return ctx.jobs().background("Load hosts for hardening", () -> {
            List<HostChoice> out = new ArrayList<>();
            Map<Long, Site> sites = new java.util.HashMap<>();
            ctx.store().sites().findAll().forEach(s -> sites.put(s.id(), s));
            for (Host h : ctx.store().hosts().findAll()) {
                Site s = sites.get(h.siteId());
                out.add(new HostChoice(h, s == null ? "?" : s.name(), s != null && s.kind() == SiteKind.DEMO));
            }
            return out;
        }).handleAsync((list, err) -> {
            busy.set(false);
            if (err != null) {
                status.set("Could not read the inventory: " + describe(err));
                return null;
            }
            list.forEach(c -> {
                c.selectedProperty().set(!c.demo() && c.host().name().equals(preselect));
                c.selectedProperty().addListener((o, a, b) -> {
                    if (b && c.demo()) {
                        c.selectedProperty().set(false);
                        refuseDemo(c.host().name());
                    }
                    updateCanNext();
                });
            });
            hosts.setAll(list);
            list.stream().filter(c -> c.demo() && c.host().name().equals(preselect)).findFirst()
                    .ifPresent(c -> refuseDemo(c.host().name()));
            updateCanNext();
            return null;
        }, ctx.fx());
    }

    private void refuseDemo(String name) {
        status.set(name + " is a demo host: a label ClusterDeck never connects to. Start practice hosts with "
                + org.clusterdeck.text.Invocation.asRoot("lab up") + " and harden one of them.");
    }

    /**
     * Ticks only {@code step} and fills in these option values (a finding's fix: the Security view's
     * Fix button); an option the wizard has no row for gets one, so the plan uses it.
     */
    public void prefill(HardenStep step, Map<String, String> values) {
        steps.forEach(c -> c.selectedProperty().set(c.available() && c.step() == step));
        values.forEach((name, value) -> {
            OptionRow row = options.stream().filter(o -> o.name().equals(name)).findFirst().orElse(null);
            if (row == null) {
                row = new OptionRow(name, step, name, List.of(), "", "Filled in by the finding's fix.");
                options.add(row);
            }
            row.valueProperty().set(value);
        });
        updateCanNext();
    }

    /** Called on the FX executor after each apply with the change sets it made (the Security view rescans then). */
    public void setOnApplied(java.util.function.Consumer<List<ChangeSet>> onApplied) {
        this.onApplied = onApplied;
    }

    public List<HostChoice> selectedHosts() {
        return hosts.stream().filter(c -> c.selectedProperty().get() && !c.demo()).toList();
    }

    public Set<HardenStep> selectedSteps() {
        Set<HardenStep> out = EnumSet.noneOf(HardenStep.class);
        steps.stream().filter(c -> c.available() && c.selectedProperty().get()).forEach(c -> out.add(c.step()));
        return out;
    }

    /** Checks the guard window as typed; the error names the field and the fix, the text stays as typed. */
    public boolean validateGuard() {
        String t = guardText.get() == null ? "" : guardText.get().strip();
        String error = "";
        if (!t.matches("\\d{1,6}")) {
            error = "Guard window: '" + t.replaceAll("\\p{Cntrl}", "?") + "' is not a whole number of seconds; type e.g. "
                    + GuardedApply.DEFAULT_DELAY.toSeconds() + ".";
        } else {
            long s = Long.parseLong(t);
            if (s < GuardedApply.MIN_DELAY.toSeconds()) {
                error = "Guard window: " + s + " s is too short to prove a new login; use at least "
                        + GuardedApply.MIN_DELAY.toSeconds() + " s (default " + GuardedApply.DEFAULT_DELAY.toSeconds() + " s).";
            } else if (s > MAX_GUARD_SECONDS) {
                error = "Guard window: " + s + " s is longer than an hour; a host that locked you out would stay so that long. "
                        + "Use at most " + MAX_GUARD_SECONDS + " s.";
            }
        }
        guardError.set(error);
        updateCanNext();
        return error.isEmpty();
    }

    /** The options as the service reads them; blank values are left to the step's default. */
    public HardenOptions hardenOptions() {
        Map<String, String> values = new LinkedHashMap<>();
        for (OptionRow o : options) {
            String v = o.valueProperty().get();
            if (v != null && !v.isBlank()) {
                values.put(o.name(), v.strip());
            }
        }
        return new HardenOptions(Duration.ofSeconds(Long.parseLong(guardText.get().strip())), values);
    }

    /** Goes to the next page, doing that page's work first; the future completes when the model is updated. */
    public CompletableFuture<Void> next() {
        return switch (page.get()) {
            case HOSTS -> moveTo(Page.STEPS);
            case STEPS -> {
                if (!validateGuard()) {
                    yield CompletableFuture.completedFuture(null);
                }
                page.set(Page.PREVIEW);
                yield plan();
            }
            case PREVIEW -> {
                page.set(Page.APPLY);
                yield apply();
            }
            case APPLY -> moveTo(Page.RESULTS);
            case RESULTS -> CompletableFuture.completedFuture(null);
        };
    }

    public void back() {
        Page p = page.get();
        if (!busy.get() && (p == Page.STEPS || p == Page.PREVIEW)) {
            page.set(Page.values()[p.ordinal() - 1]);
        }
    }

    private CompletableFuture<Void> moveTo(Page to) {
        page.set(to);
        return CompletableFuture.completedFuture(null);
    }

    /** Plans every selected host in its own job (read-only on the host). */
    public CompletableFuture<Void> plan() {
        plans.clear();
        planRows.clear();
        HardenOptions opts = hardenOptions();
        usedOptions = opts;
        Set<HardenStep> chosen = selectedSteps();
        List<HostChoice> targets = selectedHosts();
        busy.set(true);
        status.set("Reading " + targets.size() + " host(s) to plan " + chosen.size() + " step(s)…");
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (HostChoice c : targets) {
            String name = c.host().name();
            var role = c.roleProperty().get();
            Job<HostPlan> job = ctx.jobs().submit("Plan hardening", name, jc -> service.plan(name, chosen, role, opts, jc));
            running.add(job);
            all.add(job.result().handleAsync((plan, err) -> {
                running.remove(job);
                if (err != null) {
                    planRows.add(new PlanRow(name, null, null, "cannot plan " + name + ": " + describe(err)));
                    return null;
                }
                plans.put(name, plan);
                for (StepPlan sp : plan.steps()) {
                    planRows.add(new PlanRow(name, sp.step(), sp, null));
                }
                return null;
            }, ctx.fx()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            busy.set(false);
            long errors = planRows.stream().filter(r -> r.error() != null).count();
            long work = plans.values().stream().mapToLong(p -> p.toApply().size()).sum();
            status.set(errors > 0 ? errors + " host(s) could not be planned: see the first rows. Go back to change the "
                    + "choice, or fix the host." : work == 0 ? "Nothing to change: every chosen step is in place or skipped."
                    : work + " step(s) to apply on " + plans.size() + " host(s). Read the warnings, then Apply.");
            updateCanNext();
            return null;
        }, ctx.fx());
    }

    /** Applies the plans, one job per host in parallel; each step is verified and rolled back when a check fails. */
    public CompletableFuture<Void> apply() {
        runs.clear();
        checks.clear();
        changes.clear();
        failures.clear();
        busy.set(true);
        HardenOptions opts = usedOptions;
        List<HostPlan> todo = plans.values().stream().filter(p -> !p.toApply().isEmpty()).toList();
        status.set("Hardening " + todo.size() + " host(s)…");
        Map<Long, HostRun> byJob = new ConcurrentHashMap<>();
        JobListener progress = progressListener(byJob);
        ctx.jobs().addListener(progress);
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (HostPlan plan : todo) {
            String name = plan.host().hostName();
            HostRun run = new HostRun(name);
            runs.add(run);
            Job<HostResult> job = ctx.jobs().submit("Harden", name, jc -> service.apply(plan, opts, true, jc));
            byJob.put(job.id(), run);
            running.add(job);
            all.add(job.result().handleAsync((r, err) -> {
                running.remove(job);
                run.progressProperty().set(1);
                if (err != null) {
                    run.statusProperty().set("failed: " + describe(err));
                    failures.add(name + ": " + describe(err) + " — " + adviceFor(null));
                } else {
                    run.resultProperty().set(r);
                    show(r);
                }
                hostChanged(name);
                return null;
            }, ctx.fx()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            ctx.jobs().removeListener(progress);
            busy.set(false);
            long failed = runs.stream().filter(r -> r.resultProperty().get() == null || !r.resultProperty().get().ok()).count();
            status.set(failed == 0 ? "Hardened " + runs.size() + " host(s); every check passed." : failed
                    + " host(s) did not finish hardening: see Results.");
            updateCanNext();
            onApplied.accept(changes.stream().map(ChangeRow::change).toList());
            return null;
        }, ctx.fx());
    }

    private void show(HostResult r) {
        HostRun run = runs.stream().filter(x -> x.host().equals(r.hostName())).findFirst().orElse(null);
        long ok = r.checks().stream().filter(Check::ok).count();
        if (run != null) {
            run.statusProperty().set(r.failure() != null ? "stopped: " + r.failure()
                    : r.changes().size() + " step(s) applied, " + ok + " of " + r.checks().size() + " check(s) ok");
        }
        for (Check c : r.checks()) {
            checks.add(new CheckRow(r.hostName(), c.step(), c.what(), c.ok(), c.detail()));
        }
        for (ChangeSet cs : r.changes()) {
            changes.add(new ChangeRow(r.hostName(), stepOf(cs), cs));
        }
        if (r.failure() != null) {
            failures.add(r.hostName() + ": " + r.failure() + " — " + adviceFor(r));
        }
    }

    /** What to do after a failed run, by what the change history says happened. */
    private static String adviceFor(HostResult r) {
        if (r != null && r.changes().stream().anyMatch(cs -> ChangeSet.REVERTED_BY_HOST.equals(cs.state()))) {
            return "the host restored its previous state itself because a new SSH login did not succeed in the guard window. "
                    + "Check that the plan keeps SSH open from where ClusterDeck connects (role and admin side), then run again.";
        }
        if (r != null && r.changes().stream().anyMatch(cs -> ChangeSet.ROLLED_BACK.equals(cs.state()))) {
            return "the failed step was rolled back; the steps before it stay applied (listed below, each can be rolled back). "
                    + "Read the failed check's evidence, fix the cause on the host, then plan again.";
        }
        return "nothing more was changed. Check the connection (Check SSH… on the host) and the job's log in the jobs panel, "
                + "then plan again.";
    }

    private static HardenStep stepOf(ChangeSet cs) {
        for (HardenStep s : HardenStep.values()) {
            if (s.feature().equals(cs.feature())) {
                return s;
            }
        }
        return null;
    }

    /** Rolls back one step's change set, once the user confirmed what that does. */
    public CompletableFuture<Void> rollbackStep(ChangeRow row) {
        if (row == null) {
            status.set("Choose a change in the list first.");
            return CompletableFuture.completedFuture(null);
        }
        if (!row.change().undoable()) {
            status.set("Change #" + row.id() + " is " + row.state() + ": nothing of it is left on " + row.host() + " to roll back.");
            return CompletableFuture.completedFuture(null);
        }
        boolean yes = dialogs.confirm(new Dialogs.Confirmation("Roll back " + label(row.step()) + " on " + row.host(),
                "Change #" + row.id() + " (" + row.change().title() + ") on " + row.host() + ": each of its "
                        + row.change().steps().size() + " step(s) gets its before-value back (files, rulesets, sysctls as they "
                        + "were; reloads run again). The other steps of the run stay applied.", "Roll back"));
        if (!yes) {
            status.set("Roll back cancelled; nothing changed.");
            return CompletableFuture.completedFuture(null);
        }
        return rollback(List.of(row));
    }

    /** Rolls back every change set of the run, newest first on each host, once the user confirmed. */
    public CompletableFuture<Void> rollbackRun() {
        List<ChangeRow> todo = changes.stream().filter(r -> r.change().undoable()).toList();
        if (todo.isEmpty()) {
            status.set("Nothing of this run is left on the hosts to roll back.");
            return CompletableFuture.completedFuture(null);
        }
        List<String> names = todo.stream().map(ChangeRow::host).distinct().toList();
        boolean yes = dialogs.confirm(new Dialogs.Confirmation("Roll back this hardening run",
                "On " + String.join(", ", names) + ": " + todo.size() + " change set(s) (" + todo.stream()
                        .map(r -> "#" + r.id() + " " + label(r.step())).reduce((a, b) -> a + ", " + b).orElse("")
                        + ") get their before-values back, newest first: the firewall ruleset, sshd drop-in and sysctls "
                        + "as they were before the run.", "Roll back"));
        if (!yes) {
            status.set("Roll back cancelled; nothing changed.");
            return CompletableFuture.completedFuture(null);
        }
        return rollback(todo);
    }

    private CompletableFuture<Void> rollback(List<ChangeRow> todo) {
        busy.set(true);
        status.set("Rolling back " + todo.size() + " change set(s)…");
        Map<String, List<ChangeRow>> byHost = new LinkedHashMap<>();
        todo.forEach(r -> byHost.computeIfAbsent(r.host(), h -> new ArrayList<>()).add(r));
        List<CompletableFuture<Void>> all = new ArrayList<>();
        List<String> problems = new CopyOnWriteArrayList<>();
        for (Map.Entry<String, List<ChangeRow>> e : byHost.entrySet()) {
            List<ChangeRow> rows = new ArrayList<>(e.getValue());
            rows.sort((a, b) -> Long.compare(b.id(), a.id()));
            Job<List<ChangeSet>> job = ctx.jobs().submit("Roll back hardening", e.getKey(), jc -> {
                List<ChangeSet> done = new ArrayList<>();
                for (int i = 0; i < rows.size(); i++) {
                    jc.progress((double) i / rows.size(), "rolling back change #" + rows.get(i).id());
                    done.add(engine.rollback(rows.get(i).id(), shells, false, true, jc));
                }
                return done;
            });
            running.add(job);
            all.add(job.result().handleAsync((done, err) -> {
                running.remove(job);
                if (err != null) {
                    problems.add(e.getKey() + ": " + describe(err));
                } else {
                    done.forEach(this::replaceChange);
                }
                hostChanged(e.getKey());
                return null;
            }, ctx.fx()));
        }
        return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            busy.set(false);
            status.set(problems.isEmpty() ? "Rolled back " + todo.size() + " change set(s); the hosts hold their values "
                    + "from before." : "Roll back failed on " + String.join("; ", problems));
            updateCanNext();
            return null;
        }, ctx.fx());
    }

    private void replaceChange(ChangeSet cs) {
        for (int i = 0; i < changes.size(); i++) {
            if (changes.get(i).id() == cs.id()) {
                changes.set(i, new ChangeRow(changes.get(i).host(), changes.get(i).step(), cs));
            }
        }
    }

    /** Cancels the jobs this wizard started (a guarded step still restores itself on the host if it was cut short). */
    public void cancel() {
        running.forEach(Job::cancel);
        if (!running.isEmpty()) {
            status.set("Cancelling " + running.size() + " job(s)…");
        }
    }

    /** Tells the diagram and details pane that the host's hardening changed (the shield reloads). */
    private void hostChanged(String name) {
        hosts.stream().filter(c -> c.host().name().equals(name)).findFirst()
                .ifPresent(c -> ctx.events().fire("host", c.host().id(), "hardening changed"));
    }

    private JobListener progressListener(Map<Long, HostRun> byJob) {
        return new JobListener() {
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
    }

    /** The preview text of one plan row: what it sets, why, and the exact commands. */
    public String commandsText(PlanRow row) {
        if (row == null) {
            return "";
        }
        if (row.error() != null) {
            return "# " + row.error();
        }
        StepPlan p = row.plan();
        if (p.skipped()) {
            return "# " + p.step().label() + " is skipped on " + row.host() + ": " + p.skipReason();
        }
        List<String> preview = p.preview();
        if (preview.isEmpty()) {
            return "# " + p.step().label() + " is already in place on " + row.host() + ": nothing to run.";
        }
        StringBuilder sb = new StringBuilder("# " + p.title() + " — exact commands on " + row.host() + "\n");
        preview.forEach(l -> sb.append(l).append('\n'));
        return sb.toString();
    }

    /** The sentence about the guard for a plan row, or empty when the step is not guarded. */
    public String guardText(PlanRow row) {
        if (row == null || row.plan() == null || !row.plan().guarded() || row.plan().changes().isEmpty()) {
            return "";
        }
        return "Guarded: if the next SSH login fails after this step, " + row.host() + " restores itself after "
                + usedOptions.guard().toSeconds() + " s.";
    }

    private static String label(HardenStep s) {
        return s == null ? "hardening" : s.label();
    }

    static String describe(Throwable err) {
        Throwable t = err;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return JobRunner.describe(t);
    }

    private void updateCanNext() {
        boolean ok = !busy.get() && switch (page.get()) {
            case HOSTS -> !selectedHosts().isEmpty();
            case STEPS -> !selectedSteps().isEmpty() && guardError.get().isEmpty();
            case PREVIEW -> !plans.isEmpty() && planRows.stream().noneMatch(r -> r.error() != null)
                    && plans.values().stream().anyMatch(p -> !p.toApply().isEmpty());
            case APPLY -> !runs.isEmpty();
            case RESULTS -> false;
        };
        canNext.set(ok);
    }

    public ObjectProperty<Page> pageProperty() {
        return page;
    }

    public ObservableList<HostChoice> hosts() {
        return hosts;
    }

    public ObservableList<StepChoice> steps() {
        return steps;
    }

    public ObservableList<OptionRow> options() {
        return options;
    }

    public StringProperty guardTextProperty() {
        return guardText;
    }

    public ReadOnlyStringProperty guardErrorProperty() {
        return guardError.getReadOnlyProperty();
    }

    public ObservableList<PlanRow> planRows() {
        return planRows;
    }

    public ObjectProperty<PlanRow> selectedPlanProperty() {
        return selectedPlan;
    }

    public ObservableList<HostRun> runs() {
        return runs;
    }

    public ObservableList<CheckRow> checks() {
        return checks;
    }

    public ObservableList<ChangeRow> changes() {
        return changes;
    }

    public ObservableList<String> failures() {
        return failures;
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
}
