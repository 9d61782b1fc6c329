package org.clusterdeck.ui.remote;

import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.model.Host;
import org.clusterdeck.remote.AuditedShell;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.KnownHosts;
import org.clusterdeck.remote.RemoteAccess;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshCheck;
import org.clusterdeck.remote.SshOptions;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.remote.SshTarget;
import org.clusterdeck.ui.UiContext;

/** Runs 'SSH check' on one host as a job and exposes its steps for the dialog. */
public final class SshCheckViewModel {
    private final UiContext ctx;
    private final KnownHosts knownHosts;
    private final ObservableList<SshCheck.Step> steps = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public SshCheckViewModel(UiContext ctx, KnownHosts knownHosts) {
        this.ctx = ctx;
        this.knownHosts = knownHosts;
    }

    public ObservableList<SshCheck.Step> steps() {
        return steps;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** Starts the check with the host's key; host-key questions and passphrases go to {@code decision} and {@code prompt}. */
    public void check(Host host, HostKeyDecision decision, SecretPrompt prompt) {
        check(host, decision, prompt, false);
    }

    /**
     * Starts the check; with {@code usePassword} the login asks {@code prompt} for a password
     * (the user's choice for this check only; the password is never stored).
     */
    public void check(Host host, HostKeyDecision decision, SecretPrompt prompt, boolean usePassword) {
        running.set(true);
        steps.clear();
        summary.set("Checking " + host.name() + "…");
        SshTarget target = usePassword ? SshTarget.of(host).withPasswordAuth() : SshTarget.of(host);
        java.util.concurrent.CompletableFuture<SshCheck.Report> result = ctx.jobs().submit("SSH check", host.name(), job -> {
            RemoteAccess.refuseDemo(ctx.store(), host);
            HostKeyDecision audited = AuditedShell.auditTrust(decision, ctx.store().audit(), "gui", job);
            return SshCheck.run(target, () -> SshShell.connect(target, knownHosts, audited, prompt, SshOptions.DEFAULTS),
                    sh -> new AuditedShell(sh, job, ctx.store().audit(), "gui"));
        }).result();
        ctx.background().when(result)
                .onFailure(err -> {
                    steps.setAll(List.of(new SshCheck.Step("check", false, JobRunner.describe(err))));
                    summary.set(host.name() + ": the check could not run.");
                    running.set(false);
                })
                .onSuccess(report -> {
                    steps.setAll(report.steps());
                    summary.set(host.name() + (report.ok() ? ": all checks passed." : ": some checks failed."));
                    running.set(false); // last: whoever waits for the end sees the outcome
                });
    }
}
