package org.clusterdeck.cli;

import java.util.List;
import java.util.concurrent.Callable;
import org.clusterdeck.lab.Lab;
import org.clusterdeck.lab.LabException;
import org.clusterdeck.lab.LabHost;
import org.clusterdeck.lab.LabHostSpec;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.lab.LabService;
import org.clusterdeck.lab.LabPreflight;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck lab up [N] [--cluster [--configure]] [--range CIDR] | down | status}: practice hosts on this machine. */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Create, inspect and remove practice hosts on this machine (booted systemd-nspawn containers; needs root).",
        subcommands = {LabCommand.Up.class, LabCommand.Down.class, LabCommand.Status.class})
final class LabCommand {
    /** Environment variable choosing another lab index (2-250): lets a test or a second user run its own lab. */
    static final String INDEX_ENV = "CLUSTERDECK_LAB_INDEX";

    /** The command line's lab is lab index 1 (10.213.1.0/24) unless {@value #INDEX_ENV} says otherwise. */
    static LabService lab(Cli cli) {
        int index = LabService.DEFAULT_INDEX;
        String fromEnv = cli.env().get(INDEX_ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                index = Integer.parseInt(fromEnv.strip());
            } catch (NumberFormatException e) {
                index = -1;
            }
            if (index < 1 || index > 250) {
                throw new CliException(INDEX_ENV + " must be a number from 1 to 250, not '" + fromEnv + "'.");
            }
        }
        return cli.services().lab(index);
    }

    static void requirePreflight() {
        List<String> problems = LabPreflight.problems();
        if (!problems.isEmpty()) {
            throw new CliException("Cannot run the local lab here: " + String.join("; ", problems) + ".");
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Start N plain practice hosts (default 3), or the source's cluster with --cluster, and add them"
                    + " to the inventory as site 'Local lab'.")
    static final class Up implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "N", arity = "0..1", description = "How many plain hosts, 1-" + LabLayout.MAX_HOSTS + " (default 3).")
        Integer count;

        @Option(names = "--cluster", description = "The source's cluster: lb1 (load balancer), web1, web2, db1 (MariaDB"
                + " primary), db2 (replica).")
        boolean cluster;

        @Option(names = "--configure", description = "With --cluster: then deploy the load balancer to lb1 (least_conn, web1"
                + " weight 5, web2 weight 3, TLS with a lab certificate) as a change set. Replication is not set up yet.")
        boolean configure;

        @Option(names = "--range", paramLabel = "CIDR", description = "The private /16 the lab uses (default "
                + LabLayout.RANGE + "), when that one is routed elsewhere on this machine.")
        String range;

        Up(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (cluster && count != null) {
                throw new CliException("Give either N or --cluster, not both: the cluster always has five hosts.");
            }
            if (configure && !cluster) {
                throw new CliException("--configure works on the cluster lab: add --cluster.", Cli.USAGE);
            }
            requirePreflight();
            LabService lab = lab(cli);
            List<LabHost> hosts;
            try {
                hosts = cluster ? lab.upCluster(range)
                        : lab.up(LabHostSpec.plain("lab", count == null ? 3 : count), range, false);
            } catch (LabException | IllegalArgumentException e) {
                throw new CliException(e.getMessage());
            }
            Table t = new Table("NAME", "ROLE", "ADDRESS", "CONTAINER", "HOST KEY");
            hosts.forEach(h -> t.row(h.name(), h.role(), h.address(), h.namespace(), h.hostKeyFingerprint()));
            t.print(cli.out(), false);
            cli.out().println("Lab is up: " + hosts.size() + " host(s) in site '" + LabInventory.SITE_NAME + "', host keys trusted."
                    + " Log in with: ssh -i " + lab.lab().layout().keyFile() + " root@" + hosts.get(0).address());
            if (configure) {
                LabConfigure.configure(cli);
            }
            return Cli.OK;
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Remove the practice hosts: containers, overlays, bridge, routes, files and inventory entries. Safe to repeat.")
    static final class Down implements Callable<Integer> {
        private final Cli cli;

        Down(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            requirePreflight();
            int removed;
            try {
                removed = lab(cli).down();
            } catch (LabException e) {
                throw new CliException(e.getMessage());
            }
            cli.out().println("Lab is down" + (removed > 0 ? "; removed " + removed + " host(s) from the inventory." : "."));
            return Cli.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Show the practice hosts as found on this machine.")
    static final class Status implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        Status(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            requirePreflight();
            Lab.Status s = lab(cli).status();
            Table t = new Table("NAME", "STATE", "ADDRESS", "ROLE", "MEMORY MB", "SERVICES", "CONTAINER", "HOST KEY");
            for (Lab.HostStatus h : s.hosts()) {
                t.row(h.host().name(), h.state(), h.host().address(), h.host().role(), h.memoryBytes() / (1024 * 1024),
                        String.join(", ", h.services()), h.host().namespace(), h.host().hostKeyFingerprint());
            }
            t.print(cli.out(), json);
            if (!json) {
                cli.out().println(s.isUp() ? "Lab is up (safety route " + s.range() + " "
                        + (s.safetyRoute() ? "present" : "MISSING: run 'lab down' then 'lab up'") + ")."
                        : "Lab is down" + (s.hosts().isEmpty() && !s.bridge() ? "." : " but pieces remain: run '" + org.clusterdeck.text.Invocation.command("lab down") + "'."));
            }
            return Cli.OK;
        }
    }
}
