package org.clusterdeck.tuning;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.clusterdeck.remote.CommandResult;

/**
 * Network namespaces this test creates and removes, each with its own /etc/sysctl.d (through
 * /etc/netns/NAME/sysctl.d). No links, no addresses: nothing in them can send a packet anywhere.
 */
final class NetnsLab implements AutoCloseable {
    private final List<String> names = new ArrayList<>();

    /** Why namespaces cannot be made here, or null when they can. */
    static String unavailableReason() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "needs root to create network namespaces (ip netns add); running as " + System.getProperty("user.name");
        }
        try {
            CommandResult r = NetnsShell.exec(List.of("ip", "netns", "list"), null, 10_000);
            return r.ok() ? null : "'ip netns list' failed: " + r.stderr().strip();
        } catch (RuntimeException e) {
            return "iproute2 ('ip') is not installed: " + e.getMessage();
        }
    }

    /** Creates namespace {@code prefix-N} for N = 1..count. */
    static NetnsLab create(String prefix, int count) throws IOException {
        NetnsLab lab = new NetnsLab();
        for (int i = 1; i <= count; i++) {
            String name = prefix + "-" + i;
            NetnsShell.exec(List.of("ip", "netns", "del", name), null, 10_000); // stale from a crashed run
            CommandResult r = NetnsShell.exec(List.of("ip", "netns", "add", name), null, 10_000);
            if (!r.ok()) {
                lab.close();
                throw new IOException("ip netns add " + name + ": " + r.stderr().strip());
            }
            lab.names.add(name);
            Files.createDirectories(sysctlDir(name));
        }
        return lab;
    }

    static Path sysctlDir(String ns) {
        return Path.of("/etc/netns", ns, "sysctl.d");
    }

    String name(int i) {
        return names.get(i - 1);
    }

    NetnsShell shell(int i, String hostName) {
        return new NetnsShell(hostName, name(i));
    }

    @Override
    public void close() {
        for (String n : names) {
            NetnsShell.exec(List.of("ip", "netns", "del", n), null, 10_000);
            Path dir = Path.of("/etc/netns", n);
            if (Files.exists(dir)) {
                try (Stream<Path> s = Files.walk(dir)) {
                    s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                } catch (IOException ignored) {
                    // best effort: a leftover directory under /etc/netns is harmless and reused
                }
            }
        }
    }
}
