package org.clusterdeck.ui.main;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javafx.animation.PauseTransition;
import javafx.scene.control.SplitPane;
import javafx.util.Duration;
import org.clusterdeck.store.SettingsRepository;
import org.clusterdeck.ui.UiContext;

/**
 * Remembers the main window's divider positions (tree | centre | details, and the jobs panel's
 * height) and whether the jobs panel is shown, in the settings table. Read once in the background
 * at start; written half a second after the user stops dragging.
 */
final class LayoutSettings {
    static final String TREE = "ui.split.tree";
    static final String DETAILS = "ui.split.details";
    static final String JOBS = "ui.split.jobs";
    static final String JOBS_SHOWN = "ui.jobs.shown";

    private final UiContext ctx;
    private final SplitPane horizontal;
    private final SplitPane vertical;
    private final Map<String, Double> positions = new ConcurrentHashMap<>();
    private final PauseTransition saveLater = new PauseTransition(Duration.millis(500));
    private boolean applying;
    /** False until the stored layout was read: the first layout passes move dividers by themselves. */
    private boolean loaded;
    private java.util.function.Consumer<Boolean> onJobsShown = b -> { };

    LayoutSettings(UiContext ctx, SplitPane horizontal, SplitPane vertical) {
        this.ctx = ctx;
        this.horizontal = horizontal;
        this.vertical = vertical;
        saveLater.setOnFinished(e -> save());
        horizontal.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> changed()));
        vertical.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> changed()));
        vertical.getDividers().addListener((javafx.collections.ListChangeListener<SplitPane.Divider>) c ->
                vertical.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> changed())));
        horizontal.getDividers().addListener((javafx.collections.ListChangeListener<SplitPane.Divider>) c ->
                horizontal.getDividers().forEach(d -> d.positionProperty().addListener((o, a, b) -> changed())));
    }

    /** Reads the stored layout in a job, then applies it on the FX thread; {@code jobsShown} gets the stored choice. */
    void load(java.util.function.Consumer<Boolean> jobsShown) {
        this.onJobsShown = jobsShown;
        SettingsRepository settings = ctx.store().settings();
        ctx.jobs().background("Read window layout", () -> {
            Map<String, String> m = new java.util.HashMap<>();
            for (String k : new String[] {TREE, DETAILS, JOBS, JOBS_SHOWN}) {
                settings.get(k).ifPresent(v -> m.put(k, v));
            }
            return m;
        }).thenAcceptAsync(m -> {
            for (String k : new String[] {TREE, DETAILS, JOBS}) {
                parse(m.get(k)).ifPresent(v -> positions.put(k, v));
            }
            loaded = true;
            restore();
            if ("false".equals(m.get(JOBS_SHOWN))) {
                onJobsShown.accept(false);
            }
        }, ctx.fx());
    }

    private static java.util.Optional<Double> parse(String v) {
        try {
            double d = v == null ? -1 : Double.parseDouble(v);
            return d > 0 && d < 1 ? java.util.Optional.of(d) : java.util.Optional.empty();
        } catch (NumberFormatException e) {
            return java.util.Optional.empty(); // a hand-edited value: keep the default layout
        }
    }

    /** Puts the dividers where the user left them (after presentation mode or showing the jobs panel again). */
    void restore() {
        applying = true;
        try {
            if (horizontal.getDividers().size() == 2) {
                double[] p = horizontal.getDividerPositions();
                horizontal.setDividerPositions(positions.getOrDefault(TREE, p[0]), positions.getOrDefault(DETAILS, p[1]));
            }
            if (vertical.getDividers().size() == 1 && positions.containsKey(JOBS)) {
                vertical.setDividerPositions(positions.get(JOBS));
            }
        } finally {
            applying = false;
        }
    }

    void jobsShown(boolean shown) {
        ctx.jobs().background("Save window layout", () -> {
            ctx.store().settings().put(JOBS_SHOWN, String.valueOf(shown));
            return null;
        });
    }

    private void changed() {
        if (applying || !loaded || horizontal.getItems().size() != 3 || horizontal.getWidth() < 300
                || vertical.getHeight() < 200) {
            return; // start-up, presentation mode and a window not yet sized move dividers: not the user's layout
        }
        if (horizontal.getDividers().size() == 2) {
            positions.put(TREE, horizontal.getDividerPositions()[0]);
            positions.put(DETAILS, horizontal.getDividerPositions()[1]);
        }
        if (vertical.getDividers().size() == 1) {
            positions.put(JOBS, vertical.getDividerPositions()[0]);
        }
        saveLater.playFromStart();
    }

    private void save() {
        Map<String, Double> now = Map.copyOf(positions);
        ctx.jobs().background("Save window layout", () -> {
            now.forEach((k, v) -> ctx.store().settings().put(k, String.format(Locale.ROOT, "%.4f", v)));
            return null;
        });
    }
}
