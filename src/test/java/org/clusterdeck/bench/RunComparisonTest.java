package org.clusterdeck.bench;

import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.model.SecondSample;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

    /** A 30-second run whose per-second p99 and throughput are drawn from normal distributions. */
    static BenchmarkResult run(long seed, double rps, double p99Micros) {
        Random rnd = new Random(seed);
        List<SecondSample> series = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            long req = Math.round(rps * (1 + 0.05 * rnd.nextGaussian()));
            long p99 = Math.round(p99Micros * (1 + 0.10 * rnd.nextGaussian()));
            series.add(new SecondSample(s * 1000L, 1000, req, 0, req * 800, p99 / 4, p99 / 2, p99, p99 * 2));
        }
        BenchmarkSpec spec = new BenchmarkSpec(URI.create("http://127.0.0.1:8080/"), 10, 0, Duration.ofSeconds(30), 0,
                Duration.ZERO, Duration.ofSeconds(5), "GET", List.of(), "", false, 0);
        long total = series.stream().mapToLong(SecondSample::requests).sum();
        return new BenchmarkResult(spec, "127.0.0.1", "epoll", Instant.now(), 30_000, false, total, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                new LatencySummary(1, 2, (long) p99Micros, 4, 5, 1), series, null, null);
    }

    static RunComparison.MetricDelta metric(List<RunComparison.MetricDelta> deltas, String name) {
        return deltas.stream().filter(d -> d.metric().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void sameDistributionGivesNoSignificantDifference() {
        List<RunComparison.MetricDelta> deltas = RunComparison.compare(run(1, 10_000, 2000), run(2, 10_000, 2000));
        for (RunComparison.MetricDelta d : deltas) {
            assertThat(d.significant()).as(d.sentence()).isFalse();
            assertThat(d.sentence()).containsAnyOf("this is within the noise", "did not change");
        }
    }

    @Test
    void aClearLatencyDropIsASignificantImprovement() {
        List<RunComparison.MetricDelta> deltas = RunComparison.compare(run(3, 10_000, 2000), run(4, 10_000, 1600));
        RunComparison.MetricDelta p99 = metric(deltas, "p99 latency");
        assertThat(p99.significant()).isTrue();
        assertThat(p99.improved()).isTrue();
        assertThat(p99.changePercent()).isBetween(-26.0, -14.0);
        assertThat(p99.change()).as("ms").isBetween(-0.52, -0.28);
        assertThat(p99.plusMinus()).isBetween(0.02, 0.2);
        assertThat(p99.sentence()).matches("p99 latency got better by 0\\.[345]\\d ms \\(± 0\\.\\d\\d ms, −?-?\\d+ %\\); this is not noise \\(p .*\\)\\.");
    }

    @Test
    void lowerThroughputIsASignificantWorsening() {
        List<RunComparison.MetricDelta> deltas = RunComparison.compare(run(5, 10_000, 2000), run(6, 8_000, 2000));
        RunComparison.MetricDelta rps = metric(deltas, "requests/s");
        assertThat(rps.significant()).isTrue();
        assertThat(rps.improved()).isFalse();
        assertThat(rps.changePercent()).isBetween(-25.0, -15.0);
        assertThat(rps.sentence()).startsWith("requests/s got worse by 2,").contains(" req/s (± ").endsWith("this is not noise (p < 0.001).");
    }

    @Test
    void tooShortRunsAreNotJudged() {
        BenchmarkResult a = run(7, 10_000, 2000);
        BenchmarkResult shortRun = new BenchmarkResult(a.spec(), a.address(), a.transport(), a.startedAt(), 2000, false,
                1, 0, 0, 0, 0, 0, 0, 0, 0, 0, a.latency(), a.series().subList(0, 2), null, null);
        RunComparison.MetricDelta d = metric(RunComparison.compare(a, shortRun), "p99 latency");
        assertThat(d.significant()).isFalse();
        assertThat(d.sentence()).contains("not enough data");
    }

    @Test
    void worseP99IsWordedInMillisecondsWithItsInterval() {
        List<RunComparison.MetricDelta> deltas = RunComparison.compare(run(8, 10_000, 20_000), run(9, 10_000, 32_000));
        RunComparison.MetricDelta p99 = metric(deltas, "p99 latency");
        assertThat(p99.unit()).isEqualTo("ms");
        assertThat(p99.change()).isBetween(10.0, 14.0);
        assertThat(p99.sentence()).startsWith("p99 latency got worse by 1").contains(" ms (± ").contains("this is not noise");
    }

    @Test
    void bootstrapDifferenceBracketsTheTrueDifference() {
        double[] a = new double[40];
        double[] b = new double[40];
        Random rnd = new Random(11);
        for (int i = 0; i < 40; i++) {
            a[i] = 10 + rnd.nextGaussian();
            b[i] = 13 + rnd.nextGaussian();
        }
        double[] ci = Statistics.bootstrapDifference(a, b, 2000, 1);
        assertThat(ci[0]).isLessThan(3.0).isGreaterThan(2.0);
        assertThat(ci[1]).isGreaterThan(3.0).isLessThan(4.0);
        assertThat(Statistics.bootstrapDifference(a, b, 2000, 1)).as("seeded: same words every time").containsExactly(ci);
    }

    @Test
    void mannWhitneyMatchesAKnownValue() {
        // scipy.stats.mannwhitneyu([1,2,3,4,5],[6,7,8,9,10], method="asymptotic") -> p = 0.01193
        double p = Statistics.mannWhitneyP(new double[] {1, 2, 3, 4, 5}, new double[] {6, 7, 8, 9, 10});
        assertThat(p).isBetween(0.0115, 0.0125);
        assertThat(Statistics.mannWhitneyP(new double[] {3, 3, 3}, new double[] {3, 3, 3})).isEqualTo(1.0);
    }

    @Test
    void seriesBufferStaysBoundedAndKeepsTotals() {
        SeriesBuffer b = new SeriesBuffer(16);
        for (int i = 0; i < 1000; i++) {
            b.add(new SecondSample(i * 1000L, 1000, 10, i == 500 ? 1 : 0, 100, 5, 6, i == 777 ? 999 : 7, 8));
        }
        List<SecondSample> s = b.snapshot();
        assertThat(s.size()).isLessThanOrEqualTo(17);
        assertThat(s.stream().mapToLong(SecondSample::requests).sum()).isEqualTo(10_000);
        assertThat(s.stream().mapToLong(SecondSample::errors).sum()).isEqualTo(1);
        assertThat(s.stream().mapToLong(SecondSample::p99).max().orElse(0)).isEqualTo(999);
        assertThat(s.get(s.size() - 1).startMs() + s.get(s.size() - 1).widthMs()).isEqualTo(1_000_000);
    }
}
