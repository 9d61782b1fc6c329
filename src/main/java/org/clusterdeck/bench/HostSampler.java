package org.clusterdeck.bench;

import org.clusterdeck.model.HostSample;
import java.io.IOException;

/**
 * Reads a host's CPU, memory, network and disk counters once a second while a benchmark runs.
 * {@link LocalProcHostSampler} reads this machine's /proc (loopback targets); a sampler over SSH
 * for lab and real hosts implements the same interface by fetching the same four /proc files
 * and handing their text to {@link ProcSnapshot#parse}.
 */
public interface HostSampler extends AutoCloseable {
    /** What is sampled, e.g. "this machine" or "web1 over SSH". */
    String source();

    /** Counters now, compared with the previous call; the first call returns a zero sample. */
    HostSample sample(long startMs) throws IOException;

    @Override
    default void close() {
    }
}
