package org.clusterdeck.ui.bench;

import atlantafx.base.theme.Styles;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.text.TerminalText;

/**
 * A run's header (target, label, mode, connections, duration) and its numbers in large type
 * (requests/s, errors, p50 … max with units), as the run page and the comparison show them.
 */
final class RunFigures {
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private RunFigures() {
    }

    /** "Run #6 · before tuning" (with "(cancelled)" when it was). */
    static String title(BenchmarkRun run) {
        return (run.id() > 0 ? "Run #" + run.id() : "Run") + (run.label() == null || run.label().isBlank() ? ""
                : " · " + TerminalText.line(run.label())) + (run.result().cancelled() ? " (cancelled)" : "");
    }

    /** Target, mode, connections and duration, each named. */
    static String header(BenchmarkRun run) {
        BenchmarkResult r = run.result();
        String target = r.spec().url().toString();
        if (run.targetName() != null && !"url".equals(run.targetKind())) {
            target += " (" + kind(run.targetKind()) + " " + TerminalText.line(run.targetName()) + ")";
        }
        String mode = r.spec().constantRate() ? String.format(Locale.ROOT, "constant rate %,.0f req/s", r.spec().rate()) : "closed loop";
        String text = String.format(Locale.ROOT, "Target %s\nMode %s · %d connections · ran %.1f s%s", target, mode,
                r.spec().connections(), r.elapsedMs() / 1000.0,
                r.startedAt() == null ? "" : " · started " + STARTED.format(r.startedAt()));
        if (r.errors() > 0) {
            text += String.format(Locale.ROOT, "\nErrors: connect %,d · timeout %,d · read %,d · 4xx %,d · 5xx %,d",
                    r.connectErrors(), r.timeouts(), r.readErrors(), r.status4xx(), r.status5xx());
            if (r.lastError() != null) {
                text += "\nLast error: " + TerminalText.line(r.lastError());
            }
        }
        return text;
    }

    private static String kind(String k) {
        return switch (k == null ? "" : k) {
            case "lb" -> "load balancer";
            case "vm" -> "VM";
            case "host" -> "host";
            default -> k;
        };
    }

    /** The numbers as tiles: a large value with its unit, a small caption under it. */
    static FlowPane tiles(BenchmarkRun run, String idPrefix) {
        BenchmarkResult r = run.result();
        LatencySummary l = r.latency();
        FlowPane p = new FlowPane(18, 8);
        p.getChildren().addAll(
                tile(idPrefix + "rps", String.format(Locale.ROOT, "%,.0f", r.requestsPerSecond()), "requests/s"),
                tile(idPrefix + "errors", String.format(Locale.ROOT, "%,d", r.errors()),
                        String.format(Locale.ROOT, "errors of %,d", r.requests() + r.connectErrors() + r.timeouts() + r.readErrors())),
                tile(idPrefix + "p50", ms(l.p50()), "p50 latency"),
                tile(idPrefix + "p90", ms(l.p90()), "p90 latency"),
                tile(idPrefix + "p99", ms(l.p99()), "p99 latency"),
                tile(idPrefix + "p999", ms(l.p999()), "p99.9 latency"),
                tile(idPrefix + "max", ms(l.max()), "max latency"));
        return p;
    }

    /** Microseconds as "1.23 ms". */
    static String ms(long micros) {
        double v = micros / 1000.0;
        return String.format(Locale.ROOT, v >= 100 ? "%,.0f ms" : v >= 10 ? "%.1f ms" : "%.2f ms", v);
    }

    private static VBox tile(String id, String value, String caption) {
        Label v = new Label(value);
        v.setId(id);
        v.getStyleClass().add(Styles.TITLE_2);
        v.setMinWidth(Region.USE_PREF_SIZE);
        Label c = new Label(caption);
        c.getStyleClass().add(Styles.TEXT_MUTED);
        c.setMinWidth(Region.USE_PREF_SIZE);
        VBox box = new VBox(0, v, c);
        box.setPadding(new Insets(2, 6, 2, 0));
        return box;
    }
}
