package org.clusterdeck.ui.vmwizard;

import java.util.List;
import java.util.Set;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.NetworkDetails;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.virt.CapacityCheck;

/** A host the wizard can create on, with what the last sync knew about it (read once, off the FX thread). */
public record HostChoice(Host host, boolean demo, CapacityCheck capacity, List<PoolDetails> pools,
                         List<NetworkDetails> networks, Set<String> vmNames) {

    /** The libvirt domain type the preview shows: the test driver's for demo hosts. */
    public String domainType() {
        return demo || (host.libvirtUri() != null && host.libvirtUri().startsWith("test:")) ? "test" : "kvm";
    }

    @Override
    public String toString() {
        return host.name();
    }
}
