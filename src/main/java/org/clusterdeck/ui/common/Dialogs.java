package org.clusterdeck.ui.common;

import java.util.List;
import java.util.Optional;

/**
 * The questions and messages a view model puts to the user. View models take this interface, so
 * their tests assert what was asked (a recording implementation) instead of clicking dialogs;
 * the window uses {@link FxDialogs}. Every destructive action confirms first and says what it will do.
 */
public interface Dialogs {
    /** A question before an action that changes or removes something. */
    record Confirmation(String title, String whatItWillDo, String actionLabel) {
    }

    /** True when the user chose {@code c.actionLabel()}; false on Cancel or closing the dialog. */
    boolean confirm(Confirmation c);

    /** One of {@code choices} (button labels), or empty on Cancel. */
    Optional<String> choose(String title, String text, List<String> choices);

    void error(String title, String message);

    void info(String title, String message);
}
