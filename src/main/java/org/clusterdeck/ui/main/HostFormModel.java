package org.clusterdeck.ui.main;

import java.util.Optional;
import java.util.function.Function;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.clusterdeck.inventory.HostInput;
import org.clusterdeck.inventory.HostValidator;
import org.clusterdeck.model.Host;

/**
 * The text a person edits for a host, field by field, and the check of each field. Shared by
 * the add/edit dialog and the details pane; never touches a control.
 */
public final class HostFormModel {
    final StringProperty site = new SimpleStringProperty("");
    final StringProperty name = new SimpleStringProperty("");
    final StringProperty address = new SimpleStringProperty("");
    final StringProperty port = new SimpleStringProperty("22");
    final StringProperty user = new SimpleStringProperty("root");
    final StringProperty key = new SimpleStringProperty("");
    final StringProperty libvirt = new SimpleStringProperty("");
    final StringProperty notes = new SimpleStringProperty("");

    /** The checks, by field, as the validator runs them. */
    static Function<String, Optional<String>> check(String field) {
        return switch (field) {
            case HostValidator.SITE -> HostValidator::checkSite;
            case HostValidator.NAME -> HostValidator::checkName;
            case HostValidator.ADDRESS -> HostValidator::checkAddress;
            case HostValidator.PORT -> HostValidator::checkPort;
            case HostValidator.USER -> HostValidator::checkUser;
            case HostValidator.KEY -> HostValidator::checkKeyFile;
            case HostValidator.LIBVIRT -> HostValidator::checkLibvirtUri;
            default -> v -> Optional.empty();
        };
    }

    public void load(Host h, String siteName) {
        site.set(siteName);
        name.set(h.name());
        address.set(h.address());
        port.set(String.valueOf(h.sshPort()));
        user.set(h.sshUser());
        key.set(h.sshKeyPath() == null ? "" : h.sshKeyPath());
        libvirt.set(h.libvirtUri() == null ? "" : h.libvirtUri());
        notes.set(h.notes() == null ? "" : h.notes());
    }

    public HostInput toInput(String role) {
        return new HostInput(site.get(), name.get(), address.get(), port.get(), user.get(), key.get(), libvirt.get(),
                role, notes.get());
    }

    /** Whether every field passes its check. */
    public boolean isValid() {
        return HostValidator.validate(toInput(null)).isEmpty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty addressProperty() {
        return address;
    }

    public StringProperty portProperty() {
        return port;
    }
}
