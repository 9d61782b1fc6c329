package org.clusterdeck.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterdeck db info}. */
@Command(name = "db", description = "ClusterDeck's own database.", mixinStandardHelpOptions = true,
        subcommands = {DbCommand.Info.class})
final class DbCommand {

    @Command(name = "info", description = "Path, schema version and row counts.", mixinStandardHelpOptions = true)
    static final class Info implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        Info(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Store store = cli.store();
            Map<String, Object> counts = new LinkedHashMap<>();
            counts.put("sites", store.sites().count());
            counts.put("hosts", store.hosts().count());
            counts.put("vms", store.vms().count());
            counts.put("loadBalancers", store.loadBalancers().count());
            counts.put("databases", store.databases().count());
            counts.put("jobs", store.jobs().count());
            counts.put("auditEvents", store.audit().count());
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("path", store.location());
                o.put("schemaVersion", store.schemaVersion());
                o.put("rows", counts);
                cli.out().println(Json.write(o));
                return Cli.OK;
            }
            cli.out().println("path:           " + store.location());
            cli.out().println("schema version: " + store.schemaVersion());
            counts.forEach((k, v) -> cli.out().printf("%-15s %d%n", k + ":", v));
            return Cli.OK;
        }
    }
}
