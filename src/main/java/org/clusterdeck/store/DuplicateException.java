package org.clusterdeck.store;

/** A row with the same unique name already exists. */
public class DuplicateException extends StoreException {
    DuplicateException(Throwable cause) {
        super("An entry with that name already exists.", cause);
    }
}
