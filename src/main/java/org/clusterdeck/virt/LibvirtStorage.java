package org.clusterdeck.virt;

import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.VolumeDetails;
import org.libvirt.Connect;
import org.libvirt.LibvirtException;
import org.libvirt.StoragePool;
import org.libvirt.StoragePoolInfo;
import org.libvirt.StorageVol;
import org.libvirt.StorageVolInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** Storage pools and volumes over libvirt-java, for {@link LibvirtHypervisor} (which translates the errors). */
final class LibvirtStorage {
    private final Connect conn;

    LibvirtStorage(Connect conn) {
        this.conn = conn;
    }

    List<PoolDetails> pools() throws LibvirtException {
        List<String> names = new ArrayList<>(List.of(conn.listStoragePools()));
        names.addAll(List.of(conn.listDefinedStoragePools()));
        List<PoolDetails> out = new ArrayList<>();
        for (String n : names) {
            StoragePool p = conn.storagePoolLookupByName(n);
            StoragePoolInfo info = p.getInfo();
            boolean active = p.isActive() == 1;
            Document x = Xml.parse(p.getXMLDesc(0));
            Element target = Xml.child(x.getDocumentElement(), "target");
            Element path = target == null ? null : Xml.child(target, "path");
            List<VolumeDetails> vols = new ArrayList<>();
            if (active) {
                for (String v : p.listVolumes()) {
                    vols.add(volume(n, p.storageVolLookupByName(v)));
                }
            }
            out.add(new PoolDetails(p.getUUIDString(), n, x.getDocumentElement().getAttribute("type"),
                    path == null ? null : path.getTextContent().strip(), active, info.capacity, info.allocation,
                    info.available, vols));
        }
        return out;
    }

    static VolumeDetails volume(String pool, StorageVol v) throws LibvirtException {
        StorageVolInfo info = v.getInfo();
        Document x = Xml.parse(v.getXMLDesc(0));
        Element target = Xml.child(x.getDocumentElement(), "target");
        Element format = target == null ? null : Xml.child(target, "format");
        return new VolumeDetails(pool, v.getName(), v.getPath(), info.capacity, info.allocation,
                format == null ? null : format.getAttribute("type"));
    }

    /** XML of a new thin volume: its space is used as the guest writes. */
    static String volumeXml(String name, long capacityBytes, String format) {
        Document doc = Xml.newDocument("volume");
        Element root = doc.getDocumentElement();
        Xml.add(root, "name", name);
        Xml.attrs(Xml.add(root, "capacity", capacityBytes), "unit", "bytes");
        Xml.attrs(Xml.add(root, "allocation", 0), "unit", "bytes");
        if (format != null) {
            Xml.attrs(Xml.add(Xml.add(root, "target"), "format"), "type", format);
        }
        return Xml.toString(doc);
    }

    VolumeDetails createVolume(String pool, String name, long capacityBytes, String format) throws LibvirtException {
        StoragePool p = conn.storagePoolLookupByName(pool);
        return volume(pool, p.storageVolCreateXML(volumeXml(name, capacityBytes, format), 0));
    }

    VolumeDetails cloneVolume(String sourcePath, String newName) throws LibvirtException {
        StorageVol src = conn.storageVolLookupByPath(sourcePath);
        StoragePool p = src.storagePoolLookupByVolume();
        VolumeDetails s = volume(p.getName(), src);
        return volume(p.getName(), p.storageVolCreateXMLFrom(volumeXml(newName, s.capacityBytes(), s.format()), src, 0));
    }

    /** A new, empty volume shaped like the source (same pool, capacity and format). */
    VolumeDetails copyMetadata(String sourcePath, String newName) throws LibvirtException {
        StorageVol src = conn.storageVolLookupByPath(sourcePath);
        StoragePool p = src.storagePoolLookupByVolume();
        VolumeDetails s = volume(p.getName(), src);
        return volume(p.getName(), p.storageVolCreateXML(volumeXml(newName, s.capacityBytes(), s.format()), 0));
    }

    /** Replaces a volume by an empty one of another capacity (same name, pool and format). */
    VolumeDetails recreate(String path, long capacityBytes) throws LibvirtException {
        StorageVol old = conn.storageVolLookupByPath(path);
        StoragePool p = old.storagePoolLookupByVolume();
        VolumeDetails v = volume(p.getName(), old);
        old.delete(0);
        return volume(p.getName(), p.storageVolCreateXML(volumeXml(v.name(), capacityBytes, v.format()), 0));
    }
}
