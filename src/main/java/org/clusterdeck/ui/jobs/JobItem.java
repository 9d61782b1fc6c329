package org.clusterdeck.ui.jobs;

import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.job.Job;
import org.clusterdeck.model.JobState;

/** A job as the UI shows it. Changed only on the FX thread (by {@link FxJobs}). */
public final class JobItem {
    static final int MAX_LOG_LINES = 2000;

    private final long id;
    private final String name;
    private final String target;
    private final Job<?> handle;
    private final ObjectProperty<JobState> state = new SimpleObjectProperty<>();
    private final DoubleProperty progress = new SimpleDoubleProperty();
    private final StringProperty message = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final ObservableList<String> log = FXCollections.observableArrayList();

    JobItem(long id, String name, String target, Job<?> handle, JobState state) {
        this.id = id;
        this.name = name;
        this.target = target;
        this.handle = handle;
        this.state.set(state);
    }

    public long id() {
        return id;
    }

    public String name() {
        return name;
    }

    public String target() {
        return target;
    }

    public ObjectProperty<JobState> stateProperty() {
        return state;
    }

    public DoubleProperty progressProperty() {
        return progress;
    }

    public StringProperty messageProperty() {
        return message;
    }

    public StringProperty errorProperty() {
        return error;
    }

    public ObservableList<String> log() {
        return log;
    }

    /** Jobs of this session can be cancelled while they run; jobs from the history cannot. */
    public boolean canCancel() {
        return handle != null && !state.get().isFinished();
    }

    public void cancel() {
        if (handle != null) {
            handle.cancel();
        }
    }

    void appendLog(String line) {
        log.add(line);
        if (log.size() > MAX_LOG_LINES) {
            log.remove(0, log.size() - MAX_LOG_LINES);
        }
    }
}
