package org.clusterdeck.tuning;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/** Test helpers: snapshots of sysctl values on a lab host and on this machine, for before/after comparisons. */
final class LabSysctls {
    private LabSysctls() {
    }

    /** Every net.* value of the host (the per-namespace ones), minus counters that move on their own. */
    static Map<String, String> snapshot(RemoteShell shell) {
        return stable(HostSysctls.parse(shell.run(RemoteCommand.of("/sbin/sysctl", "-a")).stdout(), "").values(), "net.");
    }

    /** The machine's own (initial namespace) values of the keys tuning may touch, read without SSH. */
    static Map<String, String> machineSnapshot() throws IOException, InterruptedException {
        Process p = new ProcessBuilder(List.of("sysctl", "-a")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        Map<String, String> all = HostSysctls.parse(out, "").values();
        Map<String, String> net = stable(all, "net.core.");
        net.putAll(stable(all, "net.ipv4.tcp_"));
        net.putAll(stable(all, "net.ipv4.ip_local_port_range"));
        net.putAll(stable(all, "vm.overcommit"));
        net.putAll(stable(all, "vm.panic_on_oom"));
        return net;
    }

    private static Map<String, String> stable(Map<String, String> values, String prefix) {
        return values.entrySet().stream()
                .filter(e -> e.getKey().startsWith(prefix) && !e.getKey().contains("stable_secret")
                        && !e.getKey().endsWith("_random") && !e.getKey().contains("conntrack_count"))
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue()), (a, b) -> a, java.util.TreeMap::new));
    }

    static String value(RemoteShell shell, String key) {
        return ValueCheck.normalizeBlanks(shell.run(RemoteCommand.of("/sbin/sysctl", "-n", key)).stdout());
    }

    /** Where host n's /etc/sysctl.d/99-clusterdeck.conf lives on this machine. */
    static Path clusterdeckFile(LabHosts lab, int n) {
        return LabLayout.netnsEtc(lab.host(n).namespace()).resolve("sysctl.d").resolve("99-clusterdeck.conf");
    }
}
