package org.clusterdeck.model;

import java.util.List;

/**
 * A stored run: its result plus where it was started from (a load balancer, VM or a plain URL),
 * an optional label, and the host metrics sampled beside it. {@code id} is 0 until saved.
 */
public record BenchmarkRun(long id, String label, String targetKind, String targetName, BenchmarkResult result,
                           List<HostSample> hostSeries) {
    public BenchmarkRun {
        hostSeries = hostSeries == null ? List.of() : List.copyOf(hostSeries);
    }

    public static BenchmarkRun of(BenchmarkResult result) {
        return new BenchmarkRun(0, null, "url", null, result, List.of());
    }

    public BenchmarkRun withId(long newId) {
        return new BenchmarkRun(newId, label, targetKind, targetName, result, hostSeries);
    }
}
