package org.clusterdeck.scan;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How many more files (sockets) this process may open: the soft RLIMIT_NOFILE from
 * {@code /proc/self/limits} minus the descriptors open now, minus a margin for everything else
 * the process (logging, the database, other jobs) opens while a scan runs.
 */
final class OpenFiles {
    /** Kept free for the rest of the process; a quarter of the headroom when that is smaller. */
    static final int MARGIN = 256;
    /** Assumed when /proc is not there (not Linux): the usual default soft limit. */
    private static final long FALLBACK_LIMIT = 1024;

    private OpenFiles() {
    }

    /** The soft limit on open files ("Max open files" in /proc/self/limits). */
    static long softLimit() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
                if (line.startsWith("Max open files")) {
                    String soft = line.substring("Max open files".length()).strip().split("\\s+")[0];
                    return soft.equals("unlimited") ? Integer.MAX_VALUE : Long.parseLong(soft);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux or an unexpected format: assume the common default
        }
        return FALLBACK_LIMIT;
    }

    /** Descriptors this process has open now. */
    static int openNow() {
        int n = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path ignored : fds) {
                n++;
            }
        } catch (IOException e) {
            return 64;
        }
        return n;
    }

    /** Sockets a scan may hold open at once: at least 1, never past the limit minus the margin. */
    static int budget() {
        long headroom = softLimit() - openNow();
        long margin = Math.min(MARGIN, Math.max(8, headroom / 4));
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, headroom - margin));
    }
}
