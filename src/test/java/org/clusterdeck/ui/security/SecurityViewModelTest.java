package org.clusterdeck.ui.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.clusterdeck.app.Services;
import org.clusterdeck.harden.HardenStep;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.scan.Finding;
import org.clusterdeck.scan.FindingState;
import org.clusterdeck.scan.HostAudit;
import org.clusterdeck.scan.HostAuditCheck;
import org.clusterdeck.scan.ScanKind;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.testing.HttpPeer;
import org.clusterdeck.topology.Badge;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.RecordingDialogs;
import org.clusterdeck.ui.harden.HardenRows.OptionRow;
import org.clusterdeck.ui.harden.HardenWizardModel;
import org.clusterdeck.ui.jobs.Background;
import org.clusterdeck.ui.security.FindingGroups.HostGroup;
import org.clusterdeck.ui.security.FindingGroups.SeverityGroup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Security view's model on the real data path: a real in-memory store, findings from a real
 * HTTP scan of a peer on 127.0.0.1 (run through the view's own scan jobs) and host-audit findings
 * recorded through {@code ScanService.record}; filters, grouping, state actions, rescan, the fix
 * preselected in the real hardening wizard model, the rescan after the fix, and the diagram badge.
 * Callbacks run on the calling thread ({@link Background#sameThread()}); scans run as jobs.
 */
class SecurityViewModelTest {
    private static final String NOSNIFF = "X-Content-Type-Options: nosniff\r\n";

    @TempDir
    Path dir;
    private Store store;
    private JobRunner jobs;
    private Services services;
    private UiContext ctx;
    private SecurityViewModel vm;

    @BeforeEach
    void open() {
        store = Store.inMemory("security-vm-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        services = Services.builder(dir, "test").store(store).jobs(jobs).events(new InventoryEvents()).build();
        ctx = new UiContext(services, Runnable::run, Background.sameThread());
        vm = new SecurityViewModel(ctx);
    }

    @AfterEach
    void close() {
        services.close();
    }

    private static HostAuditCheck check(String titleStart) {
        return HostAudit.checks().stream().filter(c -> c.title().startsWith(titleStart)).findFirst().orElseThrow();
    }

    private static Finding failed(HostAuditCheck c, String evidence) {
        return new Finding(c.id(), c.severity(), c.title(), evidence, "why " + c.id(), "fix " + c.id());
    }

    /** Two host-audit findings on web1 recorded as the host audit stores them. */
    private void recordAudit() {
        services.scans().record(ScanKind.HOST, "web1", Instant.now(), 1200, 61, List.of(
                failed(check("No world-writable files"), "/usr/local/bin/tool 0777"),
                failed(check("net.ipv4.ip_forward is"), "net.ipv4.ip_forward = 1")), true);
    }

    private List<StoredFinding> shown() {
        List<StoredFinding> out = new ArrayList<>();
        vm.groups().forEach(h -> h.severities().forEach(s -> out.addAll(s.findings())));
        return out;
    }

    private StoredFinding shown(String checkId) {
        return shown().stream().filter(f -> f.finding().id().equals(checkId)).findFirst().orElseThrow(
                () -> new AssertionError(checkId + " not shown in " + shown()));
    }

    private void scanPeer(HttpPeer peer) {
        vm.launch().targetProperty().set(peer.url());
        vm.launch().allProperty().set(false);
        vm.launch().kindProperty(ScanKind.HTTP).set(true);
        vm.scan().join();
        vm.reload().join();
    }

    @Test
    void aRealLoopbackScanIsGroupedByHostThenSeverityWorstFirstAndFiltered() throws Exception {
        recordAudit();
        try (HttpPeer peer = new HttpPeer("")) {
            scanPeer(peer);
            assertThat(vm.launch().runs()).singleElement().satisfies(r -> {
                assertThat(r.progressProperty().get()).isEqualTo(1.0);
                assertThat(r.statusProperty().get()).contains("http").contains("finding(s)");
            });
            assertThat(vm.groups()).extracting(HostGroup::host).containsExactly("127.0.0.1", "web1");
            for (HostGroup h : vm.groups()) {
                List<Double> order = new ArrayList<>();
                for (SeverityGroup s : h.severities()) {
                    s.findings().forEach(f -> {
                        assertThat(f.finding().label()).isEqualTo(s.label());
                        assertThat(f.host()).isEqualTo(h.host());
                        order.add(f.finding().severity());
                    });
                }
                assertThat(order).as("worst first on " + h.host()).isSortedAccordingTo((a, b) -> Double.compare(b, a));
            }
            int all = shown().size();
            assertThat(shown()).extracting(f -> f.finding().id()).contains("http-nosniff-missing", check("No world-writable files").id());

            vm.hostFilterProperty().set("web1");
            assertThat(vm.groups()).extracting(HostGroup::host).containsExactly("web1");
            vm.hostFilterProperty().set(null);
            vm.minSeverityProperty().set(7);
            assertThat(shown()).isNotEmpty().allSatisfy(f -> assertThat(f.finding().severity()).isGreaterThanOrEqualTo(7));
            assertThat(shown().size()).isLessThan(all);
            vm.minSeverityProperty().set(0);
            vm.textProperty().set("IP_FORWARD = 1"); // evidence, any case
            assertThat(shown()).extracting(f -> f.finding().id()).containsExactly(check("net.ipv4.ip_forward is").id());
            vm.textProperty().set("");
            assertThat(shown()).hasSize(all);
            assertThat(vm.headlineProperty().get()).contains("open on").contains("fix first:");
        }
    }

    @Test
    void acceptNeedsAReasonAndTheStateFilterFollowsAcceptFalsePositiveAndReopen() {
        recordAudit();
        vm.reload().join();
        StoredFinding ww = shown(check("No world-writable files").id());
        vm.selection().setAll(ww);
        vm.accept("  ").join();
        assertThat(vm.statusProperty().get()).contains("reason is required");
        assertThat(services.scans().finding(ww.id()).orElseThrow().state()).isEqualTo(FindingState.OPEN);

        vm.accept("a build directory, wiped nightly").join();
        StoredFinding accepted = services.scans().finding(ww.id()).orElseThrow();
        assertThat(accepted.state()).isEqualTo(FindingState.ACCEPTED);
        assertThat(accepted.reason()).isEqualTo("a build directory, wiped nightly");
        assertThat(shown()).extracting(StoredFinding::id).doesNotContain(ww.id()); // only open ones shown by default
        vm.states().add(FindingState.ACCEPTED);
        assertThat(shown(check("No world-writable files").id()).reason()).isEqualTo("a build directory, wiped nightly");
        assertThat(FindingDetailsPane.stateText(shown(ww.finding().id()))).isEqualTo("accepted: a build directory, wiped nightly");

        vm.selection().setAll(shown(ww.finding().id()));
        vm.falsePositive("the scanner read a bind mount").join();
        assertThat(services.scans().finding(ww.id()).orElseThrow().state()).isEqualTo(FindingState.FALSE_POSITIVE);
        vm.states().clear();
        vm.states().add(FindingState.FALSE_POSITIVE);
        assertThat(shown()).extracting(StoredFinding::id).containsExactly(ww.id());

        vm.selection().setAll(shown(ww.finding().id()));
        vm.reopen().join();
        assertThat(services.scans().finding(ww.id()).orElseThrow().state()).isEqualTo(FindingState.OPEN);
        assertThat(shown()).isEmpty();
        vm.states().addAll(EnumSet.of(FindingState.OPEN));
        assertThat(shown()).extracting(StoredFinding::id).contains(ww.id());
    }

    @Test
    void rescanOfTheSelectedFindingsMarksTheFixedOnesAndAfterAFixRecordsTheChangeSet() throws Exception {
        try (HttpPeer peer = new HttpPeer("")) {
            scanPeer(peer);
            StoredFinding nosniff = shown("http-nosniff-missing");
            StoredFinding csp = shown("http-csp-missing");
            peer.respond(NOSNIFF); // the header is fixed on the peer
            vm.selection().setAll(nosniff, csp);
            vm.rescanSelected().join();
            assertThat(services.scans().finding(nosniff.id()).orElseThrow().state()).isEqualTo(FindingState.FIXED);
            assertThat(services.scans().finding(csp.id()).orElseThrow().state()).isEqualTo(FindingState.OPEN);
            assertThat(vm.statusProperty().get()).contains("1 of 2 finding(s) fixed");

            // after the wizard applied: the fix's change set is the one recorded on the finding
            peer.respond("");
            vm.scan().join(); // nosniff is back (open again)
            assertThat(services.scans().finding(nosniff.id()).orElseThrow().state()).isEqualTo(FindingState.OPEN);
            peer.respond(NOSNIFF);
            var request = new SecurityViewModel.FixRequest("127.0.0.1",
                    new org.clusterdeck.scan.FindingFix(HardenStep.FIREWALL, Map.of(), "test"), List.of(nosniff.id()));
            Instant now = Instant.now();
            vm.afterFix(request, List.of(
                    new ChangeSet(40, "127.0.0.1", HardenStep.SSH.feature(), "ssh", "test", ChangeSet.APPLIED, null, null, now, now, List.of()),
                    new ChangeSet(41, "127.0.0.1", HardenStep.FIREWALL.feature(), "fw", "test", ChangeSet.APPLIED, null, null, now, now,
                            List.of()))).join();
            StoredFinding fixed = services.scans().finding(nosniff.id()).orElseThrow();
            assertThat(fixed.state()).isEqualTo(FindingState.FIXED);
            assertThat(fixed.fixedByChangeSet()).isEqualTo(41L);
            assertThat(FindingDetailsPane.stateText(fixed)).startsWith("fixed by change set #41");
        }
    }

    @Test
    void fixOpensTheHardeningStepWithItsOptionsFilledInAndOnlyWhereAStepFixesIt() throws Exception {
        recordAudit();
        vm.reload().join();
        StoredFinding ww = shown(check("No world-writable files").id());
        StoredFinding fwd = shown(check("net.ipv4.ip_forward is").id());
        vm.selection().setAll(ww, fwd);
        SecurityViewModel.FixRequest request = vm.fixRequest().orElseThrow();
        assertThat(request.host()).isEqualTo("web1");
        assertThat(request.fix().step()).isEqualTo(HardenStep.PERMISSIONS);
        assertThat(request.findingIds()).containsExactly(ww.id()); // the kernel finding is another step's

        HardenWizardModel wizard = new HardenWizardModel(ctx, services.harden(), services.changes(),
                services.remoteAccess()::open, new RecordingDialogs());
        wizard.prefill(request.fix().step(), request.fix().options());
        assertThat(wizard.selectedSteps()).containsExactly(HardenStep.PERMISSIONS);
        assertThat(wizard.options()).filteredOn(o -> o.name().equals("permissions.worldWritable"))
                .singleElement().extracting(o -> o.valueProperty().get()).isEqualTo("remove");
        assertThat(wizard.hardenOptions().values()).containsEntry("permissions.worldWritable", "remove");

        vm.selection().setAll(fwd);
        var kernel = vm.fixRequest().orElseThrow();
        wizard.prefill(kernel.fix().step(), kernel.fix().options());
        assertThat(wizard.selectedSteps()).containsExactly(HardenStep.KERNEL);
        assertThat(wizard.options()).filteredOn(o -> o.name().equals("kernel.ipForward")).extracting(OptionRow::valueProperty)
                .singleElement().extracting(p -> p.get()).isEqualTo("auto");

        try (HttpPeer peer = new HttpPeer("")) {
            scanPeer(peer);
            vm.selection().setAll(shown("http-nosniff-missing"));
            assertThat(vm.fixRequest()).isEmpty();
            assertThat(vm.statusProperty().get()).contains("No hardening step fixes http-nosniff-missing").contains("Rescan");
        }
    }

    @Test
    void theDiagramBadgeIsTheWorstOpenFindingOfTheInventoryHostAndGoesWhenNoneIsOpen() throws Exception {
        long site = store.sites().insert("Office", SiteKind.REAL, "").id();
        Host local = store.hosts().insert(new Host(0, site, "local", "127.0.0.1", 22, "deploy", null, null, "web",
                null, null, null, null, null));
        Map<Long, List<Badge>> badges = new ConcurrentHashMap<>();
        SecurityBadges b = new SecurityBadges(ctx, (source, hostId, list) -> {
            assertThat(source).isEqualTo(SecurityBadges.SOURCE);
            badges.put(hostId, list);
        });
        try (HttpPeer peer = new HttpPeer("")) {
            scanPeer(peer);
            double worst = shown().stream().mapToDouble(f -> f.finding().severity()).max().orElseThrow();
            b.refresh();
            assertThat(badges.get(local.id())).singleElement().satisfies(badge -> {
                assertThat(badge.text()).isEqualTo(String.format(java.util.Locale.ROOT, "%.1f %s", worst, Finding.label(worst)));
                assertThat(badge.level()).isEqualTo(worst >= 7 ? Badge.Level.CRITICAL : worst >= 4 ? Badge.Level.WARNING
                        : Badge.Level.INFO);
            });
            vm.selection().setAll(shown());
            vm.accept("test peer").join();
            assertThat(services.scans().worstOpenSeverity()).isEmpty();
            b.refresh();
            assertThat(badges.get(local.id())).isEmpty();
        }
    }

    @Test
    void demoHostsAreRefusedWithThePointerToTheLabAndHostileTextIsShownEscaped() {
        DemoInventory.seedIfEmpty(store);
        vm.reload().join();
        vm.launch().targetProperty().set("pve1");
        vm.scan().join();
        assertThat(vm.launch().statusProperty().get()).contains("lab up");
        assertThat(services.scans().runs(null)).isEmpty();

        services.scans().record(ScanKind.SSH, "127.0.0.1:2222", Instant.now(), 5, null, List.of(new Finding("ssh-banner", 5,
                "Banner \u001b]52;c;AAAA\u0007<script>alert(1)</script>", "SSH-2.0-x\u001b[2J\r\nline2", "why", "fix")), true);
        vm.reload().join();
        StoredFinding f = shown("ssh-banner");
        assertThat(vm.headlineProperty().get()).contains("\\e]52;c;AAAA\\x07").doesNotContain("\u001b").doesNotContain("\u0007");
        assertThat(Shown.text(f.finding().evidence())).contains("\\e[2J").contains("\nline2").doesNotContain("\u001b");
    }

    @Test
    void aReportIsWrittenPrivateWithTheHostileTextEscaped() throws Exception {
        services.scans().record(ScanKind.SSH, "127.0.0.1:2222", Instant.now(), 5, null, List.of(new Finding("ssh-banner", 5,
                "Banner <script>alert(1)</script>", "SSH-2.0-x\u001b[2J", "why", "fix")), true);
        vm.reload().join();
        var run = vm.runs().get(0);
        Path html = dir.resolve("report.html");
        java.nio.file.Files.writeString(html, "old, readable by all");
        java.nio.file.Files.setPosixFilePermissions(html, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        vm.export(run, true, html).join();
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(html)))
                .isEqualTo("rw-------");
        String page = java.nio.file.Files.readString(html);
        assertThat(page).contains("&lt;script&gt;").doesNotContain("<script>").doesNotContain("\u001b");
        assertThat(vm.statusProperty().get()).contains("HTML report of scan #" + run.id()).contains("0600");
        Path json = dir.resolve("report.json");
        vm.export(run, false, json).join();
        assertThat(java.nio.file.Files.readString(json)).contains("ssh-banner");
    }
}
