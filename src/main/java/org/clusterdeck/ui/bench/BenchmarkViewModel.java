package org.clusterdeck.ui.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.bench.BenchmarkExport;
import org.clusterdeck.bench.BenchmarkService;
import org.clusterdeck.bench.LoadEngine;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.Durations;
import org.clusterdeck.model.Header;
import org.clusterdeck.model.HostSample;
import org.clusterdeck.model.SecondSample;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.ui.UiContext;

/**
 * State of the benchmark page: the form (validated here), the running job with live per-second
 * samples, the result, the history of runs (relabel, delete) and export. Everything slow runs off the
 * FX thread; results arrive through {@code ctx.fx()}.
 */
public final class BenchmarkViewModel {
    private final UiContext ctx;
    private final BenchmarkService benchmarks;

    private final StringProperty url = new SimpleStringProperty("http://127.0.0.1/");
    private final StringProperty connections = new SimpleStringProperty("100");
    private final StringProperty requests = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("10s");
    private final StringProperty rate = new SimpleStringProperty("");
    private final StringProperty method = new SimpleStringProperty("GET");
    private final StringProperty headers = new SimpleStringProperty("");
    private final StringProperty body = new SimpleStringProperty("");
    private final StringProperty timeout = new SimpleStringProperty("5s");
    private final StringProperty warmup = new SimpleStringProperty("");
    private final StringProperty label = new SimpleStringProperty("");
    private final BooleanProperty insecure = new SimpleBooleanProperty(false);

    private final StringProperty validation = new SimpleStringProperty("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final DoubleProperty progress = new SimpleDoubleProperty(0);
    private final StringProperty status = new SimpleStringProperty("Ready. Load goes only to 127.0.0.0/8, ::1 and lab hosts.");
    private final ObservableList<SecondSample> liveSeries = FXCollections.observableArrayList();
    private final ObservableList<HostSample> liveHost = FXCollections.observableArrayList();
    private final StringProperty hostSource = new SimpleStringProperty("");
    private final ObjectProperty<BenchmarkRun> shownRun = new SimpleObjectProperty<>();
    private final ObservableList<BenchmarkRun> history = FXCollections.observableArrayList();

    private String targetKind = "url";
    private String targetName;
    private volatile BenchmarkService.Running current;

    public BenchmarkViewModel(UiContext ctx) {
        this(ctx, ctx.services().benchmarks());
    }

    /** @param benchmarks runs, history and target policy ({@code services.benchmarks()} in the app) */
    public BenchmarkViewModel(UiContext ctx, BenchmarkService benchmarks) {
        this.ctx = ctx;
        this.benchmarks = benchmarks;
        for (StringProperty p : List.of(url, connections, requests, duration, rate, method, headers, body, timeout, warmup)) {
            p.addListener((o, a, b) -> validate());
        }
        validate();
    }

    /** Fills the URL from a load balancer, VM or host the user picked; the run remembers where it came from. */
    public void prefill(String targetUrl, String kind, String name) {
        url.set(targetUrl);
        targetKind = kind == null ? "url" : kind;
        targetName = name;
    }

    /** Builds the spec from the form; sets {@link #validationProperty()} and returns null when a field is wrong. */
    public BenchmarkSpec validate() {
        try {
            int c = wholeNumber(connections.get(), "Connections");
            long n = blank(requests.get()) ? 0 : wholeNumber(requests.get(), "Requests");
            if (!blank(requests.get()) && n <= 0) {
                throw new IllegalArgumentException("Requests must be a positive number.");
            }
            Duration d = blank(duration.get()) ? null : Durations.parse(duration.get());
            double r = 0;
            if (!blank(rate.get())) {
                try {
                    r = Double.parseDouble(rate.get().strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("Rate must be a number of requests per second, e.g. 2000.");
                }
                if (r <= 0) {
                    throw new IllegalArgumentException("Rate must be positive (leave it empty for closed loop).");
                }
            }
            List<Header> hs = new ArrayList<>();
            for (String line : headers.get() == null ? new String[0] : headers.get().split("\n")) {
                if (!line.isBlank()) {
                    hs.add(Header.parse(line));
                }
            }
            BenchmarkSpec spec = BenchmarkSpec.of(url.get(), c, n, d, r, blank(warmup.get()) ? null : Durations.parse(warmup.get()),
                    blank(timeout.get()) ? null : Durations.parse(timeout.get()), method.get(), hs, body.get(), insecure.get());
            validation.set("");
            return spec;
        } catch (IllegalArgumentException e) {
            validation.set(e.getMessage());
            return null;
        }
    }

    /** Starts a run as a job; samples arrive once a second. Returns the job, or null when the form is invalid or a run is going. */
    public Job<BenchmarkRun> start() {
        BenchmarkSpec spec = validate();
        if (spec == null || running.get()) {
            return null;
        }
        liveSeries.clear();
        liveHost.clear();
        progress.set(0);
        running.set(true);
        status.set("Starting " + spec.describe() + "…");
        String runLabel = blank(label.get()) ? null : label.get().strip();
        BenchmarkService.Running run = benchmarks.start(spec,
                new BenchmarkService.Options(runLabel, targetKind, targetName, true, true), new BenchmarkService.Listener() {
                    @Override
                    public void onHostSource(String source) {
                        ctx.fx().execute(() -> hostSource.set(source));
                    }

                    @Override
                    public void onSecond(SecondSample sample, HostSample host, LoadEngine.Progress p) {
                        ctx.fx().execute(() -> {
                            liveSeries.add(sample);
                            if (host != null) {
                                liveHost.add(host);
                            }
                            progress.set(p.fraction());
                            status.set(String.format(Locale.ROOT, "%d s: %d requests, %d errors", p.elapsedMs() / 1000,
                                    p.requests(), p.errors()));
                        });
                    }
                });
        current = run;
        Job<BenchmarkRun> job = run.job();
        ctx.background().when(job.result())
                .onFailure(err -> {
                    current = null;
                    status.set("Benchmark failed: " + JobRunner.describe(err));
                    running.set(false); // last, as below
                })
                .onSuccess(saved -> {
                    current = null;
                    progress.set(1);
                    display(saved); // the run that just finished, whatever row the table had selected
                    status.set((saved.result().cancelled() ? "Cancelled; kept what was measured as run #" : "Done: run #")
                            + saved.id() + ".");
                    refreshHistory();
                    running.set(false); // last: whoever waits for the end sees the summary and the history
                });
        return job;
    }

    /** Ends the run early; what was measured so far is kept and stored. */
    public void cancel() {
        BenchmarkService.Running r = current;
        if (r != null) {
            r.cancel();
            status.set("Cancelling…");
        }
    }

    /** Shows a run's numbers and series (a stored run is loaded with its series first). */
    public void show(BenchmarkRun run) {
        if (run == null || running.get()) {
            return;
        }
        BenchmarkRun current = shownRun.get();
        if (current != null && current.id() == run.id() && run.id() > 0 && !current.result().series().isEmpty()) {
            return; // already shown: a table refresh re-selecting the same row must not reload it
        }
        if (run.result().series().isEmpty() && run.id() > 0) {
            ctx.background().run("Load benchmark run", () -> benchmarks.find(run.id()).orElse(run))
                    .onSuccess(this::display);
        } else {
            display(run);
        }
    }

    private void display(BenchmarkRun run) {
        shownRun.set(run);
        liveSeries.setAll(run.result().series());
        liveHost.setAll(run.hostSeries());
    }

    public void refreshHistory() {
        ctx.background().run("Load benchmark history", benchmarks::history)
                .onSuccess(history::setAll)
                .onFailure(err -> status.set("Could not read the benchmark history: " + JobRunner.describe(err)));
    }

    /** Gives a stored run a new label (blank removes it). */
    public void relabel(BenchmarkRun run, String newLabel) {
        String l = blank(newLabel) ? null : newLabel.strip();
        ctx.background().run("Relabel benchmark run", () -> benchmarks.relabel(run.id(), l))
                .onFailure(err -> status.set("Could not relabel run #" + run.id() + ": " + JobRunner.describe(err)))
                .onSuccess(updated -> {
                    BenchmarkRun current = shownRun.get();
                    if (current != null && current.id() == run.id()) {
                        shownRun.set(updated);
                    }
                    status.set(l == null ? "Run #" + run.id() + " has no label now."
                            : "Run #" + run.id() + " is now labelled '" + l + "'.");
                    refreshHistory();
                });
    }

    /** Deletes stored runs for good (the view asks first). */
    public void delete(List<BenchmarkRun> toDelete) {
        List<Long> ids = toDelete.stream().map(BenchmarkRun::id).toList();
        ctx.background().run("Delete benchmark runs", () -> ids.stream().filter(benchmarks::delete).count())
                .onFailure(err -> status.set("Could not delete: " + JobRunner.describe(err)))
                .onSuccess(n -> {
                    BenchmarkRun current = shownRun.get();
                    if (current != null && ids.contains(current.id())) {
                        shownRun.set(null);
                        liveSeries.clear();
                        liveHost.clear();
                    }
                    status.set("Deleted " + (n == 1 ? "run #" + ids.get(0) : n + " runs") + ".");
                    refreshHistory();
                });
    }

    /** Writes a run as CSV or JSON; the outcome is shown in the status line. */
    public void export(BenchmarkRun run, BenchmarkExport.Format format, Path file) {
        if (run == null) {
            status.set("Select a run to export.");
            return;
        }
        ctx.background().run("Export benchmark run", () -> {
            BenchmarkRun full = run.id() > 0 ? benchmarks.find(run.id()).orElse(run) : run;
            BenchmarkExport.write(full, format, file);
            return file;
        }).onSuccess(f -> status.set("Wrote " + f.toAbsolutePath() + "."))
                .onFailure(err -> status.set("Export failed: " + JobRunner.describe(err)));
    }

    private static int wholeNumber(String text, String what) {
        try {
            return Integer.parseInt(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " must be a whole number, e.g. 100.");
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    public UiContext context() { return ctx; }
    public StringProperty urlProperty() { return url; }
    public StringProperty connectionsProperty() { return connections; }
    public StringProperty requestsProperty() { return requests; }
    public StringProperty durationProperty() { return duration; }
    public StringProperty rateProperty() { return rate; }
    public StringProperty methodProperty() { return method; }
    public StringProperty headersProperty() { return headers; }
    public StringProperty bodyProperty() { return body; }
    public StringProperty timeoutProperty() { return timeout; }
    public StringProperty warmupProperty() { return warmup; }
    public StringProperty labelProperty() { return label; }
    public BooleanProperty insecureProperty() { return insecure; }
    public StringProperty validationProperty() { return validation; }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public DoubleProperty progressProperty() { return progress; }
    public StringProperty statusProperty() { return status; }
    public StringProperty hostSourceProperty() { return hostSource; }
    public ObservableList<SecondSample> liveSeries() { return liveSeries; }
    public ObservableList<HostSample> liveHost() { return liveHost; }
    public ObjectProperty<BenchmarkRun> shownRunProperty() { return shownRun; }
    public ObservableList<BenchmarkRun> history() { return history; }
}
