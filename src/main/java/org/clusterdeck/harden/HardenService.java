package org.clusterdeck.harden;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.GuardedApply;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.store.Store;

/**
 * Plans and applies hardening on inventory hosts: gathers the facts every chosen step needs in one
 * round trip, plans each step, then applies them one change set per step (feature
 * {@code harden.<step>}) under the host's locks, through the guarded apply where a step can cut
 * ClusterDeck off, verifies each, and rolls a step back when its verification fails. Blocking
 * code: call it inside a job.
 */
public final class HardenService {
    /** Opens a new SSH connection to an inventory host, never a pooled one (proof of the next login). */
    @FunctionalInterface
    public interface FreshLogins {
        RemoteShell open(String hostName);
    }

    private final Store store;
    private final ChangeEngine engine;
    private final ChangeEngine.Shells shells;
    private final FreshLogins fresh;
    private final Map<HardenStep, StepModule> modules = new EnumMap<>(HardenStep.class);

    public HardenService(Store store, ChangeEngine engine, ChangeEngine.Shells shells, FreshLogins fresh, List<StepModule> modules) {
        this.store = store;
        this.engine = engine;
        this.shells = shells;
        this.fresh = fresh;
        modules.forEach(m -> this.modules.put(m.step(), m));
    }

    /** The steps this build can plan (the others are reported as not available). */
    public Set<HardenStep> available() {
        return modules.keySet();
    }

    /** Reads the host (read-only) and plans the chosen steps; {@code role} null: the topology's role. */
    public HostPlan plan(String hostName, Set<HardenStep> steps, Role role, HardenOptions options, JobContext ctx) {
        try (RemoteShell shell = shells.open(hostName, ctx)) {
            return plan(shell, hostName, steps, role, options, ctx);
        }
    }

    HostPlan plan(RemoteShell shell, String hostName, Set<HardenStep> steps, Role role, HardenOptions options, JobContext ctx) {
        progress(ctx, 0.1, "reading " + hostName);
        HostContext host = new HostContexts(store).of(hostName, role, adminSources(shell));
        Map<String, String> probes = new LinkedHashMap<>();
        for (HardenStep s : steps) {
            StepModule m = modules.get(s);
            if (m != null) {
                m.probes().forEach((k, v) -> probes.put(s.id() + "." + k, v));
            }
        }
        HostFacts all = HostFacts.gather(shell, probes);
        List<StepPlan> plans = new ArrayList<>();
        for (HardenStep s : steps) {
            StepModule m = modules.get(s);
            if (m == null) {
                plans.add(StepPlan.skip(s, s.label() + " hardening is not in this build of ClusterDeck."));
                continue;
            }
            plans.add(m.plan(host, scoped(all, s), options));
        }
        return new HostPlan(host, all, plans);
    }

    /** The facts of one step, under the names it gave (without the "firewall." prefix). */
    private static HostFacts scoped(HostFacts all, HardenStep s) {
        Map<String, String> m = new LinkedHashMap<>();
        all.all().forEach((k, v) -> {
            if (k.startsWith(s.id() + ".")) {
                m.put(k.substring(s.id().length() + 1), v);
            }
        });
        return new HostFacts(m);
    }

    /** Where ClusterDeck's own SSH connection comes from, as the host sees it: SSH stays open from there. */
    static List<String> adminSources(RemoteShell shell) {
        CommandResult r = shell.run(RemoteCommand.of("sh", "-c", "echo \"${SSH_CONNECTION:-}\""));
        String[] parts = r.stdout().strip().split("\\s+");
        if (r.ok() && parts.length >= 1 && HostContexts.literal(parts[0])) {
            return List.of(parts[0]);
        }
        return List.of();
    }

    /**
     * Applies every step of {@code plan} that has changes, in order, holding the host's locks; each
     * step is verified and rolled back when a check fails; a failing step stops the run (the steps
     * before it stay, listed in the result).
     */
    public HostResult apply(HostPlan plan, HardenOptions options, boolean wait, JobContext ctx) throws Exception {
        String hostName = plan.host().hostName();
        String run = "run " + Instant.now().getEpochSecond();
        return engine.withHostLock(hostName, "harden", wait, ctx, () -> {
            try (RemoteShell shell = shells.open(hostName, ctx);
                 var onHost = engine.lockOnHost(shell, "harden", wait, ctx)) {
                List<ChangeSet> made = new ArrayList<>();
                List<Check> checks = new ArrayList<>();
                List<StepPlan> todo = plan.toApply();
                for (int i = 0; i < todo.size(); i++) {
                    StepPlan sp = todo.get(i);
                    progress(ctx, (double) i / todo.size(), sp.step().label() + " on " + hostName);
                    String title = sp.title() + " (hardening " + run + ")";
                    ChangeSet cs;
                    try {
                        if (sp.guarded()) {
                            GuardedApply.Outcome o = engine.guarded().apply(shell, () -> fresh.open(hostName), sp.step().feature(),
                                    title, sp.changes(), options.guard(), ctx, null);
                            cs = engine.find(o.changeSetId()).orElseThrow();
                            if (!o.kept()) {
                                made.add(cs);
                                return new HostResult(hostName, made, checks, sp.step().label() + ": " + o.message());
                            }
                        } else {
                            cs = engine.apply(shell, sp.step().feature(), title, sp.changes(), ctx);
                        }
                    } catch (RuntimeException e) {
                        return new HostResult(hostName, made, checks, sp.step().label() + ": " + e.getMessage());
                    }
                    made.add(cs);
                    List<Check> stepChecks = modules.get(sp.step()).verify(shell, plan.host(), sp, options);
                    checks.addAll(stepChecks);
                    List<Check> failed = stepChecks.stream().filter(c -> !c.ok()).toList();
                    if (!failed.isEmpty()) {
                        ChangeSet back = engine.restore(cs.id(), shell, ctx);
                        made.set(made.size() - 1, back);
                        return new HostResult(hostName, made, checks, sp.step().label() + " did not verify (" + failed.get(0).what()
                                + ": " + failed.get(0).detail() + "), so it was rolled back.");
                    }
                }
                progress(ctx, 1, "hardened " + hostName);
                return new HostResult(hostName, made, checks, null);
            }
        });
    }

    /** The latest hardening change set per step on the host (absent: never hardened). */
    public HardenStatus status(String hostName) {
        Map<HardenStep, ChangeSet> latest = new EnumMap<>(HardenStep.class);
        for (HardenStep s : HardenStep.values()) {
            engine.changes().list(hostName, s.feature(), 1).stream().findFirst().ifPresent(cs -> latest.put(s, cs));
        }
        return new HardenStatus(hostName, latest);
    }

    private static void progress(JobContext ctx, double f, String m) {
        if (ctx != null) {
            ctx.checkCancelled();
            ctx.progress(f, m);
        }
    }
}
