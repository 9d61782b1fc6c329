package org.clusterdeck.ui;

import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application. */
public final class App extends Application {
    public static void launchGui(String[] args) {
        Application.launch(App.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("ClusterDeck");
        stage.show();
    }
}
