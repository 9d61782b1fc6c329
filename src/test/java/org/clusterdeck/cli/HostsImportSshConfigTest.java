package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostsImportSshConfigTest {
    @TempDir
    Path dir;

    @Test
    void importsHostsSkipsExistingAndReportsBadOnes() throws Exception {
        Path config = dir.resolve("config");
        Path key = Files.writeString(dir.resolve("alpha_key"), "not checked at import");
        Files.writeString(config, """
                Host alpha
                  HostName 10.1.2.3
                  User deploy
                  Port 2222
                  IdentityFile %s
                Host beta
                  Port 99999
                Host gamma
                  IdentityFile ~/.ssh/clusterdeck-no-such-key
                Host pve1
                  HostName 192.168.1.100
                """.formatted(key));
        Path data = dir.resolve("data");
        CliRun.Outcome r = CliRun.run(data, Map.of(), "hosts", "import-ssh-config", "--file", config.toString(),
                "--site", "Imported");
        assertThat(r.out()).contains("added   alpha (deploy@10.1.2.3:2222)", "skipped pve1", "FAILED  beta: port",
                "FAILED  gamma: key", "1 added, 1 skipped, 2 failed.");
        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        String shown = CliRun.run(data, Map.of(), "hosts", "show", "alpha", "--json").out();
        assertThat(shown).contains("\"sshPort\" : 2222", "\"sshUser\" : \"deploy\"", "\"site\" : \"Imported\"",
                key.toString());
    }

    @Test
    void missingConfigFileIsNamed() {
        CliRun.Outcome r = CliRun.run(dir.resolve("data"), Map.of(), "hosts", "import-ssh-config", "--file",
                dir.resolve("nope").toString());
        assertThat(r.exitCode()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("No SSH config at " + dir.resolve("nope"));
    }
}
