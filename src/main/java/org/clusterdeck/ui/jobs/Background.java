package org.clusterdeck.ui.jobs;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.clusterdeck.job.JobRunner;

/**
 * "Work in the background, then update the model on the FX thread", the one way view models do
 * it:
 *
 * <pre>{@code
 * ctx.background().run("Load inventory", () -> InventorySnapshot.load(store))
 *         .onSuccess(snapshot::set)
 *         .onFailure(e -> status.set("Could not read the inventory: " + JobRunner.describe(e)));
 * }</pre>
 *
 * In the app the work runs on the {@link JobRunner}'s threads (failures logged there) and the
 * callbacks on the FX thread; {@link #sameThread()} runs both at once on the caller's thread, so a
 * view-model test is deterministic and needs no waiting. Work that the user should see and be
 * able to cancel is a job ({@link JobRunner#submit}), not this; {@link #when} brings a job's
 * result back to the FX thread the same way.
 */
public final class Background {
    /** Runs a callable off the caller's thread and completes the future with its result. */
    public interface Worker {
        <T> CompletableFuture<T> submit(String what, Callable<T> work);
    }

    private final Worker worker;
    private final Executor fx;

    public Background(Worker worker, Executor fx) {
        this.worker = worker;
        this.fx = fx;
    }

    /** Work on the job runner's threads, callbacks through {@code fx} ({@code Platform::runLater} in the app). */
    public static Background of(JobRunner jobs, Executor fx) {
        return new Background(jobs::background, fx);
    }

    /** Work and callbacks on the calling thread, in order: for view-model tests. */
    public static Background sameThread() {
        return new Background(Background::callNow, Runnable::run);
    }

    /** Starts {@code work} now; attach what happens next with {@link Task#onSuccess} and {@link Task#onFailure}. */
    public <T> Task<T> run(String what, Callable<T> work) {
        CompletableFuture<T> result;
        try {
            result = worker.submit(what, work);
        } catch (RejectedExecutionException closed) {
            // the job runner is closed: the window is going away; the work fails like any other
            result = CompletableFuture.failedFuture(closed);
        }
        return new Task<>(result, fx);
    }

    /** Brings a result computed elsewhere (a job's) to the FX thread with the same callbacks. */
    public <T> Task<T> when(CompletableFuture<T> result) {
        return new Task<>(result, fx);
    }

    private static <T> CompletableFuture<T> callNow(String what, Callable<T> work) {
        try {
            return CompletableFuture.completedFuture(work.call());
        } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A piece of background work; callbacks run on the FX executor, each at most once. */
    public static final class Task<T> {
        private final CompletableFuture<T> result;
        private final Executor fx;

        private Task(CompletableFuture<T> result, Executor fx) {
            this.result = result;
            this.fx = fx;
        }

        /** Runs {@code action} with the value on the FX thread when the work succeeded. */
        public Task<T> onSuccess(Consumer<? super T> action) {
            result.whenCompleteAsync((v, e) -> {
                if (e == null) {
                    action.accept(v);
                }
            }, fx);
            return this;
        }

        /** Runs {@code action} with the cause (unwrapped) on the FX thread when the work failed. */
        public Task<T> onFailure(Consumer<Throwable> action) {
            result.whenCompleteAsync((v, e) -> {
                if (e != null) {
                    action.accept(unwrap(e));
                }
            }, fx);
            return this;
        }

        /** Runs {@code action} on the FX thread when the work ended either way (before or after the others). */
        public Task<T> always(Runnable action) {
            result.whenCompleteAsync((v, e) -> action.run(), fx);
            return this;
        }

        /** The underlying result, for callers that chain further work. */
        public CompletableFuture<T> result() {
            return result;
        }

        private static Throwable unwrap(Throwable e) {
            Throwable t = e;
            while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
                t = t.getCause();
            }
            return t;
        }
    }
}
