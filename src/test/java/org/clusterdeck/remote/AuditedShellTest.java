package org.clusterdeck.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.store.DemoInventory;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Remote commands in the job log and the audit trail, secrets redacted; demo hosts refused. */
class AuditedShellTest {
    private Store store;

    @BeforeEach
    void open() {
        store = Store.inMemory("audited-" + System.nanoTime());
    }

    @AfterEach
    void close() {
        store.close();
    }

    /** Runs nothing remote: answers every command with exit 0 and records what it was asked. */
    private static final class EchoShell implements RemoteShell {
        @Override
        public String hostName() {
            return "web1";
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            return new CommandResult(command.argv().contains("fail") ? 3 : 0, "", "boom");
        }

        @Override
        public void close() {
        }
    }

    @Test
    void everyCommandIsLoggedAndAuditedWithSecretsHidden() throws Exception {
        try (JobRunner jobs = new JobRunner(store.jobs(), 1)) {
            var job = jobs.submit("test", "web1", ctx -> {
                try (RemoteShell sh = new AuditedShell(new EchoShell(), ctx, store.audit(), "tester")) {
                    sh.run(RemoteCommand.sudo("mysql", "--password", "hunter2", "-e", "select 1"));
                    sh.run(RemoteCommand.of("curl", "token=abc123", "x").withStdin("PRIVATE KEY DATA"));
                    sh.run(RemoteCommand.of("fail"));
                }
                return null;
            });
            job.result().get(10, TimeUnit.SECONDS);
            List<String> log = store.jobs().log(job.id()).stream().map(l -> l.line()).toList();
            assertThat(log).contains("web1$ sudo -n -- mysql --password '***' -e 'select 1'",
                    "web1$ curl 'token=***' x  <stdin: 16 bytes>", "web1: exit 3 (boom)");
            assertThat(String.join("\n", log)).doesNotContain("hunter2", "abc123", "PRIVATE");
            var audit = store.audit().findByTarget("host", "web1");
            assertThat(audit).hasSize(3);
            assertThat(audit.get(0).after()).endsWith("=> exit 0").doesNotContain("hunter2");
            assertThat(audit.get(0).jobId()).isEqualTo(job.id());
            assertThat(audit.get(2).after()).endsWith("=> exit 3");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "mysql,-uroot,-pHUNTER2,-e,select 1 | mysql -uroot '-p***' -e 'select 1'",
            "env,LANG=C,/usr/bin/mysqldump,-pHUNTER2,db | env LANG=C /usr/bin/mysqldump '-p***' db",
            "sshpass,-p,HUNTER2,ssh,h | sshpass -p '***' ssh h",
            "sshpass,-pHUNTER2,ssh,h | sshpass '-p***' ssh h",
            "mysql,--password=HUNTER2 | mysql '--password=***'",
            "git,clone,https://bob:HUNTER2@git.example/r.git | git clone 'https://bob:***@git.example/r.git'",
            "psql,postgresql://app:HUNTER2@db:5432/shop,-c,select 1 | psql 'postgresql://app:***@db:5432/shop' -c 'select 1'",
            "curl,--proxy,http://p:HUNTER2@proxy:3128,http://h/ | curl --proxy 'http://p:***@proxy:3128' http://h/"})
    void passwordsInDashPAndUrlsAreHidden(String argv, String shown) {
        String line = CommandRedactor.redact(RemoteCommand.of(argv.split(",")));
        assertThat(line).isEqualTo(shown).doesNotContain("HUNTER2");
    }

    @Test
    void dashPOfOtherToolsIsLeftAlone() {
        assertThat(CommandRedactor.redact(RemoteCommand.of("mkdir", "-p", "/etc/x"))).isEqualTo("mkdir -p /etc/x");
        assertThat(CommandRedactor.redact(RemoteCommand.of("ssh", "-p2222", "h"))).isEqualTo("ssh -p2222 h");
    }

    @Test
    void demoHostIsRefusedBeforeAnyConnection() {
        DemoInventory.seedIfEmpty(store);
        Host demo = store.hosts().findAll().stream()
                .filter(h -> store.sites().findById(h.siteId()).orElseThrow().isDemo()).findFirst().orElseThrow();
        RemoteSessions sessions = new RemoteSessions(new KnownHosts(null, null), k -> {
            throw new AssertionError("no connection may be attempted");
        }, SecretPrompt.NONE, SshOptions.DEFAULTS);
        RemoteAccess access = new RemoteAccess(store, sessions, "tester");
        assertThatThrownBy(() -> access.open(demo, null))
                .isInstanceOf(RemoteException.class)
                .hasMessageContaining("demo host")
                .hasMessageContaining(org.clusterdeck.text.Invocation.asRoot("lab up"));
        assertThat(sessions.openConnections()).isZero();
    }
}
