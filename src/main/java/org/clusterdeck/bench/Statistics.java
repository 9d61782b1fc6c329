package org.clusterdeck.bench;

import java.util.Arrays;
import java.util.Random;

/** The two statistics behind run comparison: Mann-Whitney U and bootstrap intervals. */
public final class Statistics {
    private Statistics() {
    }

    /**
     * Two-sided p-value of the Mann-Whitney U test (normal approximation with tie and continuity
     * correction): the chance of seeing samples this different if both came from one distribution.
     */
    public static double mannWhitneyP(double[] a, double[] b) {
        int n1 = a.length;
        int n2 = b.length;
        if (n1 == 0 || n2 == 0) {
            return 1;
        }
        int n = n1 + n2;
        double[][] all = new double[n][2];
        for (int i = 0; i < n1; i++) {
            all[i] = new double[] {a[i], 0};
        }
        for (int i = 0; i < n2; i++) {
            all[n1 + i] = new double[] {b[i], 1};
        }
        Arrays.sort(all, (x, y) -> Double.compare(x[0], y[0]));
        double rankSumA = 0;
        double tieTerm = 0;
        for (int i = 0; i < n; ) {
            int j = i;
            while (j + 1 < n && all[j + 1][0] == all[i][0]) {
                j++;
            }
            double rank = (i + j) / 2.0 + 1;
            int t = j - i + 1;
            tieTerm += (double) t * t * t - t;
            for (int k = i; k <= j; k++) {
                if (all[k][1] == 0) {
                    rankSumA += rank;
                }
            }
            i = j + 1;
        }
        double u = rankSumA - n1 * (n1 + 1) / 2.0;
        double mean = n1 * (double) n2 / 2.0;
        double variance = n1 * (double) n2 / 12.0 * ((n + 1) - tieTerm / ((double) n * (n - 1)));
        if (variance <= 0) {
            return 1; // every value identical
        }
        double z = (Math.abs(u - mean) - 0.5) / Math.sqrt(variance);
        return Math.min(1, 2 * (1 - normalCdf(Math.max(0, z))));
    }

    /**
     * 95 % bootstrap interval of the relative change of the mean from {@code a} to {@code b}, in
     * percent: {@code [low, high]}. Seeded, so the same runs always give the same words.
     */
    public static double[] bootstrapChangePercent(double[] a, double[] b, int rounds, long seed) {
        return bootstrap(a, b, rounds, seed, (ma, mb) -> ma == 0 ? 0 : (mb - ma) / ma * 100);
    }

    /**
     * 95 % bootstrap interval of the difference of the means, {@code mean(b) - mean(a)}, in the
     * samples' own unit (ms, requests/s): {@code [low, high]}. Seeded like the percent interval.
     */
    public static double[] bootstrapDifference(double[] a, double[] b, int rounds, long seed) {
        return bootstrap(a, b, rounds, seed, (ma, mb) -> mb - ma);
    }

    private static double[] bootstrap(double[] a, double[] b, int rounds, long seed,
                                      java.util.function.DoubleBinaryOperator change) {
        Random rnd = new Random(seed);
        double[] changes = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            double ma = resampledMean(a, rnd);
            double mb = resampledMean(b, rnd);
            changes[r] = change.applyAsDouble(ma, mb);
        }
        Arrays.sort(changes);
        return new double[] {changes[(int) (rounds * 0.025)], changes[(int) Math.min(rounds - 1, rounds * 0.975)]};
    }

    public static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return v.length == 0 ? 0 : s / v.length;
    }

    private static double resampledMean(double[] v, Random rnd) {
        double s = 0;
        for (int i = 0; i < v.length; i++) {
            s += v[rnd.nextInt(v.length)];
        }
        return s / v.length;
    }

    /** Standard normal CDF (Abramowitz-Stegun 7.1.26 erf, error below 1.5e-7). */
    static double normalCdf(double z) {
        double x = Math.abs(z) / Math.sqrt(2);
        double t = 1 / (1 + 0.3275911 * x);
        double erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592)
                * t * Math.exp(-x * x);
        return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
    }
}
