package org.clusterdeck.job;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clusterdeck.model.JobState;
import org.clusterdeck.store.JobRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where ClusterDeck runs work in the background. Jobs run on named daemon threads;
 * their state, progress and log lines are stored in H2; every failure is logged and kept with the
 * job, never swallowed.
 *
 * <pre>{@code
 * Job<Integer> job = runner.submit("Sync hosts", "pve1", ctx -> {
 *     ctx.progress(0.5, "reading domains");
 *     return 42;
 * });
 * job.result().join();
 * }</pre>
 */
public final class JobRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /**
     * Failures of the work itself, with their stack traces: written to the log file only, because
     * the jobs panel and the CLI already show each one to the user in a sentence.
     */
    private static final Logger FAILURES = LoggerFactory.getLogger("org.clusterdeck.job.failures");
    /** Progress is persisted at most this often per job; listeners see every update. */
    private static final long PROGRESS_PERSIST_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

    private final JobRepository repository;
    private final ExecutorService executor;
    private final List<JobListener> listeners = new CopyOnWriteArrayList<>();

    public JobRunner(JobRepository repository, int threads) {
        this.repository = repository;
        this.executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                namedDaemonThreads());
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(true);
    }

    private static ThreadFactory namedDaemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "clusterdeck-job-" + n.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((th, e) -> LOG.error("Uncaught exception in {}", th.getName(), e));
            return t;
        };
    }

    public void addListener(JobListener listener) {
        listeners.add(listener);
    }

    public void removeListener(JobListener listener) {
        listeners.remove(listener);
    }

    /** Stores a new job and starts it as soon as a thread is free. */
    public <T> Job<T> submit(String name, String target, JobWork<T> work) {
        if (executor.isShutdown()) { // a window being torn down asked late: nothing is recorded or run
            Job<T> refused = new Job<>(-1, name, target);
            refused.result().completeExceptionally(new java.util.concurrent.RejectedExecutionException(
                    name + " was not started: ClusterDeck is closing."));
            return refused;
        }
        long id = repository.create(name, target);
        Job<T> job = new Job<>(id, name, target);
        notifyState(job, JobState.QUEUED);
        executor.execute(() -> execute(job, work));
        return job;
    }

    /**
     * Runs a short read (loading a view's data) on the job threads without recording it as a job.
     * Failures are logged and complete the future exceptionally; so does a read asked for after
     * the runner was closed (a window being torn down), instead of throwing at the caller.
     */
    public <T> CompletableFuture<T> background(String what, Callable<T> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(work.call());
                } catch (Throwable e) {
                    FAILURES.error("{} failed: {}", what, describe(e), e);
                    result.completeExceptionally(e);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            result.completeExceptionally(e); // the runner is closed: the window is being torn down
        }
        return result;
    }

    private <T> void execute(Job<T> job, JobWork<T> work) {
        if (job.isCancelRequested()) {
            finish(job, JobState.CANCELLED, "Cancelled before it started.");
            job.result().completeExceptionally(new JobCancelledException());
            return;
        }
        job.setThread(Thread.currentThread());
        repository.markRunning(job.id());
        notifyState(job, JobState.RUNNING);
        Context ctx = new Context(job);
        try {
            T value = work.run(ctx);
            if (job.isCancelRequested()) {
                ctx.warn("Cancelled; the last step had already finished.");
                finish(job, JobState.CANCELLED, "Cancelled on request.");
                job.result().completeExceptionally(new JobCancelledException());
                return;
            }
            job.setProgress(1, "Done");
            listeners.forEach(l -> l.progressChanged(job, 1, "Done"));
            finish(job, JobState.SUCCEEDED, null);
            job.result().complete(value);
        } catch (Throwable e) {
            Thread.interrupted(); // H2 closes its file if a thread writes while interrupted
            boolean cancelled = job.isCancelRequested() || e instanceof JobCancelledException
                    || e instanceof InterruptedException;
            if (cancelled) {
                ctx.warn("Cancelled on request.");
                finish(job, JobState.CANCELLED, "Cancelled on request.");
            } else {
                String reason = describe(e);
                FAILURES.error("Job #{} '{}' failed: {}", job.id(), job.name(), reason, e);
                ctx.error(reason);
                finish(job, JobState.FAILED, reason);
            }
            job.result().completeExceptionally(e);
            if (e instanceof Error err && !(e instanceof AssertionError)) {
                throw err;
            }
        } finally {
            job.setThread(null);
        }
    }

    /** A failure as one line a person can read: our exceptions' messages, else type and message. */
    public static String describe(Throwable e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) {
            t = t.getCause();
        }
        String msg = t.getMessage();
        return msg == null ? t.getClass().getSimpleName() : msg;
    }

    private void finish(Job<?> job, JobState state, String error) {
        job.setState(state);
        try {
            repository.finish(job.id(), state, error);
        } catch (RuntimeException e) {
            LOG.error("Could not store the end of job #{}", job.id(), e);
        }
        notifyState(job, state);
    }

    private void notifyState(Job<?> job, JobState state) {
        job.setState(state);
        for (JobListener l : listeners) {
            try {
                l.stateChanged(job, state);
            } catch (RuntimeException e) {
                LOG.error("Job listener failed", e);
            }
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Waits for running jobs to end, for tests and the CLI. */
    public boolean awaitIdle(long timeout, TimeUnit unit) throws InterruptedException {
        executor.shutdown();
        return executor.awaitTermination(timeout, unit);
    }

    /**
     * Runs a database write with the thread's interrupt flag cleared, then restores it: H2 closes
     * its file when an interrupted thread writes, and a cancel interrupts the job's thread.
     */
    private static void withoutInterrupt(Runnable write) {
        boolean interrupted = Thread.interrupted();
        try {
            write.run();
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private final class Context implements JobContext {
        private final Job<?> job;
        private long lastPersist;

        Context(Job<?> job) {
            this.job = job;
        }

        @Override
        public void progress(double fraction, String message) {
            double f = Math.max(0, Math.min(1, fraction));
            job.setProgress(f, message);
            long now = System.nanoTime();
            if (now - lastPersist > PROGRESS_PERSIST_NANOS) {
                lastPersist = now;
                withoutInterrupt(() -> repository.updateProgress(job.id(), f, message));
            }
            for (JobListener l : listeners) {
                l.progressChanged(job, f, message);
            }
        }

        @Override
        public void log(String line) {
            write("INFO", line);
        }

        @Override
        public void warn(String line) {
            write("WARN", line);
        }

        void error(String line) {
            write("ERROR", line);
        }

        private void write(String level, String line) {
            LOG.debug("job #{} {}: {}", job.id(), level, line);
            try {
                withoutInterrupt(() -> repository.log(job.id(), level, line));
            } catch (RuntimeException e) {
                LOG.error("Could not store a log line of job #{}: {}", job.id(), line, e);
            }
            for (JobListener l : listeners) {
                l.logged(job, level, line);
            }
        }

        @Override
        public boolean isCancelled() {
            return job.isCancelRequested();
        }

        @Override
        public long jobId() {
            return job.id();
        }
    }
}
