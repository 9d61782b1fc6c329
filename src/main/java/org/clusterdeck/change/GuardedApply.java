package org.clusterdeck.change;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.remote.ShellQuote;
import org.clusterdeck.store.ChangeRepository;

/**
 * A change that can cut ClusterDeck off (firewall, sshd, network), made lock-out proof: the
 * before-state of every step is saved on the host (inside a revert script) and a revert is armed <em>on the host</em> (a transient
 * {@code systemd-run --on-active} timer where systemd runs the host, else a detached
 * {@code setsid} shell) before applying; then a <em>new</em> SSH login must succeed (the pooled
 * connection survives a firewall change, so it proves nothing) before the revert is disarmed.
 * When the login fails, or ClusterDeck dies after applying, the host restores itself after T.
 */
public final class GuardedApply {
    public static final Duration DEFAULT_DELAY = Duration.ofSeconds(60);
    public static final Duration MIN_DELAY = Duration.ofSeconds(10);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /**
     * $1 delay in seconds, $2 unit name, $3 revert line (run as sh -c LINE x STATEFILE), $4 "auto" or
     * "setsid" (tests use it to run the detached-shell path on systemd hosts too); the saved state
     * arrives on stdin. Prints "unit NAME FILE" or "pid PID FILE".
     */
    static final String ARM = String.join("\n",
            "set -eu",
            "s=$(mktemp /tmp/clusterdeck-guard.XXXXXX)",
            "cat > \"$s\"",
            "if [ \"$4\" = auto ] && [ -d /run/systemd/system ] && [ \"$(cat /proc/1/comm 2>/dev/null)\" = systemd ] && command -v systemd-run >/dev/null 2>&1; then",
            // the line goes into a file: systemd re-reads a transient unit on daemon-reload (a step's 'systemctl enable'
            // does one) and mangles an ExecStart holding '$1' and ';', so the revert would fail to start
            "  printf '%s\\n' \"$3\" > \"$s.run\"",
            "  systemd-run --quiet --unit=\"$2\" --on-active=\"$1s\" --timer-property=AccuracySec=1s /bin/sh \"$s.run\" \"$s\"",
            "  echo \"unit $2 $s\"",
            "else",
            "  setsid nohup sh -c 'sleep \"$1\"; exec sh -c \"$2\" clusterdeck-revert \"$3\"' clusterdeck-guard \"$1\" \"$3\" \"$s\" </dev/null >/dev/null 2>&1 &",
            "  echo \"pid $! $s\"",
            "fi");
    /** $1 unit|pid, $2 its name or pid, $3 state file. Exit 0: disarmed; 4: it had already run. */
    static final String DISARM = String.join("\n",
            "set -u",
            "if [ -e \"$3.reverted\" ]; then cat \"$3.reverted\"; exit 4; fi",
            "if [ \"$1\" = unit ]; then systemctl stop \"$2.timer\" 2>/dev/null || true;",
            "else tr '\\0' ' ' < \"/proc/$2/cmdline\" 2>/dev/null | grep -qF -- \"$3\" && kill -TERM -- \"-$2\" 2>/dev/null; fi",
            "sleep 0.2",
            "if [ -e \"$3.reverted\" ]; then cat \"$3.reverted\"; exit 4; fi",
            "rm -f -- \"$3\" \"$3.run\"");

    /** Opens a new SSH connection (never a pooled one) to the host being changed. */
    @FunctionalInterface
    public interface FreshLogin {
        RemoteShell open();
    }

    /** How it ended: kept (the new login worked) or reverted by the host, at {@code revertedAt}. */
    public record Outcome(long changeSetId, boolean kept, Instant revertedAt, String message) {
    }

    /** What is armed on the host: how to disarm it and where it writes when it has run. */
    record Armed(String mode, String id, String stateFile, Instant firesAt) {
        String describe() {
            return mode.equals("unit") ? "systemd timer " + id : "detached shell, pid " + id;
        }
    }

    private final ChangeRepository changes;
    private final String who;
    private final boolean detachedShellOnly;

    public GuardedApply(ChangeRepository changes, String who) {
        this(changes, who, false);
    }

    /** With {@code detachedShellOnly}, the setsid path even where systemd runs the host (for tests of that path). */
    GuardedApply(ChangeRepository changes, String who, boolean detachedShellOnly) {
        this.changes = changes;
        this.who = who;
        this.detachedShellOnly = detachedShellOnly;
    }

    /** The delay, refused when shorter than {@link #MIN_DELAY} (too little time to prove a login). */
    public static Duration checkDelay(Duration t) {
        if (t.compareTo(MIN_DELAY) < 0) {
            throw new ChangeException("A revert delay of " + t.toSeconds() + " s is too short to prove a new login: use at least "
                    + MIN_DELAY.toSeconds() + " s (default " + DEFAULT_DELAY.toSeconds() + " s).");
        }
        return t;
    }

    /**
     * Applies one guarded step. {@code afterApplied} (may be null) runs right after the step is on
     * the host, before the login check (tests use it to kill the process there).
     */
    public Outcome apply(RemoteShell shell, FreshLogin fresh, String feature, String title, StepKind kind, String target,
                         String after, Duration delay, JobContext ctx, Runnable afterApplied) {
        return apply(shell, fresh, feature, title, List.of(new ChangeEngine.Planned(kind, target, after)), delay, ctx, afterApplied);
    }

    /**
     * Applies {@code steps} as one guarded change set: their before-values are read and recorded, a
     * script that restores all of them (newest first, reloads last) is armed on the host, the steps
     * are set, and a new login must succeed before the revert is disarmed.
     */
    public Outcome apply(RemoteShell shell, FreshLogin fresh, String feature, String title, List<ChangeEngine.Planned> steps,
                         Duration delay, JobContext ctx, Runnable afterApplied) {
        checkDelay(delay);
        String host = shell.hostName();
        List<ChangeStep> recorded = ChangeEngine.record(shell, steps);
        long id = changes.create(host, feature, title, who, ctx == null ? null : ctx.jobId(), recorded);
        Armed armed = arm(shell, id, StepActions.revertScript(recorded), delay);
        String armedText = "The host restores the previous state (" + targets(recorded) + ") at " + TIME.format(armed.firesAt())
                + " unless a new login succeeds (" + armed.describe() + ").";
        // the bracket lets a later look (changes show) find the revert when this process dies before the check
        changes.note(id, armedText + " [guard " + armed.mode() + " " + armed.id() + " " + armed.stateFile() + "]");
        log(ctx, armedText);
        String failure = null;
        try {
            progress(ctx, 0.3, "applying " + title);
            for (ChangeStep s : recorded) {
                String readBack = StepActions.set(shell, s.kind(), s.target(), s.after());
                if (s.kind() == StepKind.FIREWALL && StepActions.NFT.equals(s.target())) {
                    changes.setAfter(id, s.seq(), readBack);
                }
                changes.markStep(id, s.seq(), ChangeStep.APPLIED);
            }
        } catch (RuntimeException e) {
            failure = "applying failed: " + e.getMessage();
        }
        if (afterApplied != null) {
            afterApplied.run();
        }
        if (failure == null) {
            progress(ctx, 0.5, "proving a new login to " + host);
            failure = tryFreshLogin(fresh);
        }
        if (failure == null) {
            String ran = disarm(shell, armed);
            if (ran == null) {
                String msg = "Applied " + title + " on " + host + "; a new login succeeded, so the armed revert was cancelled.";
                changes.finish(id, ChangeSet.APPLIED, msg);
                log(ctx, msg);
                return new Outcome(id, true, null, msg);
            }
            failure = "the revert on the host ran before it could be cancelled (" + ran + ")";
        }
        log(ctx, "Not kept: " + failure + ". " + armedText);
        return awaitHostRevert(shell, fresh, id, recorded, armed, failure, ctx);
    }

    private static String targets(List<ChangeStep> steps) {
        return String.join(", ", steps.stream().filter(s -> StepActions.hasState(s.kind())).map(ChangeStep::target).distinct().toList());
    }

    private Armed arm(RemoteShell shell, long id, String revertScript, Duration delay) {
        String revertLine = "sh \"$1\"; date +%s > \"$1.reverted\"";
        List<String> argv = new ArrayList<>(List.of("sh", "-c", ARM, "clusterdeck-arm", Long.toString(delay.toSeconds()),
                "clusterdeck-revert-" + id, revertLine, detachedShellOnly ? "setsid" : "auto"));
        Instant now = Instant.now();
        CommandResult r = shell.run(new RemoteCommand(argv, true, revertScript, null));
        String[] out = r.stdout().strip().split(" ");
        if (!r.ok() || out.length != 3) {
            changes.finish(id, ChangeSet.FAILED, "Nothing was changed: the revert could not be armed on the host ("
                    + RemoteFiles.firstLine(r.stderr()) + ").");
            throw new ChangeException("Nothing was changed on " + shell.hostName() + ": the revert could not be armed there ("
                    + RemoteFiles.firstLine(r.stderr()) + "). The host needs setsid or systemd-run, and mktemp.");
        }
        return new Armed(out[0], out[1], out[2], now.plus(delay));
    }

    /** Null when the new login worked, else why not. */
    static String tryFreshLogin(FreshLogin fresh) {
        try (RemoteShell s = fresh.open()) {
            CommandResult r = s.run(RemoteCommand.of("true"));
            return r.ok() ? null : "a new login ran 'true' and got exit " + r.exitCode();
        } catch (RuntimeException e) {
            return "a new login failed (" + RemoteFiles.firstLine(e.getMessage()) + ")";
        }
    }

    /** Null when disarmed; else the time the revert wrote when it had already run. */
    private static String disarm(RemoteShell shell, Armed a) {
        CommandResult r = shell.run(new RemoteCommand(List.of("sh", "-c", DISARM, "clusterdeck-disarm", a.mode(), a.id(),
                a.stateFile()), true, null, null));
        if (r.exitCode() == 4) {
            return "at " + epochTime(r.stdout());
        }
        return null;
    }

    private Outcome awaitHostRevert(RemoteShell shell, FreshLogin fresh, long id, List<ChangeStep> steps, Armed armed, String failure,
                                    JobContext ctx) {
        Instant giveUp = armed.firesAt().plusSeconds(30);
        while (Instant.now().isBefore(giveUp)) {
            long left = Math.max(0, Duration.between(Instant.now(), armed.firesAt()).toSeconds());
            progress(ctx, 0.6, left > 0 ? "the host restores itself in " + left + " s" : "waiting for the host to restore itself");
            if (left <= 0) {
                String at = revertedAt(shell, fresh, armed);
                if (at != null && tryFreshLogin(fresh) == null) {
                    Instant when = Instant.ofEpochSecond(Long.parseLong(at));
                    String msg = "Reverted by the host at " + TIME.format(when) + " (" + armed.describe() + "): " + failure
                            + ", so the previous state came back.";
                    steps.forEach(s -> changes.markStep(id, s.seq(), ChangeStep.ROLLED_BACK));
                    changes.finish(id, ChangeSet.REVERTED_BY_HOST, msg);
                    log(ctx, msg);
                    cleanup(shell, fresh, armed);
                    return new Outcome(id, false, when, msg);
                }
            }
            sleep(1000);
        }
        String msg = failure + "; the host did not confirm its revert by " + TIME.format(giveUp)
                + ". Check it from its console; the previous state is stored in change #" + id + ".";
        changes.finish(id, ChangeSet.INCOMPLETE, msg);
        throw new ChangeException(msg);
    }

    /** Whether {@code cs} is a guarded change whose applying process never finished it (killed, crashed). */
    public static boolean unfinishedGuard(ChangeSet cs) {
        return ChangeSet.APPLYING.equals(cs.state()) && cs.message() != null && cs.message().matches("(?s).*\\[guard \\S+ \\S+ \\S+]$");
    }

    /**
     * For a guarded change left "applying" by a process that died: asks the host whether its revert
     * ran, and if so records "reverted by the host at …". Returns the set as stored afterwards.
     */
    public ChangeSet reconcile(ChangeSet cs, RemoteShell shell) {
        if (!unfinishedGuard(cs)) {
            return cs;
        }
        String guard = cs.message().substring(cs.message().lastIndexOf("[guard ") + 7, cs.message().length() - 1);
        String[] g = guard.split(" ");
        Armed armed = new Armed(g[0], g[1], g[2], Instant.now());
        String at = revertedAt(shell, () -> {
            throw new ChangeException("only the given connection is used here");
        }, armed);
        if (at == null) {
            return cs;
        }
        String msg = "Reverted by the host at " + TIME.format(Instant.ofEpochSecond(Long.parseLong(at))) + " (" + armed.describe()
                + "): ClusterDeck stopped before a new login could prove the change, so the previous state came back.";
        cs.steps().forEach(s -> changes.markStep(cs.id(), s.seq(), ChangeStep.ROLLED_BACK));
        changes.finish(cs.id(), ChangeSet.REVERTED_BY_HOST, msg);
        try {
            shell.run(RemoteCommand.sudo("rm", "-f", "--", armed.stateFile(), armed.stateFile() + ".reverted"));
        } catch (RuntimeException ignored) {
            // a leftover file in /tmp is harmless
        }
        return changes.findById(cs.id()).orElse(cs);
    }

    /** The epoch seconds the revert wrote, read over the pooled session or else a new one; null before it ran. */
    private static String revertedAt(RemoteShell shell, FreshLogin fresh, Armed a) {
        RemoteCommand cat = RemoteCommand.sudo("cat", "--", a.stateFile() + ".reverted");
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                CommandResult r = attempt == 0 ? shell.run(cat) : runFresh(fresh, cat);
                if (r.ok() && r.stdout().strip().matches("\\d+")) {
                    return r.stdout().strip();
                }
            } catch (RuntimeException e) {
                // try the other connection
            }
        }
        return null;
    }

    private static CommandResult runFresh(FreshLogin fresh, RemoteCommand c) {
        try (RemoteShell s = fresh.open()) {
            return s.run(c);
        }
    }

    private static void cleanup(RemoteShell shell, FreshLogin fresh, Armed a) {
        RemoteCommand rm = RemoteCommand.sudo("rm", "-f", "--", a.stateFile(), a.stateFile() + ".reverted", a.stateFile() + ".run");
        try {
            shell.run(rm);
        } catch (RuntimeException e) {
            try {
                runFresh(fresh, rm);
            } catch (RuntimeException ignored) {
                // a leftover file in /tmp is harmless
            }
        }
    }

    private static String epochTime(String s) {
        try {
            return TIME.format(Instant.ofEpochSecond(Long.parseLong(s.strip())));
        } catch (NumberFormatException e) {
            return s.strip();
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.clusterdeck.job.JobCancelledException();
        }
    }

    private static void progress(JobContext ctx, double f, String m) {
        if (ctx != null) {
            ctx.progress(f, m);
        }
    }

    private static void log(JobContext ctx, String m) {
        if (ctx != null) {
            ctx.log(m);
        }
    }
}
