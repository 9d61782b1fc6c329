package org.clusterdeck.virt;

import java.util.List;
import java.util.Optional;
import org.clusterdeck.model.NetworkDetails;
import org.clusterdeck.model.PoolDetails;
import org.clusterdeck.model.VolumeDetails;

/**
 * One open connection to a hypervisor, in ClusterDeck's own types. Every method blocks and may
 * throw {@link VirtException}; call it from a job, never from the FX thread. Domains are named
 * by their libvirt name.
 */
public interface Hypervisor extends AutoCloseable {
    String uri();

    /** True for libvirt's test driver, whose state lives only in this process. */
    boolean isTestDriver();

    /** Whether the connection still answers (keepalive on remote connections). */
    boolean isAlive();

    NodeDetails node();

    /** Domain types this host can run for x86_64/i686 guests, best first (kvm, qemu, test). */
    List<String> guestDomainTypes();

    List<DomainDetails> domains();

    Optional<DomainDetails> domain(String name);

    String domainXml(String name);

    /** Defines (or redefines) a persistent domain from XML and returns it as libvirt sees it. */
    DomainDetails define(String xml);

    void start(String name);

    void shutdown(String name);

    void reboot(String name);

    void destroy(String name);

    void suspend(String name);

    void resume(String name);

    /** Removes the definition (and snapshot metadata); the domain must be shut off first. */
    void undefine(String name);

    void setAutostart(String name, boolean autostart);

    List<SnapshotDetails> snapshots(String domain);

    void createSnapshot(String domain, String snapshot, String description);

    void revertSnapshot(String domain, String snapshot);

    void deleteSnapshot(String domain, String snapshot);

    /** The snapshot's full {@code <domainsnapshot>} XML, including the domain it captured. */
    String snapshotXml(String domain, String snapshot);

    /** Restores snapshot metadata from {@link #snapshotXml} output (libvirt's REDEFINE), optionally as current. */
    void redefineSnapshot(String domain, String xml, boolean current);

    List<NetworkDetails> networks();

    List<PoolDetails> pools();

    VolumeDetails createVolume(String pool, String name, long capacityBytes, String format);

    /** Copies an existing volume (by path) into a new volume of the same pool. */
    VolumeDetails cloneVolume(String sourcePath, String newName);

    /** Grows the volume at that path to {@code capacityBytes} (a cloud image to the disk size asked for). */
    void resizeVolume(String path, long capacityBytes);

    /** Deletes the volume at that path; false when no volume has that path. */
    boolean deleteVolume(String path);

    /** Live migration to another connection; throws {@link VirtException} when the driver cannot. */
    void migrateLive(String name, Hypervisor target);

    @Override
    void close();
}
