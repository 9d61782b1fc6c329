package org.clusterdeck.hostmetrics;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.clusterdeck.model.HostSample;
import org.clusterdeck.bench.HostSampler;
import org.clusterdeck.bench.ProcSnapshot;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;

/**
 * Samples a remote host's /proc over SSH: the same four files as {@link org.clusterdeck.bench.LocalProcHostSampler},
 * fetched in one command per second and parsed by {@link ProcSnapshot#parse}.
 */
public final class SshHostSampler implements HostSampler {
    static final List<String> FILES = List.of("/proc/stat", "/proc/meminfo", "/proc/net/dev", "/proc/diskstats");
    /** {@code head} prints "==> FILE <==" before each of several files, which is how the output is split. */
    static final RemoteCommand READ_PROC = new RemoteCommand(
            java.util.stream.Stream.concat(java.util.stream.Stream.of("head", "-v", "-n", "100000"), FILES.stream()).toList(),
            false, null, Duration.ofSeconds(5));

    private final String hostName;
    private final Supplier<RemoteShell> opener;
    private RemoteShell shell;
    private ProcSnapshot last;

    /** Samples over an already open shell; closing the sampler closes it. */
    public SshHostSampler(RemoteShell shell) {
        this(shell.hostName(), () -> shell);
    }

    /** Opens the shell at the first sample, so nothing connects before the run has accepted its target. */
    public SshHostSampler(String hostName, Supplier<RemoteShell> opener) {
        this.hostName = hostName;
        this.opener = opener;
    }

    @Override
    public String source() {
        return hostName + " over SSH";
    }

    @Override
    public synchronized HostSample sample(long startMs) throws IOException {
        if (shell == null) {
            try {
                shell = opener.get();
            } catch (RemoteException e) {
                throw new IOException("cannot connect to " + hostName + ": " + e.getMessage(), e);
            }
        }
        CommandResult r;
        try {
            r = shell.run(READ_PROC);
        } catch (RemoteException e) {
            throw new IOException("reading /proc on " + hostName + " failed: " + e.getMessage(), e);
        }
        if (!r.ok()) {
            throw new IOException("reading /proc on " + hostName + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().strip());
        }
        Map<String, String> files = split(r.stdout());
        ProcSnapshot now = ProcSnapshot.parse(System.nanoTime(), files.get("/proc/stat"), files.get("/proc/meminfo"),
                files.get("/proc/net/dev"), files.get("/proc/diskstats"));
        ProcSnapshot before = last == null ? now : last;
        last = now;
        return now.since(before, startMs);
    }

    /** The text of each file in {@code head -v} output; a file missing from it is an error naming that file. */
    static Map<String, String> split(String output) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        String current = null;
        StringBuilder text = new StringBuilder();
        for (String line : output.split("\n", -1)) {
            if (line.startsWith("==> ") && line.endsWith(" <==")) {
                if (current != null) {
                    files.put(current, text.toString());
                }
                current = line.substring(4, line.length() - 4);
                text.setLength(0);
            } else if (current != null) {
                text.append(line).append('\n');
            }
        }
        if (current != null) {
            files.put(current, text.toString());
        }
        for (String f : FILES) {
            if (!files.containsKey(f)) {
                throw new IOException("the host did not return " + f + " (is it Linux?)");
            }
        }
        return files;
    }

    @Override
    public synchronized void close() {
        if (shell != null) {
            shell.close();
            shell = null;
        }
    }
}
