package org.clusterdeck.model;

import java.util.List;

/** A VM as a hypervisor defines it: the inventory row plus its libvirt XML, disks and NICs. */
public record DomainRecord(Vm vm, String xml, List<DiskDetails> disks, List<NicDetails> nics) {
}
