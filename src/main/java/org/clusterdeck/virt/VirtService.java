package org.clusterdeck.virt;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.DomainRecord;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.model.SyncChange;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VolumeDetails;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.VirtRepository;

/**
 * Virtual machines for the GUI and the CLI alike: connects to hosts, syncs them into the inventory,
 * creates VMs and runs lifecycle actions ({@link #operations()}), each as a job with progress and log.
 *
 * <pre>{@code
 * VirtService virt = VirtService.create(store, jobs, events, dataDir, "cli");
 * virt.sync(host).result().join();
 * }</pre>
 */
public final class VirtService implements AutoCloseable {
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);

    private final Store store;
    private final JobRunner jobs;
    private final InventoryEvents events;
    private final Connections connections;
    private final DemoLab demoLab;
    private final String actor;
    private final VmOperations operations;
    private final VmCreator creator;
    private ScheduledExecutorService refresher;

    public VirtService(Store store, JobRunner jobs, InventoryEvents events, Connections connections, DemoLab demoLab,
                       String actor) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.connections = connections;
        this.demoLab = demoLab;
        this.actor = actor;
        this.operations = new VmOperations(this);
        this.creator = new VmCreator(this);
    }

    /** The usual wiring: demo-lab node files under {@code dataDir/demo-lab}, a 30 s connect timeout. */
    public static VirtService create(Store store, JobRunner jobs, InventoryEvents events, Path dataDir, String actor) {
        return new VirtService(store, jobs, events, new Connections(CONNECT_TIMEOUT),
                new DemoLab(dataDir.resolve("demo-lab")), actor);
    }

    /** Why VM features cannot work here (libvirt missing, with the package to install), or empty. */
    public static Optional<String> unavailable() {
        return LibvirtNative.problem();
    }

    public Store store() {
        return store;
    }

    public VirtRepository repository() {
        return new VirtRepository(store.sql());
    }

    public Connections connections() {
        return connections;
    }

    public VmOperations operations() {
        return operations;
    }

    /** The data directory: the demo lab's parent, where cloud-init seeds are written too. */
    public Path dataDir() {
        return demoLab.dir().toAbsolutePath().getParent();
    }

    public DemoLab demoLab() {
        return demoLab;
    }

    JobRunner jobs() {
        return jobs;
    }

    String actor() {
        return actor;
    }

    void fire(String kind, long id, String what) {
        events.fire(kind, id, what);
    }

    public Host host(String name) {
        return store.hosts().findByName(name).orElseThrow(() -> new VirtException("INVALID",
                "No host named '" + Units.printable(name) + "'. '" + org.clusterdeck.text.Invocation.command("hosts list") + "' shows the names."));
    }

    public boolean isDemo(Host host) {
        return store.sites().findById(host.siteId()).map(Site::kind).orElse(SiteKind.REAL) == SiteKind.DEMO;
    }

    /** The libvirt URI used for the host: demo hosts get their node file's test:/// URI. */
    public String uriOf(Host host) {
        if (isDemo(host)) {
            return demoLab.uri(host);
        }
        if (host.libvirtUri() == null || host.libvirtUri().isBlank()) {
            throw new VirtException("INVALID", "Host " + host.name() + " has no libvirt URI. Set one, e.g. "
                    + "qemu+ssh://root@" + host.address() + "/system.");
        }
        return host.libvirtUri();
    }

    /**
     * The open connection to the host. A demo host's node file is first written from the database,
     * once per process, and its stored snapshots redefined, so the test driver starts from what the
     * inventory holds.
     */
    public Hypervisor connect(Host host) {
        LibvirtNative.require();
        String uri = uriOf(host);
        if (isDemo(host) && !connections.isOpen(uri)) {
            synchronized (this) {
                if (!connections.isOpen(uri)) {
                    demoLab.writeNodeFile(store, host);
                    if (!uri.equals(host.libvirtUri())) {
                        store.hosts().update(withUri(host, uri));
                    }
                    Hypervisor h = connections.get(uri);
                    for (Vm vm : store.vms().findByHost(host.id())) {
                        if (vm.autostart()) {
                            h.setAutostart(vm.name(), true); // the node file format has no autostart flag
                        }
                    }
                    DemoSnapshots.restore(store, host, h); // nor a place for snapshots
                    return h;
                }
            }
        }
        return connections.get(uri);
    }

    private static Host withUri(Host h, String uri) {
        return new Host(h.id(), h.siteId(), h.name(), h.address(), h.sshPort(), h.sshUser(), h.sshKeyPath(), uri,
                h.role(), h.notes(), h.cpuModel(), h.cpuCores(), h.memoryMib(), h.diskGib());
    }

    /** Hosts that have a hypervisor to sync: demo hosts and hosts with a libvirt URI. */
    public List<Host> hypervisorHosts() {
        return store.hosts().findAll().stream()
                .filter(h -> isDemo(h) || (h.libvirtUri() != null && !h.libvirtUri().isBlank())).toList();
    }

    // ---- sync ----

    /** Result of syncing one host. */
    public record SyncReport(String host, int domains, int networks, int pools, List<SyncChange> changes,
                             long millis) {
    }

    public Job<SyncReport> sync(Host host) {
        return jobs.submit("Sync host", host.name(), ctx -> syncNow(host, ctx));
    }

    /** Syncs every hypervisor host, one after the other; a host that fails is logged and skipped. */
    public Job<List<SyncReport>> syncAll() {
        return syncHosts("Sync all hosts", hypervisorHosts());
    }

    private Job<List<SyncReport>> syncHosts(String name, List<Host> hosts) {
        return jobs.submit(name, null, ctx -> {
            List<SyncReport> out = new ArrayList<>();
            int i = 0;
            for (Host h : hosts) {
                ctx.checkCancelled();
                ctx.progress((double) i++ / Math.max(1, hosts.size()), "Syncing " + h.name());
                try {
                    out.add(syncNow(h, ctx));
                } catch (VirtException e) {
                    ctx.warn(h.name() + ": " + e.getMessage());
                }
            }
            return out;
        });
    }

    /** Reads the host through libvirt and stores what it found; blocking, for jobs and benchmarks. */
    public SyncReport syncNow(Host host, JobContext ctx) {
        Hypervisor h = null;
        try {
            h = connect(host);
            return read(host, h, ctx);
        } catch (VirtException e) {
            repository().recordSyncError(host.id(), e.getMessage());
            if (h != null && !h.isTestDriver() && !h.isAlive()) {
                connections.lost(h.uri(), "The connection was lost: " + e.getMessage());
            }
            events.fire("host", host.id(), "sync failed");
            throw e;
        }
    }

    private SyncReport read(Host host, Hypervisor h, JobContext ctx) {
        long t0 = System.nanoTime();
        ctx.progress(0.1, "Reading " + host.name());
        NodeDetails node = h.node();
        List<DomainDetails> domains = h.domains();
        ctx.progress(0.5, "Read " + domains.size() + " domains");
        var networks = h.networks();
        List<PoolDetails> pools = h.pools();
        Map<String, Long> capacities = capacities(pools);
        List<DomainRecord> records = new ArrayList<>(domains.size());
        long runningKib = 0;
        for (DomainDetails d : domains) {
            records.add(toRecord(host.id(), d, capacities));
            if (d.state().toVmState() != org.clusterdeck.model.VmState.STOPPED) {
                runningKib += d.memoryKib();
            }
        }
        long memMib = node.memoryKib() / 1024;
        Long free = node.freeMemoryKib() != null ? node.freeMemoryKib() / 1024 : memMib - runningKib / 1024;
        var facts = new VirtRepository.NodeFacts(node.cpuModel(), node.cpus(), memMib, free, node.mhz(), node.driver());
        List<SyncChange> changes = repository().applySync(host.id(), host.name(), facts, records, networks, pools, actor,
                ctx.jobId() > 0 ? ctx.jobId() : null);
        for (SyncChange c : changes) {
            ctx.log(c.action() + " " + c.vmName() + (c.after() != null ? ": " + c.after() : ""));
        }
        events.fire("host", host.id(), "synced");
        if (!changes.isEmpty()) {
            events.fire("vm", 0, "synced");
        }
        return new SyncReport(host.name(), domains.size(), networks.size(), pools.size(), changes,
                (System.nanoTime() - t0) / 1_000_000);
    }

    static Map<String, Long> capacities(List<PoolDetails> pools) {
        Map<String, Long> out = new HashMap<>();
        for (PoolDetails p : pools) {
            for (VolumeDetails v : p.volumes()) {
                out.put(v.path(), v.capacityBytes());
            }
        }
        return out;
    }

    static DomainRecord toRecord(long hostId, DomainDetails d, Map<String, Long> capacities) {
        long diskBytes = 0;
        for (DiskDetails k : d.disks()) {
            if (!"cdrom".equals(k.device()) && k.source() != null) {
                diskBytes += capacities.getOrDefault(k.source(), 0L);
            }
        }
        Vm vm = new Vm(0, hostId, d.name(), d.uuid(), d.state().toVmState(), d.vcpus(), d.memoryMib(),
                diskBytes / Units.GIB, guessRole(d.name()), null, d.autostart(), null);
        return new DomainRecord(vm, d.xml(), d.disks(), d.nics());
    }

    static String guessRole(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (String role : List.of("web", "lb", "db")) {
            if (n.startsWith(role)) {
                return role;
            }
        }
        return "app";
    }

    /** Re-reads one domain after an action and stores it; returns the stored VM (empty if it is gone). */
    Optional<Vm> refresh(Host host, Hypervisor h, String name) {
        Optional<DomainDetails> d = h.domain(name);
        if (d.isEmpty()) {
            return Optional.empty();
        }
        Map<String, Long> caps = d.get().disks().isEmpty() ? Map.of() : capacities(h.pools());
        Vm vm = repository().upsertDomain(host.id(), toRecord(host.id(), d.get(), caps));
        events.fire("vm", vm.id(), "changed");
        return Optional.of(vm);
    }

    // ---- create ----

    /** The domain XML {@code vm create} would define, without connecting to or changing anything. */
    public String previewXml(CreateRequest r) {
        return creator.previewXml(r);
    }

    /** The XML for a request on a host of that domain type whose pool lives in {@code poolPath}; no I/O. */
    public static String previewXml(CreateRequest r, String domainType, String poolPath) {
        return VmCreator.previewXml(r, domainType, poolPath);
    }

    /** Checks the request against rules and the host's capacity (from the inventory), without libvirt. */
    public List<String> problems(CreateRequest r) {
        return creator.problems(r);
    }

    /** The host's capacity as the inventory last saw it, for repeated checks without the database. */
    public CapacityCheck capacityOf(Host host) {
        return creator.capacity(host);
    }

    /** The capacity verdict for a new VM on a host, from the inventory's last sync. */
    public CapacityCheck.Verdict capacity(Host host, int vcpus, long memoryMib) {
        return creator.capacity(host).check(vcpus, memoryMib);
    }

    /** Defines the VM (and creates its disk), optionally starts it; nothing half-made is left on failure. */
    public Job<Vm> create(CreateRequest r) {
        return jobs.submit("Create VM " + r.name(), r.host() + "/" + r.name(), ctx -> creator.create(r, ctx));
    }

    // ---- background refresh ----

    /** Syncs all hosts every {@code period} in the background until {@link #close()}. */
    public synchronized void startPeriodicSync(Duration period) {
        if (refresher != null) {
            return;
        }
        refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "clusterdeck-virt-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(() -> {
            // demo hosts change only through ClusterDeck, which stores each change at once; re-reading
            // them here could undo what another ClusterDeck process (the CLI) just did to the database
            List<Host> real = hypervisorHosts().stream().filter(h -> !isDemo(h)).toList();
            if (real.isEmpty()) {
                return;
            }
            try {
                syncHosts("Refresh hosts", real).result().join();
            } catch (RuntimeException e) {
                // the job has logged and stored its failure; the next round tries again
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public synchronized void close() {
        if (refresher != null) {
            refresher.shutdownNow();
        }
        connections.close();
    }
}
