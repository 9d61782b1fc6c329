package org.clusterdeck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.inventory.HostValidator;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Vm;
import org.clusterdeck.virt.CloudInit;
import org.clusterdeck.virt.CreateRequest;
import org.clusterdeck.virt.DomainSpec;
import org.clusterdeck.virt.Units;
import org.clusterdeck.virt.VirtException;
import org.clusterdeck.store.VirtRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck vm ...}: list, show and create VMs; lifecycle actions are in {@link VmLifecycleCommands}. */
@Command(name = "vm", description = "Virtual machines on libvirt hosts.", mixinStandardHelpOptions = true,
        subcommands = {VmCommand.ListVms.class, VmCommand.Show.class, VmCommand.Create.class,
                VmLifecycleCommands.Start.class, VmLifecycleCommands.Shutdown.class, VmLifecycleCommands.Reboot.class,
                VmLifecycleCommands.Destroy.class, VmLifecycleCommands.Suspend.class, VmLifecycleCommands.Resume.class,
                VmLifecycleCommands.Delete.class, VmLifecycleCommands.Autostart.class,
                VmLifecycleCommands.Snapshot.class, VmLifecycleCommands.Clone.class, VmLifecycleCommands.Move.class})
final class VmCommand {

    /** The VM of that name; with several of that name, {@code --host} must say which. */
    static Vm findVm(Cli cli, String name, String hostName) {
        if (hostName != null) {
            Host h = HostsCommand.requireHost(cli.store(), hostName);
            return cli.store().vms().findByHostAndName(h.id(), name).orElseThrow(() -> new CliException(
                    "No VM named '" + HostValidator.printable(name) + "' on " + h.name()
                            + ". '" + org.clusterdeck.text.Invocation.command("vm list --host ") + h.name() + "' shows its VMs."));
        }
        List<Vm> all = cli.store().vms().findByName(name);
        if (all.isEmpty()) {
            throw new CliException("No VM named '" + HostValidator.printable(name)
                    + "'. '" + org.clusterdeck.text.Invocation.command("vm list") + "' shows the names (run '" + org.clusterdeck.text.Invocation.command("hosts sync") + "' to refresh).");
        }
        if (all.size() > 1) {
            throw new CliException("Several hosts have a VM named '" + HostValidator.printable(name)
                    + "'; say which with --host.");
        }
        return all.get(0);
    }

    static Map<String, Object> describe(Cli cli, VirtRepository repo, Vm v) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("name", v.name());
        o.put("host", cli.store().hosts().findById(v.hostId()).map(Host::name).orElse("?"));
        o.put("uuid", v.uuid());
        o.put("state", v.state().dbValue());
        o.put("vcpus", v.vcpus());
        o.put("memoryMib", v.memoryMib());
        o.put("diskGib", v.diskGib());
        o.put("autostart", v.autostart());
        o.put("role", v.role());
        o.put("address", v.address());
        o.put("disks", repo.disks(v.id()).stream().map(d -> d.target() + " " + d.device() + " " + d.source()
                + (d.format() == null ? "" : " (" + d.format() + ")")).toList());
        o.put("nics", repo.nics(v.id()).stream().map(n -> n.mac() + " " + n.type() + " " + n.source()
                + (n.model() == null ? "" : " " + n.model()) + (n.mtu() == null ? "" : " mtu " + n.mtu())).toList());
        return o;
    }

    @Command(name = "list", description = "List VMs as last synced.", mixinStandardHelpOptions = true)
    static final class ListVms implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", paramLabel = "HOST", description = "Only VMs of this host.")
        String host;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        ListVms(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<Vm> vms;
            if (host != null) {
                vms = cli.store().vms().findByHost(HostsCommand.requireHost(cli.store(), host).id());
            } else {
                vms = cli.store().vms().findAll();
            }
            Map<Long, String> hostNames = new LinkedHashMap<>();
            cli.store().hosts().findAll().forEach(h -> hostNames.put(h.id(), h.name()));
            Table t = new Table("NAME", "HOST", "STATE", "VCPUS", "MEMORY MIB", "DISK GIB", "ROLE", "AUTOSTART", "UUID");
            for (Vm v : vms) {
                t.row(v.name(), hostNames.get(v.hostId()), v.state().dbValue(), v.vcpus(), v.memoryMib(), v.diskGib(),
                        v.role(), v.autostart(), v.uuid());
            }
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Show one VM with its disks and NICs.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "NAME", description = "The VM's name.")
        String name;

        @Option(names = "--host", paramLabel = "HOST", description = "Its host, when several have a VM of that name.")
        String host;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        @Option(names = "--xml", description = "Print the libvirt domain XML as last synced.")
        boolean xml;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Vm v = findVm(cli, name, host);
            VirtRepository repo = new VirtRepository(cli.store().sql());
            if (xml) {
                cli.out().print(repo.domainXml(v.id()).orElseThrow(() -> new CliException(
                        "No XML stored for " + v.name() + " yet; run '" + org.clusterdeck.text.Invocation.command("hosts sync") + "' first.")));
                return Cli.OK;
            }
            Map<String, Object> o = describe(cli, repo, v);
            if (json) {
                cli.out().println(Json.write(o));
                return Cli.OK;
            }
            o.forEach((k, val) -> cli.out().printf("%-10s %s%n", k + ":", val == null ? "-"
                    : HostValidator.printable(String.valueOf(val))));
            return Cli.OK;
        }
    }

    @Command(name = "create", description = "Create a VM (define it, make its disk, optionally start it).",
            mixinStandardHelpOptions = true)
    static final class Create implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", required = true, paramLabel = "HOST", description = "Where to create it.")
        String host;

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "VM name, e.g. web3.")
        String name;

        @Option(names = "--purpose", paramLabel = "TEXT", description = "What it is for (becomes its title).")
        String purpose;

        @Option(names = "--vcpus", defaultValue = "2", paramLabel = "N", description = "vCPUs (default 2).")
        int vcpus;

        @Option(names = "--memory", defaultValue = "2GiB", paramLabel = "SIZE", description = "Memory, e.g. 8GiB (default 2GiB).")
        String memory;

        @Option(names = "--disk", defaultValue = "20GiB", paramLabel = "SIZE", description = "New disk size, 0 for none (default 20GiB).")
        String disk;

        @Option(names = "--pool", defaultValue = "default", paramLabel = "POOL", description = "Storage pool (default: default).")
        String pool;

        @Option(names = "--format", defaultValue = "qcow2", paramLabel = "FMT", description = "qcow2 (default) or raw.")
        String format;

        @Option(names = "--network", paramLabel = "NET", description = "libvirt network for a NIC (repeatable).")
        List<String> networks = new ArrayList<>();

        @Option(names = "--bridge", paramLabel = "BR", description = "Host bridge for a NIC, e.g. vmbr0 (repeatable).")
        List<String> bridges = new ArrayList<>();

        @Option(names = "--mtu", paramLabel = "BYTES", description = "MTU of the NICs, e.g. 9000 for jumbo frames.")
        Integer mtu;

        @Option(names = "--cpu-mode", paramLabel = "MODE", description = "host-passthrough or host-model.")
        String cpuMode;

        @Option(names = "--hugepages", description = "Back the memory with huge pages.")
        boolean hugePages;

        @Option(names = "--iso", paramLabel = "PATH", description = "Install from this ISO volume (a path in a pool).")
        String iso;

        @Option(names = "--existing-disk", paramLabel = "PATH", description = "Boot this existing disk volume.")
        String existingDisk;

        @Option(names = "--cloud-image", paramLabel = "PATH", description = "Copy this cloud image as the disk.")
        String cloudImage;

        @Option(names = "--ci-user", defaultValue = "admin", paramLabel = "USER", description = "cloud-init user (default admin).")
        String ciUser;

        @Option(names = "--ci-ssh-key", paramLabel = "FILE", description = "Public key file for the cloud-init user.")
        Path ciKey;

        @Option(names = "--ci-package", paramLabel = "PKG", description = "Package cloud-init installs, e.g. nginx (repeatable).")
        List<String> ciPackages = new ArrayList<>();

        @Option(names = "--start", description = "Start it once defined.")
        boolean start;

        @Option(names = "--print-xml", description = "Print the domain XML and define nothing.")
        boolean printXml;

        Create(Cli cli) {
            this.cli = cli;
        }

        CreateRequest request() {
            long memMib;
            long diskGib;
            try {
                memMib = Units.parseMib(memory);
                diskGib = Units.parseGib(disk);
            } catch (VirtException e) {
                throw VirtCli.usage(e);
            }
            List<DomainSpec.Nic> nics = new ArrayList<>();
            networks.forEach(n -> nics.add(new DomainSpec.Nic(false, n, "virtio", mtu, null)));
            bridges.forEach(b -> nics.add(new DomainSpec.Nic(true, b, "virtio", mtu, null)));
            CreateRequest.InstallSource source = CreateRequest.InstallSource.NONE;
            String sourcePath = null;
            int sources = (iso != null ? 1 : 0) + (existingDisk != null ? 1 : 0) + (cloudImage != null ? 1 : 0);
            if (sources > 1) {
                throw new CliException("Give one of --iso, --existing-disk and --cloud-image.", Cli.USAGE);
            }
            CloudInit ci = null;
            if (iso != null) {
                source = CreateRequest.InstallSource.ISO;
                sourcePath = iso;
            } else if (existingDisk != null) {
                source = CreateRequest.InstallSource.EXISTING_DISK;
                sourcePath = existingDisk;
            } else if (cloudImage != null) {
                source = CreateRequest.InstallSource.CLOUD_IMAGE;
                sourcePath = cloudImage;
                ci = new CloudInit(name, ciUser, readKey(), ciPackages);
            }
            return new CreateRequest(host, name, purpose, vcpus, memMib, cpuMode, hugePages, source, sourcePath, ci,
                    pool, diskGib, format, nics, start, false);
        }

        private String readKey() {
            if (ciKey == null) {
                return null;
            }
            try {
                return Files.readString(ciKey).strip();
            } catch (java.io.IOException e) {
                throw new CliException("Cannot read the SSH public key " + ciKey + ": " + e.getMessage()
                        + ". Give the .pub file, e.g. ~/.ssh/id_ed25519.pub.");
            }
        }

        @Override
        public Integer call() {
            Host h = HostsCommand.requireHost(cli.store(), host);
            CreateRequest r = request();
            try (VirtCli v = new VirtCli(cli)) {
                List<String> problems = v.virt.problems(r);
                if (!problems.isEmpty()) {
                    throw new CliException(String.join(" ", problems), Cli.USAGE);
                }
                if (printXml) {
                    cli.out().print(v.virt.previewXml(r));
                    return Cli.OK;
                }
                v.virt.capacity(h, r.vcpus(), r.memoryMib()).warnings().forEach(w -> cli.err().println("warning: " + w));
                var job = v.virt.create(r);
                Vm vm = v.await(job);
                cli.out().println("Created VM " + vm.name() + " on " + h.name() + " (" + vm.state().dbValue() + ", "
                        + vm.vcpus() + " vCPU, " + vm.memoryMib() + " MiB); job #" + job.id() + ".");
                return Cli.OK;
            }
        }
    }
}
