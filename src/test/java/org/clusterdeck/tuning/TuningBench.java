package org.clusterdeck.tuning;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.ShellQuote;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Benchmark, run by bench/tuning.sh (skipped unless -Dclusterdeck.bench=true): read, diff and
 * apply 30 sysctls on 10 lab hosts in parallel, and on one host alone; and the same work done
 * the way a shell script would, with the OpenSSH client, as the peer. Prints "BENCH" lines.
 */
@ExtendWith(LabExtension.class)
@LabSize(10)
class TuningBench {
    /** 30 per-namespace keys with values that differ from a fresh namespace's. */
    static final String SETTINGS = String.join("\n",
            "net.core.somaxconn = 8192", "net.ipv4.ip_local_port_range = 10240 65535", "net.ipv4.tcp_max_syn_backlog = 8192",
            "net.ipv4.tcp_fin_timeout = 20", "net.ipv4.tcp_tw_reuse = 1", "net.ipv4.tcp_keepalive_time = 600",
            "net.ipv4.tcp_keepalive_intvl = 30", "net.ipv4.tcp_keepalive_probes = 5", "net.ipv4.tcp_syncookies = 2",
            "net.ipv4.tcp_synack_retries = 3", "net.ipv4.tcp_syn_retries = 4", "net.ipv4.tcp_max_tw_buckets = 262144",
            "net.ipv4.tcp_slow_start_after_idle = 0", "net.ipv4.tcp_fastopen = 3", "net.ipv4.tcp_wmem = 4096 16384 8388608",
            "net.ipv4.tcp_mtu_probing = 1", "net.ipv4.tcp_no_metrics_save = 1", "net.ipv4.tcp_notsent_lowat = 131072",
            "net.ipv4.tcp_ecn = 1", "net.ipv4.tcp_abort_on_overflow = 1", "net.ipv4.tcp_autocorking = 0",
            "net.ipv4.conf.all.rp_filter = 2", "net.ipv4.tcp_retries2 = 8", "net.ipv4.tcp_orphan_retries = 2",
            "net.ipv4.tcp_reordering = 5", "net.ipv4.tcp_base_mss = 1200", "net.ipv4.icmp_ratelimit = 500",
            "net.ipv4.tcp_frto = 1", "net.ipv4.ip_default_ttl = 62", "net.ipv4.tcp_probe_interval = 300");
    private static final int ROUNDS = Integer.getInteger("clusterdeck.bench.rounds", 5);

    @Test
    void readDiffApplyThirtySysctlsOnTenLabHosts(LabHosts lab) throws Exception {
        boolean enabled = Boolean.getBoolean("clusterdeck.bench");
        Assumptions.assumeTrue(enabled, "benchmark: run bench/tuning.sh (-Dclusterdeck.bench=true)");
        List<SettingInput> inputs = SysctlFragmentParser.parse(SETTINGS).settings();
        try (Store store = Store.inMemory("tuning-bench"); JobRunner jobs = new JobRunner(store.jobs(), 10)) {
            List<Host> hosts = new LabInventory(store, lab.knownHosts(), new InventoryEvents(), "bench").register(lab.hosts());
            RemoteAccess access = new RemoteAccess(store, lab.sessions(), "bench");
            TuningJobs tuning = new TuningJobs(store, new TuningService(store, SysctlCatalog.load(), "bench"), access::open,
                    org.clusterdeck.change.ChangeEngine.create(store, "bench"), true);
            System.out.printf("BENCH machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                    java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).strip());
            try (var sh = lab.shell(1)) {
                for (int i = 0; i < 3; i++) {
                    sh.run(org.clusterdeck.remote.RemoteCommand.of("true"));
                }
                long t = System.nanoTime();
                for (int i = 0; i < 10; i++) {
                    sh.run(org.clusterdeck.remote.RemoteCommand.of("true"));
                }
                System.out.printf("BENCH one remote command ('true') on an open SSH connection: %.0f ms%n", (System.nanoTime() - t) / 1e7);
            }
            TuningPlan check = tuning.plan(hosts.get(0), inputs, "bench", null);
            System.out.printf("BENCH plan: %d keys, %d change(s) on a fresh lab host, %d error(s)%n", check.rows().size(),
                    check.changedRows().size(), check.report().errors().size());

            long[] one = new long[ROUNDS];
            long[] ten = new long[ROUNDS];
            double coldOne = run(tuning, jobs, hosts.subList(0, 1), inputs) / 1e6; // includes the first SSH connect
            rollback(tuning, jobs, hosts.subList(0, 1));
            for (int r = 0; r < ROUNDS; r++) {
                one[r] = run(tuning, jobs, hosts.subList(0, 1), inputs);
                rollback(tuning, jobs, hosts.subList(0, 1));
                ten[r] = run(tuning, jobs, hosts, inputs);
                rollback(tuning, jobs, hosts);
            }
            long[] peerTen = new long[ROUNDS];
            long[] peerOne = new long[ROUNDS];
            for (int r = 0; r < ROUNDS; r++) {
                peerOne[r] = openSsh(lab, 1);
                rollback(tuning, jobs, hosts.subList(0, 0));
                peerTen[r] = openSsh(lab, 10);
            }
            print("ClusterDeck, 1 host alone", one);
            print("ClusterDeck, 10 hosts in parallel", ten);
            print("OpenSSH client script, 1 host alone", peerOne);
            print("OpenSSH client script, 10 hosts in parallel", peerTen);
            System.out.printf("BENCH first apply on 1 host including the SSH connect: %.0f ms%n", coldOne);
            System.out.printf("BENCH ratio ClusterDeck / OpenSSH script, 10 hosts (median): %.2f%n",
                    (double) median(ten) / median(peerTen));
            System.out.printf("BENCH target: 10 hosts < 3000 ms -> %s%n", median(ten) / 1e6 < 3000 ? "met" : "NOT met");
        }
    }

    /** Wall time of apply jobs (read, diff, apply, verify, persist) on the hosts, all submitted at once. */
    private static long run(TuningJobs tuning, JobRunner jobs, List<Host> hosts, List<SettingInput> inputs) {
        long t0 = System.nanoTime();
        List<Job<TuningResult>> submitted = hosts.stream().map(h -> tuning.submitApply(jobs, h, inputs, "bench", false)).toList();
        for (Job<TuningResult> j : submitted) {
            TuningResult r = TuningJobs.outcome(j).join();
            if (r.outcome() != TuningResult.Outcome.APPLIED) {
                throw new AssertionError(r.hostName() + ": " + r.message());
            }
        }
        return System.nanoTime() - t0;
    }

    private static void rollback(TuningJobs tuning, JobRunner jobs, List<Host> hosts) {
        hosts.stream().map(h -> tuning.submitRollback(jobs, h)).toList().forEach(j -> TuningJobs.outcome(j).join());
    }

    /**
     * The peer: what an admin's script does with the OpenSSH client, one connection per step and
     * host: read all, write the 30 keys, read them back, write the file; then put the values back.
     */
    private static long openSsh(LabHosts lab, int hostCount) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(hostCount);
        List<String> keys = new ArrayList<>();
        List<String> pairs = new ArrayList<>();
        for (SettingInput s : SysctlFragmentParser.parse(SETTINGS).settings()) {
            keys.add(s.key());
            pairs.add(s.key() + "=" + s.value());
        }
        List<CompletableFuture<Map<String, String>>> before = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int n = 1; n <= hostCount; n++) {
            int host = n;
            before.add(CompletableFuture.supplyAsync(() -> {
                Map<String, String> read = HostSysctls.parse(ssh(lab, host, "sysctl -a", null), "").values();
                ssh(lab, host, "sysctl -w " + ShellQuote.join(pairs), null);
                ssh(lab, host, "sysctl " + String.join(" ", keys), null);
                ssh(lab, host, "tee /etc/sysctl.d/99-peer.conf >/dev/null", SETTINGS + "\n");
                return read;
            }, pool));
        }
        CompletableFuture.allOf(before.toArray(CompletableFuture[]::new)).join();
        long elapsed = System.nanoTime() - t0;
        for (int n = 1; n <= hostCount; n++) {
            Map<String, String> was = before.get(n - 1).join();
            List<String> restore = keys.stream().map(k -> k + "=" + was.get(k)).toList();
            ssh(lab, n, "sysctl -w " + ShellQuote.join(restore) + " >/dev/null; rm -f /etc/sysctl.d/99-peer.conf", null);
        }
        pool.shutdown();
        return elapsed;
    }

    private static String ssh(LabHosts lab, int n, String remoteLine, String stdin) {
        var h = lab.host(n);
        List<String> argv = List.of("ssh", "-i", lab.privateKey().toString(), "-p", Integer.toString(h.sshPort()),
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                "-o", "UserKnownHostsFile=" + lab.knownHosts().ownFile(), "root@" + h.address(), remoteLine);
        try {
            Process p = new ProcessBuilder(argv).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            try (var in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                }
            }
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException("ssh to " + h.name() + " failed: " + remoteLine);
            }
            return out;
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static void print(String what, long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        System.out.printf("BENCH %-45s median %6.0f ms  min %6.0f ms  max %6.0f ms  (%d rounds)%n", what + ":",
                median(nanos) / 1e6, s[0] / 1e6, s[s.length - 1] / 1e6, s.length);
    }
}
