package org.clusterdeck.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.bench.BenchmarkExport;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.bench.TestHttpServer;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.RealParts;
import org.clusterdeck.ui.UiContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark page's state against a real in-process HTTP server. Background work and "FX"
 * callbacks run on the calling thread ({@link UiContext#sameThread}); the load itself is a job on
 * the job runner, whose end the tests wait for with a latch on the view model's property.
 */
class BenchmarkViewModelTest {
    private Store store;
    private JobRunner jobs;
    private BenchmarkViewModel vm;

    @BeforeEach
    void open() {
        store = Store.inMemory("bench-vm-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        vm = new BenchmarkViewModel(UiContext.sameThread(store, jobs, new InventoryEvents()));
    }

    @AfterEach
    void close() {
        jobs.close();
        store.close();
    }

    /** Waits until the run has ended and the view model has taken in its outcome (it clears "running" last). */
    private void awaitEnd() throws InterruptedException {
        CountDownLatch ended = new CountDownLatch(1);
        vm.runningProperty().addListener((o, was, now) -> {
            if (!now) {
                ended.countDown();
            }
        });
        if (vm.runningProperty().get()) {
            assertThat(ended.await(60, TimeUnit.SECONDS)).as("the run ended").isTrue();
        }
    }

    /** Waits for the first per-second sample of the running benchmark. */
    private void awaitFirstSample() throws InterruptedException {
        CountDownLatch sampled = new CountDownLatch(1);
        vm.liveSeries().addListener((javafx.collections.ListChangeListener<Object>) c -> sampled.countDown());
        if (vm.liveSeries().isEmpty()) {
            assertThat(sampled.await(20, TimeUnit.SECONDS)).as("a sample arrived").isTrue();
        }
    }

    @Test
    void formValidationNamesTheFieldToFix() {
        vm.urlProperty().set("");
        assertThat(vm.validationProperty().get()).contains("A URL is needed");
        vm.urlProperty().set("http://127.0.0.1:8080/");
        assertThat(vm.validationProperty().get()).isEmpty();
        vm.connectionsProperty().set("lots");
        assertThat(vm.validationProperty().get()).isEqualTo("Connections must be a whole number, e.g. 100.");
        vm.connectionsProperty().set("0");
        assertThat(vm.validationProperty().get()).contains("Connections must be between 1");
        vm.connectionsProperty().set("10");
        vm.durationProperty().set("ten seconds");
        assertThat(vm.validationProperty().get()).contains("is not a duration");
        vm.durationProperty().set("2s");
        vm.rateProperty().set("-5");
        assertThat(vm.validationProperty().get()).contains("Rate must be positive");
        vm.rateProperty().set("");
        vm.headersProperty().set("X-Ok: 1\nbroken");
        assertThat(vm.validationProperty().get()).contains("must look like 'Name: value'");
        vm.headersProperty().set("X-Ok: 1");
        assertThat(vm.validationProperty().get()).isEmpty();
        assertThat(vm.start()).isNotNull();
    }

    @Test
    void aRunShowsLiveSamplesThenItsSummaryAndJoinsTheHistory(@TempDir Path dir) throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            vm.prefill(server.url("/ok"), "lb", "frontend");
            vm.connectionsProperty().set("4");
            vm.durationProperty().set("2s");
            vm.labelProperty().set("baseline");
            Job<BenchmarkRun> job = vm.start();
            assertThat(vm.runningProperty().get()).isTrue();
            BenchmarkRun run = job.result().get(30, TimeUnit.SECONDS);
            awaitEnd();
            assertThat(run.id()).isPositive();
            assertThat(run.targetKind()).isEqualTo("lb");
            assertThat(run.targetName()).isEqualTo("frontend");
            assertThat(vm.runningProperty().get()).isFalse();
            assertThat(vm.liveSeries()).hasSizeGreaterThanOrEqualTo(2);
            assertThat(vm.liveHost()).as("loopback target: this machine's /proc is sampled").isNotEmpty();
            assertThat(vm.shownRunProperty().get().id()).as("the page shows the run that just finished").isEqualTo(run.id());
            assertThat(RunFigures.title(vm.shownRunProperty().get())).isEqualTo("Run #" + run.id() + " · baseline");
            assertThat(vm.history()).extracting(BenchmarkRun::id).contains(run.id());

            Path csv = dir.resolve("run.csv");
            vm.export(run, BenchmarkExport.Format.CSV, csv);
            assertThat(vm.statusProperty().get()).isEqualTo("Wrote " + csv + ".");
            assertThat(Files.readString(csv)).startsWith("start_s,");
        }
    }

    @Test
    void cancelKeepsWhatWasMeasured() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            vm.urlProperty().set(server.url("/ok"));
            vm.connectionsProperty().set("2");
            vm.durationProperty().set("60s");
            Job<BenchmarkRun> job = vm.start();
            awaitFirstSample();
            vm.cancel();
            BenchmarkRun run = job.result().get(20, TimeUnit.SECONDS);
            awaitEnd();
            assertThat(run.result().cancelled()).isTrue();
            assertThat(run.result().requests()).isPositive();
            assertThat(store.sql().count("SELECT COUNT(*) FROM bench_runs WHERE cancelled")).isEqualTo(1);
            assertThat(vm.statusProperty().get()).contains("Cancelled; kept what was measured");
        }
    }

    @Test
    void comparingTwoRunsWordsTheResult() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            vm.urlProperty().set(server.url("/ok"));
            vm.connectionsProperty().set("2");
            vm.durationProperty().set("1500ms");
            BenchmarkRun a = vm.start().result().get(30, TimeUnit.SECONDS);
            awaitEnd();
            BenchmarkRun b = vm.start().result().get(30, TimeUnit.SECONDS);
            awaitEnd();
            ComparisonViewModel cmp = new ComparisonViewModel(vm.context());
            cmp.load(b.id(), a.id());
            // background work runs on this thread here: the comparison is there on return
            ComparisonViewModel.Comparison c = cmp.comparisonProperty().get();
            assertThat(c.before().id()).as("the older run is 'before'").isEqualTo(a.id());
            assertThat(c.after().id()).isEqualTo(b.id());
            assertThat(c.deltas()).extracting(d -> d.metric()).contains("requests/s", "p99 latency");
            assertThat(c.beforeCurve()).as("the stored histogram gives the percentile curve").isNotEmpty();
        }
    }

    @Test
    void aRunIsRelabelledAndDeleted() throws Exception {
        try (TestHttpServer server = new TestHttpServer(false)) {
            vm.urlProperty().set(server.url("/ok"));
            vm.connectionsProperty().set("2");
            vm.durationProperty().set("1s");
            BenchmarkRun run = vm.start().result().get(30, TimeUnit.SECONDS);
            awaitEnd();
            vm.relabel(run, "  after tuning ");
            assertThat(vm.history()).anySatisfy(r -> assertThat(r.label()).isEqualTo("after tuning"));
            assertThat(vm.shownRunProperty().get().label()).isEqualTo("after tuning");
            assertThat(vm.statusProperty().get()).isEqualTo("Run #" + run.id() + " is now labelled 'after tuning'.");
            vm.delete(java.util.List.of(run));
            assertThat(vm.history()).isEmpty();
            assertThat(store.sql().count("SELECT COUNT(*) FROM bench_runs")).isZero();
            assertThat(vm.shownRunProperty().get()).isNull();
            assertThat(vm.statusProperty().get()).isEqualTo("Deleted run #" + run.id() + ".");
        }
    }

    @Test
    void aNonLoopbackTargetIsRefusedWithTheReason() throws InterruptedException {
        vm.urlProperty().set("http://192.0.2.21/");
        assertThat(vm.start()).isNotNull();
        awaitEnd(); // the failure reaches the view model after the job has ended
        assertThat(vm.statusProperty().get()).startsWith("Benchmark failed: Refusing to send traffic to 192.0.2.21");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aLabAddressWhoseRouteLeavesTheLabBridgeIsRefused() throws Exception {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
        RealParts.require(ip, "iproute2 (ip) is not installed");
        // no lab 77 exists: ip route get shows the default route (or unreachable), never bridge cdlab77
        vm.urlProperty().set("http://10.213.77.11/");
        assertThat(vm.start()).isNotNull();
        awaitEnd();
        assertThat(vm.statusProperty().get()).startsWith("Benchmark failed: Refusing lab address 10.213.77.11")
                .contains("cdlab77");
    }
}
