package org.clusterdeck.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.store.Store;
import org.clusterdeck.ui.UiContext;
import org.clusterdeck.ui.remote.SshCheckViewModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH check's "log in with a password" choice: the password is asked only when chosen. */
class SshCheckPasswordChoiceTest {
    @TempDir
    Path dir;
    private InProcessSshServer server;
    private Store store;
    private JobRunner jobs;
    private SshCheckViewModel vm;
    private Host host;
    private final AtomicInteger asked = new AtomicInteger();
    private final SecretPrompt prompt = new SecretPrompt() {
        @Override
        public char[] passphrase(String keyPath, int attempt) {
            return null;
        }

        @Override
        public char[] password(SshTarget t) {
            asked.incrementAndGet();
            return "s3cret".toCharArray();
        }
    };

    @BeforeEach
    void start() throws Exception {
        server = new InProcessSshServer(dir.resolve("hostkey.ser"));
        server.allowPassword("s3cret");
        store = Store.inMemory("sshcheck-pw-" + System.nanoTime());
        jobs = new JobRunner(store.jobs(), 2);
        var site = store.sites().insert("Shop", SiteKind.REAL, null);
        host = store.hosts().insert(new Host(0, site.id(), "shop1", "127.0.0.1", server.port(), "tester", null, null,
                "web", null, null, null, null, null));
        vm = new SshCheckViewModel(new UiContext(store, jobs, new InventoryEvents(), Runnable::run),
                new KnownHosts(dir.resolve("known_hosts"), dir.resolve("user_known_hosts")));
    }

    @AfterEach
    void stop() throws Exception {
        jobs.close();
        store.close();
        server.close();
    }

    @Test
    void passwordIsAskedOnlyWhenTheUserChoosesIt() throws Exception {
        vm.check(host, key -> true, prompt, false);
        await();
        assertThat(asked).as("no password asked when it was not chosen").hasValue(0);
        assertThat(vm.steps()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("login");
            assertThat(s.ok()).isFalse();
        });

        vm.check(host, key -> true, prompt, true);
        await();
        assertThat(asked).hasValue(1);
        assertThat(vm.steps()).anySatisfy(s -> {
            assertThat(s.name()).isEqualTo("login");
            assertThat(s.ok()).isTrue();
            assertThat(s.detail()).contains("a password");
        });
    }

    private void await() throws InterruptedException {
        org.clusterdeck.ui.Awaits.untilFalse(vm.runningProperty(), 20, "the check finished");
    }
}
