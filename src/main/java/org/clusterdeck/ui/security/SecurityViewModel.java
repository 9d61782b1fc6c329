package org.clusterdeck.ui.security;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.scan.FindingFix;
import org.clusterdeck.scan.FindingFixes;
import org.clusterdeck.scan.FindingState;
import org.clusterdeck.scan.HistoryPoint;
import org.clusterdeck.scan.ScanComparison;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.ScanService;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.security.FindingGroups.Filter;
import org.clusterdeck.ui.security.FindingGroups.HostGroup;

/**
 * The Security view's state: every stored finding and run (read off the FX thread), the filters
 * and the grouped table they give, the selection, the state actions (accept, false positive,
 * reopen), rescan, the fix of a finding and the rescan after it, a host's history and the
 * comparison of two runs. Every call into the scan service runs off the FX thread; methods that
 * start work return a future that completes once the model is updated (for tests).
 */
public final class SecurityViewModel {
    private final UiContext ctx;
    private final ScanService scans;
    private final ScanLaunchViewModel launch;
    private final List<StoredFinding> all = new ArrayList<>();
    private final ObservableList<HostGroup> groups = FXCollections.observableArrayList();
    private final ObservableList<ScanRun> runs = FXCollections.observableArrayList();
    private final ObservableList<String> hosts = FXCollections.observableArrayList();
    private final ObjectProperty<String> hostFilter = new SimpleObjectProperty<>(null);
    private final DoubleProperty minSeverity = new SimpleDoubleProperty(0);
    private final ObservableSet<FindingState> states = FXCollections.observableSet(EnumSet.of(FindingState.OPEN));
    private final StringProperty text = new SimpleStringProperty("");
    private final ObservableList<StoredFinding> selection = FXCollections.observableArrayList();
    private final StringProperty headline = new SimpleStringProperty("Reading the stored findings…");
    private final StringProperty status = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ObjectProperty<String> historyHost = new SimpleObjectProperty<>();
    private final ObservableList<HistoryPoint> history = FXCollections.observableArrayList();
    private final ObjectProperty<ScanComparison> comparison = new SimpleObjectProperty<>();
    private Runnable onChanged = () -> { };

    /** A finding's fix as the hardening wizard takes it: the host, the step and options, the findings to rescan after. */
    public record FixRequest(String host, FindingFix fix, List<Long> findingIds) {
    }

    public SecurityViewModel(UiContext ctx) {
        this.ctx = ctx;
        this.scans = ctx.services().scans();
        this.launch = new ScanLaunchViewModel(ctx);
        hostFilter.addListener((o, a, b) -> regroup());
        minSeverity.addListener((o, a, b) -> regroup());
        states.addListener((javafx.collections.SetChangeListener<FindingState>) c -> regroup());
        text.addListener((o, a, b) -> regroup());
        historyHost.addListener((o, a, b) -> loadHistory());
    }

    /** Called on the FX thread after findings changed state (the diagram's badges reload). */
    void setOnChanged(Runnable onChanged) {
        this.onChanged = onChanged;
    }

    private record Loaded(List<StoredFinding> findings, List<ScanRun> runs, List<Site> sites, List<Host> hosts) {
    }

    /** Reads every finding, the runs and the inventory's targets in the background. */
    public CompletableFuture<Void> reload() {
        return ctx.background().run("Read scan findings", () -> new Loaded(scans.findings(null, false), scans.runs(null),
                ctx.store().sites().findAll(), ctx.store().hosts().findAll())).onSuccess(l -> {
                    all.clear();
                    all.addAll(l.findings());
                    runs.setAll(l.runs());
                    launch.setInventory(l.sites(), l.hosts());
                    Set<String> names = new TreeSet<>();
                    l.findings().forEach(f -> names.add(f.host()));
                    hosts.setAll(names);
                    List<Long> selected = selection.stream().map(StoredFinding::id).toList();
                    selection.setAll(all.stream().filter(f -> selected.contains(f.id())).toList());
                    headline.set(FindingGroups.headline(all));
                    regroup();
                    if (historyHost.get() == null && !names.isEmpty()) {
                        historyHost.set(names.iterator().next());
                    } else {
                        loadHistory();
                    }
                }).onFailure(e -> headline.set("Could not read the stored findings: " + ScanLaunchViewModel.describe(e)))
                .result().handle((v, e) -> null);
    }

    private void regroup() {
        groups.setAll(FindingGroups.group(all, filter()));
    }

    Filter filter() {
        return new Filter(hostFilter.get(), minSeverity.get(), states, text.get());
    }

    /** Scans what the launch half names, then reloads (and the badges). */
    public CompletableFuture<Void> scan() {
        return launch.scan(scans, () -> {
            reload();
            onChanged.run();
        });
    }

    // ---- deciding ---------------------------------------------------------------------------

    /** Marks the selected findings accepted with this reason (required; shown in reports). */
    public CompletableFuture<Void> accept(String reason) {
        return decide("Accepted", reason, id -> scans.accept(id, reason));
    }

    public CompletableFuture<Void> falsePositive(String reason) {
        return decide("Marked false positive", reason, id -> scans.falsePositive(id, reason));
    }

    public CompletableFuture<Void> reopen() {
        return decide("Reopened", "-", scans::reopen);
    }

    private CompletableFuture<Void> decide(String done, String reason, java.util.function.LongConsumer action) {
        List<Long> ids = selection.stream().map(StoredFinding::id).toList();
        if (ids.isEmpty()) {
            status.set("Select one or more findings in the table first.");
            return CompletableFuture.completedFuture(null);
        }
        if (reason == null || reason.isBlank()) {
            status.set("A reason is required (it is shown in reports); nothing was changed.");
            return CompletableFuture.completedFuture(null);
        }
        return ctx.background().run("Change finding state", () -> {
            ids.forEach(action::accept);
            return ids.size();
        }).onSuccess(n -> status.set(done + " " + n + " finding(s).")).onFailure(e -> status.set(ScanLaunchViewModel.describe(e)))
                .result().handle((v, e) -> null).thenCompose(v -> reload()).thenRun(() -> ctx.fx().execute(onChanged));
    }

    // ---- rescanning and fixing --------------------------------------------------------------

    /** Reruns just the selected findings' checks (each scanner and target once), as a job. */
    public CompletableFuture<Void> rescanSelected() {
        return rescan(selection.stream().map(StoredFinding::id).toList(), null);
    }

    /** Reruns these findings' checks; those no longer reported become FIXED, by {@code changeSetId} when given. */
    CompletableFuture<Void> rescan(List<Long> ids, Long changeSetId) {
        if (ids.isEmpty()) {
            status.set("Select one or more findings in the table first.");
            return CompletableFuture.completedFuture(null);
        }
        busy.set(true);
        status.set("Rescanning " + ids.size() + " finding(s)…");
        return ctx.jobs().submit("Rescan findings", ids.size() + " finding(s)", jc -> scans.rescan(ids, changeSetId, jc))
                .result().handleAsync((done, err) -> {
                    busy.set(false);
                    if (err != null) {
                        status.set("Rescan failed: " + ScanLaunchViewModel.describe(err));
                    } else {
                        long fixed = ids.stream().map(scans::finding).flatMap(Optional::stream)
                                .filter(f -> f.state() == FindingState.FIXED).count();
                        status.set("Rescanned in " + done.size() + " scan(s): " + fixed + " of " + ids.size()
                                + " finding(s) fixed" + (changeSetId == null ? "." : " by change set #" + changeSetId + "."));
                    }
                    return null;
                }, ctx.fx()).thenCompose(v -> reload()).thenRun(() -> ctx.fx().execute(onChanged));
    }

    /**
     * The fix of the selected finding: its host, the hardening step with options, and the selected
     * findings on that host the same step fixes (they are rescanned after). Empty with the reason
     * in the status line when there is no hardening step for it.
     */
    public Optional<FixRequest> fixRequest() {
        if (selection.isEmpty()) {
            status.set("Select a finding in the table first.");
            return Optional.empty();
        }
        StoredFinding first = selection.get(0);
        Optional<FindingFix> fix = FindingFixes.forFinding(first.kind(), first.finding());
        if (fix.isEmpty()) {
            status.set("No hardening step fixes " + first.finding().id() + " (" + first.kind().id() + " findings are the web "
                    + "server's or OpenSSH's configuration): follow its Fix text, then Rescan.");
            return Optional.empty();
        }
        List<Long> ids = selection.stream().filter(f -> f.host().equals(first.host()))
                .filter(f -> FindingFixes.forFinding(f.kind(), f.finding()).map(x -> x.step() == fix.get().step()).orElse(false))
                .map(StoredFinding::id).toList();
        return Optional.of(new FixRequest(first.host(), fix.get(), ids));
    }

    /**
     * After the wizard applied: rescans the fixed findings with the change set of the fix's step
     * (the newest one made for it), so they are FIXED with that change set.
     */
    public CompletableFuture<Void> afterFix(FixRequest request, List<ChangeSet> applied) {
        String feature = request.fix().step().feature();
        Long changeSet = applied.stream().filter(cs -> feature.equals(cs.feature())).map(ChangeSet::id)
                .max(Long::compare).orElse(applied.stream().map(ChangeSet::id).max(Long::compare).orElse(null));
        return rescan(request.findingIds(), changeSet);
    }

    // ---- history and comparison -------------------------------------------------------------

    private void loadHistory() {
        String h = historyHost.get();
        if (h == null) {
            history.clear();
            return;
        }
        ctx.background().run("Read scan history", () -> scans.history(h)).onSuccess(history::setAll);
    }

    /** New, gone and unchanged findings from run {@code a} to run {@code b}. */
    public CompletableFuture<Void> compare(ScanRun a, ScanRun b) {
        if (a == null || b == null) {
            status.set("Choose two scans to compare.");
            return CompletableFuture.completedFuture(null);
        }
        return ctx.background().run("Compare scans", () -> scans.compare(a.id(), b.id())).onSuccess(comparison::set)
                .onFailure(e -> status.set(ScanLaunchViewModel.describe(e))).result().handle((v, e) -> null);
    }

    /**
     * Writes the report of one run (its findings as that run saw them, every text escaped by
     * {@code ScanReport}) as HTML or JSON, in a job; the file is created private (0600) because
     * evidence tells an attacker where to look.
     */
    public CompletableFuture<Void> export(ScanRun run, boolean html, java.nio.file.Path file) {
        if (run == null || file == null) {
            status.set("Select a scan in the list, then Export.");
            return CompletableFuture.completedFuture(null);
        }
        String format = html ? "HTML" : "JSON";
        return ctx.jobs().submit("Export scan report", "#" + run.id(), jc -> {
            List<StoredFinding> findings = scans.findings(run.id());
            String text = html ? org.clusterdeck.scan.ScanReport.html(run, findings) : org.clusterdeck.scan.ScanReport.json(run, findings);
            org.clusterdeck.store.PrivateFiles.write(file, text);
            return findings.size();
        }).result().handleAsync((n, err) -> {
            status.set(err != null ? "Could not write the report: " + ScanLaunchViewModel.describe(err)
                    : "Wrote the " + format + " report of scan #" + run.id() + " (" + n + " finding(s)) to " + Shown.line(file.toString())
                    + " (readable by you only, mode 0600).");
            return null;
        }, ctx.fx());
    }

    /** Shows only this host's findings (null: all); the history follows it. */
    public void showHost(String host) {
        hostFilter.set(host);
        if (host != null) {
            historyHost.set(host);
        }
    }

    /** Open findings per severity label on a host, worst label first, and its last scan (details pane). */
    record HostSummary(Map<String, Long> openByLabel, ScanRun lastRun) {
    }

    static HostSummary summary(ScanService scans, Host host) {
        Map<String, Long> counts = new java.util.LinkedHashMap<>();
        List<StoredFinding> open = new ArrayList<>(scans.findings(host.name(), true));
        if (!host.address().equals(host.name())) {
            open.addAll(scans.findings(host.address(), true));
        }
        for (String label : FindingGroups.LABELS.keySet()) {
            long n = open.stream().filter(f -> f.finding().label().equals(label)).count();
            if (n > 0) {
                counts.put(label, n);
            }
        }
        ScanRun last = scans.runs(null).stream().filter(r -> r.target().equals(host.name()) || r.target().equals(host.address())
                || r.target().startsWith(host.name() + ":") || r.target().startsWith(host.address() + ":")
                || r.target().contains("://" + host.name()) || r.target().contains("://" + host.address())).findFirst().orElse(null);
        return new HostSummary(counts, last);
    }

    public ScanLaunchViewModel launch() {
        return launch;
    }

    public ObservableList<HostGroup> groups() {
        return groups;
    }

    public ObservableList<ScanRun> runs() {
        return runs;
    }

    public ObservableList<String> hosts() {
        return hosts;
    }

    public ObjectProperty<String> hostFilterProperty() {
        return hostFilter;
    }

    public DoubleProperty minSeverityProperty() {
        return minSeverity;
    }

    public ObservableSet<FindingState> states() {
        return states;
    }

    public StringProperty textProperty() {
        return text;
    }

    public ObservableList<StoredFinding> selection() {
        return selection;
    }

    public StringProperty headlineProperty() {
        return headline;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ObjectProperty<String> historyHostProperty() {
        return historyHost;
    }

    public ObservableList<HistoryPoint> history() {
        return history;
    }

    public ObjectProperty<ScanComparison> comparisonProperty() {
        return comparison;
    }
}
