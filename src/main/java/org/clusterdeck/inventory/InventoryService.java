package org.clusterdeck.inventory;

import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.Site;
import org.clusterdeck.store.DuplicateException;
import org.clusterdeck.store.Store;

/**
 * Adds, changes and removes inventory entries on behalf of a person, validating first and
 * recording every change in the audit trail with its before and after values.
 */
public final class InventoryService {
    public static final String DEFAULT_SITE = "Default";

    private final Store store;
    private final String actor;
    private final InventoryEvents events;

    public InventoryService(Store store, String actor) {
        this(store, actor, new InventoryEvents());
    }

    public InventoryService(Store store, String actor, InventoryEvents events) {
        this.store = store;
        this.actor = actor;
        this.events = events;
    }

    /** Validates and stores a new host. Throws {@link ValidationException} naming each bad field. */
    public Host addHost(HostInput in) {
        requireValid(in);
        if (store.hosts().findByName(in.name().strip()).isPresent()) {
            throw new ValidationException(List.of(new FieldError(HostValidator.NAME,
                    "A host named '" + in.name().strip() + "' already exists; choose another name.")));
        }
        Host added = store.sql().inTransaction(() -> {
            Site site = store.sites().findOrCreate(siteName(in));
            Host saved;
            try {
                saved = store.hosts().insert(toHost(0, site.id(), in));
            } catch (DuplicateException e) {
                throw new ValidationException(List.of(new FieldError(HostValidator.NAME,
                        "A host named '" + in.name().strip() + "' already exists; choose another name.")));
            }
            store.audit().record(actor, "host.add", "host", saved.name(), null, describe(saved), null);
            return saved;
        });
        events.fire("host", added.id(), "added");
        return added;
    }

    /** Validates and saves changes to an existing host. */
    public Host updateHost(long id, HostInput in) {
        requireValid(in);
        Host before = store.hosts().findById(id).orElseThrow(() -> new ValidationException(List.of(
                new FieldError(HostValidator.NAME, "This host no longer exists; it may have been removed elsewhere."))));
        Optional<Host> sameName = store.hosts().findByName(in.name().strip());
        if (sameName.isPresent() && sameName.get().id() != id) {
            throw new ValidationException(List.of(new FieldError(HostValidator.NAME,
                    "Another host is already named '" + in.name().strip() + "'.")));
        }
        Host updated = store.sql().inTransaction(() -> {
            long siteId = blank(in.site()) ? before.siteId() : store.sites().findOrCreate(in.site().strip()).id();
            Host after = toHost(id, siteId, in).withHardware(before.cpuModel(), before.cpuCores(),
                    before.memoryMib(), before.diskGib());
            store.hosts().update(after);
            store.audit().record(actor, "host.update", "host", after.name(), describe(before), describe(after), null);
            return after;
        });
        events.fire("host", id, "updated");
        return updated;
    }

    /** Removes a host (and its VMs from the inventory). Returns the removed host. */
    public Host removeHost(String name) {
        Host host = store.hosts().findByName(name).orElseThrow(() -> new ValidationException(List.of(
                new FieldError(HostValidator.NAME, "No host named '" + HostValidator.printable(name)
                        + "'. 'hosts list' shows the names."))));
        store.sql().inTransaction(() -> {
            store.hosts().delete(host.id());
            store.audit().record(actor, "host.remove", "host", host.name(), describe(host), null, null);
            return null;
        });
        events.fire("host", host.id(), "removed");
        return host;
    }

    /** Removes a site that has no hosts left; a site with hosts is refused with what to do first. */
    public void removeSite(long siteId) {
        var site = store.sites().findById(siteId).orElseThrow(() -> new ValidationException(List.of(
                new FieldError("site", "No such site; it was removed already."))));
        int hosts = store.hosts().findBySite(siteId).size();
        if (hosts > 0) {
            throw new ValidationException(List.of(new FieldError("site", "Site '" + HostValidator.printable(site.name())
                    + "' still has " + hosts + " host(s): remove them first.")));
        }
        store.sql().inTransaction(() -> {
            store.sites().delete(siteId);
            store.audit().record(actor, "site.remove", "site", site.name(), site.kind().dbValue(), null, null);
            return null;
        });
        events.fire("site", siteId, "removed");
    }

    private static void requireValid(HostInput in) {
        List<FieldError> errors = HostValidator.validate(in);
        if (!errors.isEmpty()) {
            throw new ValidationException(errors);
        }
    }

    private static String siteName(HostInput in) {
        return blank(in.site()) ? DEFAULT_SITE : in.site().strip();
    }

    private static Host toHost(long id, long siteId, HostInput in) {
        return new Host(id, siteId, in.name().strip(), in.address().strip(),
                blank(in.sshPort()) ? Host.DEFAULT_SSH_PORT : Integer.parseInt(in.sshPort().strip()),
                blank(in.sshUser()) ? "root" : in.sshUser().strip(),
                blank(in.sshKeyPath()) ? null : HostValidator.expandHome(in.sshKeyPath().strip()),
                blank(in.libvirtUri()) ? null : in.libvirtUri().strip(),
                blank(in.role()) ? "hypervisor" : in.role().strip(),
                blank(in.notes()) ? null : in.notes(),
                null, null, null, null);
    }

    static String describe(Host h) {
        return "address=" + h.address() + ", port=" + h.sshPort() + ", user=" + h.sshUser()
                + ", key=" + h.sshKeyPath() + ", libvirt=" + h.libvirtUri() + ", role=" + h.role();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
