package org.clusterdeck.virt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.NetworkDetails;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.VolumeDetails;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.DomainInfo;
import org.libvirt.DomainSnapshot;
import org.libvirt.LibvirtException;
import org.libvirt.Network;
import org.libvirt.NodeInfo;
import org.libvirt.StorageVol;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** {@link Hypervisor} on libvirt-java: every {@link LibvirtException} becomes a {@link VirtException}. */
final class LibvirtHypervisor implements Hypervisor {
    private static final int UNDEFINE_SNAPSHOTS_METADATA = 2;
    private static final int SNAPSHOT_CREATE_REDEFINE = 1;
    private static final int SNAPSHOT_CREATE_CURRENT = 2;
    private static final int MIGRATE_LIVE = 1;
    private static final int MIGRATE_PERSIST_DEST = 8;
    private static final int MIGRATE_UNDEFINE_SOURCE = 16;

    private final String uri;
    private final Connect conn;
    private boolean keepAlive;

    private final LibvirtStorage storage;

    LibvirtHypervisor(String uri, Connect conn) {
        this.uri = uri;
        this.conn = conn;
        this.storage = new LibvirtStorage(conn);
    }

    /** Opens a connection; blocks as long as libvirt does (callers bound it with a timeout). */
    static LibvirtHypervisor open(String uri) {
        LibvirtNative.require();
        LibvirtErrors.silence();
        boolean loop = !uri.startsWith("test:") && LibvirtEventLoop.ensureStarted();
        try {
            Connect c = new Connect(uri, false);
            boolean keepAlive = false;
            if (loop) {
                try {
                    c.setKeepAlive(5, 3); // a lost host is noticed within ~20 s instead of at the next call
                    keepAlive = true;
                } catch (LibvirtException e) {
                    // drivers without keepalive (local ones) answer "not supported": nothing to keep alive
                }
            }
            LibvirtHypervisor h = new LibvirtHypervisor(uri, c);
            h.keepAlive = keepAlive;
            return h;
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(e, "Cannot connect to " + uri);
        }
    }

    @FunctionalInterface
    private interface Call<T> {
        T run() throws LibvirtException;
    }

    @FunctionalInterface
    private interface Action {
        void run() throws LibvirtException;
    }

    private <T> T call(String what, Call<T> c) {
        try {
            return c.run();
        } catch (LibvirtException e) {
            throw LibvirtErrors.translate(e, what);
        }
    }

    private void act(String what, Action a) {
        call(what, () -> {
            a.run();
            return null;
        });
    }

    private Domain lookup(String name) throws LibvirtException {
        return conn.domainLookupByName(name);
    }

    /** Whether libvirt keepalive is on for this connection. */
    boolean keepAlive() {
        return keepAlive;
    }

    @Override
    public String uri() {
        return uri;
    }

    @Override
    public boolean isTestDriver() {
        return uri.startsWith("test:");
    }

    @Override
    public boolean isAlive() {
        try {
            return conn.isConnected() && conn.isAlive();
        } catch (LibvirtException e) {
            return false;
        }
    }

    @Override
    public NodeDetails node() {
        return call("Cannot read the host's details", () -> {
            NodeInfo n = conn.nodeInfo();
            Long free;
            try {
                free = conn.getFreeMemory() / 1024;
            } catch (LibvirtException e) {
                free = null; // the test driver has no NUMA cells to count free memory in
            }
            String hostname;
            try {
                hostname = conn.getHostName();
            } catch (LibvirtException e) {
                hostname = null;
            }
            return new NodeDetails(hostname, n.model, n.cpus, n.mhz, n.sockets, n.cores, n.threads, n.memory, free,
                    conn.getType(), conn.getLibVirVersion());
        });
    }

    @Override
    public List<String> guestDomainTypes() {
        String caps = call("Cannot read the host's capabilities", conn::getCapabilities);
        java.util.Set<String> types = new java.util.LinkedHashSet<>();
        javax.xml.stream.XMLStreamReader r = Xml.stream(caps);
        try {
            while (r.hasNext()) {
                if (r.next() == javax.xml.stream.XMLStreamConstants.START_ELEMENT && r.getLocalName().equals("domain")) {
                    String t = r.getAttributeValue(null, "type");
                    if (t != null) {
                        types.add(t);
                    }
                }
            }
        } catch (javax.xml.stream.XMLStreamException e) {
            throw new VirtException("INVALID", "Cannot read the host's capabilities: " + e.getMessage(), e);
        }
        List<String> ordered = new ArrayList<>();
        for (String t : List.of("kvm", "qemu", "test")) {
            if (types.contains(t)) {
                ordered.add(t);
            }
        }
        return ordered;
    }

    @Override
    public List<DomainDetails> domains() {
        Optional<List<DomainDetails>> fast = NativeDomainLister.list(conn);
        if (fast.isPresent()) {
            return fast.get();
        }
        return call("Cannot list the domains", () -> {
            List<DomainDetails> out = new ArrayList<>();
            for (int id : conn.listDomains()) {
                Domain d;
                try {
                    d = conn.domainLookupByID(id);
                } catch (LibvirtException gone) {
                    continue; // stopped between listing and lookup
                }
                out.add(details(d));
            }
            for (String name : conn.listDefinedDomains()) {
                Domain d;
                try {
                    d = lookup(name);
                } catch (LibvirtException gone) {
                    continue;
                }
                out.add(details(d));
            }
            return out;
        });
    }

    private DomainDetails details(Domain d) throws LibvirtException {
        try {
            String xml = d.getXMLDesc(0);
            DomainInfo info = d.getInfo();
            DomainXmlReader.Parsed p = DomainXmlReader.read(xml);
            return new DomainDetails(p.uuid(), p.name(), RunState.fromCode(info.state.ordinal()), p.vcpus(),
                    p.memoryKib(), d.getAutostart(), d.isPersistent() == 1, p.disks(), p.nics(), xml);
        } finally {
            d.free();
        }
    }

    @Override
    public Optional<DomainDetails> domain(String name) {
        Domain d;
        try {
            d = lookup(name);
        } catch (LibvirtException e) {
            VirtException v = LibvirtErrors.translate(e, "Cannot find the VM " + name);
            if ("VIR_ERR_NO_DOMAIN".equals(v.code())) {
                return Optional.empty();
            }
            throw v;
        }
        return Optional.of(call("Cannot read the VM " + name, () -> details(d)));
    }

    @Override
    public String domainXml(String name) {
        return call("Cannot read the VM " + name, () -> lookup(name).getXMLDesc(0));
    }

    @Override
    public DomainDetails define(String xml) {
        return call("libvirt refused the VM definition", () -> details(conn.domainDefineXML(xml)));
    }

    @Override
    public void start(String name) {
        act("Cannot start " + name, () -> lookup(name).create());
    }

    @Override
    public void shutdown(String name) {
        act("Cannot shut down " + name, () -> lookup(name).shutdown());
    }

    @Override
    public void reboot(String name) {
        act("Cannot reboot " + name, () -> lookup(name).reboot(0));
    }

    @Override
    public void destroy(String name) {
        act("Cannot force off " + name, () -> lookup(name).destroy());
    }

    @Override
    public void suspend(String name) {
        act("Cannot suspend " + name, () -> lookup(name).suspend());
    }

    @Override
    public void resume(String name) {
        act("Cannot resume " + name, () -> lookup(name).resume());
    }

    @Override
    public void undefine(String name) {
        act("Cannot delete " + name, () -> {
            Domain d = lookup(name);
            try {
                d.undefine(UNDEFINE_SNAPSHOTS_METADATA);
            } catch (LibvirtException e) {
                if (e.getError().getCode() != org.libvirt.Error.ErrorNumber.VIR_ERR_NO_SUPPORT
                        && e.getError().getCode() != org.libvirt.Error.ErrorNumber.VIR_ERR_INVALID_ARG) {
                    throw e;
                }
                d.undefine();
            }
        });
    }

    @Override
    public void setAutostart(String name, boolean autostart) {
        act("Cannot change autostart of " + name, () -> lookup(name).setAutostart(autostart));
    }

    @Override
    public List<SnapshotDetails> snapshots(String domain) {
        return call("Cannot list the snapshots of " + domain, () -> {
            Domain d = lookup(domain);
            String current = null;
            if (d.hasCurrentSnapshot() == 1) {
                current = SnapshotXml.name(d.snapshotCurrent().getXMLDesc());
            }
            List<SnapshotDetails> out = new ArrayList<>();
            for (String n : d.snapshotListNames()) {
                out.add(SnapshotXml.read(d.snapshotLookupByName(n).getXMLDesc(), current));
            }
            out.sort(java.util.Comparator.comparingLong(SnapshotDetails::createdEpochSeconds)
                    .thenComparing(SnapshotDetails::name));
            return out;
        });
    }

    @Override
    public void createSnapshot(String domain, String snapshot, String description) {
        Document doc = Xml.newDocument("domainsnapshot");
        Element root = doc.getDocumentElement();
        Xml.add(root, "name", snapshot);
        if (description != null && !description.isBlank()) {
            Xml.add(root, "description", description);
        }
        String xml = Xml.toString(doc);
        act("Cannot create snapshot " + snapshot + " of " + domain, () -> lookup(domain).snapshotCreateXML(xml));
    }

    @Override
    public void revertSnapshot(String domain, String snapshot) {
        act("Cannot revert " + domain + " to " + snapshot, () -> {
            Domain d = lookup(domain);
            d.revertToSnapshot(d.snapshotLookupByName(snapshot));
        });
    }

    @Override
    public void deleteSnapshot(String domain, String snapshot) {
        act("Cannot delete snapshot " + snapshot + " of " + domain, () -> {
            DomainSnapshot s = lookup(domain).snapshotLookupByName(snapshot);
            s.delete(0);
        });
    }

    @Override
    public String snapshotXml(String domain, String snapshot) {
        return call("Cannot read snapshot " + snapshot + " of " + domain,
                () -> lookup(domain).snapshotLookupByName(snapshot).getXMLDesc());
    }

    @Override
    public void redefineSnapshot(String domain, String xml, boolean current) {
        int flags = SNAPSHOT_CREATE_REDEFINE | (current ? SNAPSHOT_CREATE_CURRENT : 0);
        act("Cannot restore snapshot " + SnapshotXml.name(xml) + " of " + domain,
                () -> lookup(domain).snapshotCreateXML(xml, flags));
    }

    @Override
    public List<NetworkDetails> networks() {
        return call("Cannot list the networks", () -> {
            List<String> names = new ArrayList<>(List.of(conn.listNetworks()));
            names.addAll(List.of(conn.listDefinedNetworks()));
            List<NetworkDetails> out = new ArrayList<>();
            for (String n : names) {
                Network net = conn.networkLookupByName(n);
                String bridge;
                try {
                    bridge = net.getBridgeName();
                } catch (LibvirtException e) {
                    bridge = null;
                }
                out.add(new NetworkDetails(net.getUUIDString(), n, bridge, net.isActive() == 1, net.getAutostart(),
                        net.getXMLDesc(0)));
            }
            return out;
        });
    }

    @Override
    public List<PoolDetails> pools() {
        return call("Cannot list the storage pools", storage::pools);
    }

    @Override
    public VolumeDetails createVolume(String pool, String name, long capacityBytes, String format) {
        return call("Cannot create the volume " + name + " in pool " + pool,
                () -> storage.createVolume(pool, name, capacityBytes, format));
    }

    @Override
    public VolumeDetails cloneVolume(String sourcePath, String newName) {
        if (isTestDriver()) {
            // test-driver volumes hold no data, and its clone call takes the capacity of another volume
            return call("Cannot copy the disk " + sourcePath, () -> storage.copyMetadata(sourcePath, newName));
        }
        return call("Cannot copy the disk " + sourcePath, () -> storage.cloneVolume(sourcePath, newName));
    }

    @Override
    public void resizeVolume(String path, long capacityBytes) {
        if (isTestDriver()) {
            // the test driver cannot resize; its volumes hold no data, so a new one of that size is the same
            act("Cannot grow the disk " + path, () -> storage.recreate(path, capacityBytes));
            return;
        }
        act("Cannot grow the disk " + path, () -> conn.storageVolLookupByPath(path).resize(capacityBytes, 0));
    }

    @Override
    public boolean deleteVolume(String path) {
        StorageVol v;
        try {
            v = conn.storageVolLookupByPath(path);
        } catch (LibvirtException e) {
            return false;
        }
        act("Cannot delete the disk " + path, () -> v.delete(0));
        return true;
    }

    @Override
    public void migrateLive(String name, Hypervisor target) {
        if (!(target instanceof LibvirtHypervisor t)) {
            throw new VirtException("VIR_ERR_NO_SUPPORT", "Live migration needs two libvirt connections.");
        }
        act("Live migration of " + name + " failed", () -> lookup(name).migrate(t.conn,
                MIGRATE_LIVE | MIGRATE_PERSIST_DEST | MIGRATE_UNDEFINE_SOURCE, null, null, 0));
    }

    @Override
    public void close() {
        try {
            conn.close();
        } catch (LibvirtException e) {
            // closing a dead connection: nothing left to release
        }
    }
}
