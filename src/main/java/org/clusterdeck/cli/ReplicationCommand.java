package org.clusterdeck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.db.ReplicationFinding;
import org.clusterdeck.db.ReplicationSqlCheck;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code clusterdeck replication check}: MariaDB/MySQL primary/replica replication. */
@Command(name = "replication", description = "MariaDB primary/replica replication: check replication SQL without a server.",
        mixinStandardHelpOptions = true, subcommands = {ReplicationCommand.Check.class})
final class ReplicationCommand {

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
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new CliException("No file " + file + ". Give the path of a SQL file.");
            } catch (IOException e) {
                throw new CliException("Cannot read " + file + ": " + e.getMessage() + ".");
            }
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
