package org.clusterdeck.ui.topology;

import java.io.File;
import java.nio.file.Path;
import java.util.function.Function;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.clusterdeck.job.Job;
import org.clusterdeck.model.Site;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.topology.DiagramTheme;
import org.clusterdeck.ui.UiContext;

/**
 * The topology diagram for the main window's centre: a tool bar (search, zoom, fit, re-layout,
 * legend) over the diagram canvas. Selection is {@link #selectedProperty()}, settable from the
 * inventory tree; the context menu comes from {@link #setContextMenuProvider}.
 *
 * <pre>{@code
 * TopologyView topology = new TopologyView(ctx);
 * mainView.setCentre(topology);
 * topology.showSite(site);
 * }</pre>
 */
public final class TopologyView extends BorderPane {
    private final TopologyViewModel model;
    private final DiagramCanvas diagram;
    private final Label status = new Label();
    private ToggleButton legend;
    private javafx.scene.layout.FlowPane toolBar;

    public TopologyView(UiContext ctx) {
        this.model = new TopologyViewModel(ctx);
        this.diagram = new DiagramCanvas(model);
        getStyleClass().add("topology-view");
        toolBar = toolBar();
        setTop(toolBar);
        setCenter(diagram);
        diagram.setId("topology-canvas");

        model.layoutProperty().addListener((o, was, now) -> {
            if (model.takeFitRequest() || was == null) {
                diagram.fit();
            } else {
                diagram.draw();
            }
        });
        model.selectedProperty().addListener((o, was, now) -> {
            if (now != null) {
                diagram.reveal(now);
            } else {
                diagram.draw();
            }
        });
        model.matchesProperty().addListener(o -> diagram.draw());
        model.stateChangesProperty().addListener(o -> diagram.draw());
        model.statusProperty().addListener(o -> {
            if (model.layoutProperty().get() == null) {
                diagram.draw();
            }
        });
        sceneProperty().addListener((o, was, now) -> {
            if (now != null) {
                refreshTheme();
            }
        });
    }

    private javafx.scene.layout.FlowPane toolBar() {
        TextField search = new TextField();
        search.setId("topology-search");
        // a short prompt fits the narrowest tool bar; what it matches is in the tooltip
        search.setPromptText("Search nodes");
        search.setTooltip(new javafx.scene.control.Tooltip("Matches names, addresses and roles. Enter selects the first match, Esc clears."));
        search.setPrefColumnCount(16);
        search.setMinWidth(120);
        search.textProperty().bindBidirectional(model.searchProperty());
        search.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                model.selectFirstMatch();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                search.clear();
            }
        });
        Label found = new Label();
        found.setId("topology-matches");
        found.setMinWidth(Region.USE_PREF_SIZE);
        model.matchesProperty().addListener((o, was, now) -> found.setText(
                model.searchProperty().get().isBlank() ? "" : now.size() + (now.size() == 1 ? " match" : " matches")));
        Button zoomOut = button("−", "Zoom out (-)", () -> diagram.zoomBy(0.8));
        Button zoomIn = button("+", "Zoom in (+)", () -> diagram.zoomBy(1.25));
        Button fit = button("Fit", "Fit the diagram to the window (0)", diagram::fit);
        Button relayout = button("Re-layout", "Forget dragged positions and lay everything out again", model::relayout);
        relayout.setId("topology-relayout");
        legend = new ToggleButton("Legend");
        legend.setSelected(true);
        legend.setTooltip(new Tooltip("Show the key of states, edges and layers"));
        legend.selectedProperty().addListener((o, was, now) -> diagram.setLegendVisible(now));
        legend.setMinWidth(Region.USE_PREF_SIZE);
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(Region.USE_PREF_SIZE); // in a narrow centre the status moves to a second line, whole
        status.getStyleClass().add("text-muted");
        javafx.scene.layout.FlowPane bar = new javafx.scene.layout.FlowPane(6, 4, search, found,
                new Separator(javafx.geometry.Orientation.VERTICAL), zoomOut, zoomIn, fit, relayout, legend, status);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6, 8, 6, 8));
        return bar;
    }

    private static Button button(String text, String tip, Runnable action) {
        Button b = new Button(text);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /** Shows the diagram of a site (laid out in a background job). */
    public Job<?> showSite(Site site) {
        return model.showSite(site);
    }

    /** The selected node; bind it (both ways) to the inventory tree's selection. */
    public ObjectProperty<DiagramNodeRef> selectedProperty() {
        return model.selectedProperty();
    }

    /** Supplies the context menu of a node (e.g. a VM's lifecycle actions); null means no menu. */
    public void setContextMenuProvider(Function<DiagramNodeRef, ContextMenu> provider) {
        diagram.setContextMenuProvider(provider);
    }

    /** Shows badges (scan severity, benchmark p99 …) on a node; an empty list removes them. */
    public void setBadges(DiagramNodeRef ref, java.util.List<org.clusterdeck.topology.Badge> badges) {
        model.setBadges(ref, badges);
    }

    /** Shows {@code source}'s badges (the hardening shield …) on a node beside other features' badges. */
    public void setBadges(String source, DiagramNodeRef ref, java.util.List<org.clusterdeck.topology.Badge> badges) {
        model.setBadges(source, ref, badges);
    }

    /** Writes the current diagram to a .png or .svg file (PNG when the name has neither) in a job. */
    public Job<Path> exportTo(File file) {
        return model.export(file, diagram.theme());
    }

    /** Asks for a file and exports to it; for a "Export diagram…" menu item. */
    public void showExportDialog(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export topology diagram");
        chooser.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("PNG image (slides)", "*.png"),
                new FileChooser.ExtensionFilter("SVG drawing (documents)", "*.svg"));
        Site s = model.site();
        chooser.setInitialFileName((s == null ? "topology" : s.name().replaceAll("[^A-Za-z0-9._-]+", "-")) + ".png");
        File file = chooser.showSaveDialog(owner);
        if (file != null) {
            exportTo(file);
        }
    }

    /** Re-reads the theme's colours; call after switching between light and dark. */
    public void refreshTheme() {
        DiagramTheme theme = presentation ? PRESENTATION
                : ThemeColors.read(this, r -> getChildren().add(r), r -> getChildren().remove(r));
        diagram.setTheme(theme);
    }

    /**
     * High contrast, names 1.5× and other text 1.25× larger, lines 1.8× thicker: with the legend
     * hidden, the demo lab's node names are 18 px or more at Fit on a 1280×720 projector.
     */
    static final DiagramTheme PRESENTATION = DiagramTheme.HIGH_CONTRAST.scaled(1.6, 1.25, 1.8);
    private boolean presentation;

    /** Presentation mode: the high-contrast, scaled theme, no legend, fitted to the window. */
    public void setPresentation(boolean on) {
        presentation = on;
        legend.setSelected(!on);
        // search and zoom buttons are not for the room: the diagram gets their height (Ctrl+0 still fits)
        setTop(on ? null : toolBar);
        refreshTheme();
        // fit once the window has given the canvas its new size (the side panes come and go)
        javafx.beans.value.ChangeListener<javafx.geometry.Bounds> once = new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends javafx.geometry.Bounds> o,
                                javafx.geometry.Bounds a, javafx.geometry.Bounds b) {
                diagram.layoutBoundsProperty().removeListener(this);
                javafx.application.Platform.runLater(diagram::fit);
            }
        };
        diagram.layoutBoundsProperty().addListener(once);
        javafx.application.Platform.runLater(diagram::fit);
    }

    /** How tall a VM name is drawn now, in screen pixels (its font size times the zoom). */
    public double vmNamePixels() {
        return 13.5 * diagram.theme().nameScale() * diagram.scale();
    }

    public void relayout() {
        model.relayout();
    }

    public void fitToWindow() {
        diagram.fit();
    }

    /** Stops listening to inventory changes; call when the view is closed for good. */
    public void dispose() {
        model.dispose();
    }

    public TopologyViewModel viewModel() {
        return model;
    }

    DiagramCanvas diagram() {
        return diagram;
    }

    /** Kept for the benchmark and tests: how long the last frame took to draw. */
    long lastFrameNanos() {
        return diagram.lastFrameNanos();
    }
}
