package org.clusterdeck.remote;

import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.Store;

/**
 * How features reach an inventory host: refuses demo hosts before any connection, borrows a
 * pooled SSH connection, and logs every command to the job and the audit trail.
 *
 * <pre>{@code
 * try (RemoteShell sh = access.open(host, ctx)) {
 *     sh.run(RemoteCommand.sudo("sysctl", "-w", "net.core.somaxconn=4096"));
 * }
 * }</pre>
 */
public final class RemoteAccess {
    private final Store store;
    private final RemoteSessions sessions;
    private final String actor;

    public RemoteAccess(Store store, RemoteSessions sessions, String actor) {
        this.store = store;
        this.sessions = sessions;
        this.actor = actor;
    }

    public RemoteSessions sessions() {
        return sessions;
    }

    /** A logged shell on the host named {@code hostName}. */
    public RemoteShell open(String hostName, JobContext job) {
        Host host = store.hosts().findByName(hostName).orElseThrow(() -> new RemoteException(
                "No host named '" + hostName + "' in the inventory."));
        return open(host, job);
    }

    public RemoteShell open(Host host, JobContext job) {
        return open(host, job, null, null);
    }

    /** As {@link #open(Host, JobContext)}, with this caller's own host-key decision and prompt (null: the pool's). */
    public RemoteShell open(Host host, JobContext job, HostKeyDecision decision, SecretPrompt prompt) {
        refuseDemo(store, host);
        SshTarget target = SshTarget.of(host);
        HostKeyDecision d = AuditedShell.auditTrust(decision == null ? sessions.defaultDecision() : decision,
                store.audit(), actor, job);
        RemoteShell shell = sessions.shell(target, d, prompt == null ? sessions.defaultPrompt() : prompt);
        return new AuditedShell(shell, job, store.audit(), actor);
    }

    /** A new SSH login of its own to the host (never pooled, audited): the proof that the next login still works. */
    public RemoteShell openFresh(String hostName) {
        Host host = store.hosts().findByName(hostName).orElseThrow(() -> new RemoteException(
                "No host named '" + hostName + "' in the inventory."));
        refuseDemo(store, host);
        return new AuditedShell(sessions.fresh(SshTarget.of(host)), null, store.audit(), actor);
    }

    /**
     * A shell for read-only polling (host metrics read /proc once a second): demo hosts are refused
     * and trusted keys audited as in {@link #open}, but the session is audited once, with its
     * purpose, rather than every poll, so a long benchmark does not flood the audit trail.
     */
    public RemoteShell openForPolling(Host host, String purpose) {
        refuseDemo(store, host);
        SshTarget target = SshTarget.of(host);
        HostKeyDecision d = AuditedShell.auditTrust(sessions.defaultDecision(), store.audit(), actor, null);
        RemoteShell shell = sessions.shell(target, d, sessions.defaultPrompt());
        store.audit().record(actor, "remote.poll", "host", host.name(), null, purpose, null);
        return shell;
    }

    /** Throws when the host belongs to the demo lab: its address is a label, never a machine to contact. */
    public static void refuseDemo(Store store, Host host) {
        Site site = store.sites().findById(host.siteId()).orElse(null);
        if (site != null && site.kind() == SiteKind.DEMO) {
            throw new RemoteException(host.name() + " is a demo host: its address is only a label, so ClusterDeck"
                    + " never connects to it. Run " + org.clusterdeck.text.Invocation.asRoot("lab up") + " to create practice hosts you can connect to.");
        }
    }
}
