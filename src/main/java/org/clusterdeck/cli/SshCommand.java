package org.clusterdeck.cli;

import org.clusterdeck.text.TerminalText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionException;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.AuditedShell;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.SshCheck;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.remote.SshTarget;
import org.clusterdeck.store.Store;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code clusterdeck ssh check|forget-key}. */
@Command(name = "ssh", description = "Check SSH access to hosts and manage their trusted host keys.",
        mixinStandardHelpOptions = true, subcommands = {SshCommand.Check.class, SshCommand.ForgetKey.class})
final class SshCommand {

    static KnownHosts knownHosts(Cli cli) {
        return KnownHosts.inDataDir(cli.dataDir());
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Connect to a host and check reachability, host key, login, sudo, OS and kernel.")
    static final class Check implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "HOST", description = "The host's inventory name.")
        String name;

        @Option(names = "--accept-new-host-key", paramLabel = "FINGERPRINT",
                description = "Trust the host's key if it is unknown and has this SHA256 fingerprint (as printed by"
                        + " 'ssh-keygen -lf' on the host).")
        String acceptFingerprint;

        @Option(names = "--password", description = "Log in with a password (asked on the terminal, never stored) instead of a key.")
        boolean password;

        @Option(names = "--json", description = "Print a JSON object.")
        boolean json;

        Check(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Store store = cli.store();
            Host host = HostsCommand.requireHost(store, name);
            try {
                RemoteAccess.refuseDemo(store, host);
            } catch (RemoteException e) {
                throw new CliException(e.getMessage());
            }
            SshTarget target = password ? SshTarget.of(host).withPasswordAuth() : SshTarget.of(host);
            HostKeyDecision decision = acceptFingerprint == null ? HostKeyDecision.REJECT
                    : HostKeyDecision.acceptFingerprint(acceptFingerprint);
            KnownHosts known = knownHosts(cli);
            SshCheck.Report report;
            try {
                report = cli.jobs().submit("SSH check", host.name(), ctx -> SshCheck.requireOk(SshCheck.run(target,
                        () -> SshShell.connect(target, known, AuditedShell.auditTrust(decision, store.audit(), "cli", ctx),
                                new ConsolePrompt(), SshOptions.DEFAULTS),
                        sh -> new AuditedShell(sh, ctx, store.audit(), "cli")))).result().join();
            } catch (CompletionException e) {
                // a failed step fails the job (so 'jobs list' says FAILED); its report is still printed
                report = SshCheck.failedReport(e).orElseThrow(() -> new CliException("SSH check of " + host.name()
                        + " failed: " + TerminalText.visible(e.getCause().getMessage())));
            }
            print(report);
            return report.ok() ? Cli.OK : Cli.FAILED;
        }

        private void print(SshCheck.Report report) {
            if (json) {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("host", report.host());
                o.put("ok", report.ok());
                List<Map<String, Object>> steps = report.steps().stream().map(s -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("step", s.name());
                    m.put("ok", s.ok());
                    m.put("detail", s.detail());
                    return m;
                }).toList();
                o.put("steps", steps);
                cli.out().println(Json.write(o));
                return;
            }
            for (SshCheck.Step s : report.steps()) {
                cli.out().printf("%-10s %-4s %s%n", s.name() + ":", s.ok() ? "ok" : "FAIL", TerminalText.visible(s.detail()));
            }
        }
    }

    @Command(name = "forget-key", mixinStandardHelpOptions = true,
            description = "Forget the trusted host key of a host (after it was re-installed), so the next connection asks again.")
    static final class ForgetKey implements Callable<Integer> {
        private final Cli cli;

        @Parameters(paramLabel = "HOST", description = "The host's inventory name.")
        String name;

        ForgetKey(Cli cli) {
            this.cli = cli;
        }

        @Override
        public Integer call() {
            Host host = HostsCommand.requireHost(cli.store(), name);
            KnownHosts known = knownHosts(cli);
            int removed = known.forget(host.address(), host.sshPort());
            cli.store().audit().record("cli", "hostkey.forget", "host", host.name(),
                    KnownHosts.hostPattern(host.address(), host.sshPort()), null, null);
            cli.out().println(removed == 0
                    ? "No key of " + host.name() + " was recorded in " + known.ownFile() + " (keys in ~/.ssh/known_hosts are"
                    + " left alone: use ssh-keygen -R there)."
                    : "Forgot " + removed + " key(s) of " + host.name() + "; the next connection shows the new fingerprint"
                    + " for confirmation.");
            return Cli.OK;
        }
    }
}
