package org.clusterdeck.tuning;

import java.util.List;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.Store;

/**
 * Tuning of inventory hosts as background jobs, one job per host so several hosts run in parallel
 * and each has its own result and log. Demo hosts are refused before any connection; lab hosts
 * (network namespaces of this machine) only get per-namespace keys.
 */
public final class TuningJobs {
    /** One change at a time per host in this process: a second apply waits, so before-values stay true. */
    private static final java.util.concurrent.ConcurrentHashMap<String, java.util.concurrent.locks.ReentrantLock> HOST_LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final Store store;
    private final TuningService service;
    private final HostShells shells;

    /** @param shells opens a connection to an inventory host (the SSH factory in the app) */
    public TuningJobs(Store store, TuningService service, HostShells shells) {
        this.store = store;
        this.service = service;
        this.shells = shells;
    }

    public TuningService service() {
        return service;
    }

    /** Refuses hosts ClusterDeck must never connect to, before anything is attempted. */
    public void checkConnectable(Host host) {
        RemoteAccess.refuseDemo(store, host);
    }

    /**
     * Whether the host shares this machine's kernel (then only per-network-namespace keys may change
     * there): decided on the host itself ({@link KernelIdentity}), not by its site, so a lab host
     * filed under a normal site is still recognised; the lab's own site counts as well.
     */
    public boolean sharedKernel(RemoteShell shell, Host host) {
        return store.sites().findById(host.siteId()).map(s -> s.kind() == SiteKind.LAB).orElse(false)
                || KernelIdentity.sharesThisMachinesKernel(shell);
    }

    /** Reads the host and builds the preview (blocking; inside a job). */
    public TuningPlan plan(Host host, List<SettingInput> inputs, String source, JobContext ctx) {
        checkConnectable(host);
        try (RemoteShell shell = shells.open(host, ctx)) {
            return plan(shell, host, inputs, source, ctx);
        }
    }

    private TuningPlan plan(RemoteShell shell, Host host, List<SettingInput> inputs, String source, JobContext ctx) {
        if (ctx != null) {
            ctx.progress(0.1, "reading the kernel settings of " + host.name());
        }
        HostReading reading = service.read(shell, inputs);
        return service.plan(reading, inputs, source, sharedKernel(shell, host));
    }

    public Job<TuningPlan> submitPlan(JobRunner jobs, Host host, List<SettingInput> inputs, String source) {
        return jobs.submit("Plan kernel tuning (" + source + ")", host.name(), ctx -> plan(host, inputs, source, ctx));
    }

    /** Reads, plans and applies on one host (or only reports, with {@code dryRun}). */
    public Job<TuningResult> submitApply(JobRunner jobs, Host host, List<SettingInput> inputs, String source, boolean dryRun) {
        String name = (dryRun ? "Dry run: kernel tuning (" : "Apply kernel tuning (") + source + ")";
        return jobs.submit(name, host.name(), ctx -> locked(host, () -> {
            checkConnectable(host);
            try (RemoteShell shell = shells.open(host, ctx)) {
                TuningPlan plan = plan(shell, host, inputs, source, ctx);
                if (dryRun) {
                    plan.commandLines().forEach(c -> ctx.log("would run: " + c));
                }
                TuningResult result = service.apply(shell, plan, dryRun, ctx);
                log(ctx, result);
                return result;
            }
        }));
    }

    public Job<TuningResult> submitRollback(JobRunner jobs, Host host) {
        return jobs.submit("Roll back kernel tuning", host.name(), ctx -> locked(host, () -> {
            checkConnectable(host);
            try (RemoteShell shell = shells.open(host, ctx)) {
                ctx.progress(0.2, "restoring the values from before the last apply");
                TuningResult result = service.rollback(shell, ctx);
                log(ctx, result);
                return result;
            }
        }));
    }

    private static <T> T locked(Host host, java.util.concurrent.Callable<T> work) throws Exception {
        java.util.concurrent.locks.ReentrantLock lock = HOST_LOCKS.computeIfAbsent(host.name(), k -> new java.util.concurrent.locks.ReentrantLock());
        lock.lockInterruptibly();
        try {
            return work.call();
        } finally {
            lock.unlock();
        }
    }

    private static void log(JobContext ctx, TuningResult r) {
        for (KeyOutcome k : r.keys()) {
            ctx.log(k.key() + ": " + k.status() + " (" + k.before() + " -> " + k.proposed()
                    + (k.readBack() != null ? ", reads " + k.readBack() : "") + (k.reason() != null ? ", " + k.reason() : "") + ")");
        }
        if (!r.ok()) {
            throw new TuningFailedException(r); // the job shows as failed; the result travels with it
        }
        ctx.log(r.message());
    }

    /** The result of a tuning job, also when it failed (then taken from its {@link TuningFailedException}). */
    public static java.util.concurrent.CompletableFuture<TuningResult> outcome(Job<TuningResult> job) {
        return job.result().handle((r, e) -> {
            if (r != null) {
                return r;
            }
            Throwable t = e;
            while (t != null && !(t instanceof TuningFailedException)) {
                t = t.getCause();
            }
            if (t instanceof TuningFailedException tf) {
                return tf.result();
            }
            String why = org.clusterdeck.job.JobRunner.describe(e instanceof java.util.concurrent.CompletionException ce && ce.getCause() != null ? ce.getCause() : e);
            return new TuningResult(job.target(), TuningResult.Outcome.REFUSED, java.util.List.of(), java.util.List.of(), why, null);
        });
    }
}
