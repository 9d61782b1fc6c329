package org.clusterdeck.app;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.clusterdeck.bench.BenchmarkService;
import org.clusterdeck.hostmetrics.HostSamplers;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.inventory.InventoryService;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabService;
import org.clusterdeck.net.TargetPolicy;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteSessions;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.store.BenchmarkRepository;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.topology.TopologyService;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.TuningJobs;
import org.clusterdeck.tuning.TuningService;
import org.clusterdeck.virt.VirtService;

/**
 * The one composition root: every service of ClusterDeck, built once by the GUI and once by the
 * CLI, and handed to views, view models and commands through their constructors. Nothing in
 * {@code ui} or {@code cli} constructs a service itself.
 *
 * <p>Everything is built on first use: the GUI's first window must not wait for H2, ELK, sshj,
 * libvirt or Netty, and a CLI command loads only what it touches. {@link #close()} closes what
 * was built.
 */
public final class Services implements AutoCloseable {
    private final Path dataDir;
    private final String actor;
    private final HostKeyDecision hostKeys;
    private final SecretPrompt secrets;
    private final SshOptions sshOptions;
    private final InventoryEvents events;

    private final Lazy<Store> store;
    private final Lazy<JobRunner> jobs;
    private final Lazy<InventoryService> inventory = new Lazy<>(() -> new InventoryService(store(), actor(), events()));
    private final Lazy<TopologyService> topology = new Lazy<>(() -> new TopologyService(store()));
    private final Lazy<VirtService> virt = new Lazy<>(() -> VirtService.create(store(), jobs(), events(),
            requireDataDir(), actor()));
    private final Lazy<KnownHosts> knownHosts = new Lazy<>(() -> KnownHosts.inDataDir(requireDataDir()));
    private final Lazy<RemoteSessions> sessions = new Lazy<>(this::newSessions);
    private final Lazy<RemoteAccess> remoteAccess = new Lazy<>(() -> new RemoteAccess(store(), sessions(), actor()));
    private final Lazy<SysctlCatalog> sysctlCatalog = new Lazy<>(SysctlCatalog::load);
    private final Lazy<ChangeEngine> changes = new Lazy<>(() -> ChangeEngine.create(store(), actor()));
    private final Lazy<TuningJobs> tuning = new Lazy<>(() -> new TuningJobs(store(),
            new TuningService(store(), sysctlCatalog(), actor()), remoteAccess()::open, changes(), true));
    private final Lazy<org.clusterdeck.harden.HardenService> harden = new Lazy<>(() -> new org.clusterdeck.harden.HardenService(
            store(), changes(), remoteAccess()::open, remoteAccess()::openFresh, org.clusterdeck.harden.HardenModules.all(targets())));
    private final Map<Integer, LabService> labs = new ConcurrentHashMap<>();
    private final Lazy<TargetPolicy> targets = new Lazy<>(() -> TargetPolicy.of(store()));
    private final Lazy<org.clusterdeck.scan.ScanService> scans = new Lazy<>(() -> new org.clusterdeck.scan.ScanService(
            new org.clusterdeck.store.ScanRepository(store().sql()), store(), this::targets, this::remoteAccess, actor()));
    private final Lazy<BenchmarkService> benchmarks = new Lazy<>(() -> new BenchmarkService(
            new BenchmarkRepository(store().sql()), jobs(), targets(),
            // SSH (sshj) is touched only when a run samples an inventory host, inside its job
            spec -> HostSamplers.choose(store(), this::remoteAccess, spec)));

    private Services(Builder b) {
        this.dataDir = b.dataDir;
        this.actor = b.actor;
        this.hostKeys = b.hostKeys;
        this.secrets = b.secrets;
        this.sshOptions = b.sshOptions;
        this.events = b.events == null ? new InventoryEvents() : b.events;
        Store given = b.store;
        this.store = new Lazy<>(() -> {
            if (given != null) {
                return given;
            }
            Store s = Store.open(requireDataDir());
            DemoInventory.seedIfEmpty(s);
            return s;
        });
        JobRunner givenJobs = b.jobs;
        this.jobs = new Lazy<>(() -> givenJobs != null ? givenJobs : new JobRunner(store().jobs(), 4));
    }

    /**
     * @param dataDir where the database, known hosts, lab and demo-lab files live (null only in
     *                tests that give an open store and touch nothing else on disk)
     * @param actor   who changes things, for the audit log: "gui", "cli" or a test's name
     */
    public static Builder builder(Path dataDir, String actor) {
        return new Builder(dataDir, actor);
    }

    public Path dataDir() {
        return requireDataDir();
    }

    public String actor() {
        return actor;
    }

    /** The database, opened (and seeded with the demo lab when empty) on first use. */
    public Store store() {
        return store.get();
    }

    public JobRunner jobs() {
        return jobs.get();
    }

    public InventoryEvents events() {
        return events;
    }

    public InventoryService inventory() {
        return inventory.get();
    }

    /** Diagram layout; loads ELK, so only when a diagram is first needed. */
    public TopologyService topology() {
        return topology.get();
    }

    /**
     * Virtual machines over libvirt; loads JNA and libvirt on first use. Check
     * {@link VirtService#unavailable()} first where libvirt may be missing.
     */
    public VirtService virt() {
        return virt.get();
    }

    public KnownHosts knownHosts() {
        return knownHosts.get();
    }

    /** Pooled SSH connections; host-key and secret questions go to the prompts this was built with. */
    public RemoteSessions sessions() {
        return sessions.get();
    }

    /** The one door to remote hosts: demo hosts refused, every command audited. */
    public RemoteAccess remoteAccess() {
        return remoteAccess.get();
    }

    /** Hardening: plans and guarded changes per step, over the change engine. */
    public org.clusterdeck.harden.HardenService harden() {
        return harden.get();
    }

    public SysctlCatalog sysctlCatalog() {
        return sysctlCatalog.get();
    }

    /** The change engine: host locks, change history, guarded apply, rollback, export. */
    public ChangeEngine changes() {
        return changes.get();
    }

    /** Kernel tuning as jobs, over {@link #remoteAccess()}; waits for a busy host (the CLI asks {@code waitingWhenBusy(false)}). */
    public TuningJobs tuning() {
        return tuning.get();
    }

    /** The local lab with the default index. */
    public LabService lab() {
        return lab(LabService.DEFAULT_INDEX);
    }

    /** The local lab with {@code index} (1-250), one service per index. */
    public LabService lab(int index) {
        return labs.computeIfAbsent(index, i -> new LabService(store(), requireDataDir(), i, events(), actor()));
    }

    /** Where ClusterDeck may send traffic: loopback, verified lab hosts, hosts the user added; never demo hosts. */
    public TargetPolicy targets() {
        return targets.get();
    }

    /** Benchmarks as jobs, for the benchmark page and {@code clusterdeck bench}. */
    public BenchmarkService benchmarks() {
        return benchmarks.get();
    }

    /** Security scans: runs stored with their findings, states across runs, rescans, history (issue 13). */
    public org.clusterdeck.scan.ScanService scans() {
        return scans.get();
    }

    private RemoteSessions newSessions() {
        return new RemoteSessions(knownHosts(), hostKeys, secrets, sshOptions);
    }

    private Path requireDataDir() {
        if (dataDir == null) {
            throw new IllegalStateException("These services were built without a data directory; "
                    + "give one to Services.builder to use files beside the database.");
        }
        return dataDir;
    }

    /** Closes what was built: VMs' sync and SSH first, then the job runner, the database last. */
    @Override
    public void close() {
        virt.ifBuilt(VirtService::close);
        sessions.ifBuilt(RemoteSessions::close);
        jobs.ifBuilt(JobRunner::close);
        store.ifBuilt(Store::close);
    }

    /** How the services are wired; every part has a default. */
    public static final class Builder {
        private final Path dataDir;
        private final String actor;
        private Store store;
        private JobRunner jobs;
        private InventoryEvents events;
        private HostKeyDecision hostKeys = HostKeyDecision.REJECT;
        private SecretPrompt secrets = SecretPrompt.NONE;
        private SshOptions sshOptions = SshOptions.DEFAULTS;

        private Builder(Path dataDir, String actor) {
            this.dataDir = dataDir;
            this.actor = actor;
        }

        /** An already open database (the GUI opens it while its first window shows). Closed by {@link #close()}. */
        public Builder store(Store s) {
            this.store = s;
            return this;
        }

        /** A job runner made elsewhere (tests). Closed by {@link #close()}. */
        public Builder jobs(JobRunner j) {
            this.jobs = j;
            return this;
        }

        public Builder events(InventoryEvents e) {
            this.events = e;
            return this;
        }

        /**
         * Who answers SSH questions: an unknown host key and a key passphrase. Default: unknown
         * keys refused, no secrets (the CLI, which asks nothing).
         */
        public Builder prompts(HostKeyDecision decision, SecretPrompt prompt) {
            this.hostKeys = decision;
            this.secrets = prompt;
            return this;
        }

        public Builder sshOptions(SshOptions options) {
            this.sshOptions = options;
            return this;
        }

        public Services build() {
            return new Services(this);
        }
    }

    /** Built on first use, once, by whichever thread asks first. */
    private static final class Lazy<T> {
        private final Supplier<T> factory;
        private volatile T value;

        Lazy(Supplier<T> factory) {
            this.factory = factory;
        }

        T get() {
            T v = value;
            if (v == null) {
                synchronized (this) {
                    v = value;
                    if (v == null) {
                        v = factory.get();
                        value = v;
                    }
                }
            }
            return v;
        }

        void ifBuilt(java.util.function.Consumer<T> action) {
            T v = value;
            if (v != null) {
                action.accept(v);
            }
        }
    }
}
