package org.clusterdeck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.clusterdeck.change.ChangeDiff;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.ChangeExport;
import org.clusterdeck.job.Job;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.ChangeStep;
import org.clusterdeck.remote.RemoteAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck changes list|show|rollback|export}: the change history of every feature. */
@Command(name = "changes", description = "Every change ClusterDeck made to hosts: list, show with diffs, roll back, export.",
        mixinStandardHelpOptions = true,
        subcommands = {ChangesCommand.ListChanges.class, ChangesCommand.Show.class, ChangesCommand.Rollback.class,
                ChangesCommand.Export.class})
final class ChangesCommand {

    static ChangeSet require(Cli cli, long id) {
        return cli.store().changes().findById(id).orElseThrow(() -> new CliException("No change #" + id
                + ". See '" + org.clusterdeck.text.Invocation.command("changes list") + "'."));
    }

    @Command(name = "list", description = "List change sets, newest first.", mixinStandardHelpOptions = true)
    static final class ListChanges implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", paramLabel = "H", description = "Only this host's changes.")
        String host;

        @Option(names = "--limit", paramLabel = "N", description = "At most N change sets (default ${DEFAULT-VALUE}).")
        int limit = 100;

        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        ListChanges(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Table t = new Table("ID", "HOST", "FEATURE", "TITLE", "WHO", "WHEN", "STATE", "STEPS");
            for (ChangeSet c : cli.store().changes().list(host, limit)) {
                t.row(c.id(), c.hostName(), c.feature(), c.title(), c.who(), String.valueOf(c.createdAt()), c.state().replace('_', ' '), c.steps().size());
            }
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "One change set: its steps with a before/after diff each.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The change set's number (see 'changes list').")
        long id;

        @Option(names = "--json", description = "Print JSON (with the full before/after values).")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            ChangeSet c = require(cli, id);
            if (org.clusterdeck.change.GuardedApply.unfinishedGuard(c)) {
                // the process that applied it died before the login check: ask the host whether it reverted
                try (var shell = cli.services().remoteAccess().open(c.hostName(), null)) {
                    c = cli.services().changes().guarded().reconcile(c, shell);
                } catch (RuntimeException e) {
                    cli.err().println("Could not ask " + c.hostName() + " whether it reverted change #" + id + ": " + e.getMessage());
                }
            }
            if (json) {
                java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
                m.put("id", c.id());
                m.put("host", c.hostName());
                m.put("feature", c.feature());
                m.put("title", c.title());
                m.put("who", c.who());
                m.put("state", c.state());
                m.put("message", c.message());
                m.put("created", String.valueOf(c.createdAt()));
                m.put("finished", c.finishedAt() == null ? null : c.finishedAt().toString());
                m.put("steps", c.steps());
                cli.out().println(Json.write(m));
                return Cli.OK;
            }
            cli.out().println(text(c));
            return Cli.OK;
        }
    }

    /** The change set as people read it: header, message, then each step with its diff. */
    static String text(ChangeSet c) {
        StringBuilder sb = new StringBuilder();
        sb.append("Change #").append(c.id()).append(" on ").append(c.hostName()).append(": ").append(ChangeEngine.featureLabel(c.feature()))
                .append(" — ").append(c.title()).append('\n');
        sb.append("By ").append(c.who()).append(" at ").append(c.createdAt()).append("; ").append(c.state().replace('_', ' ')).append('\n');
        if (c.message() != null) {
            sb.append(c.message()).append('\n');
        }
        for (ChangeStep s : c.steps()) {
            sb.append('\n').append("Step ").append(s.seq()).append(": ").append(s.kind()).append(' ').append(s.target())
                    .append(" (").append(s.state().replace('_', ' ')).append(")\n");
            String diff = ChangeDiff.unified(s.existedBefore() ? s.before() : null, s.after(), s.target().replaceFirst("^/", ""));
            sb.append(diff.isEmpty() ? "(unchanged)\n" : diff);
        }
        return sb.toString();
    }

    @Command(name = "rollback", description = "Restore the before-values of one change set on its host.", mixinStandardHelpOptions = true)
    static final class Rollback implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "The change set's number (see 'changes list'); several "
                + "roll back in the order given (newest first, as 'harden apply' prints them).")
        List<Long> ids = new ArrayList<>();

        @Option(names = "--force", description = "Roll back even when a later change touched the same targets (it is partly undone too).")
        boolean force;

        @Option(names = "--wait", description = "When another change to the host is running, wait for it instead of refusing.")
        boolean waitForHost;

        Rollback(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            ids.forEach(id -> require(cli, id)); // every number checked before anything is undone
            ChangeEngine engine = cli.services().changes();
            RemoteAccess access = cli.services().remoteAccess();
            for (long id : ids) {
                ChangeSet c = require(cli, id);
                try {
                    Job<ChangeSet> job = cli.jobs().submit("Roll back change #" + id, c.hostName(),
                            ctx -> engine.rollback(id, access::open, force, waitForHost, ctx));
                    ChangeSet done = job.result().join();
                    cli.out().println(ids.size() == 1 ? done.message() : "#" + id + ": " + done.message());
                } catch (CompletionException e) {
                    throw new CliException((ids.size() == 1 ? "" : "#" + id + ": ") + JobRunner.describe(e.getCause() != null ? e.getCause() : e));
                }
            }
            return Cli.OK;
        }
    }

    @Command(name = "export", description = "A change set, or all changes of a host, as a POSIX shell script or an Ansible playbook.",
            mixinStandardHelpOptions = true)
    static final class Export implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", arity = "0..1", description = "The change set's number (or use --host).")
        Long id;

        @Option(names = "--host", paramLabel = "H", description = "Every change still on this host, oldest first.")
        String host;

        @Option(names = "--format", required = true, paramLabel = "F", description = "sh or ansible.")
        String format;

        @Option(names = "--out", paramLabel = "FILE", description = "Write here (mode 0600) instead of printing.")
        Path out;

        Export(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() throws IOException {
            ChangeExport.Format f = switch (format) {
                case "sh" -> ChangeExport.Format.SH;
                case "ansible" -> ChangeExport.Format.ANSIBLE;
                default -> throw new CliException("Unknown format '" + format + "': use --format sh or --format ansible.", Cli.USAGE);
            };
            if ((id == null) == (host == null)) {
                throw new CliException("Name one change set (ID) or one host (--host H) to export.", Cli.USAGE);
            }
            List<ChangeSet> sets = id != null ? List.of(require(cli, id)) : cli.store().changes().list(host, 10_000);
            if (sets.isEmpty()) {
                throw new CliException("No changes recorded for " + host + ".");
            }
            String text = ChangeExport.export(sets, f);
            if (out == null) {
                cli.out().print(text);
            } else {
                // the file holds configuration contents: private by default
                org.clusterdeck.store.PrivateFiles.write(out, text);
                cli.out().println("Wrote " + out + " (" + sets.size() + " change set(s)).");
            }
            return Cli.OK;
        }
    }
}
