package org.clusterdeck.inventory;

/**
 * What a person typed for a host, as text, exactly as the dialog or the command line received
 * it. {@link HostValidator} checks it; nothing is parsed before that.
 */
public record HostInput(
        String site,
        String name,
        String address,
        String sshPort,
        String sshUser,
        String sshKeyPath,
        String libvirtUri,
        String role,
        String notes) {
}
