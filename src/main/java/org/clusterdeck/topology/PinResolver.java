package org.clusterdeck.topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts pinned nodes where the user left them and moves the other nodes aside (to the right, past
 * whatever they would overlap), first among the VMs of each host, then among top-level nodes.
 * A host grows to keep its pinned VMs inside.
 */
final class PinResolver {
    private static final double GAP = 12;

    private PinResolver() {
    }

    static void apply(TopologyGraph graph, Map<DiagramNodeRef, Point> pins, Set<DiagramNodeRef> pinned,
                      Map<DiagramNodeRef, Rect> rects) {
        for (TopologyNode host : graph.nodes(NodeKind.HOST)) {
            List<DiagramNodeRef> vms = graph.children(host.ref());
            if (vms.stream().noneMatch(pinned::contains)) {
                continue;
            }
            Rect hr = rects.get(host.ref());
            List<DiagramNodeRef> fixed = new ArrayList<>();
            List<DiagramNodeRef> free = new ArrayList<>();
            for (DiagramNodeRef vm : vms) {
                if (pinned.contains(vm)) {
                    Point p = pins.get(vm);
                    Rect r = rects.get(vm);
                    rects.put(vm, r.at(hr.x() + Math.max(TopologyLayouter.HOST_PAD, p.x()),
                            hr.y() + Math.max(TopologyLayouter.HOST_HEADER, p.y())));
                    fixed.add(vm);
                } else {
                    free.add(vm);
                }
            }
            pushAside(free, fixed, rects, graph, false);
            double right = hr.right();
            double bottom = hr.bottom();
            for (DiagramNodeRef vm : vms) {
                Rect r = rects.get(vm);
                right = Math.max(right, r.right() + TopologyLayouter.HOST_PAD);
                bottom = Math.max(bottom, r.bottom() + TopologyLayouter.HOST_PAD);
            }
            rects.put(host.ref(), new Rect(hr.x(), hr.y(), right - hr.x(), bottom - hr.y()));
        }
        List<DiagramNodeRef> fixed = new ArrayList<>();
        List<DiagramNodeRef> free = new ArrayList<>();
        for (DiagramNodeRef ref : graph.refs()) {
            if (graph.node(ref).parent() != null) {
                continue;
            }
            if (pinned.contains(ref)) {
                Point p = pins.get(ref);
                Rect r = rects.get(ref);
                moveWithChildren(ref, p.x() - r.x(), p.y() - r.y(), rects, graph);
                fixed.add(ref);
            } else {
                free.add(ref);
            }
        }
        pushAside(free, fixed, rects, graph, true);
    }

    /** Moves each free node right past anything it overlaps: pinned nodes and free nodes already settled. */
    private static void pushAside(List<DiagramNodeRef> free, List<DiagramNodeRef> fixed,
                                  Map<DiagramNodeRef, Rect> rects, TopologyGraph graph, boolean withChildren) {
        if (fixed.isEmpty()) {
            return;
        }
        List<Rect> settled = new ArrayList<>();
        for (DiagramNodeRef f : fixed) {
            settled.add(rects.get(f));
        }
        for (DiagramNodeRef ref : free) {
            Rect r = rects.get(ref);
            double startX = r.x();
            boolean moved = true;
            while (moved) {
                moved = false;
                for (Rect s : settled) {
                    if (r.intersects(s.grown(GAP - 0.01))) {
                        r = r.at(s.right() + GAP, r.y());
                        moved = true;
                    }
                }
            }
            if (withChildren) {
                moveWithChildren(ref, r.x() - startX, 0, rects, graph);
            } else {
                rects.put(ref, r);
            }
            settled.add(r);
        }
    }

    private static void moveWithChildren(DiagramNodeRef ref, double dx, double dy, Map<DiagramNodeRef, Rect> rects,
                                         TopologyGraph graph) {
        rects.computeIfPresent(ref, (k, r) -> r.moved(dx, dy));
        for (DiagramNodeRef child : graph.children(ref)) {
            rects.computeIfPresent(child, (k, r) -> r.moved(dx, dy));
        }
    }
}
