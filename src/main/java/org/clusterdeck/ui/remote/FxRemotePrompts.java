package org.clusterdeck.ui.remote;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.control.Dialog;
import javafx.stage.Window;
import org.clusterdeck.remote.HostKeyDecision;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.SecretPrompt;
import org.clusterdeck.remote.SshTarget;
import org.clusterdeck.remote.UnknownHostKey;

/**
 * The GUI's answers to SSH questions, for any job: called on the job thread, it opens the dialog
 * on the FX thread (never blocking it: the dialog is shown, not show-and-waited) and waits on the
 * job thread for the answer. Cancelling the job interrupts the wait and closes the dialog.
 *
 * <pre>{@code
 * FxRemotePrompts prompts = new FxRemotePrompts(ctx.fx(), () -> window);
 * access.open(host, jobCtx, prompts, prompts);
 * }</pre>
 */
public final class FxRemotePrompts implements HostKeyDecision, SecretPrompt {
    private final Executor fx;
    private final Supplier<Window> owner;

    public FxRemotePrompts(Executor fx, Supplier<Window> owner) {
        this.fx = fx;
        this.owner = owner;
    }

    @Override
    public boolean trust(UnknownHostKey key) {
        Boolean answer = ask(w -> new HostKeyDialog(w, key));
        return Boolean.TRUE.equals(answer);
    }

    @Override
    public char[] passphrase(String keyPath, int attempt) {
        return ask(w -> new SecretDialog(w, "Key passphrase", "The key " + keyPath + " is protected by a passphrase."
                + (attempt > 1 ? " The last one was wrong; try again." : ""), "Passphrase"));
    }

    @Override
    public char[] password(SshTarget target) {
        return ask(w -> new SecretDialog(w, "Password", "Password of " + target.display() + ".", "Password"));
    }

    /** Shows the dialog on the FX thread and waits on this (job) thread for its result; null if closed. */
    private <T> T ask(Function<Window, Dialog<T>> dialogFactory) {
        if (Platform.isFxApplicationThread()) {
            throw new IllegalStateException("SSH prompts must be asked from a job thread, never the FX thread");
        }
        CompletableFuture<T> answer = new CompletableFuture<>();
        CompletableFuture<Dialog<T>> shown = new CompletableFuture<>();
        fx.execute(() -> {
            try {
                Dialog<T> dialog = dialogFactory.apply(owner.get());
                dialog.setOnHidden(e -> answer.complete(dialog.getResult()));
                shown.complete(dialog);
                dialog.show();
            } catch (RuntimeException e) {
                answer.completeExceptionally(e);
            }
        });
        try {
            return answer.get();
        } catch (InterruptedException e) {
            shown.thenAccept(d -> fx.execute(d::close));
            Thread.currentThread().interrupt();
            throw new RemoteException("Cancelled while waiting for an answer in a dialog.", e);
        } catch (ExecutionException e) {
            throw new RemoteException("Could not show the dialog: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
