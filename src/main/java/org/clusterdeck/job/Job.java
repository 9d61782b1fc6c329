package org.clusterdeck.job;

import java.util.concurrent.CompletableFuture;
import org.clusterdeck.model.JobState;

/** Handle to a submitted job: its id, state, result and a way to cancel it. */
public final class Job<T> {
    private final long id;
    private final String name;
    private final String target;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private volatile JobState state = JobState.QUEUED;
    private volatile double progress;
    private volatile String message = "";
    private volatile boolean cancelRequested;
    private volatile Thread thread;

    Job(long id, String name, String target) {
        this.id = id;
        this.name = name;
        this.target = target;
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

    public JobState state() {
        return state;
    }

    public double progress() {
        return progress;
    }

    public String message() {
        return message;
    }

    /** Completes with the work's result, or exceptionally with its failure or cancellation. */
    public CompletableFuture<T> result() {
        return result;
    }

    /** Asks the job to stop: sets the flag the work checks and interrupts its thread if it runs. */
    public synchronized void cancel() {
        cancelRequested = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    boolean isCancelRequested() {
        return cancelRequested;
    }

    /** Binds the job to the thread running it (null when it ends), so cancel interrupts only it. */
    synchronized void setThread(Thread t) {
        this.thread = t;
        if (t == null) {
            Thread.interrupted(); // a late cancel's interrupt must not leak into the pool's next task
        }
    }

    void setState(JobState state) {
        this.state = state;
    }

    void setProgress(double progress, String message) {
        this.progress = progress;
        this.message = message == null ? "" : message;
    }
}
