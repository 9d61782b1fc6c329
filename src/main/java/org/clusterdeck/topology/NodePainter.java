package org.clusterdeck.topology;

import java.util.List;

/** Draws one node of each kind: a host container, a VM card, a load-balancer or database card. */
final class NodePainter {
    private final DiagramTheme theme;

    NodePainter(DiagramTheme theme) {
        this.theme = theme;
    }

    /** A node name's size in this theme (larger in presentation mode). */
    private double big(double size) {
        return size * theme.nameScale();
    }

    /** Load balancer and database names: their cards are no wider than a VM's, so they grow less. */
    private double serviceName() {
        return 15 * Math.min(theme.nameScale(), 1.35);
    }

    /** Any other text's size in this theme. */
    private double small(double size) {
        return size * theme.textScale();
    }

    void host(Painter p, TopologyNode n, Rect r, boolean text, boolean pinned) {
        p.beginNode(n.ref(), n.name());
        card(p, r, 14, theme.hostFill(), theme.hostStroke(), 1.6 * theme.strokeScale());
        if (text) {
            serverIcon(p, r.x() + 14, r.y() + 12, theme.hostStroke());
            double right = r.right() - 12;
            if (n.state() != NodeState.NONE) {
                right -= stateCue(p, n.state(), right, r.y() + 24, true) + 8;
            }
            String name = fit(p, n.name(), right - r.x() - 40, big(15), true);
            p.text(name, r.x() + 36, r.y() + 24, big(15), true, theme.text(), Painter.Align.LEFT);
            double nameW = p.textWidth(name, big(15), true);
            if (n.subtitle() != null && !n.subtitle().isEmpty()) {
                p.text(fit(p, n.subtitle(), right - r.x() - 48 - nameW, small(12), false), r.x() + 44 + nameW, r.y() + 24,
                        12, false, theme.mutedText(), Painter.Align.LEFT);
            }
            p.text(fit(p, n.detail(), r.w() - 50, small(11.5), false), r.x() + 36, r.y() + 42, small(11.5), false,
                    theme.mutedText(), Painter.Align.LEFT);
            // on the top edge, as on every other card: a badge never takes room from the host's name
            badges(p, n.badges(), r.right() - 10, r.y() - 8);
            if (pinned) {
                pin(p, r.right() - 8, r.y() + 8);
            }
            if (n.parent() == null && r.h() < TopologyLayouter.HOST_HEADER + 40) {
                p.text("no VMs", r.x() + 36, r.y() + r.h() - 12, small(11.5), false, theme.mutedText(), Painter.Align.LEFT);
            }
        }
        p.endNode();
    }

    void vm(Painter p, TopologyNode n, Rect r, boolean text, boolean pinned) {
        p.beginNode(n.ref(), n.name());
        String state = theme.stateColor(n.state());
        if (!text) {
            // far out a VM is a block in its state's colour: the cluster reads as a heat map
            p.fillRect(r.x(), r.y(), r.w(), r.h(), 0, state);
            p.endNode();
            return;
        }
        card(p, r, 9, theme.nodeFill(), theme.nodeStroke(), theme.strokeScale());
        p.fillRect(r.x() + 1, r.y() + 1, 6, r.h() - 2, 0, state);
        double roleW = n.role() == null ? 0 : chip(p, n.role(), r.right() - 8, r.y() + 8);
        p.text(fit(p, n.name(), r.w() - 30 - roleW, big(13.5), true), r.x() + 16, r.y() + 21, big(13.5), true, theme.text(),
                Painter.Align.LEFT);
        stateCue(p, n.state(), r.x() + 16, r.y() + 38, false);
        String line = n.subtitle().isEmpty() ? n.detail() : n.subtitle() + " · " + n.detail();
        p.text(fit(p, line, r.w() - 24, small(11), false), r.x() + 16, r.y() + 55, small(11), false, theme.mutedText(),
                Painter.Align.LEFT);
        badges(p, n.badges(), r.right() - 6, r.y() - 8);
        if (pinned) {
            pin(p, r.right() - 6, r.bottom() - 6);
        }
        p.endNode();
    }

    void service(Painter p, TopologyNode n, Rect r, boolean text, boolean pinned) {
        p.beginNode(n.ref(), n.name());
        boolean lb = n.kind() == NodeKind.LOAD_BALANCER;
        String accent = lb ? theme.edgeBackend() : theme.edgeReplication();
        card(p, r, 12, theme.serviceFill(), accent, 2 * theme.strokeScale());
        if (text) {
            if (lb) {
                balancerIcon(p, r.x() + 12, r.y() + 10, accent);
            } else {
                cylinderIcon(p, r.x() + 12, r.y() + 9, accent);
            }
            String kind = lb ? "LOAD BALANCER" : "DATABASE";
            p.text(kind, r.x() + 36, r.y() + 20, small(10.5), true, accent, Painter.Align.LEFT);
            if (n.state() != NodeState.NONE) {
                stateCue(p, n.state(), r.right() - 10, r.y() + 20, true);
            }
            p.text(fit(p, n.name(), r.w() - 48, serviceName(), true), r.x() + 36, r.y() + 40, serviceName(), true, theme.text(),
                    Painter.Align.LEFT);
            p.text(fit(p, n.subtitle(), r.w() - 48, small(11.5), false), r.x() + 36, r.y() + 57, small(11.5), false,
                    theme.mutedText(), Painter.Align.LEFT);
            badges(p, n.badges(), r.right() - 6, r.y() - 8);
            if (pinned) {
                pin(p, r.right() - 7, r.bottom() - 7);
            }
        }
        p.endNode();
    }

    /**
     * A rounded box with a border, drawn as two fills: rasterisers fill shapes several times
     * faster than they stroke them, and a VM card is drawn in every frame.
     */
    private static void card(Painter p, Rect r, double arc, String fill, String border, double width) {
        p.fillRect(r.x(), r.y(), r.w(), r.h(), arc, border);
        p.fillRect(r.x() + width, r.y() + width, r.w() - 2 * width, r.h() - 2 * width, Math.max(0, arc - width), fill);
    }

    /**
     * The state's shape (triangle, square, two bars, cross) and word in the state's colour.
     * Returns the width used; {@code rightAligned} draws it ending at x.
     */
    double stateCue(Painter p, NodeState state, double x, double baseline, boolean rightAligned) {
        if (state == NodeState.NONE) {
            return 0;
        }
        double w = 14 + p.textWidth(state.label(), small(11), true);
        double left = rightAligned ? x - w : x;
        stateIcon(p, state, left, baseline - 9, 9);
        p.text(state.label(), left + 14, baseline, small(11), true, theme.stateColor(state), Painter.Align.LEFT);
        return w;
    }

    void stateIcon(Painter p, NodeState state, double x, double y, double s) {
        String c = theme.stateColor(state);
        switch (state) {
            case RUNNING, UP -> p.fillPolygon(new double[] {x, x + s, x}, new double[] {y, y + s / 2, y + s}, c);
            case STOPPED -> p.fillRect(x, y, s, s, 1.5, c);
            case PAUSED -> {
                p.fillRect(x, y, s * 0.36, s, 0, c);
                p.fillRect(x + s * 0.64, y, s * 0.36, s, 0, c);
            }
            case UNREACHABLE -> {
                p.polyline(new double[] {x, x + s}, new double[] {y, y + s}, c, 2.2, false);
                p.polyline(new double[] {x, x + s}, new double[] {y + s, y}, c, 2.2, false);
            }
            case NONE -> { }
        }
    }

    private double chip(Painter p, String text, double right, double top) {
        double w = p.textWidth(text, small(10), true) + 10;
        p.fillRect(right - w, top, w, 15, 7.5, theme.bandStroke());
        p.text(text, right - w / 2, top + 11, small(10), true, theme.mutedText(), Painter.Align.CENTER);
        return w;
    }

    private double badgeWidth(Painter p, Badge b) {
        return p.textWidth(b.text(), small(10), true) + 10 + (b.icon() == Badge.Icon.SHIELD ? 12 : 0);
    }

    /** Badges as coloured pills ending at {@code right}, their top at {@code top}. */
    private void badges(Painter p, List<Badge> badges, double right, double top) {
        double x = right;
        for (Badge b : badges) {
            x -= badge(p, b, x, top, true) + 4;
        }
    }

    /**
     * One badge as a pill: filled in its level's colour with white text, or (NEUTRAL) outlined with
     * the theme's text colour, so it reads on light, dark and high-contrast backgrounds alike.
     * Returns its width; {@code rightAligned} ends it at x, else it starts there.
     */
    double badge(Painter p, Badge b, double x, double top, boolean rightAligned) {
        double w = badgeWidth(p, b);
        double left = rightAligned ? x - w : x;
        boolean outlined = b.level() == Badge.Level.NEUTRAL;
        String ink = outlined ? theme.text() : "#FFFFFF";
        if (outlined) {
            p.fillRect(left, top, w, 16, 8, theme.labelFill());
            p.strokeRect(left, top, w, 16, 8, theme.mutedText(), 1.2, false);
        } else {
            p.fillRect(left, top, w, 16, 8, theme.badgeColor(b.level()));
        }
        double textLeft = left + 5;
        if (b.icon() == Badge.Icon.SHIELD) {
            shield(p, left + 6, top + 2.5, ink);
            textLeft += 12;
        }
        p.text(b.text(), textLeft + (w - (textLeft - left) - 5) / 2, top + 12, small(10), true, ink, Painter.Align.CENTER);
        return w;
    }

    /** A small shield, 9 wide and 11 high, its top-left corner at (x, y). */
    private static void shield(Painter p, double x, double y, String c) {
        p.fillPolygon(new double[] {x, x + 4.5, x + 9, x + 9, x + 4.5, x},
                new double[] {y + 1.5, y, y + 1.5, y + 6, y + 11, y + 6}, c);
    }

    private void pin(Painter p, double cx, double cy) {
        p.fillOval(cx - 4, cy - 4, 8, 8, theme.selection());
    }

    private static void serverIcon(Painter p, double x, double y, String c) {
        for (int i = 0; i < 3; i++) {
            p.strokeRect(x, y + i * 6.5, 15, 5, 1.5, c, 1.3, false);
            p.fillRect(x + 11, y + i * 6.5 + 2, 2, 1.5, 0, c);
        }
    }

    private static void balancerIcon(Painter p, double x, double y, String c) {
        p.fillOval(x + 5, y, 6, 6, c);
        for (double tx : new double[] {0, 8, 16}) {
            p.polyline(new double[] {x + 8, x + tx}, new double[] {y + 6, y + 15}, c, 1.4, false);
            p.fillOval(x + tx - 2.5, y + 14, 5, 5, c);
        }
    }

    private static void cylinderIcon(Painter p, double x, double y, String c) {
        p.strokeRect(x + 1, y + 3, 14, 14, 0, c, 1.4, false);
        p.fillOval(x + 1, y, 14, 6, c);
        p.polyline(new double[] {x + 1, x + 8, x + 15}, new double[] {y + 17, y + 19.5, y + 17}, c, 1.4, false);
    }

    /** The text, cut with an ellipsis so it fits {@code max} wide. */
    static String fit(Painter p, String s, double max, double size, boolean bold) {
        if (s == null) {
            return "";
        }
        if (p.textWidth(s, size, bold) <= max) {
            return s;
        }
        int lo = 0;
        int hi = s.length();
        while (lo < hi) {
            int mid = (lo + hi + 1) / 2;
            if (p.textWidth(s.substring(0, mid) + "…", size, bold) <= max) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo == 0 ? "" : s.substring(0, lo) + "…";
    }
}
