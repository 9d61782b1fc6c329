package org.clusterdeck.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * Whether a host runs on this machine's own kernel (a lab host, whatever site it was filed
 * under), so that kernel-wide keys (vm.*, kernel.*, fs.*) set "there" would change this machine.
 *
 * <p>Same {@code /proc/sys/kernel/random/boot_id} means the same kernel: true for a lab host in a
 * network namespace. A systemd-nspawn container, though, shows a boot_id of its own (nspawn mounts
 * a random one over it; seen here), so the kernel's boot time ({@code btime} in /proc/stat, not
 * namespaced) and its build ({@code /proc/version}) are compared too: equal boot second and
 * build means the same kernel. Another machine matching both would be refused kernel-wide keys
 * by mistake, which is the safe way to be wrong.
 */
public final class KernelIdentity {
    /** A kernel as seen through /proc: boot id, build line, boot time (seconds since the epoch). */
    public record Kernel(String bootId, String version, long bootTime) {
        boolean sameAs(Kernel other) {
            if (!bootId.isEmpty() && bootId.equals(other.bootId)) {
                return true;
            }
            // btime is derived from the wall clock and can move by a second when the clock is adjusted
            return !version.isEmpty() && version.equals(other.version) && bootTime > 0
                    && Math.abs(bootTime - other.bootTime) <= 1;
        }
    }

    private static final String[] FILES = {"/proc/sys/kernel/random/boot_id", "/proc/version", "/proc/stat"};

    private KernelIdentity() {
    }

    /** Reads the host's kernel identity over the shell and compares it with this machine's. */
    public static boolean sharesThisMachinesKernel(RemoteShell shell) {
        CommandResult r = shell.run(RemoteCommand.of("cat", FILES[0], FILES[1], FILES[2]));
        return r.ok() && parse(r.stdout()).sameAs(local());
    }

    /** Whether the output of {@code cat boot_id /proc/version /proc/stat}, read on a host, is this machine's kernel. */
    public static boolean sameAsThisMachine(String catOutput) {
        return parse(catOutput == null ? "" : catOutput).sameAs(local());
    }

    /** The files to cat, in order, for {@link #sameAsThisMachine}. */
    public static String files() {
        return String.join(" ", FILES);
    }

    static Kernel local() {
        StringBuilder text = new StringBuilder();
        for (String f : FILES) {
            try {
                text.append(Files.readString(Path.of(f))).append('\n');
            } catch (IOException e) {
                // not Linux: nothing matches, and nothing here is this machine's kernel
            }
        }
        return parse(text.toString());
    }

    /** Parses {@code cat boot_id /proc/version /proc/stat}. */
    static Kernel parse(String text) {
        String[] lines = text.split("\n");
        String bootId = lines.length > 0 && lines[0].strip().matches("[0-9a-f-]{36}") ? lines[0].strip() : "";
        String version = "";
        long btime = 0;
        for (String line : lines) {
            if (line.startsWith("Linux version ")) {
                version = line.strip();
            } else if (line.startsWith("btime ")) {
                try {
                    btime = Long.parseLong(line.substring(6).strip());
                } catch (NumberFormatException e) {
                    btime = 0;
                }
            }
        }
        return new Kernel(bootId, version, btime);
    }
}
