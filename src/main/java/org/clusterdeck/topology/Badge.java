package org.clusterdeck.topology;

/**
 * A small tag on a node that other features fill: scan severity, benchmark p99 against a threshold,
 * the hardening shield. {@code note} (may be null) is the longer text the node's tooltip shows.
 */
public record Badge(String text, Level level, Icon icon, String note) {
    /** How alarming the badge is; decides its colour, the text says the rest. NEUTRAL: an outlined pill. */
    public enum Level { INFO, OK, WARNING, CRITICAL, NEUTRAL }

    /** A shape drawn before the text. */
    public enum Icon { NONE, SHIELD }

    public Badge {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A badge needs a text");
        }
        icon = icon == null ? Icon.NONE : icon;
    }

    public Badge(String text, Level level) {
        this(text, level, Icon.NONE, null);
    }

    /** What a tooltip says about the badge: the note when there is one, else the text. */
    public String describe() {
        return note == null || note.isBlank() ? text : note;
    }
}
