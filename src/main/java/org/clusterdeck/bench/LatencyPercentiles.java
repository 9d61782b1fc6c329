package org.clusterdeck.bench;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.DataFormatException;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * A run's latency distribution as HdrHistogram plots it: latency at each percentile, dense
 * towards the tail, up to {@link #MAX_PERCENTILE} (plotted on a log scale of 1/(1 - p), where
 * 100 % is infinitely far). Also the stored form of the whole-run histogram (compressed, Base64).
 */
public final class LatencyPercentiles {
    /** The last percentile plotted: 99.999 %. */
    public static final double MAX_PERCENTILE = 99.999;

    /** One point of the curve: at {@code percentile} (0-100) of requests, latency was at most {@code millis}. */
    public record Point(double percentile, double millis) {
        /** The x position on the log scale: 0 at 0 %, 1 at 90 %, 2 at 99 %, 3 at 99.9 % … */
        public double logScale() {
            return toLogScale(percentile);
        }
    }

    private LatencyPercentiles() {
    }

    /** x = log10(1 / (1 - p)): 90 % → 1, 99 % → 2, 99.9 % → 3. */
    public static double toLogScale(double percentile) {
        double p = Math.min(percentile, MAX_PERCENTILE) / 100.0;
        return Math.log10(1 / (1 - p));
    }

    /** The percentile shown at a log-scale position: 1 → 90, 2 → 99. */
    public static double fromLogScale(double x) {
        return (1 - Math.pow(10, -x)) * 100;
    }

    /** The curve of a stored histogram; empty when the run stored none (old runs) or recorded nothing. */
    public static List<Point> curve(String encoded) {
        if (encoded == null || encoded.isBlank()) {
            return List.of();
        }
        Histogram h = decode(encoded);
        List<Point> out = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return out;
        }
        for (HistogramIterationValue v : h.percentiles(5)) {
            double p = v.getPercentileLevelIteratedTo();
            if (p > MAX_PERCENTILE) {
                break;
            }
            out.add(new Point(p, h.highestEquivalentValue(v.getValueIteratedTo()) / 1000.0));
        }
        out.add(new Point(MAX_PERCENTILE, h.getValueAtPercentile(MAX_PERCENTILE) / 1000.0));
        return out;
    }

    /** The stored form of a histogram of microseconds. */
    public static String encode(Histogram h) {
        ByteBuffer buf = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int len = h.encodeIntoCompressedByteBuffer(buf);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buf.array(), len));
    }

    static Histogram decode(String encoded) {
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded.strip())), 0);
        } catch (DataFormatException | IllegalArgumentException e) {
            throw new IllegalArgumentException("The stored latency histogram cannot be read: " + e.getMessage(), e);
        }
    }
}
