package org.clusterdeck.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.inventory.HostInput;
import org.clusterdeck.inventory.HostValidator;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck hosts list|show|add|remove}. */
@Command(name = "hosts", description = "List, show, add and remove hosts.",
        mixinStandardHelpOptions = true,
        subcommands = {HostsCommand.ListHosts.class, HostsCommand.Show.class, HostsCommand.Add.class,
                HostsCommand.Remove.class, HostsImportSshConfig.class, HostsSyncCommand.class})
final class HostsCommand {

    static String siteName(Store store, long siteId) {
        return store.sites().findById(siteId).map(Site::name).orElse("?");
    }

    static Host requireHost(Store store, String name) {
        return store.hosts().findByName(name).orElseThrow(() -> new CliException(
                "No host named '" + HostValidator.printable(name) + "'. '" + org.clusterdeck.text.Invocation.command("hosts list") + "' shows the names."));
    }

    @Command(name = "list", description = "List all hosts.", mixinStandardHelpOptions = true)
    static final class ListHosts implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Option(names = "--site", paramLabel = "SITE", description = "Only hosts of this site.")
        String site;

        ListHosts(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Store store = cli.store();
            List<Host> hosts = store.hosts().findAll();
            if (site != null) {
                Site s = store.sites().findByName(site).orElseThrow(() -> new CliException(
                        "No site named '" + HostValidator.printable(site) + "'."));
                hosts = hosts.stream().filter(h -> h.siteId() == s.id()).toList();
            }
            Table t = new Table("NAME", "SITE", "ADDRESS", "SSH PORT", "SSH USER", "LIBVIRT URI", "ROLE", "VMS");
            for (Host h : hosts) {
                t.row(h.name(), siteName(store, h.siteId()), h.address(), h.sshPort(), h.sshUser(), h.libvirtUri(),
                        h.role(), store.vms().findByHost(h.id()).size());
            }
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Show one host with its VMs.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The host's name.")
        String name;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Store store = cli.store();
            Host h = requireHost(store, name);
            List<Vm> vms = store.vms().findByHost(h.id());
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", h.name());
            o.put("site", siteName(store, h.siteId()));
            o.put("address", h.address());
            o.put("sshPort", h.sshPort());
            o.put("sshUser", h.sshUser());
            o.put("sshKey", h.sshKeyPath());
            o.put("libvirtUri", h.libvirtUri());
            o.put("role", h.role());
            o.put("cpuModel", h.cpuModel());
            o.put("cpuCores", h.cpuCores());
            o.put("memoryMib", h.memoryMib());
            o.put("diskGib", h.diskGib());
            o.put("notes", h.notes());
            o.put("vms", vms.stream().map(Vm::name).toList());
            if (json) {
                cli.out().println(Json.write(o));
                return Cli.OK;
            }
            o.forEach((k, v) -> cli.out().printf("%-11s %s%n", k + ":", v == null ? "-"
                    : HostValidator.printable(v instanceof List<?> l ? String.join(", ", l.stream().map(String::valueOf).toList()) : String.valueOf(v))));
            return Cli.OK;
        }
    }

    @Command(name = "add", description = "Add a host.", mixinStandardHelpOptions = true)
    static final class Add implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "A name for the host, e.g. pve1.")
        String name;

        @Option(names = "--address", required = true, paramLabel = "ADDR",
                description = "Host name, IPv4 or IPv6 address.")
        String address;

        @Option(names = "--port", paramLabel = "N", description = "SSH port, 1-65535 (default 22).")
        String port;

        @Option(names = "--user", paramLabel = "U", description = "SSH user (default root).")
        String user;

        @Option(names = "--key", paramLabel = "FILE", description = "Private key file for SSH.")
        String key;

        @Option(names = "--libvirt", paramLabel = "URI", description = "libvirt URI, e.g. qemu+ssh://root@host/system.")
        String libvirt;

        @Option(names = "--site", paramLabel = "S", description = "Site to add it to (default: Default).")
        String site;

        @Option(names = "--role", paramLabel = "ROLE", description = "hypervisor (default), lb, web, db or app.")
        String role;

        Add(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            HostInput in = new HostInput(site, name, address, port, user, key, libvirt, role, null);
            Host h = cli.services().inventory().addHost(in);
            cli.out().println("Added host " + h.name() + " (" + h.address() + ").");
            return Cli.OK;
        }
    }

    @Command(name = "remove", description = "Remove a host and its VMs from the inventory (nothing on the host changes).",
            mixinStandardHelpOptions = true)
    static final class Remove implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The host's name.")
        String name;

        Remove(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            requireHost(cli.store(), name);
            Host h = cli.services().inventory().removeHost(name);
            cli.out().println("Removed host " + h.name() + " from the inventory.");
            return Cli.OK;
        }
    }
}
