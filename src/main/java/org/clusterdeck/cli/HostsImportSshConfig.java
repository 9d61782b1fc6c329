package org.clusterdeck.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.clusterdeck.inventory.HostInput;
import org.clusterdeck.inventory.InventoryService;
import org.clusterdeck.inventory.ValidationException;
import org.clusterdeck.remote.SshConfigImport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterdeck hosts import-ssh-config}: adds the hosts of ~/.ssh/config to the inventory. */
@Command(name = "import-ssh-config", mixinStandardHelpOptions = true,
        description = "Add the hosts of an OpenSSH client config (Host, HostName, User, Port, IdentityFile) to the inventory.")
final class HostsImportSshConfig implements Callable<Integer> {
    private final Cli cli;

    @Option(names = "--file", paramLabel = "F", description = "The config file (default ~/.ssh/config).")
    Path file;

    @Option(names = "--site", paramLabel = "S", description = "Site to add them to (default: Default).")
    String site;

    @Option(names = "--role", paramLabel = "ROLE", description = "Role of the imported hosts (default hypervisor).")
    String role;

    HostsImportSshConfig(Cli cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        Path f = file != null ? file : Path.of(System.getProperty("user.home"), ".ssh", "config");
        if (!Files.isRegularFile(f)) {
            throw new CliException("No SSH config at " + f + ". Name one with --file.");
        }
        InventoryService inventory = cli.services().inventory();
        int added = 0;
        int skipped = 0;
        int failed = 0;
        for (SshConfigImport.Entry e : SshConfigImport.read(f)) {
            if (cli.store().hosts().findByName(e.alias()).isPresent()) {
                cli.out().println("skipped " + e.alias() + ": a host of that name already exists");
                skipped++;
                continue;
            }
            String user = e.user() != null ? e.user() : System.getProperty("user.name");
            HostInput in = new HostInput(site, e.alias(), e.hostName() != null ? e.hostName() : e.alias(),
                    e.port() == null ? null : e.port().toString(), user, e.identityFile(), null, role,
                    "Imported from " + f);
            try {
                inventory.addHost(in);
                cli.out().println("added   " + e.alias() + " (" + user + "@" + in.address()
                        + (e.port() == null ? "" : ":" + e.port()) + ")");
                added++;
            } catch (ValidationException ex) {
                cli.out().println("FAILED  " + e.alias() + ": " + Cli.oneLine(ex));
                failed++;
            }
        }
        cli.out().println(added + " added, " + skipped + " skipped, " + failed + " failed.");
        return failed == 0 ? Cli.OK : Cli.FAILED;
    }
}
