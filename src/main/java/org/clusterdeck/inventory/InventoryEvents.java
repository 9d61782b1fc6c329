package org.clusterdeck.inventory;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whoever listens that the inventory changed (a host added, a VM's state synced...), so
 * views update live. Fired by services after their change is stored, on the thread that made it;
 * UI listeners hop to the FX thread themselves.
 */
public final class InventoryEvents {
    private static final Logger LOG = LoggerFactory.getLogger(InventoryEvents.class);

    /** What changed: kind is "site", "host", "vm", "lb" or "db"; id 0 means "several or unknown". */
    public record Change(String kind, long id, String what) {
    }

    private final List<Consumer<Change>> listeners = new CopyOnWriteArrayList<>();

    public void addListener(Consumer<Change> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<Change> listener) {
        listeners.remove(listener);
    }

    public void fire(String kind, long id, String what) {
        Change change = new Change(kind, id, what);
        for (Consumer<Change> l : listeners) {
            try {
                l.accept(change);
            } catch (RuntimeException e) {
                LOG.error("Inventory listener failed on {}", change, e);
            }
        }
    }
}
