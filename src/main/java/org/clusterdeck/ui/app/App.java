package org.clusterdeck.ui.app;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.clusterdeck.app.Services;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.DataDirectory;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Icons;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.ui.main.MainView;
import org.clusterdeck.ui.remote.FxRemotePrompts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JavaFX application. The database opens on a background thread while the window appears;
 * the main view replaces the "opening" screen when it is ready, or an error names the database
 * and what to do.
 */
public final class App extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(App.class);
    private static final long STARTED = System.nanoTime();

    /** What is read before the window is filled: the database and the remembered preferences. */
    private record Opened(Store store, Theme theme, Optional<WindowGeometry> geometry) {
    }

    private CompletableFuture<Opened> opening;
    private Path dataDir;
    private Services services;

    public static void launchGui(String[] args) {
        Application.launch(App.class, args);
    }

    @Override
    public void init() {
        Path dataDir = DataDirectory.resolve(DataDirectory.fromArgs(getParameters().getRaw().toArray(String[]::new)),
                System.getenv());
        this.dataDir = dataDir;
        opening = CompletableFuture.supplyAsync(() -> {
            Store s = Store.open(dataDir);
            DemoInventory.seedIfEmpty(s);
            Theme theme = Theme.parse(s.settings().get(Theme.SETTING).orElse("light"));
            return new Opened(s, theme, WindowGeometry.load(s.settings()));
        });
    }

    @Override
    public void start(Stage stage) {
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> showUnexpected(stage, e));
        Theme.LIGHT.apply();
        stage.setTitle("ClusterDeck");
        stage.getIcons().addAll(Icons.image(Icons.APP, 48), Icons.image(Icons.APP, 256));
        ProgressIndicator spinner = new ProgressIndicator();
        VBox opening = new VBox(16, Icons.view(Icons.APP, 64), new Label("Opening ClusterDeck…"), spinner);
        opening.setAlignment(javafx.geometry.Pos.CENTER);
        stage.setScene(new Scene(opening, 1280, 800));
        stage.show();
        LOG.info("first window after {} ms", (System.nanoTime() - STARTED) / 1_000_000);
        this.opening.whenCompleteAsync((opened, err) -> {
            if (err != null) {
                showFatal(stage, err);
            } else {
                showMain(stage, opened);
            }
        }, Platform::runLater);
    }

    private void showMain(Stage stage, Opened opened) {
        Store store = opened.store();
        FxRemotePrompts prompts = new FxRemotePrompts(Platform::runLater, () -> stage);
        services = Services.builder(dataDir, "gui").store(store).prompts(prompts, prompts).build();
        JobRunner jobs = services.jobs();
        UiContext ctx = new UiContext(services, Platform::runLater);
        opened.theme().apply();
        org.clusterdeck.virt.VirtService virt = services.virt();
        MainView main = new MainView(ctx, Features.all(ctx));
        main.setVirt(virt);
        if (org.clusterdeck.virt.VirtService.unavailable().isEmpty()) {
            virt.syncAll(); // the demo lab's test-driver hosts come up from the database here
            virt.startPeriodicSync(java.time.Duration.ofMinutes(1));
        } else {
            LOG.warn("VM features disabled: {}", org.clusterdeck.virt.VirtService.unavailable().get());
        }
        main.showTheme(opened.theme());
        main.setOnQuit(stage::close);
        main.setOnThemeChange(t -> jobs.background("Save theme", () -> {
            store.settings().put(Theme.SETTING, t.settingValue());
            return null;
        }));
        stage.getScene().setRoot(main);
        stage.setTitle("ClusterDeck — " + store.location());
        opened.geometry().ifPresent(g -> g.applyTo(stage));
        WindowGeometry.rememberChanges(stage, g -> jobs.background("Save window geometry", () -> {
            g.save(store.settings());
            return null;
        }));
        LOG.info("main window ready after {} ms", (System.nanoTime() - STARTED) / 1_000_000);
    }

    private static void showFatal(Stage stage, Throwable err) {
        Throwable cause = err instanceof java.util.concurrent.CompletionException && err.getCause() != null
                ? err.getCause() : err;
        LOG.error("ClusterDeck could not start", cause);
        Alert a = new Alert(Alert.AlertType.ERROR, JobRunner.describe(cause));
        a.initOwner(stage);
        a.setTitle("ClusterDeck cannot start");
        a.setHeaderText("ClusterDeck cannot open its database");
        a.getDialogPane().setMinWidth(560);
        a.setOnHidden(e -> Platform.exit());
        a.show();
    }

    /** A bug surfaced on the FX thread: logged with its stack, and shown, never swallowed. */
    private static void showUnexpected(Stage stage, Throwable e) {
        LOG.error("Unexpected error on the FX thread", e);
        Alert a = new Alert(Alert.AlertType.ERROR, JobRunner.describe(e)
                + "\n\nThe details are in clusterdeck.log in the data directory. ClusterDeck keeps running.");
        a.initOwner(stage);
        a.setHeaderText("Something went wrong");
        a.show();
    }

    @Override
    public void stop() {
        if (services != null) {
            services.close();
        }
    }
}
