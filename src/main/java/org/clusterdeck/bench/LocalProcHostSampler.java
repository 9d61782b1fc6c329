package org.clusterdeck.bench;

import org.clusterdeck.model.HostSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Samples this machine's /proc: the host under load when the target is a loopback address. */
public final class LocalProcHostSampler implements HostSampler {
    private final Path proc;
    private ProcSnapshot last;

    public LocalProcHostSampler() {
        this(Path.of("/proc"));
    }

    LocalProcHostSampler(Path proc) {
        this.proc = proc;
    }

    /** True where /proc can be read (Linux). */
    public static boolean available() {
        return Files.isReadable(Path.of("/proc/stat"));
    }

    @Override
    public String source() {
        return "this machine";
    }

    @Override
    public synchronized HostSample sample(long startMs) throws IOException {
        ProcSnapshot now = ProcSnapshot.parse(System.nanoTime(), read("stat"), read("meminfo"), read("net/dev"),
                read("diskstats"));
        ProcSnapshot before = last == null ? now : last;
        last = now;
        return now.since(before, startMs);
    }

    private String read(String name) throws IOException {
        return Files.readString(proc.resolve(name), StandardCharsets.US_ASCII);
    }
}
