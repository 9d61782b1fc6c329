package org.clusterdeck.change;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * The lock on the host itself, so that two workstations cannot interleave changes: a lease file
 * (token, expiry, description) in /run/lock, one per network namespace (containers and lab hosts
 * that share a /run are still separate hosts), read and written only under {@code flock} on
 * /run/lock/clusterdeck.lock. A lease rather than a held flock because the change spans many SSH
 * commands; it expires (default 15 minutes, renewed by each acquire with the same token), so a
 * workstation that crashed mid-change blocks the host for at most that long.
 */
public final class RemoteHostLock implements AutoCloseable {
    static final int BUSY = 75;
    /** $1 token, $2 lease seconds, $3 description. Prints "busy <description>" and exits 75 when another token holds it. */
    static final String ACQUIRE = String.join("\n",
            "set -eu",
            "for d in /run/lock /var/lock /tmp; do if [ -d \"$d\" ] && [ -w \"$d\" ]; then break; fi; done",
            "exec 9>>\"$d/clusterdeck.lock\"",
            "flock -w 20 9",
            "l=\"$d/clusterdeck.$(readlink /proc/self/ns/net 2>/dev/null | tr -cd 0-9).lease\"",
            "now=$(date +%s)",
            "if [ -s \"$l\" ]; then",
            "  tok=; exp=0; rest=",
            "  read -r tok exp rest < \"$l\" || true",
            "  case $exp in ''|*[!0-9]*) exp=0;; esac",
            "  if [ \"$tok\" != \"$1\" ] && [ \"$exp\" -gt \"$now\" ]; then printf 'busy %s\\n' \"$rest\"; exit 75; fi",
            "fi",
            "t=$(mktemp \"$d/.clusterdeck.lease.XXXXXX\")",
            "printf '%s %s %s\\n' \"$1\" $((now + $2)) \"$3\" > \"$t\"",
            "mv -f -- \"$t\" \"$l\"");
    /** $1 token: removes the lease only when it is ours. */
    static final String RELEASE = String.join("\n",
            "set -eu",
            "for d in /run/lock /var/lock /tmp; do if [ -d \"$d\" ] && [ -w \"$d\" ]; then break; fi; done",
            "exec 9>>\"$d/clusterdeck.lock\"",
            "flock -w 20 9",
            "l=\"$d/clusterdeck.$(readlink /proc/self/ns/net 2>/dev/null | tr -cd 0-9).lease\"",
            "if [ -s \"$l\" ]; then tok=; read -r tok rest < \"$l\" || true; if [ \"$tok\" = \"$1\" ]; then rm -f -- \"$l\"; fi; fi");

    private final RemoteShell shell;
    private final String token;

    private RemoteHostLock(RemoteShell shell, String token) {
        this.shell = shell;
        this.token = token;
    }

    /**
     * Takes the host's lease for {@code description} (one line: "change #12 (kernel tuning … by gui@ws1)").
     * With {@code wait} it polls every second (cancellable); without it, refuses with what holds the host.
     */
    public static RemoteHostLock acquire(RemoteShell shell, String description, Duration lease, boolean wait, JobContext ctx) {
        String token = UUID.randomUUID().toString();
        String oneLine = description.replaceAll("[\\p{Cntrl}]", " ");
        String told = null;
        while (true) {
            CommandResult r = shell.run(new RemoteCommand(List.of("sh", "-c", ACQUIRE, "clusterdeck-lock", token,
                    Long.toString(lease.toSeconds()), oneLine), true, null, null));
            if (r.ok()) {
                return new RemoteHostLock(shell, token);
            }
            if (r.exitCode() != BUSY) {
                throw new ChangeException("Cannot take the lock on " + shell.hostName() + " (/run/lock/clusterdeck.lock): "
                        + RemoteFiles.firstLine(r.stderr()) + ". The host needs flock (util-linux) and a writable /run/lock.");
            }
            String what = r.stdout().strip().replaceFirst("^busy ", "");
            if (!wait) {
                throw new HostLocks.HostBusyException(shell.hostName() + " is busy: " + what
                        + " holds its lock (on the host). Run again with --wait to wait for it, or try later.");
            }
            if (!what.equals(told) && ctx != null) {
                told = what;
                ctx.progress(0, "waiting for " + what + " (lock on the host)");
                ctx.log("waiting for " + what + " (lock on " + shell.hostName() + ")");
            }
            try {
                if (ctx != null) {
                    ctx.checkCancelled();
                }
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.clusterdeck.job.JobCancelledException();
            }
        }
    }

    @Override
    public void close() {
        try {
            shell.run(new RemoteCommand(List.of("sh", "-c", RELEASE, "clusterdeck-unlock", token), true, null, null));
        } catch (RuntimeException ignored) {
            // the lease expires on its own; a lost connection must not hide the change's own outcome
        }
    }
}
