package org.clusterdeck.virt;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.NetworkDetails;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VolumeDetails;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.VirtRepository;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The demo lab as libvirt test-driver hosts. The test driver keeps its state only in the process
 * that opened it, so each demo host's node file is written from the database before the first
 * connection: VMs created, changed or deleted in the demo are still there after a restart.
 */
public final class DemoLab {
    public static final String IMAGES = "/var/lib/libvirt/images";
    public static final String ISO = "debian-12.8.0-amd64-netinst.iso";
    public static final String CLOUD_IMAGE = "debian-12-genericcloud-amd64.qcow2";
    private static final long THIN_ALLOCATION = 2 * Units.GIB;

    private final Path dir;

    public DemoLab(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Path nodeFile(Host host) {
        return dir.resolve(host.name() + ".xml");
    }

    public String uri(Host host) {
        return "test://" + nodeFile(host).toAbsolutePath();
    }

    /** Writes the host's node file from the database (atomically) and returns its test:/// URI. */
    public String writeNodeFile(Store store, Host host) {
        String xml = Xml.toString(nodeDocument(store, host));
        try {
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, host.name(), ".tmp");
            Files.writeString(tmp, xml, StandardCharsets.UTF_8);
            Files.move(tmp, nodeFile(host), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new VirtException("IO", "Cannot write the demo lab file " + nodeFile(host) + ": " + e.getMessage()
                    + ". Check that the data directory is writable.", e);
        }
        return uri(host);
    }

    Document nodeDocument(Store store, Host host) {
        VirtRepository virt = new VirtRepository(store.sql());
        Document doc = Xml.newDocument("node");
        Element node = doc.getDocumentElement();
        int cores = host.cpuCores() == null ? 8 : host.cpuCores();
        Element cpu = Xml.add(node, "cpu");
        Xml.add(cpu, "mhz", 2000);
        Xml.add(cpu, "model", host.cpuModel() == null ? "Intel Xeon Gold 6338" : host.cpuModel());
        Xml.add(cpu, "active", cores);
        Xml.add(cpu, "nodes", 1);
        Xml.add(cpu, "sockets", cores % 2 == 0 ? 2 : 1);
        Xml.add(cpu, "cores", cores % 2 == 0 ? cores / 2 : cores);
        Xml.add(cpu, "threads", 1);
        Xml.add(node, "memory", (host.memoryMib() == null ? 16384 : host.memoryMib()) * 1024);

        List<Vm> vms = store.vms().findByHost(host.id());
        Map<Long, String> xmls = virt.domainXmlByHost(host.id());
        for (Vm vm : vms) {
            String xml = xmls.get(vm.id());
            if (xml == null) {
                xml = DomainXmlBuilder.build(seedSpec(vm));
            }
            node.appendChild(DomainXmlEditor.importForNode(doc, xml, RunState.fromVmState(vm.state())));
        }
        List<NetworkDetails> nets = virt.networks(host.id());
        if (nets.isEmpty()) {
            node.appendChild(doc.importNode(Xml.parse(defaultNetwork()).getDocumentElement(), true));
            node.appendChild(doc.importNode(Xml.parse(bridgeNetwork()).getDocumentElement(), true));
        } else {
            for (NetworkDetails n : nets) {
                node.appendChild(doc.importNode(Xml.parse(n.xml()).getDocumentElement(), true));
            }
        }
        List<PoolDetails> pools = virt.pools(host.id());
        if (pools.isEmpty()) {
            appendPool(doc, "default", null, IMAGES, seedVolumes(virt, vms));
        } else {
            for (PoolDetails p : pools) {
                appendPool(doc, p.name(), p.uuid(), p.path(), p.volumes());
            }
        }
        return doc;
    }

    private static DomainSpec seedSpec(Vm vm) {
        return new DomainSpec(vm.name(), null, vm.notes(), "test", vm.vcpus(), vm.memoryMib(), null, false,
                List.of(DomainSpec.Disk.disk(IMAGES + "/" + vm.name() + ".qcow2", "qcow2")),
                List.of(DomainSpec.Nic.network("default")), false);
    }

    private static List<VolumeDetails> seedVolumes(VirtRepository virt, List<Vm> vms) {
        List<VolumeDetails> vols = new java.util.ArrayList<>();
        vols.add(new VolumeDetails("default", ISO, IMAGES + "/" + ISO, 660 * Units.MIB, 660 * Units.MIB, "raw"));
        vols.add(new VolumeDetails("default", CLOUD_IMAGE, IMAGES + "/" + CLOUD_IMAGE, 2 * Units.GIB, 330 * Units.MIB,
                "qcow2"));
        for (Vm vm : vms) {
            List<DiskDetails> disks = virt.disks(vm.id());
            String path = disks.isEmpty() ? IMAGES + "/" + vm.name() + ".qcow2" : disks.get(0).source();
            if (path != null && path.startsWith(IMAGES + "/")) {
                vols.add(new VolumeDetails("default", path.substring(IMAGES.length() + 1), path, vm.diskGib() * Units.GIB,
                        Math.min(THIN_ALLOCATION, vm.diskGib() * Units.GIB), "qcow2"));
            }
        }
        return vols;
    }

    private static void appendPool(Document doc, String name, String uuid, String path, List<VolumeDetails> vols) {
        Element pool = Xml.attrs(Xml.add(doc.getDocumentElement(), "pool"), "type", "dir");
        Xml.add(pool, "name", name);
        if (uuid != null) {
            Xml.add(pool, "uuid", uuid);
        }
        Xml.add(Xml.add(pool, "target"), "path", path == null ? IMAGES : path);
        for (VolumeDetails v : vols) {
            Element vol = Xml.attrs(Xml.add(pool, "volume"), "type", "file");
            Xml.add(vol, "name", v.name());
            Xml.attrs(Xml.add(vol, "capacity", v.capacityBytes()), "unit", "bytes");
            Xml.attrs(Xml.add(vol, "allocation", v.allocationBytes()), "unit", "bytes");
            if (v.format() != null) {
                Xml.attrs(Xml.add(Xml.add(vol, "target"), "format"), "type", v.format());
            }
        }
    }

    private static String defaultNetwork() {
        Document d = Xml.newDocument("network");
        Element n = d.getDocumentElement();
        Xml.add(n, "name", "default");
        Xml.attrs(Xml.add(n, "forward"), "mode", "nat");
        Xml.attrs(Xml.add(n, "bridge"), "name", "virbr0");
        Xml.attrs(Xml.add(n, "ip"), "address", "192.168.122.1", "netmask", "255.255.255.0");
        return Xml.toString(d);
    }

    private static String bridgeNetwork() {
        Document d = Xml.newDocument("network");
        Element n = d.getDocumentElement();
        Xml.add(n, "name", "vmbr0");
        Xml.attrs(Xml.add(n, "forward"), "mode", "bridge");
        Xml.attrs(Xml.add(n, "bridge"), "name", "vmbr0");
        return Xml.toString(d);
    }
}
