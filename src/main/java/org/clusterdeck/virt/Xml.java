package org.clusterdeck.virt;

import java.io.StringReader;
import java.io.StringWriter;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * ClusterDeck's one XML reader and writer: documents are built with the DOM and serialized by the
 * JDK, so every text and attribute is escaped by the XML library, never by hand. Parsing refuses
 * DTDs and external entities.
 */
public final class Xml {
    private static final DocumentBuilderFactory DOCS = secureFactory();
    private static final XMLInputFactory STAX = secureStax();
    private static final TransformerFactory TRANSFORMERS = TransformerFactory.newInstance();

    private Xml() {
    }

    private static DocumentBuilderFactory secureFactory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
        f.setExpandEntityReferences(false);
        return f;
    }

    private static XMLInputFactory secureStax() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        return f;
    }

    public static Document newDocument(String rootName) {
        try {
            DocumentBuilder b = DOCS.newDocumentBuilder();
            Document d = b.newDocument();
            d.appendChild(d.createElement(rootName));
            return d;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a document; whitespace between elements is dropped so that re-indenting stays tidy. */
    public static Document parse(String xml) {
        try {
            Document d = DOCS.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            stripIndentation(d.getDocumentElement());
            return d;
        } catch (Exception e) {
            throw new VirtException("INVALID", "Not well-formed XML: " + e.getMessage(), e);
        }
    }

    private static void stripIndentation(Node n) {
        Node c = n.getFirstChild();
        while (c != null) {
            Node next = c.getNextSibling();
            if (c.getNodeType() == Node.TEXT_NODE && c.getTextContent().isBlank() && n.getChildNodes().getLength() > 1) {
                n.removeChild(c);
            } else if (c.getNodeType() == Node.ELEMENT_NODE) {
                stripIndentation(c);
            }
            c = next;
        }
    }

    public static XMLStreamReader stream(String xml) {
        try {
            return STAX.createXMLStreamReader(new StringReader(xml));
        } catch (XMLStreamException e) {
            throw new VirtException("INVALID", "Not well-formed XML: " + e.getMessage(), e);
        }
    }

    /** Appends a child element, with text when {@code text} is not null. */
    public static Element add(Element parent, String name, Object text) {
        Element e = parent.getOwnerDocument().createElement(name);
        if (text != null) {
            e.setTextContent(String.valueOf(text));
        }
        parent.appendChild(e);
        return e;
    }

    public static Element add(Element parent, String name) {
        return add(parent, name, null);
    }

    /** Sets attributes from name/value pairs; null values are skipped. */
    public static Element attrs(Element e, Object... pairs) {
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                e.setAttribute(String.valueOf(pairs[i]), String.valueOf(pairs[i + 1]));
            }
        }
        return e;
    }

    /** The first child element of that name, or null. */
    public static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName() != null ? e.getLocalName() : e.getNodeName())) {
                return e;
            }
        }
        return null;
    }

    public static String toString(Node node) {
        try {
            Transformer t;
            synchronized (TRANSFORMERS) {
                t = TRANSFORMERS.newTransformer();
            }
            t.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            t.setOutputProperty(OutputKeys.INDENT, "yes");
            t.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            StringWriter w = new StringWriter();
            t.transform(new DOMSource(node), new StreamResult(w));
            return w.toString().strip() + "\n";
        } catch (TransformerException e) {
            throw new IllegalStateException("Cannot write XML: " + e.getMessage(), e);
        }
    }
}
