package org.clusterdeck.lab;

import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.store.Store;

/**
 * The user's local lab (CLI and GUI): starts and stops it and keeps the inventory site
 * "Local lab" and the trusted host keys in step. Blocking; run it in a job.
 */
public final class LabService {
    /** The lab of the CLI and GUI; test labs use 100-199. */
    public static final int DEFAULT_INDEX = 1;

    private final Store store;
    private final Lab lab;
    private final LabInventory inventory;

    public LabService(Store store, Path dataDir, int index, InventoryEvents events, String actor) {
        this.store = store;
        this.lab = new Lab(new LabLayout(index, dataDir.resolve("lab"), "lab"));
        this.inventory = new LabInventory(store, KnownHosts.inDataDir(dataDir), events, actor);
    }

    public Lab lab() {
        return lab;
    }

    /** Starts n hosts (or keeps them if they already run) and registers them; returns them. */
    public List<LabHost> up(int n) {
        List<LabHost> hosts = lab.up(n);
        inventory.register(hosts);
        store.audit().record("lab", "lab.up", "site", LabInventory.SITE_NAME, null, hosts.size() + " host(s)", null);
        return hosts;
    }

    /** Stops the lab and removes it from the inventory; returns how many inventory hosts went. */
    public int down() {
        lab.down();
        int removed = inventory.unregister();
        store.audit().record("lab", "lab.down", "site", LabInventory.SITE_NAME, removed + " host(s)", null, null);
        return removed;
    }

    public Lab.Status status() {
        return lab.status();
    }
}
