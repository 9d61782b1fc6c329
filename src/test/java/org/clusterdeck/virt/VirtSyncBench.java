package org.clusterdeck.virt;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.Store;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Benchmark behind bench/virt-sync.sh: a test-driver host with N domains (each with a disk and a
 * NIC) synced into a file H2 database: the first sync (all new), a repeat (nothing changed) and one
 * after 1 % of the domains changed state. Prints one line per size.
 */
public final class VirtSyncBench {
    private VirtSyncBench() {
    }

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("virt-sync-bench");
        System.out.println("Wall-clock ms (CPU ms of the syncing thread in brackets: on a busy machine wall time");
        System.out.println("includes waiting for a core).");
        System.out.println("domains  connect_ms  first_sync_ms  repeat_sync_ms  sync_after_1pct_change_ms  node_file");
        for (String a : args) {
            run(Integer.parseInt(a), work);
        }
    }

    static Path nodeFile(int n, Path dir) throws Exception {
        Document doc = Xml.newDocument("node");
        Element node = doc.getDocumentElement();
        Element cpu = Xml.add(node, "cpu");
        Xml.add(cpu, "mhz", 2000);
        Xml.add(cpu, "model", "Intel Xeon Gold 6338");
        Xml.add(cpu, "active", 64);
        Xml.add(cpu, "nodes", 1);
        Xml.add(cpu, "sockets", 2);
        Xml.add(cpu, "cores", 32);
        Xml.add(cpu, "threads", 1);
        Xml.add(node, "memory", 512L * 1024 * 1024 * 64);
        for (int i = 0; i < n; i++) {
            String name = String.format(Locale.ROOT, "vm%05d", i);
            String xml = DomainXmlBuilder.build(new DomainSpec(name, null, null, "test", 1 + i % 4, 512, null, false,
                    List.of(DomainSpec.Disk.disk(DemoLab.IMAGES + "/" + name + ".qcow2", "qcow2")),
                    List.of(DomainSpec.Nic.network("default")), false));
            node.appendChild(DomainXmlEditor.importForNode(doc, xml, i % 3 == 0 ? RunState.SHUTOFF : RunState.RUNNING));
        }
        Path f = dir.resolve("node-" + n + ".xml");
        Files.writeString(f, Xml.toString(doc));
        return f;
    }

    static void run(int n, Path work) throws Exception {
        long g = System.nanoTime();
        Path file = nodeFile(n, work);

        Path data = Files.createTempDirectory(work, "data-" + n);
        try (Store store = Store.open(data); JobRunner jobs = new JobRunner(store.jobs(), 1)) {
            long site = store.sites().insert("Bench", SiteKind.REAL, null).id();
            Host host = store.hosts().insert(new Host(0, site, "bench", "127.0.0.1", 22, "root", null,
                    "test://" + file.toAbsolutePath(), "hypervisor", null, null, null, null, null));
            VirtService virt = VirtService.create(store, jobs, new InventoryEvents(), data, "bench");
            long t0 = System.nanoTime();
            Hypervisor h = virt.connect(host);
            long connect = ms(t0);
            long t1 = System.nanoTime();
            long c1 = cpu();
            virt.syncNow(host, NO_JOB);
            long first = ms(t1);
            long firstCpu = (cpu() - c1) / 1_000_000;
            long t2 = System.nanoTime();
            long c2 = cpu();
            virt.syncNow(host, NO_JOB);
            long repeat = ms(t2);
            long repeatCpu = (cpu() - c2) / 1_000_000;
            for (int i = 0; i < n; i += 100) {
                String name = String.format(Locale.ROOT, "vm%05d", i);
                if (i % 3 == 0) {
                    h.start(name);
                } else {
                    h.destroy(name);
                }
            }
            long t3 = System.nanoTime();
            long c3 = cpu();
            VirtService.SyncReport r = virt.syncNow(host, NO_JOB);
            long changed = ms(t3);
            long changedCpu = (cpu() - c3) / 1_000_000;
            System.out.printf(Locale.ROOT, "%7d  %10d  %13s  %14s  %25s  %s (%d changes seen)%n", n, connect,
                    first + " (" + firstCpu + ")", repeat + " (" + repeatCpu + ")", changed + " (" + changedCpu + ")",
                    file, r.changes().size());
            virt.close();
        }
    }

    private static long cpu() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    private static final JobContext NO_JOB = new JobContext() {
        @Override
        public void progress(double fraction, String message) {
        }

        @Override
        public void log(String line) {
        }

        @Override
        public void warn(String line) {
        }

        @Override
        public boolean isCancelled() {
            return false;
        }

        @Override
        public long jobId() {
            return 0;
        }
    };
}
