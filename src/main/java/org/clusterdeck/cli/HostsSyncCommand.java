package org.clusterdeck.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.clusterdeck.model.Host;
import org.clusterdeck.virt.VirtService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck hosts sync [HOST...]}: reads hosts through libvirt into the inventory. */
@Command(name = "sync", description = "Read hosts' VMs, networks and storage through libvirt into the inventory.",
        mixinStandardHelpOptions = true)
final class HostsSyncCommand implements Callable<Integer> {
    private final Cli cli;

    @Parameters(paramLabel = "HOST", arity = "0..*", description = "Hosts to sync (default: all with a hypervisor).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    boolean json;

    HostsSyncCommand(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        try (VirtCli v = new VirtCli(cli)) {
            List<Host> targets = hosts.isEmpty() ? v.virt.hypervisorHosts() : hosts.stream().map(v::host).toList();
            Table t = new Table("HOST", "DOMAINS", "NETWORKS", "POOLS", "CHANGES", "MS", "ERROR");
            int failed = 0;
            for (Host h : targets) {
                try {
                    VirtService.SyncReport r = v.await(v.virt.sync(h));
                    t.row(h.name(), r.domains(), r.networks(), r.pools(), r.changes().size(), r.millis(), null);
                } catch (CliException e) {
                    failed++;
                    t.row(h.name(), null, null, null, null, null, e.getMessage());
                }
            }
            t.print(cli.out(), json);
            if (failed > 0) {
                throw new CliException(failed + " of " + targets.size() + " hosts could not be synced (see ERROR above).");
            }
            return Cli.OK;
        }
    }
}
