package org.clusterdeck.cli;

import org.clusterdeck.text.TerminalText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.model.JobLogLine;
import org.clusterdeck.model.JobRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck jobs list|show}. */
@Command(name = "jobs", description = "Background jobs and their logs.", mixinStandardHelpOptions = true,
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class})
final class JobsCommand {

    static String time(java.time.Instant t) {
        return t == null ? null : t.toString();
    }

    @Command(name = "list", description = "List recent jobs, newest first.", mixinStandardHelpOptions = true)
    static final class ListJobs implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--json", description = "Print a JSON array instead of a table.")
        boolean json;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "At most N jobs (default 50).")
        int limit;

        ListJobs(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            if (limit < 1) {
                throw new CliException("--limit must be at least 1; got " + limit + ".", Cli.USAGE);
            }
            Table t = new Table("ID", "NAME", "TARGET", "STATE", "PROGRESS", "CREATED", "ERROR");
            for (JobRecord j : cli.store().jobs().findRecent(limit)) {
                t.row(j.id(), j.name(), j.target(), j.state().dbValue(), Math.round(j.progress() * 100) + "%",
                        time(j.createdAt()), j.error());
            }
            t.print(cli.out(), json);
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Show a job and its log.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The job's number, from 'jobs list'.")
        long id;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            JobRecord j = cli.store().jobs().findById(id).orElseThrow(() -> new CliException(
                    "No job #" + id + ". '" + org.clusterdeck.text.Invocation.command("jobs list") + "' shows the recent ones."));
            List<JobLogLine> log = cli.store().jobs().log(id);
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("id", j.id());
                o.put("name", j.name());
                o.put("target", j.target());
                o.put("state", j.state().dbValue());
                o.put("progress", j.progress());
                o.put("message", j.message());
                o.put("error", j.error());
                o.put("created", time(j.createdAt()));
                o.put("started", time(j.startedAt()));
                o.put("finished", time(j.finishedAt()));
                o.put("log", log.stream().map(l -> Map.of("time", time(l.time()), "level", l.level(), "line", l.line()))
                        .toList());
                cli.out().println(Json.write(o));
                return Cli.OK;
            }
            cli.out().printf("Job #%d  %s%n", j.id(), TerminalText.line(j.name()));
            cli.out().printf("target:   %s%n", j.target() == null ? "-" : TerminalText.line(j.target()));
            cli.out().printf("state:    %s (%d%%)%n", j.state().dbValue(), Math.round(j.progress() * 100));
            cli.out().printf("created:  %s%n", j.createdAt());
            cli.out().printf("finished: %s%n", j.finishedAt() == null ? "-" : j.finishedAt());
            if (j.error() != null) {
                cli.out().printf("error:    %s%n", TerminalText.visible(j.error()));
            }
            cli.out().println("log:");
            for (JobLogLine l : log) {
                cli.out().printf("  %s %-5s %s%n", l.time(), l.level(), TerminalText.visible(l.line()));
            }
            return Cli.OK;
        }
    }
}
