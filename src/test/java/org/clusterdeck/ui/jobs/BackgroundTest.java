package org.clusterdeck.ui.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;

/** The background helper: same-thread for tests, the job runner plus an "FX" thread in the app. */
class BackgroundTest {

    @Test
    void sameThreadRunsWorkAndCallbacksBeforeReturning() {
        List<String> seen = new ArrayList<>();
        Background.sameThread().run("read", () -> "value")
                .onSuccess(v -> seen.add("ok " + v))
                .onFailure(e -> seen.add("failed"))
                .always(() -> seen.add("always"));
        Background.sameThread().run("read", () -> {
                    throw new IllegalStateException("disk gone");
                })
                .onSuccess(v -> seen.add("ok"))
                .onFailure(e -> seen.add(e.getClass().getSimpleName() + ": " + e.getMessage()));
        assertThat(seen).containsExactly("ok value", "always", "IllegalStateException: disk gone");
    }

    @Test
    void inTheAppWorkRunsOnTheJobRunnerAndCallbacksOnTheFxExecutor() throws Exception {
        ExecutorService fxThread = Executors.newSingleThreadExecutor(r -> new Thread(r, "fake-fx"));
        try (Store store = Store.inMemory("background-" + System.nanoTime());
             JobRunner jobs = new JobRunner(store.jobs(), 2)) {
            List<String> threads = java.util.Collections.synchronizedList(new ArrayList<>());
            Background bg = Background.of(jobs, fxThread);
            String value = bg.run("read", () -> {
                threads.add("work on " + Thread.currentThread().getName().startsWith("fake-fx"));
                return "v";
            }).onSuccess(v -> threads.add("callback on " + Thread.currentThread().getName()))
                    .result().get(10, TimeUnit.SECONDS);
            assertThat(value).isEqualTo("v");
            fxThread.submit(() -> { }).get(10, TimeUnit.SECONDS); // the callback was queued before this
            assertThat(threads).containsExactly("work on false", "callback on fake-fx");
        } finally {
            fxThread.shutdownNow();
        }
    }

    @Test
    void aClosedJobRunnerFailsTheWorkInsteadOfThrowingOnTheFxThread() {
        List<Throwable> failures = new ArrayList<>();
        try (Store store = Store.inMemory("background-closed-" + System.nanoTime())) {
            JobRunner jobs = new JobRunner(store.jobs(), 1);
            jobs.close();
            Background.of(jobs, Runnable::run).run("late refresh", () -> "never").onFailure(failures::add);
        }
        assertThat(failures).singleElement().isInstanceOf(java.util.concurrent.RejectedExecutionException.class);
    }
}
