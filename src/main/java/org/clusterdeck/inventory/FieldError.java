package org.clusterdeck.inventory;

/** A problem with one input field: which field, what is wrong and how to fix it. */
public record FieldError(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
