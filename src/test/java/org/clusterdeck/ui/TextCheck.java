package org.clusterdeck.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Cell;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.text.Text;

/**
 * Finds text a person cannot read on a shown scene: a {@link Labeled} whose rendered text
 * differs from its text (elided to "…" or cut), and a control or text that lies (partly)
 * outside the window where nothing can scroll it into view. Table and list cells may elide
 * only when they carry a tooltip with the whole text. Call on the FX thread after layout.
 */
public final class TextCheck {
    private static final double SLACK = 1.0;

    private TextCheck() {
    }

    /** One line per problem, naming the node by id / class and its text; empty when all is readable. */
    public static List<String> problems(Scene scene) {
        List<String> out = new ArrayList<>();
        scene.getRoot().applyCss();
        scene.getRoot().layout();
        walk(scene.getRoot(), scene, out);
        return out;
    }

    private static void walk(Node node, Scene scene, List<String> out) {
        if (!node.isVisible() || node.getOpacity() == 0) {
            return;
        }
        if (node instanceof Labeled l) {
            checkLabeled(l, out);
        }
        if ((node instanceof Control || node instanceof Text) && !insideScroller(node)) {
            Bounds b = node.localToScene(node.getLayoutBounds());
            if (b.getWidth() > 0 && b.getHeight() > 0 && (b.getMinX() < -SLACK || b.getMinY() < -SLACK
                    || b.getMaxX() > scene.getWidth() + SLACK || b.getMaxY() > scene.getHeight() + SLACK)) {
                out.add("outside the window (" + (int) scene.getWidth() + "×" + (int) scene.getHeight() + "): "
                        + describe(node) + " at " + (int) b.getMinX() + "," + (int) b.getMinY() + " "
                        + (int) b.getWidth() + "×" + (int) b.getHeight());
            }
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                walk(child, scene, out);
            }
        }
    }

    private static void checkLabeled(Labeled l, List<String> out) {
        String text = l.getText();
        if (text == null || text.isEmpty() || l.getGraphic() != null && l.getContentDisplay()
                == javafx.scene.control.ContentDisplay.GRAPHIC_ONLY) {
            return;
        }
        Text shown = renderedText(l);
        if (shown == null) {
            return;
        }
        String s = shown.getText() == null ? "" : shown.getText();
        boolean same = s.equals(text) || l.isMnemonicParsing() && s.equals(text.replaceFirst("_", ""));
        if (same) {
            Node clip = clippingList(l);
            if (clip != null && l.getTooltip() == null) {
                Bounds t = shown.localToScene(shown.getLayoutBounds());
                Bounds c = clip.localToScene(clip.getLayoutBounds());
                if (t.getMaxX() > c.getMaxX() + SLACK && t.getMinX() < c.getMaxX()) {
                    out.add("cut by the edge of its list: " + describe(l) + " (text ends at " + (int) t.getMaxX()
                            + ", the list at " + (int) c.getMaxX() + ")");
                }
            }
            return;
        }
        if (l instanceof Cell<?> && l.getTooltip() != null && text.equals(tooltipText(l.getTooltip()))) {
            return;
        }
        out.add("elided: " + describe(l) + " shows \"" + oneLine(s) + "\" of \"" + oneLine(text) + "\"");
    }

    private static String tooltipText(Tooltip t) {
        return t.getText();
    }

    /** The skin's text node (LabeledText, style class "text") among the labeled's children. */
    private static Text renderedText(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && c.getStyleClass().contains("text")) {
                return t;
            }
        }
        return null;
    }

    /** The clipping viewport of the list, table or tree a cell is in; null outside one. */
    private static Node clippingList(Labeled l) {
        if (!(l instanceof Cell<?>)) {
            return null;
        }
        for (Node p = l.getParent(); p != null; p = p.getParent()) {
            if (p.getClass().getSimpleName().equals("ClippedContainer")) {
                return p;
            }
        }
        return null;
    }

    /** Content that a scroll pane or virtual flow can scroll into view is not "outside". */
    private static boolean insideScroller(Node node) {
        for (Node p = node.getParent(); p != null; p = p.getParent()) {
            if (p instanceof ScrollPane || p.getClass().getSimpleName().equals("VirtualFlow")
                    || p.getClass().getSimpleName().equals("ClippedContainer")) {
                return true;
            }
        }
        return false;
    }

    public static String describe(Node n) {
        StringBuilder b = new StringBuilder(n.getClass().getSimpleName());
        if (n.getId() != null) {
            b.append('#').append(n.getId());
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            b.append(" \"").append(oneLine(l.getText())).append('"');
        } else if (n instanceof Text t && t.getText() != null) {
            b.append(" \"").append(oneLine(t.getText())).append('"');
        }
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                b.append(" in #").append(p.getId());
                break;
            }
        }
        return b.toString();
    }

    private static String oneLine(String s) {
        String t = s.replace("\n", "⏎");
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
