package org.clusterdeck.ui.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.harden.HardenLab;
import org.clusterdeck.harden.HardenModules;
import org.clusterdeck.harden.HardenStatus;
import org.clusterdeck.harden.HostPlan;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.topology.Badge;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.RecordingDialogs;
import org.clusterdeck.ui.harden.HardenRows.ChangeRow;
import org.clusterdeck.ui.harden.HardenRows.HostChoice;
import org.clusterdeck.ui.harden.HardenRows.PlanRow;
import org.clusterdeck.ui.harden.HardenWizardModel.Page;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The wizard's whole flow through its view model with the real hardening service, change engine and
 * SSH on two lab hosts: plan, apply (each step's change set verified), the shield, roll back one
 * step and the whole run, with the hosts' files and sysctls read from outside before and after.
 * It runs every step of this build ({@link HardenModules#all(org.clusterdeck.net.TargetPolicy)}) with the steps' default options.
 */
@ExtendWith(LabExtension.class)
@LabSize(2)
class HardenWizardModelTest {
    private HardenLab harden;
    private JobRunner jobs;
    private ExecutorService fxThread;
    private HardenWizardModel model;
    private UiContext ctx;
    private final InventoryEvents events = new InventoryEvents();
    private final List<InventoryEvents.Change> fired = new CopyOnWriteArrayList<>();
    private final RecordingDialogs dialogs = new RecordingDialogs();

    @BeforeEach
    void setUp(LabHosts lab) {
        harden = HardenLab.on(lab, "harden-wizard");
        jobs = new JobRunner(harden.store.jobs(), 4);
        fxThread = Executors.newSingleThreadExecutor(); // stands in for the FX thread: one thread, in order
        ctx = new UiContext(harden.store, jobs, events, fxThread);
        events.addListener(fired::add);
        model = new HardenWizardModel(ctx, harden.service, harden.engine, harden.access::open, dialogs);
    }

    @AfterEach
    void tearDown() {
        jobs.close();
        fxThread.shutdownNow();
        harden.close();
    }

    /** What a planned file or sysctl holds on the host now, read from outside (null: no such file). */
    private static String onHost(LabHosts lab, int n, ChangeEngine.Planned p) {
        if (p.kind() == StepKind.FILE) {
            var r = lab.exec(n, "cat", p.target());
            return r.ok() ? r.stdout() : null;
        }
        return lab.exec(n, "sysctl", "-n", p.target()).stdout().strip();
    }

    private static boolean readable(ChangeEngine.Planned p) {
        return p.kind() == StepKind.FILE || p.kind() == StepKind.SYSCTL;
    }

    @Test
    void twoHostsArePlannedAppliedVerifiedShieldedAndRolledBack(LabHosts lab) throws Exception {
        String h1 = lab.host(1).name();
        String h2 = lab.host(2).name();
        model.loadHosts(h1).join();
        assertThat(model.hosts()).filteredOn(HostChoice::demo).extracting(c -> c.host().name()).contains("pve1");
        assertThat(model.hosts()).filteredOn(HostChoice::demo).allSatisfy(c -> assertThat(c.note()).contains("lab up"));
        model.hosts().stream().filter(c -> c.host().name().equals(h2) || c.host().name().equals("pve1"))
                .forEach(c -> c.selectedProperty().set(true));
        assertThat(model.selectedHosts()).extracting(c -> c.host().name()).containsExactlyInAnyOrder(h1, h2);
        model.next().join();
        assertThat(model.pageProperty().get()).isEqualTo(Page.STEPS);

        model.guardTextProperty().set("5");
        model.next().join();
        assertThat(model.pageProperty().get()).as("a bad guard window keeps the page").isEqualTo(Page.STEPS);
        assertThat(model.guardErrorProperty().get()).contains("Guard window", "at least 10 s");
        assertThat(model.guardTextProperty().get()).isEqualTo("5");
        assertThat(model.canNextProperty().get()).isFalse();
        model.guardTextProperty().set("ten");
        assertThat(model.guardErrorProperty().get()).contains("'ten' is not a whole number of seconds");
        assertThat(model.guardTextProperty().get()).isEqualTo("ten");
        model.guardTextProperty().set("10");
        assertThat(model.guardErrorProperty().get()).isEmpty();

        model.next().join();
        assertThat(model.pageProperty().get()).isEqualTo(Page.PREVIEW);
        assertThat(model.planRows()).noneMatch(r -> r.error() != null);
        assertThat(model.planRows()).extracting(PlanRow::host).contains(h1, h2).doesNotContain("pve1");
        assertThat(model.planRows()).filteredOn(r -> r.host().equals(h1)).extracting(PlanRow::step)
                .containsExactlyInAnyOrderElementsOf(model.selectedSteps());
        PlanRow withChanges = model.planRows().stream().filter(r -> !r.plan().changes().isEmpty()).findFirst().orElseThrow();
        assertThat(model.commandsText(withChanges)).contains(withChanges.plan().preview().get(0));
        assertThat(model.canNextProperty().get()).isTrue();

        // what the planned files and sysctls hold before, read from outside
        Map<String, String> before = new HashMap<>();
        for (PlanRow r : model.planRows()) {
            int n = r.host().equals(h1) ? 1 : 2;
            r.plan().changes().stream().filter(HardenWizardModelTest::readable)
                    .forEach(p -> before.put(r.host() + " " + p.target(), onHost(lab, n, p)));
        }

        model.next().join();
        assertThat(model.pageProperty().get()).isEqualTo(Page.APPLY);
        assertThat(model.runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r.resultProperty().get()).as(r.statusProperty().get()).isNotNull();
            assertThat(r.resultProperty().get().ok()).as(r.statusProperty().get()).isTrue();
        });
        assertThat(model.failures()).isEmpty();
        assertThat(model.checks()).isNotEmpty().allSatisfy(c -> assertThat(c.ok()).as(c.what() + ": " + c.detail()).isTrue());
        long planned = model.planRows().stream().filter(r -> !r.plan().skipped() && !r.plan().changes().isEmpty()).count();
        assertThat(model.changes()).hasSize((int) planned)
                .allSatisfy(c -> assertThat(c.change().state()).isEqualTo(ChangeSet.APPLIED));
        for (PlanRow r : model.planRows()) {
            int n = r.host().equals(h1) ? 1 : 2;
            r.plan().changes().stream().filter(p -> p.kind() == StepKind.FILE && p.after() != null)
                    .forEach(p -> assertThat(onHost(lab, n, p)).as(p.target()).isEqualTo(p.after()));
        }
        assertThat(fired).extracting(InventoryEvents.Change::kind).contains("host");

        // the shield: what the diagram shows for each host
        Map<Long, Badge> shields = new java.util.concurrent.ConcurrentHashMap<>();
        new HardenBadges(ctx, () -> harden.service, (source, id, badges) -> shields.put(id, badges.get(0))).refresh();
        long id1 = model.hosts().stream().filter(c -> c.host().name().equals(h1)).findFirst().orElseThrow().host().id();
        HardenStatus status = harden.service.status(h1);
        assertThat(status.level()).isNotEqualTo(HardenStatus.Level.NONE);
        await(() -> shields.containsKey(id1));
        assertThat(shields.get(id1).text()).isIn("partly hardened", "hardened");
        assertThat(shields.get(id1).icon()).isEqualTo(Badge.Icon.SHIELD);
        assertThat(shields.get(id1).describe()).contains("change #" + model.changes().stream().filter(c -> c.host().equals(h1)).findFirst().orElseThrow().id());
        assertThat(shields.keySet()).as("demo hosts get no shield").doesNotContain(harden.store.hosts()
                .findByName("pve1").orElseThrow().id());

        model.next().join();
        assertThat(model.pageProperty().get()).isEqualTo(Page.RESULTS);
        ChangeRow first = model.changes().stream().filter(c -> c.host().equals(h1)).reduce((a, b) -> b).orElseThrow();
        model.rollbackStep(first).join(); // declined: nothing changes
        assertThat(dialogs.confirmations).singleElement().satisfies(c -> assertThat(c.whatItWillDo())
                .contains("#" + first.id(), h1, "before-value"));
        assertThat(harden.engine.find(first.id()).orElseThrow().state()).isEqualTo(ChangeSet.APPLIED);

        dialogs.answering(true);
        model.rollbackStep(first).join();
        assertThat(model.changes()).filteredOn(c -> c.id() == first.id()).singleElement()
                .satisfies(c -> assertThat(c.change().state()).isEqualTo(ChangeSet.ROLLED_BACK));
        assertThat(model.changes()).filteredOn(c -> c.id() != first.id())
                .allSatisfy(c -> assertThat(c.change().state()).isEqualTo(ChangeSet.APPLIED));

        model.rollbackRun().join();
        assertThat(model.changes()).allSatisfy(c -> assertThat(c.change().state()).isEqualTo(ChangeSet.ROLLED_BACK));
        for (PlanRow r : model.planRows()) {
            int n = r.host().equals(h1) ? 1 : 2;
            r.plan().changes().stream().filter(HardenWizardModelTest::readable).forEach(p ->
                    assertThat(onHost(lab, n, p)).as("%s %s after the roll back", r.host(), p.target())
                            .isEqualTo(before.get(r.host() + " " + p.target())));
        }
        assertThat(harden.service.status(h1).level()).isEqualTo(HardenStatus.Level.NONE);
        shields.clear();
        new HardenBadges(ctx, () -> harden.service, (source, id, badges) -> shields.put(id, badges.get(0))).refresh();
        await(() -> shields.containsKey(id1));
        assertThat(shields.get(id1).text()).isEqualTo("not hardened");
    }

    @Test
    void aHostThatCannotBeReachedIsARowSayingSoAndBlocksTheApply(LabHosts lab) {
        long site = harden.store.sites().insert("Office", org.clusterdeck.model.SiteKind.REAL, null).id();
        // port 1 on loopback: nothing listens, so the connection is refused at once (and stays on this machine)
        harden.store.hosts().insert(new org.clusterdeck.model.Host(0, site, "web-closed", "127.0.0.1", 1, "root", null, null,
                "web", null, null, null, null, null));
        model.loadHosts("web-closed").join();
        model.next().join();
        model.next().join();
        assertThat(model.planRows()).singleElement().satisfies(r -> {
            assertThat(r.error()).startsWith("cannot plan web-closed:");
            assertThat(r.status()).isEqualTo("cannot plan");
        });
        assertThat(model.canNextProperty().get()).isFalse();
        assertThat(model.statusProperty().get()).contains("could not be planned");
    }

    private static void await(java.util.function.BooleanSupplier done) throws InterruptedException {
        long until = System.nanoTime() + 10_000_000_000L;
        while (!done.getAsBoolean() && System.nanoTime() < until) {
            Thread.sleep(20);
        }
        assertThat(done.getAsBoolean()).as("within 10 s").isTrue();
    }

    /** The plan the wizard shows is the service's plan for the host, with the role chosen on the first page. */
    @Test
    void theRoleChosenOnTheFirstPageIsTheOnePlanned(LabHosts lab) {
        String h1 = lab.host(1).name();
        model.loadHosts(h1).join();
        HostChoice c = model.selectedHosts().get(0);
        c.roleProperty().set(org.clusterdeck.harden.Role.DB);
        model.next().join();
        model.next().join();
        HostPlan plan = harden.service.plan(h1, model.selectedSteps(), org.clusterdeck.harden.Role.DB, model.hardenOptions(), null);
        assertThat(plan.host().role()).isEqualTo(org.clusterdeck.harden.Role.DB);
        assertThat(model.planRows()).extracting(r -> r.plan().settings())
                .containsExactlyElementsOf(plan.steps().stream().map(s -> s.settings()).toList());
    }

    @Test
    void aFindingsFixFillsInItsStepAndOptionsAndThePlanUsesThem(LabHosts lab) {
        var ww = org.clusterdeck.scan.HostAudit.checks().stream().filter(c -> c.title().startsWith("No world-writable files")).findFirst().orElseThrow();
        var fix = org.clusterdeck.scan.FindingFixes.forFinding(org.clusterdeck.scan.ScanKind.HOST,
                new org.clusterdeck.scan.Finding(ww.id(), ww.severity(), ww.title(), "/usr/local/bin/x", ww.why(), ww.fix())).orElseThrow();
        model.prefill(fix.step(), Map.of("permissions.worldWritable", "keep", "permissions.suid", "remove"));
        assertThat(model.selectedSteps()).containsExactly(org.clusterdeck.harden.HardenStep.PERMISSIONS);
        assertThat(model.hardenOptions().values()).containsEntry("permissions.worldWritable", "keep").containsEntry("permissions.suid", "remove");
        model.prefill(fix.step(), fix.options());
        assertThat(model.hardenOptions().values()).containsEntry("permissions.worldWritable", "remove");
        assertThat(model.steps()).filteredOn(c -> c.selectedProperty().get()).extracting(c -> c.step().label()).containsExactly("File permissions");
    }
}
