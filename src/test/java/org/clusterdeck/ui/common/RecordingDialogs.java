package org.clusterdeck.ui.common;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test {@link Dialogs} (named as the fake it is: no window to click in a view-model test): it
 * records every question and message and answers with what the test set.
 */
public final class RecordingDialogs implements Dialogs {
    public final List<Confirmation> confirmations = new CopyOnWriteArrayList<>();
    public final List<String> messages = new CopyOnWriteArrayList<>();
    private volatile boolean answer;
    private volatile String choice;

    /** Answers every confirmation with {@code yes}. */
    public RecordingDialogs answering(boolean yes) {
        this.answer = yes;
        return this;
    }

    /** Answers every choice with {@code label} (null: Cancel). */
    public RecordingDialogs choosing(String label) {
        this.choice = label;
        return this;
    }

    @Override
    public boolean confirm(Confirmation c) {
        confirmations.add(c);
        return answer;
    }

    @Override
    public Optional<String> choose(String title, String text, List<String> choices) {
        confirmations.add(new Confirmation(title, text, String.join(" / ", choices)));
        return Optional.ofNullable(choice).filter(choices::contains);
    }

    @Override
    public void error(String title, String message) {
        messages.add("error: " + title + ": " + message);
    }

    @Override
    public void info(String title, String message) {
        messages.add("info: " + title + ": " + message);
    }
}
