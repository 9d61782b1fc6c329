package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.harden.HostFacts;
import org.clusterdeck.harden.Role;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.scan.HostAuditCheck.Status;
import org.clusterdeck.scan.HostAuditCheck.Verdict;

/**
 * Host audit over SSH: the checks of {@link HostAuditChecks} (accounts and sudo, SSH, firewall,
 * kernel, file permissions, world-writable and SUID files, listeners vs the role, updates,
 * AppArmor/SELinux, logging, time, cron, mounts, core dumps), gathered with one read-only script
 * per host ({@link HostFacts#gather}) and judged here. A judge that throws on odd output counts as
 * skipped with the reason, never as passed.
 */
public final class HostAudit {

    /** One check's outcome with the probe output lines it judged. */
    public record Result(HostAuditCheck check, Status status, List<String> evidence) {
        /**
         * As a finding (failed checks are what a report lists). A check's title states what should
         * hold ("sshd passwordauthentication is no"); the finding says it does not.
         */
        public Finding finding() {
            return new Finding(check.id(), check.severity(), "Not met: " + check.title(), String.join("\n", evidence),
                    check.why(), check.fix());
        }
    }

    /** A host's audit: every check's result, the 0–100 index, and how long gathering and judging took. */
    public record Report(String host, Role role, List<Result> results, int index, long elapsedMs) {
        public List<Result> failed() {
            return results.stream().filter(r -> r.status() == Status.FAIL).toList();
        }

        public long count(Status s) {
            return results.stream().filter(r -> r.status() == s).count();
        }
    }

    private HostAudit() {
    }

    public static List<HostAuditCheck> checks() {
        return HostAuditChecks.all();
    }

    /** The read-only probe script's parts, by name. */
    public static Map<String, String> probes() {
        return HostAuditChecks.probes();
    }

    /** Gathers (one round trip, as root through sudo) and judges. */
    public static Report run(String host, RemoteShell shell, Role role, int sshPort) {
        long t0 = System.nanoTime();
        HostFacts facts = HostFacts.gather(shell, probes());
        List<Result> results = judge(facts, role, sshPort);
        return new Report(host, role, results, index(results), (System.nanoTime() - t0) / 1_000_000);
    }

    /** A host to audit: its name, how to log in (an audited shell), its role and SSH port. */
    public record Target(String host, java.util.function.Supplier<RemoteShell> shell, Role role, int sshPort) {
    }

    /**
     * Audits every target, up to {@code parallel} at once (each host's script runs on the host, so
     * the workstation mostly waits); in the order given. A host that fails stops nothing else: its
     * exception is rethrown after all have finished, naming the host.
     */
    public static List<Report> runAll(List<Target> targets, int parallel) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, targets.size())));
        try {
            List<java.util.concurrent.Future<Report>> futures = new ArrayList<>();
            for (Target t : targets) {
                futures.add(pool.submit(() -> {
                    try (RemoteShell shell = t.shell().get()) {
                        return run(t.host(), shell, t.role(), t.sshPort());
                    }
                }));
            }
            List<Report> out = new ArrayList<>();
            RuntimeException first = null;
            for (int i = 0; i < futures.size(); i++) {
                try {
                    out.add(futures.get(i).get());
                } catch (java.util.concurrent.ExecutionException e) {
                    Throwable c = e.getCause();
                    if (first == null) {
                        first = c instanceof RuntimeException re ? re : new IllegalStateException(targets.get(i).host() + ": " + c, c);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    public static List<Result> judge(HostFacts facts, Role role, int sshPort) {
        HostFacts derived = new HostFacts(HostAuditChecks.derive(facts.all()));
        List<Result> out = new ArrayList<>();
        for (HostAuditCheck c : HostAuditChecks.all()) {
            Verdict v;
            if (derived.find(c.probe()).isEmpty()) {
                v = Verdict.skip("the probe '" + c.probe() + "' did not run (the audit script stopped early)");
            } else {
                try {
                    v = c.judge().apply(new HostAuditCheck.Input(derived.get(c.probe()), role, sshPort));
                } catch (RuntimeException e) {
                    v = Verdict.skip("the output could not be judged: " + e);
                }
            }
            out.add(new Result(c, v.status(), v.evidence()));
        }
        return out;
    }

    /** 100 × (severity of passed checks) / (severity of passed and failed checks); skipped checks do not count. */
    public static int index(List<Result> results) {
        double pass = 0;
        double all = 0;
        for (Result r : results) {
            if (r.status() != Status.SKIP) {
                all += r.check().severity();
                if (r.status() == Status.PASS) {
                    pass += r.check().severity();
                }
            }
        }
        return all == 0 ? 0 : (int) Math.round(100 * pass / all);
    }
}
