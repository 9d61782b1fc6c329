package org.clusterdeck.scan;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.clusterdeck.harden.HardenLab;
import org.clusterdeck.harden.Role;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.Host;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, run by bench/scan-host.sh (skipped unless -Dclusterdeck.bench=true): the host audit
 * (login over the pooled audited shell, one probe script, judging) on one lab host and on 10 lab
 * hosts in parallel, the median of ROUNDS runs each. Prints "BENCH" lines; lynis is timed by the
 * script itself on the workstation.
 */
@ExtendWith(LabExtension.class)
@LabSize(10)
class HostAuditBench {
    private static final int ROUNDS = Integer.getInteger("clusterdeck.bench.rounds", 3);

    @Test
    void oneLabHostAndTenInParallel(LabHosts lab) throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("clusterdeck.bench"), "benchmark: run bench/scan-host.sh (-Dclusterdeck.bench=true)");
        try (HardenLab h = HardenLab.on(lab, "scan-host-bench")) {
            System.out.printf("BENCH machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    Files.readString(Path.of("/proc/loadavg")).strip());
            List<HostAudit.Target> all = new ArrayList<>();
            for (int i = 1; i <= lab.size(); i++) {
                Host host = h.store.hosts().findByName(lab.host(i).name()).orElseThrow();
                all.add(new HostAudit.Target(host.name(), () -> h.access.open(host, null), Role.fromInventory(host.role()), host.sshPort()));
            }
            HostAudit.runAll(all.subList(0, 1), 1); // the SSH login, so the timings below are the audit, as in a second scan
            long[] one = new long[ROUNDS];
            long[] ten = new long[ROUNDS];
            HostAudit.Report sample = null;
            for (int r = 0; r < ROUNDS; r++) {
                long t0 = System.nanoTime();
                sample = HostAudit.runAll(all.subList(0, 1), 1).get(0);
                one[r] = (System.nanoTime() - t0) / 1_000_000;
                t0 = System.nanoTime();
                List<HostAudit.Report> reports = HostAudit.runAll(all, all.size());
                ten[r] = (System.nanoTime() - t0) / 1_000_000;
                if (reports.size() != all.size()) {
                    throw new AssertionError("not every host was audited");
                }
            }
            System.out.printf("BENCH host audit: %d checks (%d passed, %d failed, %d skipped), index %d/100%n", sample.results().size(),
                    sample.count(HostAuditCheck.Status.PASS), sample.count(HostAuditCheck.Status.FAIL), sample.count(HostAuditCheck.Status.SKIP),
                    sample.index());
            System.out.printf("BENCH one lab host: median %.2f s (runs %s ms), goal <= 3 s%n", median(one) / 1000.0, Arrays.toString(one));
            breakdown(h, h.store.hosts().findByName(lab.host(1).name()).orElseThrow());
            System.out.printf("BENCH 10 lab hosts in parallel: median %.2f s (runs %s ms), goal <= 10 s%n", median(ten) / 1000.0, Arrays.toString(ten));
        }
    }

    /**
     * Where one host's audit spends its time: the SSH round trip of an empty script, the probe script
     * (and, timed on the host, its slowest probes one by one), judging on this machine.
     */
    private static void breakdown(HardenLab h, Host host) {
        try (org.clusterdeck.remote.RemoteShell shell = h.access.open(host, null)) {
            long t0 = System.nanoTime();
            org.clusterdeck.harden.HostFacts.gather(shell, java.util.Map.of("empty", "true"));
            long roundTrip = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            org.clusterdeck.harden.HostFacts facts = org.clusterdeck.harden.HostFacts.gather(shell, HostAudit.probes());
            long script = (System.nanoTime() - t0) / 1_000_000;
            t0 = System.nanoTime();
            HostAudit.judge(facts, Role.fromInventory(host.role()), host.sshPort());
            long judge = (System.nanoTime() - t0) / 1_000_000;
            StringBuilder timed = new StringBuilder("export LC_ALL=C PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n");
            HostAudit.probes().forEach((name, probe) -> timed.append("s=$(date +%s%N); ( ").append(probe)
                    .append("\n) >/dev/null 2>&1 </dev/null; echo \"$(( ($(date +%s%N) - s) / 1000000 )) ").append(name).append("\"\n"));
            timed.append("times\n"); // the CPU the probes used (user and system time of the children): what load does not change
            String out = shell.run(new org.clusterdeck.remote.RemoteCommand(List.of("sh", "-s"), true, timed.toString(),
                    java.time.Duration.ofSeconds(120))).stdout();
            List<String> times = out.lines().filter(l -> l.matches("\\d+m[0-9.]+s \\d+m[0-9.]+s")).toList();
            double cpu = times.isEmpty() ? -1 : java.util.Arrays.stream(times.get(times.size() - 1).split(" "))
                    .mapToDouble(t -> Integer.parseInt(t.substring(0, t.indexOf('m'))) * 60 + Double.parseDouble(t.substring(t.indexOf('m') + 1, t.length() - 1)))
                    .sum();
            List<String> slowest = out.lines().filter(l -> l.matches("\\d+ \\S+"))
                    .sorted(java.util.Comparator.comparingLong((String l) -> Long.parseLong(l.split(" ")[0])).reversed()).limit(5)
                    .map(l -> l.split(" ")[1] + " " + l.split(" ")[0] + " ms").toList();
            System.out.printf("BENCH one lab host, where the time goes: SSH round trip of an empty script %d ms, probe script %d ms, "
                    + "judging %d ms; slowest probes one by one on the host: %s; CPU of all probes (user + system) %.2f s%n",
                    roundTrip, script, judge, String.join(", ", slowest), cpu);
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
