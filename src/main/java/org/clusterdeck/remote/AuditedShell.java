package org.clusterdeck.remote;

import org.clusterdeck.job.JobContext;
import org.clusterdeck.store.AuditRepository;

/**
 * Wraps a shell so that every command it runs is written to the job's log and to the audit
 * trail (redacted by {@link CommandRedactor}), with its exit code or failure.
 */
public final class AuditedShell implements RemoteShell {
    private final RemoteShell shell;
    private final JobContext job;
    private final AuditRepository audit;
    private final String actor;

    /** {@code job} may be null for work outside a job (then only the audit trail records it). */
    public AuditedShell(RemoteShell shell, JobContext job, AuditRepository audit, String actor) {
        this.shell = shell;
        this.job = job;
        this.audit = audit;
        this.actor = actor;
    }

    @Override
    public String hostName() {
        return shell.hostName();
    }

    @Override
    public CommandResult run(RemoteCommand command) {
        String shown = CommandRedactor.redact(command);
        if (job != null) {
            job.log(hostName() + "$ " + shown);
        }
        Long jobId = job == null ? null : job.jobId();
        try {
            CommandResult r = shell.run(command);
            if (job != null && !r.ok()) {
                job.warn(hostName() + ": exit " + r.exitCode() + firstLine(r.stderr()));
            }
            audit.record(actor, "remote.command", "host", hostName(), null, shown + "  => exit " + r.exitCode(), jobId);
            return r;
        } catch (RemoteException e) {
            audit.record(actor, "remote.command", "host", hostName(), null, shown + "  => failed: " + e.getMessage(), jobId);
            throw e;
        }
    }

    /** Wraps a host-key decision so every key the user trusts is recorded in the audit trail. */
    public static HostKeyDecision auditTrust(HostKeyDecision decision, AuditRepository audit, String actor, JobContext job) {
        return key -> {
            boolean trusted = decision.trust(key);
            audit.record(actor, trusted ? "hostkey.trust" : "hostkey.reject", "host", key.hostName(), null,
                    KnownHosts.hostPattern(key.address(), key.port()) + " " + key.keyType() + " " + key.fingerprint(),
                    job == null ? null : job.jobId());
            if (job != null) {
                job.log(key.hostName() + ": host key " + key.fingerprint() + (trusted ? " trusted by the user" : " rejected"));
            }
            return trusted;
        };
    }

    private static String firstLine(String s) {
        String line = s == null ? "" : s.strip().lines().findFirst().orElse("");
        return line.isEmpty() ? "" : " (" + line + ")";
    }

    @Override
    public void close() {
        shell.close();
    }
}
