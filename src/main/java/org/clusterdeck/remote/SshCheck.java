package org.clusterdeck.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Checks one host step by step (reachable, host key, login, sudo, OS, kernel) and reports each
 * step with what was found, stopping at the first step that makes the rest impossible.
 */
public final class SshCheck {
    /** One step of the check: its name, whether it passed, and what was found or what to do. */
    public record Step(String name, boolean ok, String detail) {
    }

    /** All steps, in order. */
    public record Report(String host, List<Step> steps) {
        public boolean ok() {
            return steps.stream().allMatch(Step::ok);
        }
    }

    /**
     * Thrown from an SSH check job whose report has a failed step, so the job ends FAILED (not
     * succeeded) with the first failure as its message; the report stays readable for the caller.
     */
    public static final class Failed extends RuntimeException {
        private final transient Report report;

        public Failed(Report report) {
            super(report.host() + ": " + report.steps().stream().filter(s -> !s.ok()).findFirst()
                    .map(s -> s.name() + ": " + s.detail()).orElse("failed"));
            this.report = report;
        }

        public Report report() {
            return report;
        }
    }

    /** The report, or {@link Failed} when a step failed: the end of an SSH check job. */
    public static Report requireOk(Report report) {
        if (!report.ok()) {
            throw new Failed(report);
        }
        return report;
    }

    /** The report inside a job failure, if the job failed because a check step failed. */
    public static java.util.Optional<Report> failedReport(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof Failed f) {
                return java.util.Optional.of(f.report());
            }
        }
        return java.util.Optional.empty();
    }

    private SshCheck() {
    }

    /**
     * Runs the check over a connection opened by {@code connect} (which verifies the host key);
     * {@code logged} wraps the shell so the check's commands reach the job log and audit trail.
     */
    public static Report run(SshTarget target, Supplier<SshShell> connect, UnaryOperator<RemoteShell> logged) {
        List<Step> steps = new ArrayList<>();
        SshShell sh;
        try {
            sh = connect.get();
        } catch (HostKeyChangedException | HostKeyRejectedException e) {
            steps.add(new Step("reachable", true, target.address() + ":" + target.port() + " answered with SSH"));
            steps.add(new Step("host key", false, e.getMessage()));
            return new Report(target.name(), steps);
        } catch (RemoteException e) {
            boolean reached = !e.getMessage().startsWith("Cannot reach") && !e.getMessage().startsWith("Cannot resolve")
                    && !e.getMessage().startsWith("SSH connection to");
            steps.add(new Step("reachable", reached, reached ? target.address() + ":" + target.port() + " answered"
                    : e.getMessage()));
            if (reached) {
                steps.add(new Step("host key", true, "verified"));
                steps.add(new Step("login", false, e.getMessage()));
            }
            return new Report(target.name(), steps);
        }
        try (sh) {
            RemoteShell commands = logged.apply(new UnclosedShell(sh));
            steps.add(new Step("reachable", true, target.address() + ":" + target.port() + " answered with SSH"));
            steps.add(new Step("host key", true, sh.hostKeyFingerprint() + " (trusted)"));
            steps.add(new Step("login", true, "as " + target.user() + " with "
                    + (target.auth() == SshTarget.Auth.PASSWORD ? "a password" : "a key")));
            steps.add(sudoStep(sh, commands));
            String os = commands.run(RemoteCommand.of("cat", "/etc/os-release")).stdout();
            steps.add(new Step("os", !os.isBlank(), prettyName(os)));
            CommandResult kernel = commands.run(RemoteCommand.of("uname", "-srm"));
            steps.add(new Step("kernel", kernel.ok(), kernel.ok() ? kernel.stdout().strip() : kernel.stderr().strip()));
        } catch (RemoteException e) {
            steps.add(new Step("commands", false, e.getMessage()));
        }
        return new Report(target.name(), steps);
    }

    private static Step sudoStep(SshShell sh, RemoteShell commands) {
        if (sh.isRoot()) {
            return new Step("sudo", true, "logged in as root: not needed");
        }
        CommandResult r = commands.run(RemoteCommand.sudo("true"));
        if (r.ok()) {
            return new Step("sudo", true, "sudo -n works (no password needed)");
        }
        String err = r.stderr().strip();
        if (r.exitCode() == 127 || err.contains("not found")) {
            return new Step("sudo", false, "sudo is not installed on the host; install it or log in as root");
        }
        return new Step("sudo", false, "sudo -n refused (" + err.lines().findFirst().orElse("exit " + r.exitCode())
                + "). Allow this user passwordless sudo (e.g. a NOPASSWD rule in /etc/sudoers.d) or log in as root.");
    }

    /** Lets a wrapper be closed without closing the connection the check still owns. */
    private record UnclosedShell(SshShell shell) implements RemoteShell {
        @Override
        public String hostName() {
            return shell.hostName();
        }

        @Override
        public CommandResult run(RemoteCommand command) {
            return shell.run(command);
        }

        @Override
        public void close() {
        }
    }

    static String prettyName(String osRelease) {
        for (String line : osRelease.split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring("PRETTY_NAME=".length()).replace("\"", "").strip();
            }
        }
        return osRelease.isBlank() ? "unknown (no /etc/os-release)" : "unknown";
    }
}
