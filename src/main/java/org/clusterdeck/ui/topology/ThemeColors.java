package org.clusterdeck.ui.topology;

import java.util.List;
import java.util.Locale;
import javafx.scene.Parent;
import javafx.scene.layout.BackgroundFill;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import org.clusterdeck.topology.DiagramTheme;

/**
 * Builds the diagram's colours from the AtlantaFX looked-up colours of the current theme, so the
 * diagram follows light and dark. State colours come from the matching built-in theme: they are
 * chosen to stay distinct on both backgrounds.
 */
final class ThemeColors {
    private static final List<String> LOOKUPS = List.of("-color-bg-default", "-color-bg-subtle",
            "-color-border-default", "-color-fg-default", "-color-fg-muted", "-color-accent-fg");

    private ThemeColors() {
    }

    /** Reads the theme's colours through a throw-away region under {@code parent}; falls back to LIGHT. */
    static DiagramTheme read(Parent parent, java.util.function.Consumer<Region> attach,
                             java.util.function.Consumer<Region> detach) {
        Region probe = new Region();
        probe.setManaged(false);
        probe.setVisible(false);
        probe.setStyle("-fx-background-color: " + String.join(", ", LOOKUPS) + ";");
        attach.accept(probe);
        try {
            parent.applyCss();
            probe.applyCss();
            if (probe.getBackground() == null || probe.getBackground().getFills().size() != LOOKUPS.size()) {
                return DiagramTheme.LIGHT;
            }
            List<BackgroundFill> fills = probe.getBackground().getFills();
            Color bg = color(fills.get(0).getFill());
            if (bg == null) {
                return DiagramTheme.LIGHT;
            }
            boolean dark = bg.getBrightness() < 0.5;
            DiagramTheme base = dark ? DiagramTheme.DARK : DiagramTheme.LIGHT;
            String bgSubtle = hex(fills.get(1).getFill(), base.bandFill());
            String border = hex(fills.get(2).getFill(), base.bandStroke());
            String fg = hex(fills.get(3).getFill(), base.text());
            String muted = hex(fills.get(4).getFill(), base.mutedText());
            String accent = hex(fills.get(5).getFill(), base.selection());
            return new DiagramTheme(hex(bg, base.background()), bgSubtle, border, muted, base.hostFill(),
                    base.hostStroke(), base.nodeFill(), base.nodeStroke(), base.serviceFill(), fg, muted,
                    base.edgeBackend(), base.edgeReplication(), base.edgeHosted(), base.labelFill(), accent,
                    base.highlight(), base.running(), base.stopped(), base.paused(), base.unreachable());
        } catch (IllegalArgumentException e) {
            // a theme without these colours (plain Modena): the built-in light colours still read well
            return DiagramTheme.LIGHT;
        } finally {
            detach.accept(probe);
        }
    }

    private static Color color(Paint p) {
        return p instanceof Color c ? c : null;
    }

    private static String hex(Paint p, String fallback) {
        Color c = color(p);
        if (c == null) {
            return fallback;
        }
        return String.format(Locale.ROOT, "#%02X%02X%02X", Math.round(c.getRed() * 255),
                Math.round(c.getGreen() * 255), Math.round(c.getBlue() * 255));
    }
}
