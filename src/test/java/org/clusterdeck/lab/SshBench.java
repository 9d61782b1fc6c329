package org.clusterdeck.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteSessions;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.remote.SshTarget;

/**
 * Side-by-side benchmark (run by bench/ssh.sh, as root): lab start-up, and ClusterDeck's SSH
 * client against OpenSSH's ssh on the same lab hosts (fresh connections, and commands over a
 * kept-open connection: ControlMaster for ssh, the pool for ClusterDeck).
 */
public final class SshBench {
    private SshBench() {
    }

    public static void main(String[] args) throws Exception {
        int hosts = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int commands = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        LabPreflight.require();
        int index = LabExtension.claimIndex();
        Path state = Files.createTempDirectory("clusterdeck-bench-lab");
        Lab lab = new Lab(new LabLayout(index, state, "b" + index + "-lab"));
        try {
            long t0 = System.nanoTime();
            List<LabHost> up = lab.up(hosts);
            System.out.printf("lab up %d hosts: %.2f s%n", hosts, secs(t0));
            KnownHosts kh = new KnownHosts(state.resolve("known_hosts"), null);
            up.forEach(h -> kh.trust(h.address(), 22, h.hostKey()));
            LabHost first = up.get(0);
            SshTarget target = new SshTarget(first.name(), first.address(), 22, "root", lab.layout().keyFile(), SshTarget.Auth.KEY);
            List<String> ssh = List.of("ssh", "-q", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes",
                    "-o", "UserKnownHostsFile=" + state.resolve("known_hosts"), "-i", lab.layout().keyFile().toString());

            int fresh = 20;
            t0 = System.nanoTime();
            for (int i = 0; i < fresh; i++) {
                try (SshShell sh = SshShell.connect(target, kh, HostKeyDecision.REJECT, SecretPrompt.NONE, SshOptions.DEFAULTS)) {
                    sh.run(RemoteCommand.of("true"));
                }
            }
            double ours = secs(t0) / fresh * 1000;
            t0 = System.nanoTime();
            for (int i = 0; i < fresh; i++) {
                run(concat(ssh, List.of("root@" + first.address(), "true")));
            }
            double theirs = secs(t0) / fresh * 1000;
            System.out.printf("fresh connection + 1 command: clusterdeck %.1f ms, ssh %.1f ms, ratio %.2f%n",
                    ours, theirs, ours / theirs);

            Path control = state.resolve("cm");
            List<String> mux = concat(ssh, List.of("-o", "ControlMaster=auto", "-o", "ControlPath=" + control,
                    "-o", "ControlPersist=60"));
            run(concat(mux, List.of("root@" + first.address(), "true")));
            try (RemoteSessions pool = new RemoteSessions(kh, HostKeyDecision.REJECT, SecretPrompt.NONE, SshOptions.DEFAULTS)) {
                pool.shell(target).run(RemoteCommand.of("true"));
                t0 = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    pool.shell(target).run(RemoteCommand.of("sysctl", "-n", "net.core.somaxconn"));
                }
                ours = secs(t0) / commands * 1000;
                t0 = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    run(concat(mux, List.of("root@" + first.address(), "sysctl", "-n", "net.core.somaxconn")));
                }
                theirs = secs(t0) / commands * 1000;
                System.out.printf("command on a kept-open connection: clusterdeck %.2f ms, ssh (ControlMaster) %.2f ms,"
                        + " ratio %.2f%n", ours, theirs, ours / theirs);
                run(concat(mux, List.of("-O", "exit", "root@" + first.address())));

                t0 = System.nanoTime();
                ExecutorService exec = Executors.newFixedThreadPool(up.size());
                List<Future<?>> all = new ArrayList<>();
                for (LabHost h : up) {
                    SshTarget t = new SshTarget(h.name(), h.address(), 22, "root", lab.layout().keyFile(), SshTarget.Auth.KEY);
                    all.add(exec.submit(() -> {
                        RemoteShell sh = pool.shell(t);
                        for (int i = 0; i < 30; i++) {
                            sh.run(RemoteCommand.of("sysctl", "-n", "net.core.somaxconn"));
                        }
                        return null;
                    }));
                }
                for (Future<?> f : all) {
                    f.get();
                }
                exec.shutdown();
                System.out.printf("connect + 30 sequential commands on each of %d hosts in parallel: %.2f s%n",
                        up.size(), secs(t0));
            }
            t0 = System.nanoTime();
            lab.down();
            System.out.printf("lab down: %.2f s%n", secs(t0));
        } finally {
            lab.down();
            LabExtension.releaseIndex(index);
        }
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static void run(List<String> argv) {
        LocalCommand.Result r = LocalCommand.run(argv);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", argv) + ": " + r.reason());
        }
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
