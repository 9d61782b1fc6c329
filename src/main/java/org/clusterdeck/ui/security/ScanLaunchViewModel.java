package org.clusterdeck.ui.security;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobListener;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.scan.ScanKind;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.ScanService;
import org.clusterdeck.ui.UiContext;

/**
 * The "what to scan" half of the Security view: a target (a site of the inventory = its hosts, a
 * host, or HOST[:PORT] / URL as typed), the scanners (or all that apply), and one job per target
 * with its progress and cancel. The target policy refuses demo hosts before anything connects;
 * its message (which points to the local lab) is the status line.
 */
public final class ScanLaunchViewModel {
    static final String SITE_PREFIX = "site ";

    private final UiContext ctx;
    private final StringProperty target = new SimpleStringProperty("");
    private final BooleanProperty all = new SimpleBooleanProperty(true);
    private final Map<ScanKind, BooleanProperty> kinds = new EnumMap<>(ScanKind.class);
    private final ObservableList<String> choices = FXCollections.observableArrayList();
    private final ObservableList<TargetRun> runs = FXCollections.observableArrayList();
    private final StringProperty status = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final List<Job<?>> running = new CopyOnWriteArrayList<>();
    private List<Site> sites = List.of();
    private List<Host> hosts = List.of();

    /** One target's scan: its progress (-1 until it starts) and what it is doing or found. */
    public static final class TargetRun {
        private final String target;
        private final DoubleProperty progress = new SimpleDoubleProperty(-1);
        private final StringProperty status = new SimpleStringProperty("queued");

        TargetRun(String target) {
            this.target = target;
        }

        public String target() {
            return target;
        }

        public DoubleProperty progressProperty() {
            return progress;
        }

        public StringProperty statusProperty() {
            return status;
        }
    }

    ScanLaunchViewModel(UiContext ctx) {
        this.ctx = ctx;
        for (ScanKind k : ScanKind.values()) {
            kinds.put(k, new SimpleBooleanProperty(false));
        }
    }

    /** The inventory's sites and hosts as target choices (call on the FX thread with what was read off it). */
    void setInventory(List<Site> sites, List<Host> hosts) {
        this.sites = List.copyOf(sites);
        this.hosts = List.copyOf(hosts);
        List<String> c = new ArrayList<>();
        sites.forEach(s -> c.add(SITE_PREFIX + s.name()));
        hosts.forEach(h -> c.add(h.name()));
        choices.setAll(c);
    }

    /** The targets the typed text stands for: a site's hosts, else the text itself (comma or blank separated). */
    List<String> targets() {
        String t = target.get() == null ? "" : target.get().strip();
        if (t.startsWith(SITE_PREFIX)) {
            String name = t.substring(SITE_PREFIX.length()).strip();
            Site site = sites.stream().filter(s -> s.name().equals(name)).findFirst().orElse(null);
            if (site != null) {
                return hosts.stream().filter(h -> h.siteId() == site.id()).map(Host::name).toList();
            }
        }
        return t.isEmpty() ? List.of() : List.of(t.split("[,\\s]+"));
    }

    List<ScanKind> chosenKinds() {
        return kinds.entrySet().stream().filter(e -> e.getValue().get()).map(Map.Entry::getKey).toList();
    }

    /**
     * Scans every target in its own job; {@code after} runs on the FX executor when all have ended
     * (the findings reload then). The future completes after that.
     */
    CompletableFuture<Void> scan(ScanService service, Runnable after) {
        List<String> targets = targets();
        List<ScanKind> chosen = chosenKinds();
        if (targets.isEmpty()) {
            status.set("Choose a site or host, or type HOST, HOST:PORT or a URL, then Scan.");
            return CompletableFuture.completedFuture(null);
        }
        if (!all.get() && chosen.isEmpty()) {
            status.set("Tick at least one scanner (or \"all that apply\").");
            return CompletableFuture.completedFuture(null);
        }
        runs.clear();
        busy.set(true);
        status.set("Scanning " + targets.size() + " target(s)…");
        Map<Long, TargetRun> byJob = new java.util.concurrent.ConcurrentHashMap<>();
        JobListener progress = new JobListener() {
            @Override
            public void progressChanged(Job<?> job, double fraction, String message) {
                TargetRun run = byJob.get(job.id());
                if (run != null) {
                    ctx.fx().execute(() -> {
                        run.progressProperty().set(fraction);
                        run.statusProperty().set(Shown.line(message));
                    });
                }
            }
        };
        ctx.jobs().addListener(progress);
        List<String> problems = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> allDone = new ArrayList<>();
        for (String t : targets) {
            TargetRun run = new TargetRun(t);
            runs.add(run);
            Job<List<ScanRun>> job = ctx.jobs().submit("Security scan", t, jc -> {
                if (all.get()) {
                    return service.runAll(List.of(t), jc);
                }
                List<ScanRun> out = new ArrayList<>();
                for (int i = 0; i < chosen.size(); i++) {
                    ScanKind k = chosen.get(i);
                    jc.progress((double) i / chosen.size(), k.id() + " scan of " + t);
                    out.add(service.run(k, target(k, t), jc));
                }
                jc.progress(1, "done");
                return out;
            });
            byJob.put(job.id(), run);
            running.add(job);
            allDone.add(job.result().handleAsync((done, err) -> {
                running.remove(job);
                run.progressProperty().set(1);
                if (err != null) {
                    String why = describe(err);
                    run.statusProperty().set(why);
                    problems.add(why);
                } else {
                    run.statusProperty().set(summary(done));
                }
                return null;
            }, ctx.fx()));
        }
        return CompletableFuture.allOf(allDone.toArray(CompletableFuture[]::new)).handleAsync((v, e) -> {
            ctx.jobs().removeListener(progress);
            busy.set(false);
            status.set(problems.isEmpty() ? "Scanned " + targets.size() + " target(s); the findings below are up to date."
                    : problems.get(0) + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more: see each target)" : ""));
            after.run();
            return null;
        }, ctx.fx());
    }

    /** An HTTP scan needs a URL: a bare host or HOST:PORT becomes http://HOST[:PORT]/. */
    static String target(ScanKind kind, String t) {
        return kind == ScanKind.HTTP && !t.matches("(?i)https?://.*") ? "http://" + t + "/" : t;
    }

    private static String summary(List<ScanRun> done) {
        long failed = done.stream().filter(r -> r.error() != null).count();
        int findings = done.stream().mapToInt(ScanRun::findingCount).sum();
        String kinds = String.join(", ", done.stream().map(r -> r.kind().id()).distinct().toList());
        return done.size() + " scan(s) (" + kinds + "), " + findings + " finding(s)"
                + (failed > 0 ? ", " + failed + " failed: " + Shown.line(done.stream().filter(r -> r.error() != null)
                .findFirst().orElseThrow().error()) : "");
    }

    /** Cancels the scans this view started. */
    void cancel() {
        running.forEach(Job::cancel);
        if (!running.isEmpty()) {
            status.set("Cancelling " + running.size() + " scan(s)…");
        }
    }

    static String describe(Throwable err) {
        Throwable t = err;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return Shown.line(JobRunner.describe(t));
    }

    public StringProperty targetProperty() {
        return target;
    }

    public BooleanProperty allProperty() {
        return all;
    }

    public BooleanProperty kindProperty(ScanKind k) {
        return kinds.get(k);
    }

    public ObservableList<String> choices() {
        return choices;
    }

    public ObservableList<TargetRun> runs() {
        return runs;
    }

    public StringProperty statusProperty() {
        return status;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }
}
