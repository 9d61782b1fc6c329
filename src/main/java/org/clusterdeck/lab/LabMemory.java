package org.clusterdeck.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * Memory a lab host uses: the proportional set size (PSS) of every process in its PID
 * namespace, so pages shared with other hosts (the same binaries from the same lower layer)
 * are counted once across the lab, not once per host.
 */
final class LabMemory {
    private LabMemory() {
    }

    /** Sum of PSS, in bytes, of the processes in the PID namespace of {@code leader}. */
    static long ofNamespaceOf(ProcessHandle leader) {
        String ns = LabCleanup.pidNamespace(leader.pid());
        if (ns == null) {
            return 0;
        }
        long total = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                if (ns.equals(LabCleanup.pidNamespace(Long.parseLong(p.getFileName().toString())))) {
                    total += pssBytes(p);
                }
            }
        } catch (IOException e) {
            return total;
        }
        return total;
    }

    private static long pssBytes(Path proc) {
        try {
            for (String line : Files.readAllLines(proc.resolve("smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0; // exited, or a kernel thread without memory
        }
        return 0;
    }
}
