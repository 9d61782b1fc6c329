package org.clusterdeck.ui.topology;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.image.Image;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramRenderer;
import org.clusterdeck.topology.DiagramTheme;
import org.clusterdeck.topology.Java2dPainter;
import org.clusterdeck.topology.Rect;

/**
 * A picture of the whole diagram at a small scale, drawn in the background through Java2D. Far
 * out (a 1,000-host cluster fitted to the window) the view shows this picture instead of drawing
 * ten thousand shapes per frame, so zooming and panning the overview cost one image draw.
 */
final class OverviewCache {
    /** Longest side of the picture; beyond it the picture would cost more memory than it saves. */
    static final int MAX_SIDE = 2400;
    /** Diagrams this small are cheap to draw directly. */
    static final int MIN_NODES = 400;

    /** What the picture shows; a different key means it must be drawn again. */
    record Key(DiagramLayout layout, int layoutVersion, int stateVersion, DiagramTheme theme) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.layout == layout && k.layoutVersion == layoutVersion
                    && k.stateVersion == stateVersion && Objects.equals(k.theme, theme);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(layout) * 31 + layoutVersion * 17 + stateVersion;
        }
    }

    /**
     * A finished picture: its image, the diagram area it covers and its scale, plus a half-size
     * copy that far-out frames scale down from (four times fewer pixels to filter).
     */
    record Picture(Key key, Image image, Rect area, double scale, Image half) {
        /** The image to draw at this view scale. */
        Image imageFor(double viewScale) {
            return viewScale <= scale / 2 * 1.2 ? half : image;
        }
    }

    private final JobRunner jobs;
    private final Consumer<Picture> onReady;
    private Picture current;
    private Key building;

    /** @param onReady called on the FX thread (through {@code fx}) when a new picture is done */
    OverviewCache(JobRunner jobs, java.util.concurrent.Executor fx, Consumer<Picture> onReady) {
        this.jobs = jobs;
        this.onReady = p -> fx.execute(() -> {
            current = p;
            if (building != null && building.equals(p.key())) {
                building = null;
            }
            onReady.accept(p);
        });
    }

    /** The picture of this state of the diagram when it is ready and fits the scale; else null (and it is started). FX thread. */
    Picture pictureFor(DiagramLayout layout, int stateVersion, DiagramTheme theme, double viewScale) {
        if (layout.graph().size() < MIN_NODES) {
            return null;
        }
        Rect b = layout.bounds();
        double scale = Math.min(1, MAX_SIDE / Math.max(b.w(), b.h()));
        if (viewScale > scale) {
            return null; // closer in than the picture is sharp: draw vectors
        }
        Key key = new Key(layout, layout.version(), stateVersion, theme);
        if (current != null && current.key().equals(key)) {
            return current;
        }
        if (!key.equals(building)) {
            building = key;
            DiagramLayout copy = layout.snapshot();
            jobs.background("Draw diagram overview", () -> draw(copy, key, theme, b, scale)).thenAccept(onReady);
        }
        return null;
    }

    static Picture draw(DiagramLayout layout, Key key, DiagramTheme theme, Rect b, double scale) {
        int w = Math.max(1, (int) Math.ceil(b.w() * scale));
        int h = Math.max(1, (int) Math.ceil(b.h() * scale));
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D g = img.createGraphics();
        try {
            Java2dPainter p = new Java2dPainter(g);
            p.fillRect(0, 0, w, h, 0, theme.background());
            g.scale(scale, scale);
            g.translate(-b.x(), -b.y());
            new DiagramRenderer(theme).render(layout, p, b.grown(1), scale, null, Set.of());
        } finally {
            g.dispose();
        }
        BufferedImage half = new BufferedImage(Math.max(1, w / 2), Math.max(1, h / 2), BufferedImage.TYPE_INT_ARGB_PRE);
        Graphics2D hg = half.createGraphics();
        try {
            hg.setRenderingHint(java.awt.RenderingHints.KEY_INTERPOLATION, java.awt.RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            hg.drawImage(img, 0, 0, half.getWidth(), half.getHeight(), null);
        } finally {
            hg.dispose();
        }
        return new Picture(key, SwingFXUtils.toFXImage(img, null), b, scale, SwingFXUtils.toFXImage(half, null));
    }
}
