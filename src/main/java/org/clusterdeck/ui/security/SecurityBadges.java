package org.clusterdeck.ui.security;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.model.Host;
import org.clusterdeck.scan.Finding;
import org.clusterdeck.topology.Badge;
import org.clusterdeck.ui.UiContext;

/**
 * Each host's worst OPEN finding on the diagram ("7.5 High"), from
 * {@code ScanService.worstOpenSeverity()} (keyed by the scanned host part: the host's name or its
 * address), read off the FX thread; read again after scans, state changes and inventory changes.
 * A host with no open finding has no badge.
 */
final class SecurityBadges {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SecurityBadges.class);
    static final String SOURCE = "scan";

    /** Where the badges go (the main window's diagram). */
    @FunctionalInterface
    interface Sink {
        void set(String source, long hostId, List<Badge> badges);
    }

    private final UiContext ctx;
    private final Sink sink;
    private final AtomicBoolean pending = new AtomicBoolean();

    SecurityBadges(UiContext ctx, Sink sink) {
        this.ctx = ctx;
        this.sink = sink;
    }

    void start() {
        ctx.events().addListener(this::changed);
        refresh();
    }

    private void changed(InventoryEvents.Change c) {
        if (("host".equals(c.kind()) || "site".equals(c.kind())) && pending.compareAndSet(false, true)) {
            refresh();
        }
    }

    /** Reads every host's worst open severity in the background and sets (or clears) its badge on the FX thread. */
    void refresh() {
        ctx.background().run("Read open findings per host", () -> {
            pending.set(false);
            Map<String, Double> worst = ctx.services().scans().worstOpenSeverity();
            Map<Long, Double> out = new LinkedHashMap<>();
            for (Host h : ctx.store().hosts().findAll()) {
                // scanned by name or by address: the worse of the two (no ?: here, it would unbox a null)
                Double s = worst.get(h.name());
                Double byAddress = worst.get(h.address());
                if (s == null || (byAddress != null && byAddress > s)) {
                    s = byAddress;
                }
                out.put(h.id(), s);
            }
            return out;
        }).onFailure(e -> LOG.warn("Could not read open findings for the diagram: {}", e.toString()))
                .onSuccess(m -> m.forEach((id, s) -> sink.set(SOURCE, id, s == null ? List.of() : List.of(badge(s)))));
    }

    /** The badge of a host's worst open severity: colour by level and the rating as its text. */
    static Badge badge(double severity) {
        Badge.Level level = severity >= 7 ? Badge.Level.CRITICAL : severity >= 4 ? Badge.Level.WARNING : Badge.Level.INFO;
        String rating = String.format(java.util.Locale.ROOT, "%.1f %s", severity, Finding.label(severity));
        return new Badge(rating, level, Badge.Icon.NONE, "Worst open finding: " + rating
                + " (CVSS-like 0–10). The Security tab lists the findings and their fixes.");
    }
}
