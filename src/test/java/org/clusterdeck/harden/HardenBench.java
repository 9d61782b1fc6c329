package org.clusterdeck.harden;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clusterdeck.change.StepActions;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHost;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, run by bench/harden.sh (skipped unless -Dclusterdeck.bench=true): the full hardening
 * plan + apply + verify on 10 lab hosts in parallel (guard window 10 s), against a hand script of
 * the same commands run over the OpenSSH client, alternating in one run. Between runs every host
 * is put back with the recorded before-values, so each run starts from the same state.
 * Prints "BENCH" lines.
 */
@ExtendWith(LabExtension.class)
@LabSize(10)
class HardenBench {
    private static final int ROUNDS = Integer.getInteger("clusterdeck.bench.rounds", 3);
    private static final HardenOptions OPTIONS = new HardenOptions(java.time.Duration.ofSeconds(10), java.util.Map.of());

    @Test
    void planApplyVerifyOnTenLabHostsAgainstAHandScript(LabHosts lab) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("clusterdeck.bench"), "benchmark: run bench/harden.sh (-Dclusterdeck.bench=true)");
        Set<HardenStep> steps = EnumSet.allOf(HardenStep.class);
        ExecutorService pool = Executors.newFixedThreadPool(lab.size());
        try (HardenLab h = HardenLab.on(lab, "harden-bench")) {
            System.out.printf("BENCH machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            HostPlan sample = h.service.plan(lab.host(1).name(), steps, null, OPTIONS, null);
            for (StepPlan s : sample.steps()) {
                System.out.printf("BENCH step %-9s %s%n", s.step().id(), s.skipped() ? "skipped: " + s.skipReason()
                        : s.changes().size() + " change(s)" + (s.guarded() ? ", guarded" : ""));
            }
            long[] ours = new long[ROUNDS];
            long[] hand = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                boolean oursFirst = r % 2 == 0;
                for (int k = 0; k < 2; k++) {
                    if ((k == 0) == oursFirst) {
                        ours[r] = clusterDeck(h, lab, pool, steps);
                    } else {
                        hand[r] = handScript(h, lab, pool, steps);
                    }
                }
            }
            Arrays.sort(ours);
            Arrays.sort(hand);
            double o = ours[ROUNDS / 2] / 1e6;
            double m = hand[ROUNDS / 2] / 1e6;
            System.out.printf("BENCH ClusterDeck plan+apply+verify, 10 hosts in parallel: median %.0f ms (runs %s ms)%n", o, ms(ours));
            System.out.printf("BENCH hand script of the same commands over OpenSSH:     median %.0f ms (runs %s ms)%n", m, ms(hand));
            System.out.printf("BENCH ratio ClusterDeck / hand script: %.2f (goal: ClusterDeck < 10000 ms: %s)%n", o / m, o < 10_000 ? "ok" : "MISSED");
        } finally {
            pool.shutdownNow();
        }
    }

    /** Plans, applies and verifies every host in parallel; returns the wall time in ns, then rolls every host back. */
    private static long clusterDeck(HardenLab h, LabHosts lab, ExecutorService pool, Set<HardenStep> steps) throws Exception {
        long t0 = System.nanoTime();
        List<Future<HostResult>> runs = new ArrayList<>();
        for (LabHost host : lab.hosts()) {
            runs.add(pool.submit(() -> h.service.apply(h.service.plan(host.name(), steps, null, OPTIONS, null), OPTIONS, true, null)));
        }
        List<HostResult> results = new ArrayList<>();
        for (Future<HostResult> f : runs) {
            results.add(f.get());
        }
        long took = System.nanoTime() - t0;
        for (HostResult r : results) {
            if (!r.ok()) {
                throw new IllegalStateException(r.hostName() + ": " + r.failure() + " " + r.checks());
            }
            List<ChangeSet> newestFirst = new ArrayList<>(r.changes());
            java.util.Collections.reverse(newestFirst);
            for (ChangeSet cs : newestFirst) {
                h.engine.rollback(cs.id(), h.access::open, false, true, null);
            }
        }
        return took;
    }

    /**
     * The plan's exact commands as one script per host, run with {@code ssh root@host sh -s} on all
     * hosts in parallel (planning first, untimed: a hand script is written once); afterwards each host
     * gets its before-values back through the same restore script the guarded apply arms.
     */
    private static long handScript(HardenLab h, LabHosts lab, ExecutorService pool, Set<HardenStep> steps) throws Exception {
        List<String> scripts = new ArrayList<>();
        List<String> resets = new ArrayList<>();
        for (LabHost host : lab.hosts()) {
            HostPlan p = h.service.plan(host.name(), steps, null, OPTIONS, null);
            scripts.add("set -e\n" + String.join("\n", p.toApply().stream().flatMap(s -> s.preview().stream()).toList()) + "\n");
            List<ChangeStep> before = new ArrayList<>();
            try (var sh = lab.shell(lab.hosts().indexOf(host) + 1)) {
                int seq = 1;
                for (StepPlan s : p.toApply()) {
                    for (var c : s.changes()) {
                        String b = switch (c.kind()) {
                            case SERVICE_RELOAD -> c.after();
                            case COMMAND -> c.undo();
                            default -> StepActions.read(sh, c.kind(), c.target());
                        };
                        before.add(new ChangeStep(seq++, c.kind(), c.target(), c.kind() != org.clusterdeck.model.StepKind.FILE || b != null,
                                b, c.after(), ChangeStep.APPLIED));
                    }
                }
            }
            resets.add(StepActions.revertScript(before));
        }
        long t0 = System.nanoTime();
        runEverywhere(lab, pool, scripts);
        long took = System.nanoTime() - t0;
        runEverywhere(lab, pool, resets);
        return took;
    }

    private static void runEverywhere(LabHosts lab, ExecutorService pool, List<String> scripts) throws Exception {
        List<Future<String>> runs = new ArrayList<>();
        for (int i = 0; i < lab.size(); i++) {
            LabHost host = lab.host(i + 1);
            String script = scripts.get(i);
            runs.add(pool.submit(() -> ssh(lab, host, script)));
        }
        for (Future<String> f : runs) {
            String problem = f.get();
            if (problem != null) {
                throw new IllegalStateException(problem);
            }
        }
    }

    /** OpenSSH, host key checked against the lab's own known-hosts file; null when the script exited 0. */
    private static String ssh(LabHosts lab, LabHost host, String script) throws Exception {
        Process p = new ProcessBuilder("ssh", "-q", "-i", lab.privateKey().toString(), "-p", Integer.toString(host.sshPort()),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes", "-o", "UserKnownHostsFile=" + lab.knownHosts().ownFile(),
                "root@" + host.address(), "sh", "-s").redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : host.name() + ": exit " + p.exitValue() + ": " + out;
    }

    private static String ms(long[] ns) {
        return String.join(", ", Arrays.stream(ns).mapToObj(n -> Long.toString(n / 1_000_000)).toList());
    }
}
