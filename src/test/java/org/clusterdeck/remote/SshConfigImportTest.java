package org.clusterdeck.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SshConfigImportTest {
    private static final String HOME = System.getProperty("user.home");

    @Test
    void readsConcreteHostsWithWildcardDefaultsFirstValueWinning() {
        List<SshConfigImport.Entry> entries = SshConfigImport.parse("""
                # my hosts
                Host web1 web2
                    HostName 10.0.0.%h
                    User deploy
                Host db1
                    Hostname=db.internal
                    Port 2222
                    IdentityFile "~/.ssh/db key"
                Host web*
                    User ignored-because-first-wins
                    IdentityFile ~/.ssh/web_ed25519
                Match host db1
                    User not-read
                Host * !db1
                    Port 2200
                Host *
                    User admin
                """);
        assertThat(entries).extracting(SshConfigImport.Entry::alias).containsExactly("web1", "web2", "db1");
        assertThat(entries.get(0)).isEqualTo(new SshConfigImport.Entry("web1", "10.0.0.web1", "deploy", 2200,
                HOME + "/.ssh/web_ed25519"));
        assertThat(entries.get(2)).isEqualTo(new SshConfigImport.Entry("db1", "db.internal", "admin", 2222,
                HOME + "/.ssh/db key"));
    }

    @Test
    void badPortIsKeptForValidationToReport() {
        assertThat(SshConfigImport.parse("Host x\n Port twenty-two\n").get(0).port()).isEqualTo(-1);
    }

    @Test
    void emptyConfigHasNoHosts() {
        assertThat(SshConfigImport.parse("")).isEmpty();
        assertThat(SshConfigImport.parse("Host *\n User a\n")).isEmpty();
    }
}
