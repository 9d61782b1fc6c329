package org.clusterdeck.cli;

import java.nio.file.Path;
import org.clusterdeck.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The root of the command line. Every feature adds its command class to {@code subcommands}.
 * Without a command, the launcher opens the GUI instead.
 */
@Command(name = "clusterdeck",
        mixinStandardHelpOptions = true,
        versionProvider = Version.Provider.class,
        description = "See the whole cluster, change it safely, and prove that the change helped.",
        subcommands = {
                HostsCommand.class,
                JobsCommand.class,
                DbCommand.class,
                SshCommand.class,
                LabCommand.class,
                VmCommand.class,
                TopologyCommand.class,
                TuneCommand.class,
                HardenCommand.class,
                BenchCommand.class,
                ChangesCommand.class,
                ScanCommand.class,
                FindingsCommand.class,
                LbCommand.class,
                ReplicationCommand.class,
        })
public final class ClusterDeckCommand {
    private final Cli cli;

    @Option(names = "--data-dir", scope = ScopeType.INHERIT, paramLabel = "DIR",
            description = "Where ClusterDeck keeps its database (default: $CLUSTERDECK_DATA, else ~/.local/share/clusterdeck).")
    void setDataDir(Path dir) {
        cli.setDataDir(dir);
    }

    ClusterDeckCommand(Cli cli) {
        this.cli = cli;
    }
}
