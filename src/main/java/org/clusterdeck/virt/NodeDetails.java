package org.clusterdeck.virt;

/** What a hypervisor host reports about itself. Memory in KiB as libvirt counts it. */
public record NodeDetails(String hostname, String cpuModel, int cpus, int mhz, int sockets, int coresPerSocket,
                          int threadsPerCore, long memoryKib, Long freeMemoryKib, String driver, long libvirtVersion) {
}
