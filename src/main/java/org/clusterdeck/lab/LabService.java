package org.clusterdeck.lab;

import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.store.Store;

/**
 * The user's local lab (CLI and GUI): starts and stops it and keeps the inventory site
 * "Local lab" (hosts, roles, load balancer, databases) and the trusted host keys in step.
 * Blocking; run it in a job.
 */
public final class LabService {
    /** The lab of the CLI and GUI; test labs use 100-199. */
    public static final int DEFAULT_INDEX = 1;

    private final Store store;
    private final LabLayout layout;
    private final Path dataDir;
    private final LabInventory inventory;

    public LabService(Store store, Path dataDir, int index, InventoryEvents events, String actor) {
        this.store = store;
        this.dataDir = dataDir;
        // state lives under /run/clusterdeck-lab (root's), never in the user's data directory
        this.layout = new LabLayout(index, "lab");
        this.inventory = new LabInventory(store, KnownHosts.inDataDir(dataDir), events, actor);
    }

    /** The lab as it runs now (in the range it was started with). */
    public Lab lab() {
        return lab(Lab.withStoredRange(layout));
    }

    private Lab lab(LabLayout l) {
        // the data directory (database, known hosts) is hidden from the hosts like /root and /home
        return new Lab(l, List.of(dataDir));
    }

    /** Starts n plain hosts (or keeps them if they already run) and registers them; returns them. */
    public List<LabHost> up(int n) {
        return up(LabHostSpec.plain(layout.hostPrefix(), n), null, false);
    }

    /**
     * Starts these hosts in {@code range} (null: the default 10.213.0.0/16) and registers them;
     * with {@code cluster} the site also gets the source's load balancer and database pair.
     */
    public List<LabHost> up(List<LabHostSpec> specs, String range, boolean cluster) {
        LabLayout l = range == null ? layout : layout.withRange(LabLayout.checkRange(range));
        List<LabHost> hosts = lab(l).up(specs);
        inventory.register(hosts, cluster);
        store.audit().record("lab", "lab.up", "site", LabInventory.SITE_NAME, null,
                hosts.size() + " host(s) in " + l.range() + (cluster ? " (cluster)" : ""), null);
        return hosts;
    }

    /** Starts the source's cluster: lb1, web1, web2, db1, db2. */
    public List<LabHost> upCluster(String range) {
        return up(LabHostSpec.cluster(""), range, true);
    }

    /** Stops the lab and removes it from the inventory; returns how many inventory hosts went. */
    public int down() {
        lab().down();
        int removed = inventory.unregister();
        store.audit().record("lab", "lab.down", "site", LabInventory.SITE_NAME, removed + " host(s)", null, null);
        return removed;
    }

    public Lab.Status status() {
        return lab().status();
    }
}
