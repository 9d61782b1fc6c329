package org.clusterdeck.cli;

import java.util.Collection;
import java.util.Locale;
import org.clusterdeck.scan.Finding;
import org.clusterdeck.scan.FindingState;
import org.clusterdeck.scan.StoredFinding;
import org.clusterdeck.text.TerminalText;
import picocli.CommandLine.Option;

/**
 * {@code --fail-on SEVERITY} for the scan commands and {@code findings list}: exit status
 * {@link Cli#FINDINGS} when OPEN findings at or above the severity remain (accepted and false
 * positives do not count), so scripts and CI can gate on a scan.
 */
final class FailOn {
    static final String HELP = "Exit with status " + Cli.FINDINGS + " when OPEN findings at or above SEVERITY remain: "
            + "none (never), low (0.1), medium (4.0), high (7.0), critical (9.0) or a number 0-10 (default: none).";

    @Option(names = "--fail-on", paramLabel = "SEVERITY", description = HELP)
    String failOn;

    /** The threshold, or null for none; a usage error naming the choices for anything else. Call before scanning. */
    Double threshold() {
        if (failOn == null) {
            return null;
        }
        String s = failOn.strip().toLowerCase(Locale.ROOT);
        switch (s) {
            case "none":
                return null;
            case "low":
                return 0.1;
            case "medium":
                return 4.0;
            case "high":
                return 7.0;
            case "critical":
                return 9.0;
            default:
                break;
        }
        try {
            double v = Double.parseDouble(s);
            if (v >= 0 && v <= 10 && s.matches("[0-9]+(\\.[0-9]+)?")) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new CliException("--fail-on: '" + TerminalText.line(failOn) + "' is not a severity; use none, low, medium, high, "
                + "critical or a number from 0 to 10 (e.g. --fail-on high or --fail-on 7.5).", Cli.USAGE);
    }

    /**
     * {@link Cli#FINDINGS} (with a line on stderr saying how many and which) when any OPEN finding is at
     * or above the threshold, else {@link Cli#OK}.
     */
    int exitCode(Cli cli, Collection<StoredFinding> findings) {
        Double t = threshold();
        if (t == null) {
            return Cli.OK;
        }
        long n = findings.stream().filter(f -> f.state() == FindingState.OPEN && f.finding().severity() >= t).count();
        if (n == 0) {
            return Cli.OK;
        }
        cli.err().println(n + " open finding(s) at or above " + String.format(Locale.ROOT, "%.1f", t) + " (" + Finding.label(t)
                + ", --fail-on " + TerminalText.line(failOn) + "): exit status " + Cli.FINDINGS + ".");
        return Cli.FINDINGS;
    }
}
