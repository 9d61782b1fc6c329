package org.clusterdeck.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.bench.BenchmarkExport;
import org.clusterdeck.bench.BenchmarkRun;
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

/** The benchmark page's state against a real in-process HTTP server, with a same-thread "FX" executor. */
class BenchmarkViewModelTest {
    private Store store;
    private JobRunner jobs;
    private BenchmarkViewModel vm;

    @BeforeEach
    void open() {
        store = Store.inMemory("bench-vm-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        vm = new BenchmarkViewModel(new UiContext(store, jobs, new InventoryEvents(), Runnable::run));
    }

    @AfterEach
    void close() {
        jobs.close();
        store.close();
    }

    private static void awaitQuietly(Job<?> job) {
        try {
            job.result().get(30, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // the test looks at the view model's properties
        }
    }

    /** The FX-side callbacks run on the job and background threads here: wait for them, never sleep blindly. */
    private static void eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
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
            eventually(() -> !vm.runningProperty().get() && vm.history().stream().anyMatch(r -> r.id() == run.id()));
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!vm.statusProperty().get().startsWith("Wrote") && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
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
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (vm.liveSeries().isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            vm.cancel();
            BenchmarkRun run = job.result().get(20, TimeUnit.SECONDS);
            eventually(() -> vm.statusProperty().get().startsWith("Cancelled"));
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
            eventually(() -> !vm.runningProperty().get());
            BenchmarkRun b = vm.start().result().get(30, TimeUnit.SECONDS);
            eventually(() -> !vm.runningProperty().get());
            ComparisonViewModel cmp = new ComparisonViewModel(vm.context());
            cmp.load(b.id(), a.id());
            eventually(() -> cmp.comparisonProperty().get() != null);
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
            eventually(() -> !vm.runningProperty().get() && !vm.history().isEmpty());
            vm.relabel(run, "  after tuning ");
            eventually(() -> vm.history().stream().anyMatch(r -> "after tuning".equals(r.label())));
            assertThat(vm.shownRunProperty().get().label()).isEqualTo("after tuning");
            assertThat(vm.statusProperty().get()).isEqualTo("Run #" + run.id() + " is now labelled 'after tuning'.");
            vm.delete(java.util.List.of(run));
            eventually(() -> vm.history().isEmpty());
            assertThat(vm.history()).isEmpty();
            assertThat(store.sql().count("SELECT COUNT(*) FROM bench_runs")).isZero();
            assertThat(vm.shownRunProperty().get()).isNull();
            assertThat(vm.statusProperty().get()).isEqualTo("Deleted run #" + run.id() + ".");
        }
    }

    @Test
    void aNonLoopbackTargetIsRefusedWithTheReason() throws InterruptedException {
        vm.urlProperty().set("http://192.168.1.21/");
        Job<BenchmarkRun> job = vm.start();
        awaitQuietly(job);
        // the failure reaches the view model through the FX executor, after the job has ended
        eventually(() -> !vm.runningProperty().get() && vm.statusProperty().get().startsWith("Benchmark failed"));
        assertThat(vm.statusProperty().get()).startsWith("Benchmark failed: Refusing to send load to 192.168.1.21");
        assertThat(vm.runningProperty().get()).isFalse();
    }

    @Test
    void aLabAddressWhoseRouteLeavesTheLabBridgeIsRefused() throws Exception {
        boolean ip = Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"));
        RealParts.require(ip, "iproute2 (ip) is not installed");
        // no lab 77 exists: ip route get shows the default route (or unreachable), never bridge cdlab77
        vm.urlProperty().set("http://10.213.77.11/");
        Job<BenchmarkRun> job = vm.start();
        awaitQuietly(job);
        eventually(() -> !vm.runningProperty().get());
        assertThat(vm.statusProperty().get()).startsWith("Benchmark failed: Refusing lab address 10.213.77.11")
                .contains("cdlab77");
    }
}
