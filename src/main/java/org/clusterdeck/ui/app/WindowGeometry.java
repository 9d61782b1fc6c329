package org.clusterdeck.ui.app;

import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.PauseTransition;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.clusterdeck.store.SettingsRepository;

/** The main window's position and size, remembered across restarts. */
record WindowGeometry(double x, double y, double width, double height, boolean maximized) {
    static final String SETTING = "ui.window";

    static Optional<WindowGeometry> load(SettingsRepository settings) {
        return settings.get(SETTING).flatMap(WindowGeometry::parse);
    }

    static Optional<WindowGeometry> parse(String s) {
        String[] p = s.split(",");
        if (p.length != 5) {
            return Optional.empty();
        }
        try {
            return Optional.of(new WindowGeometry(Double.parseDouble(p[0]), Double.parseDouble(p[1]),
                    Double.parseDouble(p[2]), Double.parseDouble(p[3]), Boolean.parseBoolean(p[4])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    String format() {
        return x + "," + y + "," + width + "," + height + "," + maximized;
    }

    void save(SettingsRepository settings) {
        settings.put(SETTING, format());
    }

    /** Restores the geometry, unless it would put the window off every screen. */
    void applyTo(Stage stage) {
        boolean visible = Screen.getScreens().stream().map(Screen::getVisualBounds)
                .anyMatch((Rectangle2D b) -> b.intersects(x, y, Math.max(width, 1), Math.max(height, 1)));
        if (visible && width >= 400 && height >= 300) {
            stage.setX(x);
            stage.setY(y);
            stage.setWidth(width);
            stage.setHeight(height);
        }
        stage.setMaximized(maximized);
    }

    /** Calls {@code save} half a second after the window stops moving or resizing. */
    static void rememberChanges(Stage stage, Consumer<WindowGeometry> save) {
        PauseTransition settle = new PauseTransition(Duration.millis(500));
        settle.setOnFinished(e -> save.accept(new WindowGeometry(stage.getX(), stage.getY(), stage.getWidth(),
                stage.getHeight(), stage.isMaximized())));
        javafx.beans.InvalidationListener restart = o -> settle.playFromStart();
        stage.xProperty().addListener(restart);
        stage.yProperty().addListener(restart);
        stage.widthProperty().addListener(restart);
        stage.heightProperty().addListener(restart);
        stage.maximizedProperty().addListener(restart);
    }
}
