package org.clusterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencyPercentilesTest {
    @Test
    void curveOfAStoredHistogramRisesToTheTail() {
        Histogram h = new Histogram(3_600_000_000L, 3);
        for (int i = 1; i <= 100_000; i++) {
            h.recordValue(i <= 99_000 ? 1_000 : 50_000); // 1 ms, the slowest 1 % at 50 ms
        }
        List<LatencyPercentiles.Point> curve = LatencyPercentiles.curve(LatencyPercentiles.encode(h));
        assertThat(curve).isNotEmpty();
        assertThat(curve.get(0).millis()).isCloseTo(1.0, within(0.01));
        LatencyPercentiles.Point last = curve.get(curve.size() - 1);
        assertThat(last.percentile()).isEqualTo(LatencyPercentiles.MAX_PERCENTILE);
        assertThat(last.millis()).isCloseTo(50.0, within(0.1));
        for (int i = 1; i < curve.size(); i++) {
            assertThat(curve.get(i).percentile()).isGreaterThanOrEqualTo(curve.get(i - 1).percentile());
            assertThat(curve.get(i).millis()).isGreaterThanOrEqualTo(curve.get(i - 1).millis());
        }
        assertThat(curve).filteredOn(p -> p.percentile() < 98.9).allSatisfy(p -> assertThat(p.millis()).isLessThan(1.01));
        assertThat(curve).filteredOn(p -> p.percentile() > 99.01).allSatisfy(p -> assertThat(p.millis()).isGreaterThan(49.0));
    }

    @Test
    void logScaleMapsNinesToWholeNumbers() {
        assertThat(LatencyPercentiles.toLogScale(0)).isEqualTo(0.0);
        assertThat(LatencyPercentiles.toLogScale(90)).isCloseTo(1.0, within(1e-9));
        assertThat(LatencyPercentiles.toLogScale(99.9)).isCloseTo(3.0, within(1e-9));
        assertThat(LatencyPercentiles.toLogScale(100)).as("capped at 99.999 %").isCloseTo(5.0, within(1e-6));
        assertThat(LatencyPercentiles.fromLogScale(2)).isCloseTo(99.0, within(1e-9));
    }

    @Test
    void noHistogramIsAnEmptyCurveAndABrokenOneAClearError() {
        assertThat(LatencyPercentiles.curve(null)).isEmpty();
        assertThatThrownBy(() -> LatencyPercentiles.curve("not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("histogram cannot be read");
    }
}
