package org.clusterdeck.topology;

/** The diagram's key: what the state shapes, edge styles and bands mean. */
final class Legend {
    static final double WIDTH = 760;
    static final double HEIGHT = 134;

    private final DiagramTheme theme;
    private final NodePainter nodes;

    Legend(DiagramTheme theme, NodePainter nodes) {
        this.theme = theme;
        this.nodes = nodes;
    }

    Rect render(Painter p, double x, double y) {
        p.fillRect(x, y, WIDTH, HEIGHT, 10, theme.labelFill());
        p.strokeRect(x, y, WIDTH, HEIGHT, 10, theme.bandStroke(), 1, false);
        double row1 = y + 24;
        double row2 = y + 50;
        double row3 = y + 74;
        p.text("STATE", x + 14, row1, 10.5, true, theme.mutedText(), Painter.Align.LEFT);
        double cx = x + 90;
        for (NodeState s : new NodeState[] {NodeState.RUNNING, NodeState.UP, NodeState.STOPPED, NodeState.PAUSED,
                NodeState.UNREACHABLE}) {
            cx += nodes.stateCue(p, s, cx, row1, false) + 22;
        }
        p.text("EDGES", x + 14, row2, 10.5, true, theme.mutedText(), Painter.Align.LEFT);
        cx = x + 90;
        cx = edgeSample(p, cx, row2, theme.edgeBackend(), false, true, "load balancer → backend (weight · algorithm)");
        cx = edgeSample(p, cx, row2, theme.edgeReplication(), true, true, "replication primary → replica");
        edgeSample(p, cx, row2, theme.edgeHosted(), true, false, "runs on VM");
        p.text("LAYERS", x + 14, row3, 10.5, true, theme.mutedText(), Painter.Align.LEFT);
        p.text("bands top to bottom: service (load balancing) · physical hosts holding virtualization (VMs) · "
                + "application (data)", x + 90, row3, 11, false, theme.text(), Painter.Align.LEFT);
        double row4 = y + 98;
        p.text("SHIELD", x + 14, row4, 10.5, true, theme.mutedText(), Painter.Align.LEFT);
        cx = x + 90;
        for (Badge b : new Badge[] {
                new Badge("hardened", Badge.Level.OK, Badge.Icon.SHIELD, null),
                new Badge("partly hardened", Badge.Level.WARNING, Badge.Icon.SHIELD, null),
                new Badge("not hardened", Badge.Level.NEUTRAL, Badge.Icon.SHIELD, null)}) {
            cx += nodes.badge(p, b, cx, row4 - 12, false) + 10;
        }
        p.text("hardened = firewall, SSH and kernel applied", cx + 6, row4, 11, false,
                theme.text(), Painter.Align.LEFT);
        double row5 = y + 122;
        p.text("SCAN", x + 14, row5, 10.5, true, theme.mutedText(), Painter.Align.LEFT);
        cx = x + 90;
        for (Badge b : new Badge[] {
                new Badge("9.8 Critical", Badge.Level.CRITICAL),
                new Badge("7.5 High", Badge.Level.CRITICAL),
                new Badge("5.3 Medium", Badge.Level.WARNING),
                new Badge("2.1 Low", Badge.Level.INFO)}) {
            cx += nodes.badge(p, b, cx, row5 - 12, false) + 10;
        }
        p.text("worst open finding on the host (CVSS-like 0–10; Security tab)", cx + 6, row5, 11, false,
                theme.text(), Painter.Align.LEFT);
        return new Rect(x, y, WIDTH, HEIGHT);
    }

    private double edgeSample(Painter p, double x, double baseline, String color, boolean dashed, boolean arrow,
                              String label) {
        p.polyline(new double[] {x, x + 26}, new double[] {baseline - 4, baseline - 4}, color, 2, dashed);
        if (arrow) {
            DiagramRenderer.arrowHead(p, new Point(x, baseline - 4), new Point(x + 30, baseline - 4), color);
        }
        p.text(label, x + 36, baseline, 11, false, theme.text(), Painter.Align.LEFT);
        return x + 36 + p.textWidth(label, 11, false) + 22;
    }
}
