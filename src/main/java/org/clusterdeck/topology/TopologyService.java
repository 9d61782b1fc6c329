package org.clusterdeck.topology;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.model.NodePin;
import org.clusterdeck.model.Site;
import org.clusterdeck.store.Store;
import org.clusterdeck.store.TopologyPinRepository;
import org.clusterdeck.store.VirtRepository;

/**
 * Loads a site's diagram (graph, stored pins, layout) and keeps pins. Blocking: call it from a
 * job, never from the FX thread.
 */
public final class TopologyService {
    private final Store store;
    private final TopologyPinRepository pins;
    private final TopologyLayouter layouter;

    public TopologyService(Store store) {
        this(store, new TopologyLayouter());
    }

    public TopologyService(Store store, TopologyLayouter layouter) {
        this.store = store;
        this.pins = new TopologyPinRepository(store.sql());
        this.layouter = layouter;
    }

    /** The site of that name; the message lists the known sites when there is none. */
    public Site requireSite(String name) {
        return store.sites().findByName(name).orElseThrow(() -> new IllegalArgumentException(
                "No site named '" + printable(name) + "'. Known sites: "
                        + String.join(", ", store.sites().findAll().stream().map(Site::name).toList()) + "."));
    }

    /** Builds and lays out the diagram of a site, respecting its stored pins. */
    public DiagramLayout load(Site site) {
        TopologyGraph graph = TopologyBuilder.fromStore(store, site);
        return layouter.layout(graph, pinsOf(site.id()));
    }

    /** Lays out an already built graph again (after a pin changed), with the site's stored pins. */
    public DiagramLayout relayout(TopologyGraph graph) {
        return layouter.layout(graph, pinsOf(graph.siteId()));
    }

    public Map<DiagramNodeRef, Point> pinsOf(long siteId) {
        Map<DiagramNodeRef, Point> out = new HashMap<>();
        for (NodePin p : pins.findBySite(siteId)) {
            NodeKind kind = NodeKind.fromEventKind(p.kind());
            if (kind != null) {
                out.put(new DiagramNodeRef(kind, p.nodeId()), new Point(p.x(), p.y()));
            }
        }
        return out;
    }

    /** Stores where a node was dropped (see {@link DiagramLayout#pinPosition}). */
    public void pin(long siteId, DiagramNodeRef ref, Point position) {
        pins.save(new NodePin(siteId, ref.kind().eventKind(), ref.id(), position.x(), position.y()));
    }

    /** Forgets the site's pins, so the next layout places every node afresh. */
    public int clearPins(long siteId) {
        return pins.clearSite(siteId);
    }

    /**
     * A host's box as the store now describes it (state from its last sync), or null when it is gone
     * or no longer in that site.
     */
    public TopologyNode hostNode(long siteId, long hostId) {
        return store.hosts().findById(hostId).filter(h -> h.siteId() == siteId).map(h -> TopologyBuilder.hostNode(h,
                new VirtRepository(store.sql()).hostInfo(hostId).orElse(null))).orElse(null);
    }

    public List<Site> sites() {
        return store.sites().findAll();
    }

    static String printable(String s) {
        return org.clusterdeck.text.TerminalText.line(s);
    }
}
