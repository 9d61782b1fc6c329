package org.clusterdeck.bench;

import org.clusterdeck.model.SecondSample;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-second series of a run with a fixed ceiling: when full, neighbouring samples are
 * merged in pairs, so a day-long run keeps {@code capacity} points of coarser width and memory
 * stays flat.
 */
public final class SeriesBuffer {
    public static final int DEFAULT_CAPACITY = 3600;
    private final int capacity;
    private final List<SecondSample> samples = new ArrayList<>();
    private SecondSample pending;
    private int width = 1;
    private int pendingCount;

    public SeriesBuffer(int capacity) {
        if (capacity < 2) {
            throw new IllegalArgumentException("capacity must be at least 2");
        }
        this.capacity = capacity;
    }

    public synchronized void add(SecondSample s) {
        pending = pending == null ? s : pending.merge(s);
        if (++pendingCount < width) {
            return;
        }
        samples.add(pending);
        pending = null;
        pendingCount = 0;
        if (samples.size() >= capacity) {
            List<SecondSample> merged = new ArrayList<>(capacity / 2 + 1);
            for (int i = 0; i + 1 < samples.size(); i += 2) {
                merged.add(samples.get(i).merge(samples.get(i + 1)));
            }
            if (samples.size() % 2 == 1) {
                merged.add(samples.get(samples.size() - 1));
            }
            samples.clear();
            samples.addAll(merged);
            width *= 2;
        }
    }

    /** A copy of the series so far, including a not yet full last point. */
    public synchronized List<SecondSample> snapshot() {
        List<SecondSample> out = new ArrayList<>(samples);
        if (pending != null) {
            out.add(pending);
        }
        return out;
    }
}
