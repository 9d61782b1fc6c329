package org.clusterdeck.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Callable;
import org.clusterdeck.db.ReplicationFinding;
import org.clusterdeck.db.ReplicationSqlCheck;
import org.clusterdeck.db.ReplicationSetup;
import org.clusterdeck.db.ReplicationStatus;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteShell;
import org.clusterdeck.text.Invocation;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterdeck replication check}: MariaDB/MySQL primary/replica replication. */
@Command(name = "replication", description = "MariaDB primary/replica replication: check replication SQL without a server, and each replica's status.",
        mixinStandardHelpOptions = true, subcommands = {ReplicationCommand.Check.class, ReplicationCommand.Status.class, ReplicationCommand.Setup.class})
final class ReplicationCommand {

    /** The inventory host a database node runs on: its VM's host, else the host named like it (the lab's "lab-db1" runs on db1). */
    static Host host(Cli cli, DatabaseNode d) {
        List<Host> inSite = cli.store().hosts().findBySite(d.siteId());
        String vm = d.vmId() == null ? null : cli.store().vms().findById(d.vmId()).map(v -> v.name()).orElse(null);
        return inSite.stream().filter(h -> h.name().equals(vm) || h.name().equals(d.name()) || ("lab-" + h.name()).equals(d.name()))
                .findFirst().orElseThrow(() -> new CliException("No host in the inventory runs database " + TerminalText.line(d.name())
                        + ": add it with '" + Invocation.command("hosts add") + "' under the same name."));
    }

    @Command(name = "status", description = "Per replica: its primary, IO and SQL thread running, seconds behind and the last error,"
            + " from SHOW REPLICA STATUS over SSH (exit 1 when a replica is stopped, has an error or is more than 1 s behind).",
            mixinStandardHelpOptions = true)
    static final class Status implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--site", paramLabel = "S", description = "Only this site's replicas (default: every site but the demo).")
        String site;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Status(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            List<DatabaseNode> replicas;
            if (site != null) {
                Site s = cli.store().sites().findByName(site).orElseThrow(() -> new CliException("No site named '"
                        + TerminalText.line(site) + "'. '" + Invocation.command("hosts list") + "' shows the sites."));
                refuseDemo(s);
                replicas = cli.store().databases().findBySite(s.id()).stream().filter(DatabaseNode::isReplica).toList();
            } else {
                List<DatabaseNode> all = cli.store().databases().findAll().stream().filter(DatabaseNode::isReplica).toList();
                replicas = all.stream().filter(d -> siteOf(d).kind() != SiteKind.DEMO).toList();
                if (replicas.isEmpty() && !all.isEmpty()) {
                    refuseDemo(siteOf(all.get(0)));
                }
            }
            if (replicas.isEmpty()) {
                throw new CliException("No replica in the inventory. " + Invocation.asRoot("lab up --cluster")
                        + " makes practice hosts db1 (primary) and db2 (replica).");
            }
            RemoteAccess access = cli.services().remoteAccess();
            List<Map<String, Object>> rows = new ArrayList<>();
            boolean bad = false;
            for (DatabaseNode d : replicas) {
                Host h = host(cli, d);
                RemoteAccess.refuseDemo(cli.store(), h);
                String primary = cli.store().databases().findAll().stream().filter(p -> p.id() == d.replicationSourceId())
                        .map(DatabaseNode::name).findFirst().orElse("?");
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("primary", primary);
                m.put("replica", d.name());
                try {
                    Optional<ReplicationStatus> st = join(cli.jobs().submit("Replication status", h.name(), ctx -> {
                        try (RemoteShell sh = access.open(h, ctx)) {
                            return ReplicationStatus.read(sh);
                        }
                    }).result());
                    if (st.isEmpty()) {
                        m.put("ioRunning", false);
                        m.put("sqlRunning", false);
                        m.put("secondsBehind", null);
                        m.put("lastError", "not a replica: SHOW REPLICA STATUS returned no row ('replication setup' sets it up)");
                        bad = true;
                    } else {
                        ReplicationStatus s = st.get();
                        m.put("primaryAddress", s.primary());
                        m.put("ioRunning", s.ioRunning());
                        m.put("sqlRunning", s.sqlRunning());
                        m.put("secondsBehind", s.secondsBehind());
                        m.put("lastError", s.lastError());
                        bad |= !s.healthy();
                    }
                } catch (CliException e) {
                    m.put("ioRunning", null);
                    m.put("sqlRunning", null);
                    m.put("secondsBehind", null);
                    m.put("lastError", e.getMessage());
                    bad = true;
                }
                rows.add(m);
            }
            if (json) {
                cli.out().println(Json.write(rows));
            } else {
                Table t = new Table("PRIMARY", "REPLICA", "IO", "SQL", "BEHIND", "LAST_ERROR");
                for (Map<String, Object> m : rows) {
                    t.row(m.get("primary") + (m.get("primaryAddress") == null ? "" : " (" + m.get("primaryAddress") + ")"), m.get("replica"), yesNo(m.get("ioRunning")), yesNo(m.get("sqlRunning")),
                            m.get("secondsBehind") == null ? "unknown" : m.get("secondsBehind") + " s",
                            TerminalText.line(String.valueOf(m.get("lastError"))));
                }
                t.print(cli.out(), false);
                cli.out().println("Target: at most " + ReplicationStatus.TARGET_SECONDS + " s behind (the source's figure).");
            }
            return bad ? Cli.FAILED : Cli.OK;
        }

        private static String yesNo(Object o) {
            return o == null ? "unknown" : Boolean.TRUE.equals(o) ? "running" : "stopped";
        }

        private Site siteOf(DatabaseNode d) {
            return cli.store().sites().findById(d.siteId()).orElseThrow();
        }

        private static void refuseDemo(Site s) {
            if (s.kind() == SiteKind.DEMO) {
                throw new CliException("Site " + s.name() + " is the demo: its databases are labels only, so ClusterDeck never"
                        + " connects to them. Run " + Invocation.asRoot("lab up --cluster") + " for practice hosts db1 (primary) and"
                        + " db2 (replica).");
            }
        }
    }

    @Command(name = "setup", description = "Set up replication from the primary to the replica: shows each host's steps (a .cnf with"
            + " server_id, binary log, GTID; a restart; the replication user; CHANGE MASTER TO ... MASTER_USE_GTID=slave_pos; START"
            + " REPLICA), then (confirmed or --yes) applies them as one change set per host. The replication user's password is"
            + " generated and never stored by ClusterDeck.", mixinStandardHelpOptions = true)
    static final class Setup implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--primary", paramLabel = "H", required = true, description = "Host running the primary MariaDB.")
        String primary;

        @Option(names = "--replica", paramLabel = "H", required = true, description = "Host running the replica MariaDB.")
        String replica;

        @Option(names = "--yes", description = "Apply without asking (for scripts).")
        boolean yes;

        @Option(names = "--wait", description = "When another change to a host is running, wait for it instead of refusing.")
        boolean waitForHost;

        Setup(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Host p = HostsCommand.requireHost(cli.store(), primary);
            Host r = HostsCommand.requireHost(cli.store(), replica);
            for (Host h : List.of(p, r)) {
                if (cli.store().sites().findById(h.siteId()).map(s -> s.kind() == SiteKind.DEMO).orElse(false)) {
                    throw new CliException(h.name() + " is a demo host: its address is only a label, so ClusterDeck never connects to"
                            + " it. Run " + Invocation.asRoot("lab up --cluster") + " for practice hosts db1 (primary) and db2 (replica).");
                }
            }
            if (p.id() == r.id()) {
                throw new CliException("--primary and --replica name the same host; a replica needs its own server.", Cli.USAGE);
            }
            List<ChangeEngine.Planned> primarySteps;
            List<ChangeEngine.Planned> replicaSteps;
            try {
                primarySteps = ReplicationSetup.primarySteps(ReplicationSetup.serverId(p.address()), p.address(), r.address());
                replicaSteps = ReplicationSetup.replicaSteps(ReplicationSetup.serverId(r.address()), p.address());
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage(), Cli.USAGE);
            }
            for (var e : List.of(Map.entry(p, primarySteps), Map.entry(r, replicaSteps))) {
                cli.out().println("On " + e.getKey().name() + " (" + e.getKey().address() + "), one change set:");
                ChangeEngine.preview(e.getValue()).forEach(l -> l.lines().forEach(x -> cli.out().println("  " + TerminalText.line(x))));
            }
            cli.out().println("The password of " + ReplicationSetup.USER + " is generated now, written to " + ReplicationSetup.PASSWORD_FILE
                    + " (root only) on both hosts through standard input for these steps, and removed after them.");
            if (!yes) {
                java.io.Console console = System.console();
                String answer = console == null ? null : console.readLine("Set up replication? [y/N] ");
                if (answer == null || !answer.strip().equalsIgnoreCase("y")) {
                    throw new CliException("Nothing was changed. 'replication setup' changes both hosts: run it in a terminal to confirm,"
                            + " or add --yes.");
                }
            }
            String password = ReplicationSetup.generatePassword();
            RemoteAccess access = cli.services().remoteAccess();
            ChangeEngine engine = cli.services().changes();
            ChangeSet first = join(cli.jobs().submit("Replication setup (primary)", p.name(), ctx -> {
                try (RemoteShell sh = access.open(p, ctx)) {
                    return ReplicationSetup.apply(engine, sh, "replication primary for " + r.name(), primarySteps, password, waitForHost, ctx);
                }
            }).result());
            cli.out().println("change #" + first.id() + " on " + p.name() + ": " + first.state().replace('_', ' ') + ". "
                    + TerminalText.line(first.message()));
            ChangeSet second = join(cli.jobs().submit("Replication setup (replica)", r.name(), ctx -> {
                try (RemoteShell sh = access.open(r, ctx)) {
                    return ReplicationSetup.apply(engine, sh, "replication replica of " + p.name(), replicaSteps, password, waitForHost, ctx);
                }
            }).result());
            cli.out().println("change #" + second.id() + " on " + r.name() + ": " + second.state().replace('_', ' ') + ". "
                    + TerminalText.line(second.message()));
            cli.out().println("Check: " + Invocation.command("replication status") + ". Undo: " + Invocation.command("changes rollback "
                    + second.id()) + ", then " + Invocation.command("changes rollback " + first.id()) + ".");
            return Cli.OK;
        }
    }

    static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw new CliException(JobRunner.describe(e.getCause() != null ? e.getCause() : e));
        }
    }

    @Command(name = "check", description = "Check replication SQL without a server: unknown server variables (with the real one and"
            + " the fix), settings that need a .cnf file, lag read from SHOW PROCESSLIST, passwords in plain text. Exit 1 when"
            + " there is a problem.", mixinStandardHelpOptions = true)
    static final class Check implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--file", paramLabel = "F", required = true, description = "The SQL file to check.")
        Path file;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        Check(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String text = Cli.readText(file, "a SQL file");
            List<ReplicationFinding> findings = ReplicationSqlCheck.check(text);
            boolean problems = ReplicationSqlCheck.hasProblems(findings);
            if (json) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("file", file.toString());
                m.put("problems", problems);
                m.put("findings", findings.stream().map(f -> {
                    Map<String, Object> x = new LinkedHashMap<>();
                    x.put("severity", f.severity().name());
                    x.put("statement", f.statement());
                    x.put("subject", f.subject());
                    x.put("reason", f.reason());
                    x.put("fix", f.fix());
                    return x;
                }).toList());
                cli.out().println(Json.write(m));
            } else {
                for (ReplicationFinding f : findings) {
                    cli.out().println(f.severity() + " statement " + f.statement() + " " + TerminalText.line(f.subject()) + ": "
                            + TerminalText.line(f.reason()));
                    cli.out().println("    fix: " + TerminalText.line(f.fix()));
                }
                long n = findings.stream().filter(ReplicationFinding::problem).count();
                cli.out().println(n == 0 ? "No problems." : n + " problem(s).");
            }
            return problems ? Cli.FAILED : Cli.OK;
        }
    }
}
