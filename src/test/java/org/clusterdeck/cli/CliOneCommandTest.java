package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command line that names its command builds only that command's tree; the rest still gets the whole tree. */
class CliOneCommandTest {
    @TempDir
    Path dir;

    @Test
    void theNamedCommandIsFoundPastTheDataDirOption() {
        assertThat(Cli.commandNamedBy(new String[] {"scan", "ports", "127.0.0.1"})).isEqualTo(ScanCommand.class);
        assertThat(Cli.commandNamedBy(new String[] {"--data-dir", "/tmp/x", "hosts", "list"})).isEqualTo(HostsCommand.class);
        assertThat(Cli.commandNamedBy(new String[] {"--data-dir=/tmp/x", "scan"})).isEqualTo(ScanCommand.class);
        assertThat(Cli.commandNamedBy(new String[] {"--help"})).isNull();
        assertThat(Cli.commandNamedBy(new String[] {"--data-dir", "/tmp/x"})).isNull();
        assertThat(Cli.commandNamedBy(new String[] {"scna", "ports"})).isNull();
    }

    @Test
    void helpUsageErrorsAndTheDataDirOptionWorkAsWithTheWholeTree() {
        CliRun.Outcome help = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ports", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: clusterdeck scan ports").contains("--role");

        CliRun.Outcome bad = CliRun.run(dir.resolve("data"), Map.of(), "scan", "ports", "127.0.0.1", "--no-such-option");
        assertThat(bad.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(bad.err()).contains("see 'clusterdeck scan ports --help'");

        CliRun.Outcome typo = CliRun.run(dir.resolve("data"), Map.of(), "scna");
        assertThat(typo.exitCode()).isEqualTo(Cli.USAGE);
        assertThat(typo.err()).contains("scna");

        Path chosen = dir.resolve("chosen");
        CliRun.Outcome hosts = CliRun.run(dir.resolve("data"), Map.of(), "--data-dir", chosen.toString(), "hosts", "list");
        assertThat(hosts.exitCode()).as(hosts.err()).isZero();
        assertThat(chosen.toFile().list()).as("the database went where --data-dir said").isNotEmpty();
        assertThat(dir.resolve("data")).doesNotExist();

        CliRun.Outcome version = CliRun.run(dir.resolve("data"), Map.of(), "--version");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("ClusterDeck");
    }
}
