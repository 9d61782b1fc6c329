package org.clusterdeck.ui.common;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;

/** Light and dark themes (AtlantaFX Primer) plus ClusterDeck's small stylesheet on top. */
public enum Theme {
    LIGHT, DARK;

    public static final String SETTING = "ui.theme";
    public static final String APP_CSS = Theme.class.getResource("/org/clusterdeck/ui/clusterdeck.css").toExternalForm();

    /** Sets this theme for every window of the application. */
    public void apply() {
        Application.setUserAgentStylesheet(this == DARK
                ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet());
    }

    public static Theme parse(String value) {
        return "dark".equalsIgnoreCase(value) ? DARK : LIGHT;
    }

    public String settingValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
