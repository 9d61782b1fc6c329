package org.clusterdeck.virt;

import java.util.List;
import org.clusterdeck.model.DiskDetails;
import org.clusterdeck.model.NicDetails;

/** A libvirt domain as read from the hypervisor, with its full XML description. */
public record DomainDetails(String uuid, String name, RunState state, int vcpus, long memoryKib, boolean autostart,
                            boolean persistent, List<DiskDetails> disks, List<NicDetails> nics, String xml) {

    public long memoryMib() {
        return memoryKib / 1024;
    }
}
