package org.clusterdeck.inventory;

import java.util.List;
import java.util.stream.Collectors;

/** Input was refused; {@link #errors()} says, per field, what to change. Nothing was saved. */
public class ValidationException extends RuntimeException {
    private final List<FieldError> errors;

    public ValidationException(List<FieldError> errors) {
        super(errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        this.errors = List.copyOf(errors);
    }

    public List<FieldError> errors() {
        return errors;
    }
}
