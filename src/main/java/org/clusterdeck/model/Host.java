package org.clusterdeck.model;

/**
 * A physical or virtual machine ClusterDeck knows by address. Hardware fields are null until
 * they are known (typed in, or read from the host by a sync).
 */
public record Host(
        long id,
        long siteId,
        String name,
        String address,
        int sshPort,
        String sshUser,
        String sshKeyPath,
        String libvirtUri,
        String role,
        String notes,
        String cpuModel,
        Integer cpuCores,
        Long memoryMib,
        Long diskGib) {

    public static final int DEFAULT_SSH_PORT = 22;

    /** A host that is not stored yet (id 0). */
    public static Host draft(long siteId, String name, String address) {
        return new Host(0, siteId, name, address, DEFAULT_SSH_PORT, "root", null, null,
                "hypervisor", null, null, null, null, null);
    }

    public Host withId(long newId) {
        return new Host(newId, siteId, name, address, sshPort, sshUser, sshKeyPath, libvirtUri,
                role, notes, cpuModel, cpuCores, memoryMib, diskGib);
    }

    public Host withHardware(String model, Integer cores, Long memMib, Long disk) {
        return new Host(id, siteId, name, address, sshPort, sshUser, sshKeyPath, libvirtUri,
                role, notes, model, cores, memMib, disk);
    }
}
