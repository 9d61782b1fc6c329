package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabInventory;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.model.JobLogLine;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.clusterdeck.tuning.SettingInput;
import org.clusterdeck.tuning.SysctlCatalog;
import org.clusterdeck.tuning.TuningResult;
import org.clusterdeck.tuning.TuningService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two ClusterDeck processes change the same lab host at once: this JVM holds the host's lock
 * while applying; a CLI in a second JVM with --wait waits (its job log names the change it waits
 * for), a third without --wait is refused with that sentence; before-values stay true; rolling
 * back both restores the host exactly, and rolling back the older one first is refused.
 */
@ExtendWith(LabExtension.class)
@LabSize(1)
class HostLockLabTest {
    private static final String KEY = "net.core.somaxconn";

    @TempDir
    Path dir;
    private final java.util.Map<Process, Path> outputs = new java.util.HashMap<>();

    @Test
    void secondProcessWaitsOrIsRefusedAndRollbackOfBothIsExact(LabHosts lab) throws Exception {
        Path data = dir.resolve("data");
        String h1 = lab.host(1).name();
        Path file = LabLayout.netnsEtc(lab.host(1).namespace()).resolve("sysctl.d/99-clusterdeck.conf");
        Files.deleteIfExists(file);
        Path conf = dir.resolve("six.conf");
        Files.writeString(conf, KEY + " = 6000\n");
        try (Store store = Store.open(data); SshShell shell = lab.shell(1)) {
            DemoInventory.seedIfEmpty(store);
            new LabInventory(store, KnownHosts.inDataDir(data), new InventoryEvents(), "test").register(lab.hosts());
            String original = value(shell);
            ChangeEngine engine = ChangeEngine.create(store, "test");
            TuningService tuning = new TuningService(store, SysctlCatalog.load(), "test");
            long first;
            Process waiter;
            try (HostLocks.Held held = engine.locks().acquire(h1, "tuning", "test", false, null)) {
                List<SettingInput> in = List.of(new SettingInput(KEY, "5000", null, 1, 1));
                TuningResult r = tuning.apply(shell, tuning.plan(tuning.read(shell, in), in, "five", true), false, null, held::changeId);
                assertThat(r.outcome()).as(r.message()).isEqualTo(TuningResult.Outcome.APPLIED);
                first = r.changeSetId();

                waiter = cli(data, "tune", "apply", "--host", h1, "--file", conf.toString(), "--wait");
                Process refused = cli(data, "tune", "apply", "--host", h1, "--file", conf.toString());
                assertThat(refused.waitFor(120, TimeUnit.SECONDS)).isTrue();
                String said = output(refused);
                assertThat(refused.exitValue()).as(said).isNotZero();
                assertThat(said).contains(h1 + " is busy: change #" + first + " (kernel tuning, started ")
                        .contains(" by test) is running. Run again with --wait");
                assertThat(waitingLine(store, first, 120)).as("the waiting CLI says what it waits for").isTrue();
                assertThat(waiter.isAlive()).isTrue();
                assertThat(value(shell)).isEqualTo("5000");
            }
            assertThat(waiter.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(waiter.exitValue()).as(output(waiter)).isZero();
            assertThat(value(shell)).isEqualTo("6000");

            List<ChangeSet> sets = store.changes().list(h1, 10);
            assertThat(sets).hasSize(2);
            ChangeSet second = sets.get(0);
            assertThat(second.who()).isEqualTo("cli");
            assertThat(second.steps()).filteredOn(s -> s.target().equals(KEY)).singleElement()
                    .satisfies(s -> assertThat(List.of(s.before(), s.after())).containsExactly("5000", "6000"));
            assertThat(sets.get(1).steps()).filteredOn(s -> s.target().equals(KEY)).singleElement()
                    .satisfies(s -> assertThat(List.of(s.before(), s.after())).containsExactly(original, "5000"));

            RemoteAccess access = new RemoteAccess(store, lab.sessions(), "test");
            assertThatThrownBy(() -> engine.rollback(first, access::open, false, false, null))
                    .hasMessageContaining("cannot be rolled back: change #" + second.id() + " (kernel tuning, cli) later changed " + KEY);
            assertThat(engine.rollback(second.id(), access::open, false, false, null).state()).isEqualTo(ChangeSet.ROLLED_BACK);
            assertThat(value(shell)).isEqualTo("5000");
            ChangeSet back = engine.rollback(first, access::open, false, false, null);
            assertThat(back.steps()).extracting(ChangeStep::state).containsOnly(ChangeStep.ROLLED_BACK);
            assertThat(value(shell)).isEqualTo(original);
            assertThat(Files.exists(file)).as("the file did not exist before either change").isFalse();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static String value(SshShell shell) {
        return shell.run(RemoteCommand.of("/sbin/sysctl", "-n", KEY)).stdout().strip();
    }

    private static boolean waitingLine(Store store, long change, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 4; i++) {
            for (var job : store.jobs().findRecent(20)) {
                for (JobLogLine l : store.jobs().log(job.id())) {
                    if (l.line().startsWith("waiting for change #" + change + " (kernel tuning, started ")) {
                        return true;
                    }
                }
            }
            Thread.sleep(250);
        }
        return false;
    }

    private Process cli(Path data, String... args) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.clusterdeck.Main", "--data-dir", data.toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "cli", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        outputs.put(p, out);
        return p;
    }

    private String output(Process p) throws IOException {
        return Files.readString(outputs.get(p), StandardCharsets.UTF_8);
    }
}
