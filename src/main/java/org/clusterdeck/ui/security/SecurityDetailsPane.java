package org.clusterdeck.ui.security;

import java.util.Locale;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.clusterdeck.model.Host;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Forms;

/**
 * A host's security in its details pane: open findings by severity and the last scan, read in the
 * background, with a link to the Security view showing this host.
 */
final class SecurityDetailsPane extends VBox {
    SecurityDetailsPane(UiContext ctx, Host host, Runnable show) {
        super(6);
        setId("details-security");
        Label title = new Label("Security");
        title.getStyleClass().add("title-4");
        Label open = Forms.hint("Reading the stored findings…");
        open.setId("details-security-open");
        Label last = Forms.hint("");
        last.setId("details-security-last");
        Hyperlink link = new Hyperlink("Show in Security view");
        link.setId("details-security-show");
        link.setOnAction(e -> show.run());
        Forms.keepText(link);
        getChildren().addAll(title, open, last, link);
        ctx.background().run("Read findings of " + host.name(), () -> SecurityViewModel.summary(ctx.services().scans(), host))
                .onSuccess(s -> {
                    long total = s.openByLabel().values().stream().mapToLong(Long::longValue).sum();
                    open.setText(total == 0 ? "No open findings." : total + " open finding" + (total == 1 ? "" : "s") + ": "
                            + String.join(", ", s.openByLabel().entrySet().stream()
                            .map(e -> e.getValue() + " " + e.getKey().toLowerCase(Locale.ROOT)).toList()) + ".");
                    last.setText(s.lastRun() == null ? "Never scanned: Scan host… in its menu."
                            : "Last scan: " + Shown.time(s.lastRun().startedAt()) + " (" + s.lastRun().kind().id() + " scan #"
                            + s.lastRun().id() + ").");
                })
                .onFailure(e -> open.setText("Could not read the findings: " + ScanLaunchViewModel.describe(e)));
    }
}
