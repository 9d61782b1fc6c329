package org.clusterdeck.topology;

/** A small tag on a node that other features fill: scan severity, benchmark p99 against a threshold. */
public record Badge(String text, Level level) {
    /** How alarming the badge is; decides its colour, the text says the rest. */
    public enum Level { INFO, OK, WARNING, CRITICAL }

    public Badge {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("A badge needs a text");
        }
    }
}
