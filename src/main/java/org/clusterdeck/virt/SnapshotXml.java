package org.clusterdeck.virt;

import org.w3c.dom.Element;

/** Reads a libvirt {@code <domainsnapshot>} description. */
final class SnapshotXml {
    private SnapshotXml() {
    }

    static String name(String xml) {
        Element name = Xml.child(Xml.parse(xml).getDocumentElement(), "name");
        return name == null ? null : name.getTextContent().strip();
    }

    /** The name of the snapshot's parent, or null for a root snapshot. */
    static String parent(String xml) {
        Element parent = Xml.child(Xml.parse(xml).getDocumentElement(), "parent");
        return parent == null ? null : text(parent, "name");
    }

    static SnapshotDetails read(String xml, String current) {
        Element root = Xml.parse(xml).getDocumentElement();
        String name = text(root, "name");
        String created = text(root, "creationTime");
        return new SnapshotDetails(name, text(root, "description"), text(root, "state"),
                created == null ? 0 : Long.parseLong(created), name != null && name.equals(current));
    }

    private static String text(Element root, String child) {
        Element e = Xml.child(root, child);
        return e == null ? null : e.getTextContent().strip();
    }
}
