package org.clusterdeck.tuning;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.AuditRepository;
import org.clusterdeck.store.TuningRepository;

/** Puts a host's sysctl values and ClusterDeck's file back to their before-values, and checks it. */
final class Restorer {
    /** What the host holds after the attempt; {@code message} explains anything left changed. */
    record Outcome(Map<String, String> readBack, Set<String> leftChanged, boolean fileRestored, String message) {
    }

    private final RemoteShell shell;
    private final TuningRepository repository;
    private final AuditRepository audit;
    private final String actor;
    private final Long jobId;

    Restorer(RemoteShell shell, TuningRepository repository, AuditRepository audit, String actor, Long jobId) {
        this.shell = shell;
        this.repository = repository;
        this.audit = audit;
        this.actor = actor;
        this.jobId = jobId;
    }

    /**
     * @param fileBefore  the file's earlier content, null when it did not exist (it is removed)
     * @param restoreFile whether the file may have been touched and must be put back
     */
    Outcome restore(long changeSetId, Map<String, String> before, Map<String, String> after, String fileBefore,
                    boolean restoreFile, JobContext ctx) {
        String host = shell.hostName();
        try {
            Map<String, String> toRestore = new LinkedHashMap<>();
            Map<String, String> current = before.isEmpty() ? Map.of()
                    : SysctlCommands.parseValues(shell.run(SysctlCommands.read(before.keySet())).stdout());
            before.forEach((k, v) -> {
                if (!v.equals(current.get(k))) {
                    toRestore.put(k, v);
                }
            });
            if (ctx != null) {
                ctx.log("Restoring " + toRestore.size() + " value(s) on " + host);
            }
            CommandResult w = toRestore.isEmpty() ? null : shell.run(SysctlCommands.write(toRestore));
            Map<String, String> readBack = before.isEmpty() ? Map.of()
                    : SysctlCommands.parseValues(shell.run(SysctlCommands.read(before.keySet())).stdout());
            Set<String> left = new LinkedHashSet<>();
            List<String> restored = new ArrayList<>();
            before.forEach((k, v) -> {
                if (!v.equals(readBack.get(k))) {
                    left.add(k);
                } else {
                    restored.add(k);
                }
            });
            for (String k : toRestore.keySet()) {
                if (!left.contains(k)) {
                    audit.record(actor, "sysctl.rollback", TuningService.AUDIT_KIND, host, k + " = " + current.get(k), k + " = " + before.get(k), jobId);
                }
            }
            boolean fileOk = true;
            String fileProblem = null;
            if (restoreFile) {
                if (fileBefore != null) {
                    fileProblem = TuningService.writeFile(shell, fileBefore);
                } else {
                    CommandResult rm = shell.run(SysctlCommands.removeFile());
                    fileProblem = rm.ok() ? null : TuningService.firstLine(rm.stderr());
                }
                fileOk = fileProblem == null;
                if (fileOk) {
                    audit.record(actor, "sysctl.file.rollback", TuningService.AUDIT_KIND, host, null,
                            fileBefore == null ? "(" + SysctlCommands.FILE + " removed)" : fileBefore, jobId);
                }
            }
            repository.markChanges(changeSetId, restored, "rolled_back");
            if (restoreFile && fileOk) {
                repository.markFile(changeSetId, SysctlCommands.FILE, "rolled_back");
            }
            if (left.isEmpty() && fileOk) {
                return new Outcome(readBack, left, true, null);
            }
            StringBuilder msg = new StringBuilder("Rollback incomplete on " + host + ":");
            for (String k : left) {
                msg.append(" ").append(k).append(" is ").append(readBack.get(k)).append(" (was ").append(before.get(k)).append(")");
                if (w != null && !w.stderr().isBlank()) {
                    msg.append(" [").append(TuningService.firstLine(w.stderr())).append("]");
                }
                msg.append(";");
            }
            if (!fileOk) {
                msg.append(" ").append(SysctlCommands.FILE).append(" not restored: ").append(fileProblem).append(";");
            }
            msg.append(" the before-values are stored: run '" + org.clusterdeck.text.Invocation.command("tune rollback --host ")).append(host).append("' to retry.");
            return new Outcome(readBack, left, fileOk, msg.toString());
        } catch (RuntimeException e) {
            return new Outcome(Map.of(), new LinkedHashSet<>(after.keySet()), false, "The rollback could not reach " + host
                    + " (" + org.clusterdeck.job.JobRunner.describe(e) + "), so these may still be changed: " + String.join(", ", after.keySet())
                    + ". The before-values are stored: run '" + org.clusterdeck.text.Invocation.command("tune rollback --host ") + host
                    + "' when the host is reachable again.");
        }
    }
}
