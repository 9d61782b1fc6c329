package org.clusterdeck.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.model.JobLogLine;
import org.clusterdeck.model.JobRecord;
import org.clusterdeck.model.JobState;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JobRunnerTest {
    private Store store;
    private JobRunner runner;

    @BeforeEach
    void open() {
        store = Store.inMemory("jobs-" + System.nanoTime());
        runner = new JobRunner(store.jobs(), 2);
    }

    @AfterEach
    void close() {
        runner.close();
        store.close();
    }

    @Test
    void successfulJobStoresProgressLogAndResult() throws Exception {
        List<Double> seen = new CopyOnWriteArrayList<>();
        runner.addListener(new JobListener() {
            @Override
            public void progressChanged(Job<?> job, double fraction, String message) {
                seen.add(fraction);
            }
        });
        Job<Integer> job = runner.submit("Count", "pve1", ctx -> {
            ctx.progress(0.5, "half way");
            ctx.log("counted to 42");
            return 42;
        });
        assertThat(job.result().get(10, TimeUnit.SECONDS)).isEqualTo(42);
        JobRecord rec = store.jobs().findById(job.id()).orElseThrow();
        assertThat(rec.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(rec.progress()).isEqualTo(1.0);
        assertThat(rec.target()).isEqualTo("pve1");
        assertThat(rec.finishedAt()).isNotNull();
        assertThat(store.jobs().log(job.id())).extracting(JobLogLine::line).containsExactly("counted to 42");
        assertThat(seen).contains(0.5, 1.0);
        assertThat(Thread.getAllStackTraces().keySet()).anySatisfy(t -> {
            assertThat(t.getName()).startsWith("clusterdeck-job-");
            assertThat(t.isDaemon()).isTrue();
        });
    }

    @Test
    void failureIsStoredLoggedAndReported() {
        Job<Void> job = runner.submit("Break", null, ctx -> {
            throw new IllegalStateException("disk full on pve2");
        });
        assertThatThrownBy(() -> job.result().get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("disk full on pve2");
        JobRecord rec = store.jobs().findById(job.id()).orElseThrow();
        assertThat(rec.state()).isEqualTo(JobState.FAILED);
        assertThat(rec.error()).isEqualTo("disk full on pve2");
        assertThat(store.jobs().log(job.id())).singleElement().satisfies(l -> {
            assertThat(l.level()).isEqualTo("ERROR");
            assertThat(l.line()).isEqualTo("disk full on pve2");
        });
    }

    @Test
    void cancelStopsABlockedJobAndRecordsIt() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        Job<Void> job = runner.submit("Wait forever", null, ctx -> {
            started.countDown();
            new CountDownLatch(1).await(); // blocks until interrupted by cancel
            return null;
        });
        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        job.cancel();
        assertThatThrownBy(() -> job.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        awaitState(job.id(), JobState.CANCELLED);
        assertThat(store.jobs().log(job.id())).extracting(JobLogLine::line).contains("Cancelled on request.");
    }

    @Test
    void cooperativeCancelBetweenSteps() throws Exception {
        CountDownLatch inStep = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> done = new CopyOnWriteArrayList<>();
        Job<Void> job = runner.submit("Steps", null, ctx -> {
            for (int i = 0; i < 5; i++) {
                ctx.checkCancelled();
                if (i == 1) {
                    inStep.countDown();
                    // a step that ignores interrupts, as native calls do
                    while (!release.await(10, TimeUnit.MILLISECONDS)) {
                        Thread.onSpinWait();
                    }
                }
                done.add(i);
            }
            return null;
        });
        assertThat(inStep.await(10, TimeUnit.SECONDS)).isTrue();
        job.cancel();
        release.countDown();
        assertThatThrownBy(() -> job.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class);
        assertThat(done).as("steps after the cancel did not run").doesNotContain(3, 4);
        awaitState(job.id(), JobState.CANCELLED);
    }

    @Test
    void backgroundReadsAreNotRecordedAsJobs() throws Exception {
        assertThat(runner.background("read", () -> "value").get(10, TimeUnit.SECONDS)).isEqualTo("value");
        assertThat(store.jobs().count()).isZero();
        assertThatThrownBy(() -> runner.background("read", () -> {
            throw new IllegalArgumentException("bad");
        }).get(10, TimeUnit.SECONDS)).hasRootCauseMessage("bad");
    }

    /** The runner stores a job's end before it completes the job's result: no waiting needed after the result. */
    private void awaitState(long id, JobState state) {
        assertThat(store.jobs().findById(id).orElseThrow().state()).isEqualTo(state);
    }
}
