package org.clusterdeck.virt;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Changes an existing domain XML through the DOM: for clones, and for the demo lab's node files. */
public final class DomainXmlEditor {
    public static final String TEST_NS = "http://libvirt.org/schemas/domain/test/1.0";

    private DomainXmlEditor() {
    }

    /**
     * The XML of a copy: new name, no UUID and no MAC addresses (libvirt generates fresh ones), and
     * disk sources replaced as {@code newPaths} says (old path → new path).
     */
    public static String forClone(String xml, String newName, Map<String, String> newPaths) {
        Document doc = Xml.parse(xml);
        Element root = doc.getDocumentElement();
        root.removeAttribute("id");
        Xml.child(root, "name").setTextContent(newName);
        remove(Xml.child(root, "uuid"));
        Element devices = Xml.child(root, "devices");
        if (devices != null) {
            for (Element nic : children(devices, "interface")) {
                remove(Xml.child(nic, "mac"));
                remove(Xml.child(nic, "target"));
            }
            for (Element disk : children(devices, "disk")) {
                Element source = Xml.child(disk, "source");
                if (source != null && newPaths.containsKey(source.getAttribute("file"))) {
                    source.setAttribute("file", newPaths.get(source.getAttribute("file")));
                }
            }
        }
        return Xml.toString(doc);
    }

    /**
     * Imports a domain XML into a test-driver node document, with its run state as
     * {@code <test:runstate>} (the test driver's way to start a domain in a given state).
     */
    public static Element importForNode(Document node, String domainXml, RunState state) {
        Element dom = (Element) node.importNode(Xml.parse(domainXml).getDocumentElement(), true);
        dom.removeAttribute("id");
        dom.setAttribute("type", "test");
        dom.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:test", TEST_NS);
        Element rs = node.createElementNS(TEST_NS, "test:runstate");
        rs.setTextContent(String.valueOf(state.code()));
        dom.appendChild(rs);
        return dom;
    }

    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        NodeList nl = parent.getChildNodes();
        for (int i = 0; i < nl.getLength(); i++) {
            if (nl.item(i) instanceof Element e && name.equals(e.getTagName())) {
                out.add(e);
            }
        }
        return out;
    }

    private static void remove(Node n) {
        if (n != null) {
            n.getParentNode().removeChild(n);
        }
    }
}
