package org.clusterdeck.bench;

import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.HostSample;
import org.clusterdeck.model.SecondSample;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.net.TargetPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One benchmark as the CLI and the UI run it: the engine plus, when given, a {@link HostSampler}
 * read once a second beside the load. Blocking; {@link #cancel} ends it early and keeps what was
 * measured.
 */
public final class BenchmarkSession {
    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkSession.class);

    /** Once a second: the load sample, the host sample (null when none) and the progress. */
    @FunctionalInterface
    public interface Listener {
        void onSecond(SecondSample sample, HostSample host, LoadEngine.Progress progress);
    }

    private final LoadEngine engine;
    private final HostSampler hostSampler;
    private volatile boolean cancelled;

    /** Checks the target against {@code targets} now; sends nothing yet. */
    public BenchmarkSession(BenchmarkSpec spec, TargetPolicy targets, HostSampler hostSampler) {
        this.engine = LoadEngine.prepare(spec, targets);
        this.hostSampler = hostSampler;
    }

    public void cancel() {
        cancelled = true;
        engine.cancel();
    }

    public BenchmarkRun run(String label, String targetKind, String targetName, Listener listener) {
        List<HostSample> hostSeries = new ArrayList<>();
        boolean[] samplerBroken = {false};
        if (hostSampler != null) {
            sampleHost(0, samplerBroken); // the baseline for the first second's deltas
        }
        if (cancelled) {
            engine.cancel();
        }
        BenchmarkResult result = engine.run((sample, progress) -> {
            HostSample h = hostSampler == null ? null : sampleHost(sample.startMs(), samplerBroken);
            if (h != null) {
                hostSeries.add(h);
                if (hostSeries.size() > SeriesBuffer.DEFAULT_CAPACITY) {
                    hostSeries.remove(0); // bounded like the load series; the newest hour is kept
                }
            }
            if (listener != null) {
                listener.onSecond(sample, h, progress);
            }
        });
        if (hostSampler != null) {
            hostSampler.close();
        }
        return new BenchmarkRun(0, label, targetKind == null ? "url" : targetKind, targetName, result, hostSeries);
    }

    private HostSample sampleHost(long startMs, boolean[] broken) {
        if (broken[0]) {
            return null;
        }
        try {
            return hostSampler.sample(startMs);
        } catch (IOException | RuntimeException e) {
            broken[0] = true; // host metrics are a bonus: the load run goes on without them
            LOG.warn("Host sampling from {} stopped: {}", hostSampler.source(), e.getMessage());
            return null;
        }
    }
}
