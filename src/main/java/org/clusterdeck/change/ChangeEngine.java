package org.clusterdeck.change;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.AuditRepository;
import org.clusterdeck.store.ChangeRepository;
import org.clusterdeck.store.Store;

/**
 * The one way to change a host: the host lock (this workstation's processes, then the host
 * itself), change sets with exact before/after, guarded apply, rollback, history and export.
 * Plain blocking code: run it inside a job.
 */
public final class ChangeEngine {
    /** How long a workstation's lease on a host lasts before another workstation may take it. */
    static final Duration HOST_LEASE = Duration.ofMinutes(15);

    /** Opens a shell on an inventory host by name ({@code RemoteAccess::open} in the app). */
    @FunctionalInterface
    public interface Shells {
        RemoteShell open(String hostName, JobContext ctx);
    }

    private final ChangeRepository changes;
    private final AuditRepository audit;
    private final HostLocks locks;
    private final String who;

    public ChangeEngine(ChangeRepository changes, AuditRepository audit, HostLocks locks, String who) {
        this.changes = changes;
        this.audit = audit;
        this.locks = locks;
        this.who = who;
    }

    /**
     * The wiring: host locks in the data directory's {@code locks} folder (shared by the GUI and the
     * CLI on this workstation), a private temporary folder for an in-memory store.
     */
    public static ChangeEngine create(Store store, String who) {
        Path dir = store.directory().map(d -> d.resolve("locks")).orElseGet(ChangeEngine::privateTempDir);
        return new ChangeEngine(store.changes(), store.audit(), new HostLocks(dir), who);
    }

    private static Path privateTempDir() {
        try {
            return Files.createTempDirectory("clusterdeck-locks-", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (IOException e) {
            throw new ChangeException("Cannot create a folder for host locks: " + e.getMessage(), e);
        }
    }

    /** "kernel tuning" for "tuning": how people call a feature in messages. */
    public static String featureLabel(String feature) {
        return switch (feature) {
            case "tuning" -> "kernel tuning";
            case "firewall" -> "firewall";
            case "harden" -> "hardening";
            case "rollback" -> "rollback";
            default -> feature;
        };
    }

    public HostLocks locks() {
        return locks;
    }

    public ChangeRepository changes() {
        return changes;
    }

    public String who() {
        return who;
    }

    /** Runs {@code work} holding this workstation's lock on the host ({@code wait} false: refuse when busy). */
    public <T> T withHostLock(String hostName, String feature, boolean wait, JobContext ctx, Callable<T> work) throws Exception {
        try (HostLocks.Held held = locks.acquire(hostName, feature, who, wait, ctx)) {
            return work.call();
        }
    }

    /** Takes the lock on the host itself (a lease under flock) for the duration of a change over {@code shell}. */
    public RemoteHostLock lockOnHost(RemoteShell shell, String feature, boolean wait, JobContext ctx) {
        String me = who + "@" + hostName();
        return RemoteHostLock.acquire(shell, "a change (" + featureLabel(feature) + " by " + me + ")", HOST_LEASE, wait, ctx);
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "workstation";
        }
    }

    /**
     * A step to make: set {@code target} of {@code kind} to {@code after} (a FILE to null: remove it).
     * SERVICE_RELOAD: {@code target} is the unit, {@code after} the systemctl action ("reload" …),
     * run again after a rollback. COMMAND: {@code after} is a shell line built with ShellQuote,
     * {@code undo} the line that reverses it (rollback runs it); {@code target} names it in history.
     */
    public record Planned(StepKind kind, String target, String after, String undo) {
        public Planned {
            switch (kind) {
                case FILE -> RemoteFiles.checkPath(target);
                case SYSCTL -> {
                    StepActions.checkKey(target);
                    if (after == null || after.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
                        throw new ChangeException("The value for " + target + " must be one line of text.");
                    }
                }
                case FIREWALL -> {
                    if (!StepActions.NFT.equals(target)) {
                        StepActions.firewall(target);
                    }
                }
                case SERVICE_RELOAD -> {
                    StepActions.checkUnit(target);
                    StepActions.checkAction(after);
                }
                case COMMAND -> {
                    if (after == null || after.isBlank() || target == null || target.isBlank()) {
                        throw new ChangeException("A command step needs a name and a command line.");
                    }
                }
            }
            if (kind != StepKind.COMMAND && undo != null) {
                throw new ChangeException("Only command steps carry an undo line; " + kind + " steps restore their before-value.");
            }
        }

        public Planned(StepKind kind, String target, String after) {
            this(kind, target, after, null);
        }

        /** A command step from argument vectors (quoted here, so nothing the user typed reaches a shell raw). */
        public static Planned command(String name, List<String> argv, List<String> undoArgv) {
            return new Planned(StepKind.COMMAND, name, org.clusterdeck.remote.ShellQuote.join(argv),
                    undoArgv == null ? null : org.clusterdeck.remote.ShellQuote.join(undoArgv));
        }

        public static Planned reload(String unit, String action) {
            return new Planned(StepKind.SERVICE_RELOAD, unit, action);
        }
    }

    /** The exact commands {@link #apply} would run, for a dry run (reads happen too, but change nothing). */
    public static List<String> preview(List<Planned> steps) {
        List<String> lines = new ArrayList<>();
        for (Planned p : steps) {
            for (org.clusterdeck.remote.RemoteCommand c : StepActions.commands(p.kind(), p.target(), p.after())) {
                lines.add(c.shellLine(true) + (c.stdin() == null ? "" : " <<'EOF'\n" + c.stdin() + (c.stdin().endsWith("\n") ? "" : "\n") + "EOF"));
            }
        }
        return lines;
    }

    /**
     * Reads every target's before-value, records the change set, then sets and verifies each step;
     * when one fails, the steps already made are undone (newest first) and the set says so. The
     * caller holds the host's locks ({@link #withHostLock}, {@link #lockOnHost}).
     */
    public ChangeSet apply(RemoteShell shell, String feature, String title, List<Planned> steps, JobContext ctx) {
        List<ChangeStep> recorded = record(shell, steps);
        long id = changes.create(shell.hostName(), feature, title, who, ctx == null ? null : ctx.jobId(), recorded);
        List<ChangeStep> done = new ArrayList<>();
        for (ChangeStep s : recorded) {
            try {
                if (ctx != null) {
                    ctx.checkCancelled();
                    ctx.progress((double) done.size() / recorded.size(), "setting " + s.target());
                }
                setStep(shell, id, s);
                changes.markStep(id, s.seq(), ChangeStep.APPLIED);
                audit.record(who, "change.apply", "host", shell.hostName(), StepActions.abbreviate(s.before()),
                        s.kind() + " " + s.target() + " = " + StepActions.abbreviate(s.after()), ctx == null ? null : ctx.jobId());
                done.add(s);
            } catch (RuntimeException e) {
                changes.markStep(id, s.seq(), ChangeStep.FAILED);
                List<ChangeStep> newestFirst = new ArrayList<>(done);
                java.util.Collections.reverse(newestFirst);
                List<String> left = StepActions.undoAll(shell, newestFirst, u -> changes.markStep(id, u.seq(), ChangeStep.ROLLED_BACK));
                String msg = "Step " + s.seq() + " (" + s.target() + ") failed: " + e.getMessage()
                        + (left.isEmpty() ? " Every earlier step was undone and verified." : " Still changed: " + String.join(", ", left)
                        + "; roll back change #" + id + " when the host is reachable.");
                changes.finish(id, left.isEmpty() ? ChangeSet.FAILED : ChangeSet.INCOMPLETE, msg);
                throw new ChangeException(msg, e);
            }
        }
        changes.finish(id, ChangeSet.APPLIED, "Applied " + recorded.size() + " step(s) on " + shell.hostName() + " and verified.");
        return changes.findById(id).orElseThrow();
    }

    /** The steps with their before-values read from the host (reloads and commands have none to read). */
    static List<ChangeStep> record(RemoteShell shell, List<Planned> steps) {
        List<ChangeStep> recorded = new ArrayList<>();
        int seq = 1;
        for (Planned p : withMissingFolders(shell, steps)) {
            String before = switch (p.kind()) {
                case SERVICE_RELOAD -> p.after();
                case COMMAND -> p.undo();
                default -> StepActions.read(shell, p.kind(), p.target());
            };
            boolean existed = p.kind() != StepKind.FILE || before != null;
            recorded.add(new ChangeStep(seq++, p.kind(), p.target(), existed, before, p.after(), ChangeStep.PENDING));
        }
        return recorded;
    }

    /**
     * A new file in a folder that does not exist yet (a drop-in folder such as journald.conf.d) gets
     * a step before it that creates the folder, whose undo removes exactly the folders it created,
     * so a rollback leaves the host as it was, not with an empty folder.
     */
    static List<Planned> withMissingFolders(RemoteShell shell, List<Planned> steps) {
        List<Planned> out = new ArrayList<>();
        java.util.Set<String> made = new java.util.HashSet<>();
        for (Planned p : steps) {
            if (p.kind() == StepKind.FILE && p.after() != null) {
                String dir = p.target().substring(0, Math.max(1, p.target().lastIndexOf('/')));
                if (!made.contains(dir)) {
                    org.clusterdeck.remote.CommandResult r = shell.run(RemoteCommand.sudo("sh", "-c",
                            "d=$1; while [ ! -d \"$d\" ]; do echo \"$d\"; d=$(dirname -- \"$d\"); done", "missing-folders", dir));
                    List<String> missing = r.stdout().lines().filter(l -> !l.isBlank()).toList();
                    if (!missing.isEmpty()) {
                        List<String> rmdir = new ArrayList<>(List.of("rmdir", "--ignore-fail-on-non-empty", "--"));
                        rmdir.addAll(missing); // deepest first, so each is empty when its turn comes
                        out.add(Planned.command("create " + missing.get(missing.size() - 1), List.of("mkdir", "-p", "-m", "0755", "--", dir), rmdir));
                    }
                    made.add(dir);
                }
            }
            out.add(p);
        }
        return out;
    }

    /** Sets one recorded step; an nftables table is stored as the host lists it, so rollback compares like with like. */
    void setStep(RemoteShell shell, long id, ChangeStep s) {
        String readBack = StepActions.set(shell, s.kind(), s.target(), s.after());
        if (s.kind() == StepKind.FIREWALL && StepActions.NFT.equals(s.target())) {
            changes.setAfter(id, s.seq(), readBack);
        }
    }

    public GuardedApply guarded() {
        return new GuardedApply(changes, who);
    }

    public List<ChangeSet> history(String hostName, int limit) {
        return changes.list(hostName, limit);
    }

    public Optional<ChangeSet> find(long id) {
        return changes.findById(id);
    }

    /** Why rolling back {@code cs} would undo part of a later change, or empty when it would not. */
    public Optional<String> rollbackConflict(ChangeSet cs) {
        List<ChangeSet> later = changes.laterOnSameTargets(cs.id());
        if (later.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (ChangeSet l : later) {
            List<String> targets = l.steps().stream().map(ChangeStep::target)
                    .filter(t -> cs.steps().stream().anyMatch(s -> s.target().equals(t))).distinct().toList();
            parts.add("change #" + l.id() + " (" + featureLabel(l.feature()) + ", " + l.who() + ") later changed "
                    + String.join(", ", targets));
        }
        return Optional.of("Change #" + cs.id() + " on " + cs.hostName() + " cannot be rolled back: " + String.join("; ", parts)
                + ". Roll back the later change first, or use --force to restore #" + cs.id() + "'s before-values anyway.");
    }

    /**
     * Puts back the before-values of every applied step of change set {@code id}, newest step first,
     * holding the host's locks; refused (unless {@code force}) when a later change touched the same
     * targets. Returns the rolled-back set.
     */
    public ChangeSet rollback(long id, Shells shells, boolean force, boolean wait, JobContext ctx) throws Exception {
        ChangeSet cs = changes.findById(id).orElseThrow(() -> new ChangeException("No change #" + id + ". See '" + org.clusterdeck.text.Invocation.command("changes list") + "'."));
        if (!cs.undoable()) {
            throw new ChangeException("Change #" + id + " is " + cs.state().replace('_', ' ') + ": there is nothing of it left on "
                    + cs.hostName() + " to roll back.");
        }
        if (!force) {
            rollbackConflict(cs).ifPresent(why -> {
                throw new ChangeException(why);
            });
        }
        return withHostLock(cs.hostName(), "rollback", wait, ctx, () -> {
            try (RemoteShell shell = shells.open(cs.hostName(), ctx); RemoteHostLock onHost = lockOnHost(shell, "rollback", wait, ctx)) {
                return restore(id, shell, ctx);
            }
        });
    }

    /**
     * Puts back the before-values of change set {@code id} over {@code shell}; the caller holds the
     * host's locks (a feature rolling back its own step after a failed verification does).
     */
    public ChangeSet restore(long id, RemoteShell shell, JobContext ctx) {
        ChangeSet cs = changes.findById(id).orElseThrow(() -> new ChangeException("No change #" + id + "."));
        List<ChangeStep> steps = new ArrayList<>(cs.steps());
        java.util.Collections.reverse(steps);
        List<ChangeStep> todo = new ArrayList<>();
        for (ChangeStep s : steps) {
            boolean ran = ChangeStep.APPLIED.equals(s.state());
            if (ChangeStep.ROLLED_BACK.equals(s.state()) || (!StepActions.hasState(s.kind()) && !ran)) {
                continue; // a command or reload that never ran has nothing to undo; a state step is compared below
            }
            if (StepActions.hasState(s.kind())) {
                String now = StepActions.read(shell, s.kind(), s.target());
                String want = s.existedBefore() ? s.before() : null;
                if (StepActions.same(s.kind(), now, want)) {
                    changes.markStep(id, s.seq(), ChangeStep.ROLLED_BACK);
                    continue;
                }
            }
            todo.add(s);
        }
        if (ctx != null) {
            ctx.checkCancelled();
            ctx.progress(0.5, "restoring " + todo.size() + " step(s) on " + cs.hostName());
        }
        List<String> problems = StepActions.undoAll(shell, todo, s -> {
            changes.markStep(id, s.seq(), ChangeStep.ROLLED_BACK);
            audit.record(who, "change.rollback", "host", cs.hostName(), StepActions.abbreviate(s.after()),
                    s.kind() + " " + s.target() + " = " + StepActions.abbreviate(s.existedBefore() ? s.before() : null),
                    ctx == null ? null : ctx.jobId());
        });
        String msg = problems.isEmpty() ? "Rolled back on " + cs.hostName() + " by " + who + ": every step restored and verified."
                : "Rollback incomplete on " + cs.hostName() + ": " + String.join("; ", problems)
                + ". Run the rollback again when the host is reachable.";
        changes.finish(id, problems.isEmpty() ? ChangeSet.ROLLED_BACK : ChangeSet.INCOMPLETE, msg);
        if (!problems.isEmpty()) {
            throw new ChangeException(msg);
        }
        return changes.findById(id).orElseThrow();
    }
}
