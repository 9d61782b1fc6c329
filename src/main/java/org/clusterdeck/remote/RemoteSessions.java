package org.clusterdeck.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open SSH connections, one per host (user, address, port, key), reused by every job that works
 * on that host; a dropped connection is re-opened on next use. Shells handed out do not close the
 * connection: closing this pool does.
 */
public final class RemoteSessions implements AutoCloseable {
    private final KnownHosts knownHosts;
    private final HostKeyDecision decision;
    private final SecretPrompt prompt;
    private final SshOptions options;
    private final Map<String, Slot> slots = new ConcurrentHashMap<>();

    public RemoteSessions(KnownHosts knownHosts, HostKeyDecision decision, SecretPrompt prompt, SshOptions options) {
        this.knownHosts = knownHosts;
        this.decision = decision;
        this.prompt = prompt;
        this.options = options;
    }

    public KnownHosts knownHosts() {
        return knownHosts;
    }

    /** The decision used when a caller brings none. */
    public HostKeyDecision defaultDecision() {
        return decision;
    }

    public SecretPrompt defaultPrompt() {
        return prompt;
    }

    /** A shell on the target, on a shared connection (connecting first if needed). */
    public RemoteShell shell(SshTarget target) {
        return shell(target, decision, prompt);
    }

    /** As {@link #shell(SshTarget)}, with this caller's own host-key decision and prompt. */
    public RemoteShell shell(SshTarget target, HostKeyDecision hostKeyDecision, SecretPrompt secretPrompt) {
        Slot slot = slots.computeIfAbsent(key(target), k -> new Slot());
        slot.get(target, hostKeyDecision, secretPrompt); // connect now, so errors surface here
        return new SharedShell(target.name(), () -> slot.get(target, hostKeyDecision, secretPrompt));
    }

    /**
     * A new connection of its own (not from the pool), strict host keys and no prompts: a change
     * that can cut access proves the <em>next</em> login with it. The caller closes it.
     */
    public RemoteShell fresh(SshTarget target) {
        return SshShell.connect(target, knownHosts, HostKeyDecision.REJECT, SecretPrompt.NONE, options);
    }

    /** Closes the connection to the target, if one is open. */
    public void evict(SshTarget target) {
        Slot slot = slots.remove(key(target));
        if (slot != null) {
            slot.close();
        }
    }

    public int openConnections() {
        return (int) slots.values().stream().filter(Slot::isOpen).count();
    }

    private static String key(SshTarget t) {
        return t.user() + "@" + t.address() + ":" + t.port() + "|" + t.keyPath() + "|" + t.auth();
    }

    @Override
    public void close() {
        List<Slot> all = new ArrayList<>(slots.values());
        slots.clear();
        all.forEach(Slot::close);
    }

    private final class Slot {
        private SshShell shell;

        synchronized SshShell get(SshTarget target, HostKeyDecision d, SecretPrompt p) {
            if (shell == null || !shell.isConnected()) {
                if (shell != null) {
                    shell.close();
                }
                shell = null;
                shell = SshShell.connect(target, knownHosts, d, p, options);
            }
            return shell;
        }

        synchronized boolean isOpen() {
            return shell != null && shell.isConnected();
        }

        synchronized void close() {
            if (shell != null) {
                shell.close();
                shell = null;
            }
        }
    }

    /**
     * A borrowed view of a pooled connection: each command takes the slot's current connection,
     * so one dropped between commands is re-opened; closing the view leaves it open for reuse.
     */
    private static final class SharedShell implements RemoteShell {
        private final String name;
        private final java.util.function.Supplier<SshShell> connection;

        SharedShell(String name, java.util.function.Supplier<SshShell> connection) {
            this.name = name;
            this.connection = connection;
        }

        @Override
        public String hostName() {
            return name;
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            return connection.get().run(command);
        }

        @Override
        public void close() {
            // the pool owns the connection
        }
    }
}
