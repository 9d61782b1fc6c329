package org.clusterdeck.ui.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.HdrHistogram.Histogram;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.bench.LatencyPercentiles;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.model.SecondSample;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.BenchmarkRepository;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The comparison view on two runs stored in the database: its sentences, numbers, plot and PNG. */
@ExtendWith(ApplicationExtension.class)
class ComparisonViewTest {
    @TempDir
    static Path dir;

    private Store store;
    private JobRunner jobs;
    private ComparisonView view;
    private BenchmarkRun before;
    private BenchmarkRun after;

    @Start
    void start(Stage stage) {
        org.clusterdeck.ui.common.Theme.LIGHT.apply();
        store = Store.inMemory("comparison-view-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        BenchmarkRepository repo = new BenchmarkRepository(store.sql());
        // 30 s each: the same throughput; p99 about 20 ms before, about 32 ms after
        before = repo.save(new BenchmarkRun(0, "before tuning", "lb", "frontend", result(1, 10_000, 20_000), List.of()));
        after = repo.save(new BenchmarkRun(0, "after tuning", "lb", "frontend", result(2, 10_000, 32_000), List.of()));
        ComparisonViewModel vm = new ComparisonViewModel(new UiContext(store, jobs, new InventoryEvents(), Platform::runLater));
        view = new ComparisonView(vm);
        stage.setScene(new Scene(view.node(), 1280, 720));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
        vm.load(after.id(), before.id());
    }

    @AfterEach
    void close() {
        jobs.close();
        store.close();
    }

    static BenchmarkResult result(long seed, double rps, double p99Micros) {
        Random rnd = new Random(seed);
        List<SecondSample> series = new ArrayList<>();
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int s = 0; s < 30; s++) {
            long req = Math.round(rps * (1 + 0.05 * rnd.nextGaussian()));
            long p99 = Math.round(p99Micros * (1 + 0.05 * rnd.nextGaussian()));
            series.add(new SecondSample(s * 1000L, 1000, req, 0, req * 800, p99 / 4, p99 / 2, p99, p99 * 2));
            h.recordValueWithCount(p99 / 4, req * 99 / 100);
            h.recordValueWithCount(p99, req / 100);
        }
        BenchmarkSpec spec = new BenchmarkSpec(URI.create("http://127.0.0.1:8080/"), 64, 0, Duration.ofSeconds(30), 0,
                Duration.ZERO, Duration.ofSeconds(5), "GET", List.of(), "", false, 0);
        long total = series.stream().mapToLong(SecondSample::requests).sum();
        return new BenchmarkResult(spec, "127.0.0.1", "epoll", Instant.parse("2026-11-28T20:00:00Z"), 30_000, false, total,
                0, 0, 0, 0, 0, 0, 0, total * 800, 0, new LatencySummary(h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), h.getMean()), series, LatencyPercentiles.encode(h), null);
    }

    @Test
    void showsBothRunsEachChangeInWordsAndTheOverlaidPercentiles(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !robot.lookup("#comparison-title").queryAll().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#comparison-title").queryAs(Label.class).getText())
                .isEqualTo("Run #" + before.id() + " · before tuning  →  Run #" + after.id() + " · after tuning");

        List<String> sentences = view.sentences();
        assertThat(sentences).hasSize(6);
        String p99 = sentences.stream().filter(s -> s.startsWith("p99 latency")).findFirst().orElseThrow();
        assertThat(p99).matches("p99 latency got worse by 1[123]\\.\\d ms \\(± 0\\.\\d+ ms, \\+\\d+ %\\); this is not noise \\(p < 0\\.001\\)\\.");
        String rps = sentences.stream().filter(s -> s.startsWith("requests/s")).findFirst().orElseThrow();
        assertThat(rps).contains("this is within the noise");

        // the numbers of each side are the stored runs' own
        assertThat(robot.lookup("#cmp-before-p99").queryAs(Label.class).getText())
                .isEqualTo(RunFigures.ms(before.result().latency().p99()));
        assertThat(robot.lookup("#cmp-after-p99").queryAs(Label.class).getText())
                .isEqualTo(RunFigures.ms(after.result().latency().p99()));
        assertThat(robot.lookup("#cmp-after-rps").queryAs(Label.class).getText())
                .isEqualTo(String.format(java.util.Locale.ROOT, "%,.0f", after.result().requestsPerSecond()));
        // the table row of p99 latency (row 4): verdict "worse"
        assertThat(robot.lookup("#cmp-0-4").queryAs(Label.class).getText()).isEqualTo("p99 latency");
        assertThat(robot.lookup("#cmp-4-4").queryAs(Label.class).getText()).isEqualTo("worse");
        assertThat(robot.lookup("#cmp-3-4").queryAs(Label.class).getText()).startsWith("+1").contains(" ms ± 0.");

        LineChart<?, ?> chart = robot.lookup("#comparison-percentiles").queryAs(LineChart.class);
        assertThat(chart.getData()).hasSize(2);
        assertThat(chart.getData().get(0).getName()).isEqualTo("Before: Run #" + before.id() + " · before tuning");
        assertThat(chart.getData().get(1).getData()).isNotEmpty();

        Path png = dir.resolve("compare.png");
        robot.interact(() -> view.writePng(png));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Files.exists(png) && Files.size(png) > 1000);
        assertThat(java.util.Arrays.copyOf(Files.readAllBytes(png), 4)).containsExactly(0x89, 'P', 'N', 'G');
    }
}
