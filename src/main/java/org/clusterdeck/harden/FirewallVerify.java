package org.clusterdeck.harden;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;

/**
 * Proves the firewall after apply: on the host, the ruleset lists default drop (for both IP
 * families); from this workstation — only towards an address the {@link TargetPolicy} allows —
 * the SSH port connects, while a throwaway listener started on the host on a port the role does
 * not open answers on the host's loopback but not from outside.
 */
final class FirewallVerify {
    private static final HardenStep STEP = HardenStep.FIREWALL;
    private static final int CONNECT_MS = 1500;
    /**
     * $1 port, $2 address to bind, $3 loopback address: starts a listener (gone after 30 s at the
     * latest), waits until it answers on loopback and prints its pid; exit 3: it could not bind.
     */
    static final String LISTEN = String.join("\n",
            "timeout 30 perl -MIO::Socket::IP -e '$s = IO::Socket::IP->new(LocalHost => $ARGV[0], LocalPort => $ARGV[1],"
                    + " Listen => 5, ReuseAddr => 1) or exit 3; while ($c = $s->accept) { close $c }' \"$2\" \"$1\" </dev/null >/dev/null 2>&1 &",
            "pid=$!",
            "i=0",
            "while [ $i -lt 50 ]; do",
            "  if perl -MIO::Socket::IP -e 'exit(IO::Socket::IP->new(PeerHost => $ARGV[0], PeerPort => $ARGV[1], Timeout => 1) ? 0 : 1)'"
                    + " \"$3\" \"$1\"; then echo \"$pid\"; exit 0; fi",
            "  kill -0 \"$pid\" 2>/dev/null || exit 3",
            "  sleep 0.1; i=$((i + 1))",
            "done",
            "kill \"$pid\"; exit 4");

    private final TargetPolicy targets;

    FirewallVerify(TargetPolicy targets) {
        this.targets = targets;
    }

    List<Check> verify(RemoteShell shell, HostContext host, StepPlan plan, HardenOptions options) {
        List<Check> checks = new ArrayList<>();
        boolean nft = plan.settings().contains("backend = nft");
        checks.add(nft ? listed(shell, List.of("nft", "list", "chain", "inet", "clusterdeck", "input"), "policy drop", "nft list chain inet clusterdeck input")
                : listed(shell, List.of("iptables", "-S", "INPUT"), "-P INPUT DROP", "iptables -S INPUT"));
        if (!nft) {
            checks.add(listed(shell, List.of("ip6tables", "-S", "INPUT"), "-P INPUT DROP", "ip6tables -S INPUT"));
        }
        InetAddress address;
        try {
            address = targets.resolve(host.address());
        } catch (TargetRefusedException e) {
            checks.add(Check.pass(STEP, "from outside", "not probed from this workstation: " + e.getMessage()));
            return checks;
        }
        boolean ssh = connects(address, host.sshPort());
        checks.add(ssh ? Check.pass(STEP, "SSH port " + host.sshPort() + " from this workstation", "connected to "
                + address.getHostAddress() + ":" + host.sshPort())
                : Check.fail(STEP, "SSH port " + host.sshPort() + " from this workstation", "no connection to "
                + address.getHostAddress() + ":" + host.sshPort() + " within " + CONNECT_MS + " ms"));
        checks.add(deniedPort(shell, host, address, FirewallPolicy.of(host, FirewallOptions.of(options))));
        return checks;
    }

    private static Check listed(RemoteShell shell, List<String> argv, String want, String what) {
        CommandResult r = shell.run(new RemoteCommand(argv, true, null, null));
        if (r.ok() && r.stdout().contains(want)) {
            return Check.pass(STEP, what, "lists '" + want + "'");
        }
        return Check.fail(STEP, what, r.ok() ? "does not list '" + want + "'" : "failed: " + r.stderr().strip());
    }

    /** A listener on a port the role does not open: it answers on the host's loopback, and must not from here. */
    private static Check deniedPort(RemoteShell shell, HostContext host, InetAddress address, FirewallPolicy policy) {
        boolean v6 = address instanceof java.net.Inet6Address;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(20000, 30000);
            if (policy.allows("tcp", port)) {
                continue;
            }
            CommandResult r = shell.run(new RemoteCommand(List.of("sh", "-c", LISTEN, "clusterdeck-listen", Integer.toString(port),
                    v6 ? "::" : "0.0.0.0", v6 ? "::1" : "127.0.0.1"), false, null, null));
            if (r.exitCode() == 3) {
                continue; // the port was taken: another one
            }
            String pid = r.stdout().strip();
            if (!r.ok() || !pid.matches("\\d+")) {
                return Check.fail(STEP, "a denied port from this workstation", "the test listener did not start on "
                        + host.hostName() + " (exit " + r.exitCode() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip())
                        + "); perl must be installed there");
            }
            try {
                boolean through = connects(address, port);
                return through ? Check.fail(STEP, "denied port " + port + " from this workstation", "a listener on "
                        + host.hostName() + " port " + port + " is reachable from outside although the firewall should drop it")
                        : Check.pass(STEP, "denied port " + port + " from this workstation", "a listener on " + host.hostName()
                        + " answered on loopback and did not answer at " + address.getHostAddress() + ":" + port);
            } finally {
                shell.run(new RemoteCommand(List.of("kill", "--", pid), false, null, null));
            }
        }
        return Check.fail(STEP, "a denied port from this workstation", "no free port for a test listener on " + host.hostName());
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(address, port), CONNECT_MS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
