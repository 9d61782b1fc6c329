package org.clusterdeck.virt;

import java.util.List;

/**
 * Everything needed to describe a new VM; {@link DomainXmlBuilder} turns it into libvirt XML.
 *
 * @param domainType libvirt domain type: kvm, qemu or test (the test driver's)
 * @param cpuMode    null for the hypervisor's default, "host-passthrough" or "host-model"
 * @param runAsRoot  adds a static DAC label (+0:+0): a libvirtd started by a test can use /dev/kvm
 */
public record DomainSpec(String name, String title, String description, String domainType, int vcpus,
                         long memoryMib, String cpuMode, boolean hugePages, List<Disk> disks, List<Nic> nics,
                         boolean runAsRoot) {

    /** A disk or CD-ROM backed by a file (a volume's path). */
    public record Disk(String path, String format, String device, boolean readOnly) {
        public static Disk disk(String path, String format) {
            return new Disk(path, format, "disk", false);
        }

        public static Disk cdrom(String path) {
            return new Disk(path, "raw", "cdrom", true);
        }
    }

    /** A NIC on a libvirt network ({@code bridge=false}) or a host bridge such as vmbr0. */
    public record Nic(boolean bridge, String source, String model, Integer mtu, String mac) {
        public static Nic network(String name) {
            return new Nic(false, name, "virtio", null, null);
        }
    }

    public DomainSpec withDomainType(String type) {
        return new DomainSpec(name, title, description, type, vcpus, memoryMib, cpuMode, hugePages, disks, nics,
                runAsRoot);
    }
}
