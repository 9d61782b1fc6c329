package org.clusterdeck.ui.main;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.clusterdeck.model.BenchmarkResult;
import org.clusterdeck.model.BenchmarkRun;
import org.clusterdeck.model.BenchmarkSpec;
import org.clusterdeck.model.LatencySummary;
import org.clusterdeck.model.SecondSample;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.inventory.InventorySnapshot;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.TextCheck;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.common.Theme;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Opens every window, dialog, wizard step, tab and pane on realistic data (the demo lab, a host
 * that refuses SSH, two stored benchmark runs) at 1280×720 and 1920×1080, in light, dark and
 * presentation mode, and fails listing every text that is elided or cut and every control outside
 * its window. With {@code -Dclusterdeck.gallery=DIR} (app/gallery.sh) it also writes each screen
 * as DIR/screen-WxH-mode.png for a person to look at.
 */
@ExtendWith(ApplicationExtension.class)
class WindowTourTest {
    private static final int[][] SIZES = {{1280, 720}, {1920, 1080}};
    private static final String[] MODES = System.getProperty("tour.modes", "light,dark,presentation").split(",");
    /** A regular expression over screen names, to look at a few screens while working on them. */
    private static final String ONLY = System.getProperty("tour.only", ".*");

    @TempDir
    static Path dataDir;
    private Store store;
    private JobRunner jobs;
    private VirtService virt;
    private org.clusterdeck.app.Services services;
    private Stage stage;
    private MainView main;
    private final Path gallery = System.getProperty("clusterdeck.gallery", "").isBlank() ? null
            : Path.of(System.getProperty("clusterdeck.gallery"));

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 1280, 720));
        stage.sizeToScene(); // TestFX shares one stage between test classes: drop an earlier class's size
        stage.show();
    }

    /** The data and services, off the FX thread (slow on a busy machine), then the window on it. */
    private void open(FxRobot robot) {
        store = Store.inMemory("tour-" + System.nanoTime());
        DemoInventory.seedIfEmpty(store);
        long office = store.sites().insert("Office", SiteKind.REAL, "Two racks in the basement").id();
        // port 1 on loopback: nothing listens, so an SSH check fails at once and stays on this machine
        store.hosts().insert(new Host(0, office, "web-closed", "127.0.0.1", 1, "deploy", null, null, "web",
                null, null, null, null, null));
        var runs = new org.clusterdeck.store.BenchmarkRepository(store.sql());
        runs.save(run("before tuning", 1, 9_400, 2_100));
        runs.save(run("after tuning", 2, 11_200, 1_700));
        jobs = new JobRunner(store.jobs(), 2);
        services = org.clusterdeck.app.Services.builder(dataDir, "test").store(store).jobs(jobs).build();
        recordFindings(services.scans());
        UiContext ctx = new UiContext(services, Platform::runLater);
        if (VirtService.unavailable().isEmpty()) {
            virt = services.virt();
        } else {
            System.out.println("VM screens left out: " + VirtService.unavailable().get());
        }
        robot.interact(() -> {
            Theme.LIGHT.apply();
            main = new MainView(ctx, org.clusterdeck.ui.app.Features.all(ctx));
            if (virt != null) {
                main.setVirt(virt);
            }
            stage.getScene().setRoot(main);
        });
    }

    @AfterEach
    void close() {
        if (services != null) {
            services.close();
        }
    }

    /**
     * Findings on web-closed as the scanners store them: two host audits (the index rises after a
     * fix) and an SSH finding whose banner is hostile (control characters, markup).
     */
    private static void recordFindings(org.clusterdeck.scan.ScanService scans) {
        var ww = org.clusterdeck.scan.HostAudit.checks().stream().filter(c -> c.title().startsWith("No world-writable files"))
                .findFirst().orElseThrow();
        var fwd = org.clusterdeck.scan.HostAudit.checks().stream().filter(c -> c.title().startsWith("net.ipv4.ip_forward is"))
                .findFirst().orElseThrow();
        var pw = org.clusterdeck.scan.HostAudit.checks().stream().filter(c -> c.title().startsWith("sshd passwordauthentication"))
                .findFirst().orElseThrow();
        java.util.function.Function<org.clusterdeck.scan.HostAuditCheck, org.clusterdeck.scan.Finding> failed = c ->
                new org.clusterdeck.scan.Finding(c.id(), c.severity(), c.title(), "sshd -T | grep -i " + c.id() + "\n"
                        + "passwordauthentication yes\n/usr/local/bin/tool 0777", "Anyone who can reach SSH can guess passwords.",
                        "Set PasswordAuthentication no in an sshd drop-in; the hardening wizard's SSH step does it.");
        scans.record(org.clusterdeck.scan.ScanKind.HOST, "web-closed", Instant.parse("2026-11-28T09:00:00Z"), 3100, 48,
                List.of(failed.apply(ww), failed.apply(fwd), failed.apply(pw)), true);
        scans.record(org.clusterdeck.scan.ScanKind.HOST, "web-closed", Instant.parse("2026-11-28T11:00:00Z"), 2900, 71,
                List.of(failed.apply(fwd), failed.apply(pw)), true);
        scans.record(org.clusterdeck.scan.ScanKind.SSH, "web-closed:22", Instant.parse("2026-11-28T11:05:00Z"), 120, null,
                List.of(new org.clusterdeck.scan.Finding("ssh-banner-version", 5.3, "SSH banner names the exact version: "
                        + "SSH-2.0-OpenSSH_9.2\u001b[31m<script>alert(1)</script>", "SSH-2.0-OpenSSH_9.2\u001b[31m<script>\u0007",
                        "Attackers match exact versions to known flaws.", "Keep OpenSSH updated (the updates step).")), true);
    }

    /** A 30-second run of the demo load balancer, as the benchmark engine stores it. */
    private static BenchmarkRun run(String label, long seed, double rps, double p99Micros) {
        Random rnd = new Random(seed);
        List<SecondSample> series = new ArrayList<>();
        for (int s = 0; s < 30; s++) {
            long req = Math.round(rps * (1 + 0.05 * rnd.nextGaussian()));
            long p99 = Math.round(p99Micros * (1 + 0.10 * rnd.nextGaussian()));
            series.add(new SecondSample(s * 1000L, 1000, req, s == 7 ? 3 : 0, req * 800, p99 / 4, p99 / 2, p99, p99 * 2));
        }
        BenchmarkSpec spec = new BenchmarkSpec(URI.create("http://127.0.0.1:8080/index.html"), 64, 0,
                Duration.ofSeconds(30), 0, Duration.ZERO, Duration.ofSeconds(5), "GET", List.of(), "", false, 0);
        long total = series.stream().mapToLong(SecondSample::requests).sum();
        BenchmarkResult r = new BenchmarkResult(spec, "127.0.0.1", "epoll", Instant.parse("2026-11-28T10:00:00Z")
                .plusSeconds(seed * 3600), 30_000, false, total, 0, 0, 3, 0, 0, 0, 0, total * 800, total * 90,
                new LatencySummary((long) p99Micros / 4, (long) p99Micros / 2, (long) p99Micros, (long) p99Micros * 2,
                        (long) p99Micros * 4, p99Micros / 3), series, null, null);
        return new BenchmarkRun(0, label, "load-balancer", "frontend", r, List.of());
    }

    @Test
    void everyScreenShowsAllItsText(FxRobot robot) throws Exception {
        open(robot);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> main.viewModel().snapshotProperty().get() != null);
        if (virt != null) {
            virt.syncAll().result().get(60, TimeUnit.SECONDS);
        }
        List<String> problems = new ArrayList<>();
        for (String mode : MODES) {
            for (int[] size : SIZES) {
                robot.interact(() -> {
                    mode(mode);
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                for (Screen s : screens()) {
                    if (!s.name.matches(ONLY)) {
                        continue;
                    }
                    String name = s.name + "-" + size[0] + "x" + size[1] + "-" + mode;
                    robot.interact(() -> s.open.accept(robot));
                    settle(s.waitMs);
                    robot.interact(() -> check(name, size, problems));
                    robot.interact(this::closeOtherWindows);
                    WaitForAsyncUtils.waitForFxEvents();
                }
            }
        }
        robot.interact(() -> mode("light"));
        if (!problems.isEmpty()) {
            System.out.println("WindowTourTest: " + problems.size() + " problems\n" + String.join("\n", problems));
        }
        assertThat(problems).as("text that is elided, cut, or outside its window").isEmpty();
    }

    private record Screen(String name, long waitMs, Consumer<FxRobot> open) {
    }

    /** Every screen, each opened from the main window as a person would (menus, selection, context menu). */
    private List<Screen> screens() {
        InventorySnapshot snap = main.viewModel().snapshotProperty().get();
        Host pve1 = snap.hosts().stream().filter(h -> h.name().equals("pve1")).findFirst().orElseThrow();
        Host closed = snap.hosts().stream().filter(h -> h.name().equals("web-closed")).findFirst().orElseThrow();
        var web1 = snap.vms().stream().filter(v -> v.name().equals("web1")).findFirst().orElseThrow();
        var lb = snap.loadBalancers().get(0);
        var db = snap.databases().get(0);
        var site = snap.sites().get(0);
        InventoryItem hostItem = new InventoryItem(InventoryItem.Kind.HOST, pve1.id(), pve1.name(), pve1);
        InventoryItem closedItem = new InventoryItem(InventoryItem.Kind.HOST, closed.id(), closed.name(), closed);
        InventoryItem vmItem = new InventoryItem(InventoryItem.Kind.VM, web1.id(), web1.name(), web1);
        InventoryItem lbItem = new InventoryItem(InventoryItem.Kind.LOAD_BALANCER, lb.id(), lb.name(), lb);
        List<Screen> list = new ArrayList<>();
        list.add(new Screen("main-site", 300, r -> select(new InventoryItem(InventoryItem.Kind.SITE, site.id(),
                site.name(), site))));
        list.add(new Screen("main-host", 300, r -> select(hostItem)));
        list.add(new Screen("main-vm", 300, r -> select(vmItem)));
        list.add(new Screen("main-load-balancer", 300, r -> select(lbItem)));
        list.add(new Screen("main-database", 300, r -> select(new InventoryItem(InventoryItem.Kind.DATABASE, db.id(),
                db.name(), db))));
        list.add(new Screen("main-real-host", 300, r -> select(closedItem)));
        list.add(new Screen("benchmarks", 800, r -> {
            select(null);
            centreTabs().getSelectionModel().select(1);
        }));
        list.add(new Screen("security", 1200, r -> {
            select(closedItem);
            menu("Scan…").fire();
        }));
        list.add(new Screen("security-finding", 1200, r -> {
            select(closedItem);
            menu("Scan…").fire();
            new Thread(() -> { // the findings load in the background
                sleep(700);
                Platform.runLater(() -> {
                    if (main.lookup("#findings-table") instanceof javafx.scene.control.TreeTableView<?> t && t.getExpandedItemCount() > 2) {
                        t.getSelectionModel().clearAndSelect(2);
                    }
                });
            }).start();
        }));
        list.add(new Screen("security-history", 1200, r -> {
            menu("Scan…").fire();
            if (main.lookup("#security-side") instanceof TabPane side) {
                side.getSelectionModel().select(2); // History
            }
        }));
        list.add(new Screen("security-scans", 1200, r -> {
            menu("Scan…").fire();
            if (main.lookup("#security-side") instanceof TabPane side) {
                side.getSelectionModel().select(3); // Scans and Compare
            }
        }));
        list.add(new Screen("host-add", 200, r -> {
            centreTabs().getSelectionModel().select(0);
            menu("Add host…").fire();
        }));
        list.add(new Screen("host-edit", 200, r -> {
            select(hostItem);
            menu("Edit host…").fire();
        }));
        list.add(new Screen("host-remove", 200, r -> Platform.runLater(() -> menu("Remove host…").fire())));
        list.add(new Screen("about", 200, r -> menu("About ClusterDeck").fire()));
        list.add(new Screen("ssh-check", 1500, r -> {
            select(closedItem);
            item(main.contextMenu(closedItem).getItems(), "Check SSH…").fire();
        }));
        list.add(new Screen("lab", 800, r -> menu("Hosts…").fire())); // Tools ▸ Local lab ▸ Hosts…
        list.add(new Screen("tuning-1", 800, r -> {
            select(closedItem);
            menu("Kernel tuning…").fire();
        }));
        list.add(new Screen("tuning-2", 800, r -> {
            select(closedItem);
            menu("Kernel tuning…").fire();
            Platform.runLater(() -> nextInNewestWindow(1));
        }));
        for (int page = 1; page <= 3; page++) { // hosts, steps and options, preview (web-closed cannot be planned)
            int n = page;
            list.add(new Screen("harden-" + page, 1000 + 1000L * n, r -> {
                select(closedItem);
                menu("Harden hosts…").fire();
                new Thread(() -> { // the host list loads in a job, then each page's Next ("Preview" on the second)
                    for (int i = 1; i < n; i++) {
                        sleep(800);
                        Platform.runLater(() -> fireInNewestWindow("#wizard-next"));
                    }
                }).start();
            }));
        }
        if (virt != null) {
            for (int step = 1; step <= 7; step++) {
                int n = step;
                list.add(new Screen("vm-wizard-" + step, 1200, r -> {
                    select(hostItem);
                    menu("New VM…").fire();
                    // the host list loads in a job; the name is the only required field
                    new Thread(() -> {
                        sleep(600);
                        Platform.runLater(() -> {
                            Window w = newestWindow();
                            if (w != null && w.getScene().lookup("#vmName") instanceof TextField f) {
                                f.setText("web9");
                            }
                            nextInNewestWindow(n - 1);
                        });
                    }).start();
                }));
            }
        }
        list.add(new Screen("jobs-log", 600, r -> {
            select(null);
            var table = (javafx.scene.control.TableView<?>) main.lookup("#jobs-table");
            if (table != null && !table.getItems().isEmpty()) {
                table.getSelectionModel().select(0);
            }
        }));
        return list;
    }

    private void select(InventoryItem item) {
        main.viewModel().selectionProperty().set(item);
    }

    private TabPane centreTabs() {
        return (TabPane) main.lookup("#centre-tabs");
    }

    private MenuItem menu(String text) {
        MenuBar bar = (MenuBar) main.lookup("#menu-bar");
        for (Menu m : bar.getMenus()) {
            MenuItem found = item(m.getItems(), text);
            if (found != null) {
                return found;
            }
        }
        throw new AssertionError("no menu item " + text);
    }

    /** The item with this text, looking into submenus too. */
    private static MenuItem item(List<MenuItem> items, String text) {
        for (MenuItem i : items) {
            if (text.equals(i.getText())) {
                return i;
            }
            if (i instanceof Menu sub) {
                MenuItem found = item(sub.getItems(), text);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private Window newestWindow() {
        List<Window> others = Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).toList();
        return others.isEmpty() ? null : others.get(others.size() - 1);
    }

    /** Presses the newest window's "Next" button {@code times} times. */
    private void nextInNewestWindow(int times) {
        Window w = newestWindow();
        for (int i = 0; i < times && w != null; i++) {
            Button next = w.getScene().getRoot().lookupAll(".button").stream()
                    .filter(n -> n instanceof Button b && "Next".equals(b.getText()) && b.isVisible())
                    .map(Button.class::cast).findFirst().orElse(null);
            if (next == null || next.isDisabled()) {
                return;
            }
            next.fire();
        }
    }

    /** Fires the newest window's button with this id, when it is enabled. */
    private void fireInNewestWindow(String id) {
        Window w = newestWindow();
        if (w != null && w.getScene().lookup(id) instanceof Button b && !b.isDisabled()) {
            b.fire();
        }
    }

    private void mode(String mode) {
        Theme t = mode.equals("dark") ? Theme.DARK : Theme.LIGHT;
        t.apply();
        main.showTheme(t);
        main.setPresentation(mode.equals("presentation"));
    }

    private void check(String name, int[] size, List<String> problems) {
        for (Window w : Window.getWindows().stream().filter(Window::isShowing).toList()) {
            Scene scene = w.getScene();
            String where = name + (w == stage ? "" : " [" + title(w) + "]");
            for (String p : TextCheck.problems(scene)) {
                problems.add(where + ": " + p);
            }
            if (w != stage && (w.getWidth() > size[0] + 1 || w.getHeight() > size[1] + 1)) {
                problems.add(where + ": window " + (int) w.getWidth() + "×" + (int) w.getHeight()
                        + " is larger than the screen " + size[0] + "×" + size[1]);
            }
            if (gallery != null) {
                save(scene, gallery.resolve(name + (w == stage ? "" : "-" + slug(title(w))) + ".png"));
            }
        }
    }

    private static String title(Window w) {
        return w instanceof Stage s && s.getTitle() != null ? s.getTitle() : "window";
    }

    private static String slug(String s) {
        return s.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static void save(Scene scene, Path file) {
        try {
            Files.createDirectories(file.getParent());
            javax.imageio.ImageIO.write(SwingFXUtils.fromFXImage(scene.snapshot(null), null), "png", file.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void closeOtherWindows() {
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w != stage && w.isShowing()) {
                w.hide();
            }
        }
    }

    private static void settle(long ms) {
        WaitForAsyncUtils.waitForFxEvents();
        sleep(ms);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void sleep(long ms) {
        WaitForAsyncUtils.sleep(ms, TimeUnit.MILLISECONDS);
    }
}
