package org.clusterdeck.ui.harden;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.clusterdeck.harden.HardenService;
import org.clusterdeck.harden.HardenStatus;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.topology.Badge;
import org.clusterdeck.ui.UiContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The shield on every host of the diagram: hardened, partly hardened or not hardened, from each
 * host's hardening history ({@link HardenService#status}), read off the FX thread and read again
 * when a host changes (a hardening run or rollback fires an inventory event for its host). Demo
 * hosts get none: they are labels that cannot be hardened.
 */
final class HardenBadges {
    private static final Logger LOG = LoggerFactory.getLogger(HardenBadges.class);
    static final String SOURCE = "harden";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());

    /** Where the badges go (the main window's diagram). */
    @FunctionalInterface
    interface Sink {
        void set(String source, long hostId, List<Badge> badges);
    }

    private final UiContext ctx;
    private final java.util.function.Supplier<HardenService> service;
    private final Sink sink;
    private final AtomicBoolean pending = new AtomicBoolean();

    /** @param service the hardening service, asked for off the FX thread (null: no status here) */
    HardenBadges(UiContext ctx, java.util.function.Supplier<HardenService> service, Sink sink) {
        this.ctx = ctx;
        this.service = service;
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

    /** Reads every real host's status in the background and sets its shield on the FX thread. */
    org.clusterdeck.ui.jobs.Background.Task<Map<Long, HardenStatus>> refresh() {
        return ctx.background().run("Read hardening status", () -> {
            pending.set(false);
            HardenService harden = service.get();
            Map<Long, HardenStatus> out = new LinkedHashMap<>();
            if (harden == null) {
                return out;
            }
            Set<Long> demoSites = ctx.store().sites().findAll().stream().filter(s -> s.kind() == SiteKind.DEMO)
                    .map(s -> s.id()).collect(Collectors.toSet());
            for (Host h : ctx.store().hosts().findAll()) {
                if (!demoSites.contains(h.siteId())) {
                    out.put(h.id(), harden.status(h.name()));
                }
            }
            return out;
        }).onSuccess(statuses -> statuses.forEach((id, s) -> sink.set(SOURCE, id, List.of(badge(s)))));
    }

    /** The hardening service, or null where these services have no data directory (some UI tests). */
    static HardenService service(UiContext ctx) {
        try {
            return ctx.services().harden();
        } catch (IllegalStateException noDataDir) {
            LOG.debug("No hardening status: {}", noDataDir.getMessage());
            return null;
        }
    }

    /** The shield of a status, with a tooltip listing each step's latest change. */
    static Badge badge(HardenStatus s) {
        return switch (s.level()) {
            case HARDENED -> new Badge("hardened", Badge.Level.OK, Badge.Icon.SHIELD, note("Hardened", s));
            case PARTLY -> new Badge("partly hardened", Badge.Level.WARNING, Badge.Icon.SHIELD, note("Partly hardened", s));
            case NONE -> new Badge("not hardened", Badge.Level.NEUTRAL, Badge.Icon.SHIELD,
                    "Not hardened: no hardening step is applied (Harden… on the host)");
        };
    }

    private static String note(String head, HardenStatus s) {
        List<String> lines = new ArrayList<>();
        for (String line : lines(s)) {
            lines.add("  " + line);
        }
        return head + " (firewall, SSH and kernel make it hardened):\n" + String.join("\n", lines);
    }

    /** One line per step: its latest hardening change, or "not applied". */
    static List<String> lines(HardenStatus s) {
        List<String> out = new ArrayList<>();
        for (HardenStep step : HardenStep.values()) {
            ChangeSet cs = s.latest().get(step);
            out.add(step.label() + ": " + (cs == null ? "not applied" : describe(cs)));
        }
        return out;
    }

    static String describe(ChangeSet cs) {
        return "change #" + cs.id() + ", " + cs.state().replace('_', ' ') + ", " + TIME.format(cs.createdAt());
    }
}
