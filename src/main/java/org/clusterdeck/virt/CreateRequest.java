package org.clusterdeck.virt;

import java.util.List;

/**
 * A new VM as the wizard and {@code vm create} describe it.
 *
 * @param source     how the VM gets its operating system
 * @param sourcePath the ISO, the cloud image or the existing disk (a volume path), by {@code source}
 * @param diskGib    size of the new disk (0: none; ignored for an existing disk)
 * @param runAsRoot  see {@link DomainSpec#runAsRoot()}
 */
public record CreateRequest(String host, String name, String purpose, int vcpus, long memoryMib, String cpuMode,
                            boolean hugePages, InstallSource source, String sourcePath, CloudInit cloudInit,
                            String pool, long diskGib, String diskFormat, List<DomainSpec.Nic> nics, boolean start,
                            boolean runAsRoot) {

    /** Where the operating system comes from. */
    public enum InstallSource { NONE, ISO, CLOUD_IMAGE, EXISTING_DISK }

    /** A plain request: an empty disk in pool "default", one virtio NIC on {@code network}. */
    public static CreateRequest simple(String host, String name, int vcpus, long memoryMib, long diskGib,
                                       String network, boolean start) {
        return new CreateRequest(host, name, null, vcpus, memoryMib, null, false, InstallSource.NONE, null, null,
                "default", diskGib, "qcow2", network == null ? List.of() : List.of(DomainSpec.Nic.network(network)),
                start, false);
    }
}
