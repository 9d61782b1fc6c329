package org.clusterdeck.virt;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.clusterdeck.model.Host;
import org.clusterdeck.store.SnapshotRepository;
import org.clusterdeck.store.SnapshotRepository.StoredSnapshot;
import org.clusterdeck.store.Store;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Demo-lab snapshots kept in the database. The test driver forgets snapshots when the process ends
 * and its node file cannot hold them, so after each snapshot change the VM's full snapshot XML is
 * stored, and the first connection of the next process redefines it on the domain.
 */
final class DemoSnapshots {
    private static final Logger LOG = LoggerFactory.getLogger(DemoSnapshots.class);

    private DemoSnapshots() {
    }

    /** Stores the domain's snapshots as libvirt now has them, parents before children. */
    static void save(Store store, long vmId, Hypervisor h, String domain) {
        Map<String, String> xmls = new LinkedHashMap<>();
        String current = null;
        for (SnapshotDetails s : h.snapshots(domain)) {
            xmls.put(s.name(), h.snapshotXml(domain, s.name()));
            if (s.current()) {
                current = s.name();
            }
        }
        List<StoredSnapshot> out = new ArrayList<>();
        for (String name : parentsFirst(xmls)) {
            out.add(new StoredSnapshot(name, xmls.get(name), name.equals(current)));
        }
        new SnapshotRepository(store.sql()).replace(vmId, out);
    }

    /**
     * Orders snapshots so each parent comes before its children (creation times have one-second
     * resolution, so they cannot decide); snapshots whose parent is unknown count as roots.
     */
    static List<String> parentsFirst(Map<String, String> xmlByName) {
        Map<String, String> parentOf = new LinkedHashMap<>();
        xmlByName.forEach((name, xml) -> {
            String parent = SnapshotXml.parent(xml);
            parentOf.put(name, parent != null && xmlByName.containsKey(parent) ? parent : null);
        });
        List<String> out = new ArrayList<>();
        Set<String> done = new HashSet<>();
        while (out.size() < parentOf.size()) {
            int before = out.size();
            parentOf.forEach((name, parent) -> {
                if (!done.contains(name) && (parent == null || done.contains(parent))) {
                    out.add(name);
                    done.add(name);
                }
            });
            if (out.size() == before) { // a parent cycle cannot come from libvirt; keep the rest as listed
                parentOf.keySet().stream().filter(n -> !done.contains(n)).forEach(out::add);
                break;
            }
        }
        return out;
    }

    /**
     * Redefines the stored snapshots of the host's VMs on a freshly opened test-driver connection.
     * A snapshot libvirt refuses stays stored and is logged, so nothing is lost by a bad round.
     */
    static void restore(Store store, Host host, Hypervisor h) {
        new SnapshotRepository(store.sql()).byHost(host.id()).forEach((vm, snapshots) -> {
            for (StoredSnapshot s : snapshots) {
                try {
                    h.redefineSnapshot(vm, s.xml(), s.current());
                } catch (VirtException e) {
                    LOG.warn("Demo snapshot {} of {} on {} could not be restored: {}", s.name(), vm, host.name(),
                            e.getMessage());
                }
            }
        });
    }
}
