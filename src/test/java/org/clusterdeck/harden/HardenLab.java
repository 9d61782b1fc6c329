package org.clusterdeck.harden;

import java.util.List;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;

/**
 * The hardening service wired as the app wires it (store, change engine, audited SSH, fresh logins)
 * over a test's lab hosts, registered in an in-memory inventory with their lab roles.
 */
public final class HardenLab implements AutoCloseable {
    public final Store store;
    public final ChangeEngine engine;
    public final RemoteAccess access;
    public final HardenService service;

    private HardenLab(LabHosts lab, List<StepModule> modules, String name) {
        store = Store.inMemory(name);
        DemoInventory.seedIfEmpty(store);
        // a cluster lab (@LabCluster) also registers its load balancer and databases, which the firewall reads
        boolean cluster = lab.hosts().stream().anyMatch(h -> h.role().equals("lb"));
        new LabInventory(store, lab.knownHosts(), new InventoryEvents(), "test").register(lab.hosts(), cluster);
        engine = ChangeEngine.create(store, "test");
        access = new RemoteAccess(store, lab.sessions(), "test");
        // every module of this build when none are given, the firewall checking from outside as the app does
        service = new HardenService(store, engine, access::open, access::openFresh,
                modules != null ? modules : HardenModules.all(org.clusterdeck.net.TargetPolicy.of(store)));
    }

    /** With every module of this build. */
    public static HardenLab on(LabHosts lab, String name) {
        return new HardenLab(lab, null, name);
    }

    public static HardenLab on(LabHosts lab, String name, List<StepModule> modules) {
        return new HardenLab(lab, modules, name);
    }

    @Override
    public void close() {
        store.close();
    }
}
