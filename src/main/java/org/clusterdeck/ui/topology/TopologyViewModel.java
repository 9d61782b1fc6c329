package org.clusterdeck.ui.topology;

import java.io.File;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.Vm;
import org.clusterdeck.topology.Badge;
import org.clusterdeck.topology.DiagramLayout;
import org.clusterdeck.topology.DiagramNodeRef;
import org.clusterdeck.topology.DiagramTheme;
import org.clusterdeck.topology.EdgeKind;
import org.clusterdeck.topology.NodeKind;
import org.clusterdeck.topology.NodeState;
import org.clusterdeck.topology.TopologyEdge;
import org.clusterdeck.topology.TopologyExporter;
import org.clusterdeck.topology.TopologyGraph;
import org.clusterdeck.topology.TopologyNode;
import org.clusterdeck.topology.TopologyService;
import org.clusterdeck.ui.UiContext;

/**
 * State of the topology view: the laid-out diagram of one site, the selection, the search and
 * its matches. Loading, pinning and export run as jobs; inventory events update node states in
 * place (a VM started elsewhere turns green without a reload) and reload on structural changes.
 */
public final class TopologyViewModel {
    private final UiContext ctx;
    private final TopologyService service;
    private final ReadOnlyObjectWrapper<DiagramLayout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ObjectProperty<DiagramNodeRef> selected = new SimpleObjectProperty<>(this, "selected");
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final ReadOnlyObjectWrapper<Set<DiagramNodeRef>> matches = new ReadOnlyObjectWrapper<>(this, "matches", Set.of());
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final ReadOnlyIntegerWrapper stateChanges = new ReadOnlyIntegerWrapper(this, "stateChanges");
    private final AtomicLong generation = new AtomicLong();
    private final AtomicBoolean reloadPending = new AtomicBoolean();
    private final Consumer<InventoryEvents.Change> listener = this::onInventoryChange;
    /**
     * Badges other features set (scan severity, p99, hardening shield), by feature, then node; kept
     * across reloads of the diagram. FX thread only.
     */
    private final Map<String, Map<DiagramNodeRef, List<Badge>>> badges = new java.util.LinkedHashMap<>();
    private volatile Site site;
    /** The shown layout, for event listeners on other threads (the property is FX-thread only). */
    private volatile DiagramLayout shown;
    private boolean fitAfterLoad;

    public TopologyViewModel(UiContext ctx) {
        this.ctx = ctx;
        this.service = ctx.services().topology();
        search.addListener((o, was, now) -> updateMatches());
        layout.addListener((o, was, now) -> {
            shown = now;
            updateMatches();
        });
        ctx.events().addListener(listener);
    }

    /** Stops listening to inventory events; call when the view is thrown away. */
    public void dispose() {
        ctx.events().removeListener(listener);
    }

    public ReadOnlyObjectProperty<DiagramLayout> layoutProperty() {
        return layout.getReadOnlyProperty();
    }

    /** The selected node, or null; set it from outside (the inventory tree) as well. */
    public ObjectProperty<DiagramNodeRef> selectedProperty() {
        return selected;
    }

    public StringProperty searchProperty() {
        return search;
    }

    public ReadOnlyObjectProperty<Set<DiagramNodeRef>> matchesProperty() {
        return matches.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Counts node state changes applied in place; the view redraws when it moves. */
    public ReadOnlyIntegerProperty stateChangesProperty() {
        return stateChanges.getReadOnlyProperty();
    }

    /** Shows an already laid-out diagram (benchmarks and tests of the canvas). FX thread. */
    void showLayout(DiagramLayout l) {
        layout.set(l);
    }

    UiContext context() {
        return ctx;
    }

    public Site site() {
        return site;
    }

    /** Shows a site: builds and lays out its diagram in a job. */
    public Job<DiagramLayout> showSite(Site newSite) {
        if (site != null && newSite != null && site.id() != newSite.id()) {
            search.set(""); // a search belongs to the site it was typed on
        }
        this.site = newSite;
        fitAfterLoad = true;
        return reload();
    }

    /** Takes and clears the "fit the new diagram to the window" request of the last site change. */
    boolean takeFitRequest() {
        boolean fit = fitAfterLoad;
        fitAfterLoad = false;
        return fit;
    }

    /** Reads the site again and lays it out, keeping pins. */
    public Job<DiagramLayout> reload() {
        Site s = site;
        if (s == null) {
            return null;
        }
        long gen = generation.incrementAndGet();
        status.set("Laying out " + s.name() + "…");
        Job<DiagramLayout> job = ctx.jobs().submit("Lay out topology", s.name(), c -> {
            reloadPending.set(false);
            return service.load(s);
        });
        deliver(job, gen, "");
        return job;
    }

    /** Forgets every pin of the site and lays it out afresh. */
    public Job<DiagramLayout> relayout() {
        Site s = site;
        if (s == null) {
            return null;
        }
        long gen = generation.incrementAndGet();
        fitAfterLoad = true;
        Job<DiagramLayout> job = ctx.jobs().submit("Re-layout topology", s.name(), c -> {
            int cleared = service.clearPins(s.id());
            c.log("Cleared " + cleared + " pinned position(s).");
            return service.load(s);
        });
        deliver(job, gen, "Re-laid out: pins cleared.");
        return job;
    }

    /** Stores where a dragged node was dropped, then lays out again so nothing overlaps it. */
    public Job<DiagramLayout> pin(DiagramNodeRef ref) {
        DiagramLayout current = layout.get();
        if (current == null || current.rect(ref) == null) {
            return null;
        }
        var position = current.pinPosition(ref);
        TopologyGraph graph = current.graph();
        long gen = generation.incrementAndGet();
        Job<DiagramLayout> job = ctx.jobs().submit("Pin diagram node", graph.node(ref).name(), c -> {
            service.pin(graph.siteId(), ref, position);
            return service.relayout(graph);
        });
        deliver(job, gen, "Pinned " + graph.node(ref).name() + ". Re-layout clears pins.");
        return job;
    }

    /** Writes the diagram as PNG or SVG (by the file's extension) in a job. */
    public Job<Path> export(File file, DiagramTheme theme) {
        DiagramLayout current = layout.get() == null ? null : layout.get().snapshot();
        if (current == null) {
            status.set("Nothing to export yet: the diagram is still loading.");
            return null;
        }
        String name = file.getName().toLowerCase(Locale.ROOT);
        TopologyExporter.Format format = name.endsWith(".svg") ? TopologyExporter.Format.SVG : TopologyExporter.Format.PNG;
        Path path = name.endsWith(".svg") || name.endsWith(".png") ? file.toPath() : file.toPath().resolveSibling(file.getName() + ".png");
        Job<Path> job = ctx.jobs().submit("Export topology " + format, path.toString(), c -> {
            new TopologyExporter(theme).export(current, format, path);
            return path;
        });
        job.result().whenComplete((p, e) -> ctx.fx().execute(() -> status.set(e == null
                ? "Exported " + p.getFileName() + "." : "Export failed: " + JobRunner.describe(e))));
        return job;
    }

    private void deliver(Job<DiagramLayout> job, long gen, String doneMessage) {
        job.result().whenComplete((l, e) -> ctx.fx().execute(() -> {
            if (gen != generation.get()) {
                return; // a newer load is on its way
            }
            if (e != null) {
                status.set("Could not lay out the diagram: " + JobRunner.describe(e));
            } else {
                badgedNodes().forEach(ref -> l.graph().setBadges(ref, badgesOf(ref)));
                layout.set(l);
                status.set(doneMessage.isEmpty() ? TopologyExporter.counts(l.graph()) : doneMessage);
            }
        }));
    }

    /** Shows badges on a node (an empty list removes them), now and after every reload. FX thread. */
    public void setBadges(DiagramNodeRef ref, List<Badge> list) {
        setBadges("", ref, list);
    }

    /**
     * Shows {@code source}'s badges on a node (an empty list removes them), beside other features'
     * badges, now and after every reload. FX thread.
     */
    public void setBadges(String source, DiagramNodeRef ref, List<Badge> list) {
        Map<DiagramNodeRef, List<Badge>> bySource = badges.computeIfAbsent(source, s -> new java.util.HashMap<>());
        if (list.isEmpty()) {
            bySource.remove(ref);
        } else {
            bySource.put(ref, List.copyOf(list));
        }
        DiagramLayout l = layout.get();
        if (l != null && l.graph().setBadges(ref, badgesOf(ref))) {
            stateChanges.set(stateChanges.get() + 1);
        }
    }

    /** Every feature's badges on {@code ref}, in the order the features first set badges. */
    private List<Badge> badgesOf(DiagramNodeRef ref) {
        List<Badge> all = new java.util.ArrayList<>();
        badges.values().forEach(m -> all.addAll(m.getOrDefault(ref, List.of())));
        return all;
    }

    private Set<DiagramNodeRef> badgedNodes() {
        Set<DiagramNodeRef> refs = new HashSet<>();
        badges.values().forEach(m -> refs.addAll(m.keySet()));
        return refs;
    }

    /** Selects the first match of the search, if any; returns it. */
    public DiagramNodeRef selectFirstMatch() {
        DiagramLayout l = layout.get();
        if (l == null) {
            return null;
        }
        for (DiagramNodeRef ref : l.graph().refs()) {
            if (matches.get().contains(ref)) {
                selected.set(ref);
                return ref;
            }
        }
        return null;
    }

    private void updateMatches() {
        DiagramLayout l = layout.get();
        String q = search.get();
        if (l == null || q == null || q.isBlank()) {
            matches.set(Set.of());
            return;
        }
        Set<DiagramNodeRef> found = new HashSet<>();
        for (TopologyNode n : l.graph().nodes()) {
            if (n.matches(q)) {
                found.add(n.ref());
            }
        }
        matches.set(Set.copyOf(found));
    }

    private void onInventoryChange(InventoryEvents.Change change) {
        Site s = site;
        if (s == null) {
            return;
        }
        offFxThread(() -> {
            if (!applyInPlace(change)) {
                scheduleReload();
            }
        });
    }

    /**
     * A VM's state change recolours it (and services on it) in place, as does a host's sync result;
     * anything else needs a reload.
     */
    private boolean applyInPlace(InventoryEvents.Change change) {
        DiagramLayout l = shown;
        if (l != null && NodeKind.fromEventKind(change.kind()) == NodeKind.HOST && change.id() != 0) {
            return applyHostInPlace(l.graph(), change.id());
        }
        if (l == null || NodeKind.fromEventKind(change.kind()) != NodeKind.VM || change.id() == 0) {
            return false;
        }
        DiagramNodeRef ref = DiagramNodeRef.vm(change.id());
        TopologyGraph graph = l.graph();
        Optional<Vm> vm = ctx.store().vms().findById(change.id());
        if (vm.isEmpty() || !graph.contains(ref)
                || !DiagramNodeRef.host(vm.get().hostId()).equals(graph.node(ref).parent())
                || !vm.get().name().equals(graph.node(ref).name())) {
            return false;
        }
        NodeState state = NodeState.of(vm.get().state());
        boolean changed = graph.updateState(ref, state);
        for (TopologyEdge e : graph.edges()) {
            if (e.kind() == EdgeKind.HOSTED_ON && e.to().equals(ref)) {
                changed |= graph.updateState(e.from(), state);
            }
        }
        if (changed) {
            ctx.fx().execute(() -> stateChanges.set(stateChanges.get() + 1));
        }
        return true;
    }

    /** Recolours a host after a sync when only its state changed; a renamed or moved host needs a reload. */
    private boolean applyHostInPlace(TopologyGraph graph, long hostId) {
        DiagramNodeRef ref = DiagramNodeRef.host(hostId);
        TopologyNode fresh = service.hostNode(graph.siteId(), hostId);
        TopologyNode now = graph.node(ref);
        if (fresh == null || now == null) {
            return false;
        }
        if (!Objects.equals(fresh.name(), now.name()) || !Objects.equals(fresh.subtitle(), now.subtitle())
                || !Objects.equals(fresh.detail(), now.detail()) || !Objects.equals(fresh.role(), now.role())) {
            return false;
        }
        if (graph.updateState(ref, fresh.state(), fresh.stateNote())) {
            ctx.fx().execute(() -> stateChanges.set(stateChanges.get() + 1));
        }
        return true;
    }

    private void scheduleReload() {
        if (reloadPending.compareAndSet(false, true)) {
            ctx.fx().execute(this::reload);
        }
    }

    /** Events usually arrive on a job's thread; when one comes from the FX thread, the read goes to a job. */
    private void offFxThread(Runnable work) {
        if (Platform.isFxApplicationThread()) {
            ctx.jobs().submit("Refresh topology", site == null ? "" : site.name(), c -> {
                work.run();
                return null;
            });
        } else {
            work.run();
        }
    }
}
