package org.clusterdeck.ui.jobs;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.text.TerminalText;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobListener;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.JobRecord;
import org.clusterdeck.model.JobState;
import org.clusterdeck.store.JobRepository;

/**
 * The one adapter from {@link JobRunner} to JavaFX: keeps an observable list of jobs whose
 * properties change on the FX thread. Progress updates are coalesced (at most one pending hop
 * to the FX thread per job), so a chatty job cannot flood the FX thread.
 */
public final class FxJobs implements JobListener {
    private static final int HISTORY = 100;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Executor fx;
    private final ObservableList<JobItem> items = FXCollections.observableArrayList();
    private final Map<Long, JobItem> byId = new ConcurrentHashMap<>();
    private final Map<Long, AtomicBoolean> progressPending = new ConcurrentHashMap<>();

    public FxJobs(JobRunner runner, Executor fx) {
        this.fx = fx;
        runner.addListener(this);
    }

    /** Adds finished jobs of earlier sessions (read off the FX thread by the caller). */
    public void addHistory(List<JobRecord> records) {
        fx.execute(() -> {
            for (JobRecord r : records) {
                if (byId.containsKey(r.id()) || items.size() >= HISTORY) {
                    continue;
                }
                JobItem item = new JobItem(r.id(), r.name(), r.target(), null, r.state());
                item.progressProperty().set(r.progress());
                item.messageProperty().set(r.message() == null ? "" : r.message());
                item.errorProperty().set(r.error() == null ? null : TerminalText.visible(r.error()));
                byId.put(r.id(), item);
                items.add(item);
            }
        });
    }

    /** Loads the log lines of a historic job (call off the FX thread). */
    public static List<String> formatLog(JobRepository repo, long jobId) {
        return repo.log(jobId).stream()
                .map(l -> TIME.format(l.time()) + "  " + l.level() + "  " + TerminalText.visible(l.line())).toList();
    }

    public void fillLog(JobItem item, List<String> lines) {
        fx.execute(() -> {
            if (item.log().isEmpty()) {
                item.log().setAll(lines);
            }
        });
    }

    public ObservableList<JobItem> items() {
        return items;
    }

    @Override
    public void stateChanged(Job<?> job, JobState state) {
        String error = state == JobState.FAILED ? job.result().handle((v, e) -> e == null ? null
                : JobRunner.describe(e)).getNow(null) : null;
        fx.execute(() -> {
            JobItem item = item(job);
            item.stateProperty().set(state);
            if (state.isFinished()) {
                item.progressProperty().set(state == JobState.SUCCEEDED ? 1 : job.progress());
                item.messageProperty().set(job.message());
            }
            if (error != null) {
                item.errorProperty().set(TerminalText.visible(error));
            }
        });
    }

    @Override
    public void progressChanged(Job<?> job, double fraction, String message) {
        AtomicBoolean pending = progressPending.computeIfAbsent(job.id(), k -> new AtomicBoolean());
        if (pending.compareAndSet(false, true)) {
            fx.execute(() -> {
                pending.set(false);
                JobItem item = item(job);
                item.progressProperty().set(job.progress());
                item.messageProperty().set(job.message());
            });
        }
    }

    @Override
    public void logged(Job<?> job, String level, String line) {
        String formatted = TIME.format(java.time.Instant.now()) + "  " + level + "  " + TerminalText.visible(line);
        fx.execute(() -> {
            JobItem item = item(job);
            item.appendLog(formatted);
            if ("ERROR".equals(level)) {
                item.errorProperty().set(TerminalText.visible(line));
            }
        });
    }

    /** The item of a job, created at the top of the list on first sight. FX thread only. */
    private JobItem item(Job<?> job) {
        return byId.computeIfAbsent(job.id(), id -> {
            JobItem created = new JobItem(id, job.name(), job.target(), job, job.state());
            items.add(0, created);
            return created;
        });
    }
}
