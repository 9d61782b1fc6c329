package org.clusterdeck.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.clusterdeck.net.TargetRefusedException;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.scan.ScanReport;
import org.clusterdeck.scan.ScanRun;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.text.Invocation;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck findings list|show|accept|false-positive|reopen|rescan}: stored scan findings and their states. */
@Command(name = "findings", description = "Findings of the stored scans: list them, accept one or mark it a false positive "
        + "(with a reason, shown in reports), reopen it, or rescan to prove a fix.",
        mixinStandardHelpOptions = true,
        footer = "Exit status: 0 done, 1 failed, 2 bad usage, " + Cli.FINDINGS + " open findings at or above --fail-on remain.",
        subcommands = {FindingsCommand.ListFindings.class, FindingsCommand.Show.class, FindingsCommand.Accept.class,
                FindingsCommand.FalsePositive.class, FindingsCommand.Reopen.class, FindingsCommand.Rescan.class})
final class FindingsCommand {
    private FindingsCommand() {
    }

    /** A finding in full: rating, title, where, state, evidence, why, fix. */
    static void printDetails(PrintWriter out, StoredFinding f) {
        out.println();
        out.println("Finding " + f.id() + ": " + f.finding().rating() + " " + TerminalText.line(f.finding().title()));
        out.println("  check     " + TerminalText.line(f.finding().id()) + " (" + f.kind().id() + " " + TerminalText.line(f.target()) + ")");
        String state = f.state().label() + (f.reason() == null ? "" : ", reason: " + TerminalText.line(f.reason()))
                + (f.fixedInScan() == null ? "" : ", no longer seen by scan " + f.fixedInScan())
                + (f.fixedByChangeSet() == null ? "" : ", fixed by change set " + f.fixedByChangeSet());
        out.println("  state     " + state);
        out.println("  why       " + TerminalText.line(f.finding().why()));
        out.println("  fix       " + TerminalText.line(f.finding().fix()));
        out.println("  evidence");
        TerminalText.visible(f.finding().evidence()).lines().forEach(l -> out.println("    " + l));
    }

    @Command(name = "list", description = "Findings as their newest scan saw them, worst first per host.", mixinStandardHelpOptions = true)
    static final class ListFindings implements Callable<Integer> {
        private final Cli cli;

        @Option(names = "--host", paramLabel = "H", description = "Only this host's findings (the host part of the target).")
        String host;

        @Option(names = "--open", description = "Only OPEN findings (not fixed, accepted or false positive).")
        boolean open;

        @Option(names = "--json", description = "Print a JSON array.")
        boolean json;

        @Mixin
        FailOn failOn;

        ListFindings(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            failOn.threshold();
            List<StoredFinding> findings = cli.services().scans().findings(host, open);
            if (json) {
                cli.out().println(Json.write(ScanReport.findingObjects(findings)));
            } else {
                StoredScans.table(findings).print(cli.out(), false);
            }
            return failOn.exitCode(cli, findings);
        }
    }

    @Command(name = "show", description = "One finding in full: evidence, why it matters, the fix, its state.", mixinStandardHelpOptions = true)
    static final class Show implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The finding's number (see 'findings list').")
        long id;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        Show(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            StoredFinding f = StoredScans.requireFinding(cli, id);
            if (json) {
                cli.out().println(Json.write(ScanReport.findingObjects(List.of(f)).get(0)));
            } else {
                printDetails(cli.out(), f);
            }
            return Cli.OK;
        }
    }

    /** The reason option, checked here so that a missing one says what to write. */
    static String reason(String reason, String what) {
        if (reason == null || reason.isBlank()) {
            throw new CliException("Give the reason with --reason TEXT: why this finding " + what
                    + " (it is shown in reports), e.g. --reason \"port 8080 is firewalled upstream\".", Cli.USAGE);
        }
        return reason;
    }

    @Command(name = "accept", description = "Accept a finding: it needs no fix here; it stays accepted across rescans.",
            mixinStandardHelpOptions = true)
    static final class Accept implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The finding's number (see 'findings list').")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why it needs no fix (shown in reports). Required.")
        String reason;

        Accept(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String r = reason(reason, "needs no fix");
            StoredScans.requireFinding(cli, id);
            cli.services().scans().accept(id, r);
            cli.out().println("Finding " + id + " accepted.");
            return Cli.OK;
        }
    }

    @Command(name = "false-positive", description = "Mark a finding a false positive (the scanner was wrong); kept across rescans.",
            mixinStandardHelpOptions = true)
    static final class FalsePositive implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The finding's number (see 'findings list').")
        long id;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why the scanner is wrong (shown in reports). Required.")
        String reason;

        FalsePositive(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            String r = reason(reason, "is a false positive");
            StoredScans.requireFinding(cli, id);
            cli.services().scans().falsePositive(id, r);
            cli.out().println("Finding " + id + " marked false positive.");
            return Cli.OK;
        }
    }

    @Command(name = "reopen", description = "Open a finding again (its reason and fix records are cleared).", mixinStandardHelpOptions = true)
    static final class Reopen implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", description = "The finding's number (see 'findings list').")
        long id;

        Reopen(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            StoredScans.requireFinding(cli, id);
            cli.services().scans().reopen(id);
            cli.out().println("Finding " + id + " is open again.");
            return Cli.OK;
        }
    }

    @Command(name = "rescan", description = {"Rerun the scans of just these findings (each scanner and target once); those no "
            + "longer reported become fixed, with --change-set as the change that fixed them.",
            "With --json: one object with 'runs' and 'findings' (their states after the rescan)."},
            mixinStandardHelpOptions = true)
    static final class Rescan implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "ID", arity = "1..*", description = "Finding numbers (see 'findings list').")
        List<Long> ids;

        @Option(names = "--change-set", paramLabel = "N", description = "The change set that fixed them (see 'changes list').")
        Long changeSet;

        @Option(names = "--json", description = "Print one JSON object.")
        boolean json;

        @Mixin
        FailOn failOn;

        Rescan(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            failOn.threshold();
            ids.forEach(id -> StoredScans.requireFinding(cli, id));
            if (changeSet != null && cli.store().changes().findById(changeSet).isEmpty()) {
                throw new CliException("No change set " + changeSet + ". See '" + Invocation.command("changes list") + "'.");
            }
            List<ScanRun> runs;
            try {
                runs = cli.services().scans().rescan(ids, changeSet, ScanStoredCommands.progress(cli));
            } catch (TargetRefusedException | RemoteException e) {
                throw new CliException(e.getMessage());
            }
            List<StoredFinding> after = ids.stream().map(id -> StoredScans.requireFinding(cli, id)).toList();
            int exit = failOn.exitCode(cli, after);
            if (json) {
                cli.out().println(Json.write(Map.of("runs", runs.stream().map(ScanReport::runObject).toList(),
                        "findings", ScanReport.findingObjects(after))));
            } else {
                ScanStoredCommands.runTable(runs).print(cli.out(), false);
                StoredScans.table(after).print(cli.out(), false);
            }
            boolean failed = runs.stream().anyMatch(r -> r.error() != null);
            return exit != Cli.OK ? exit : failed ? Cli.FAILED : Cli.OK;
        }
    }
}
