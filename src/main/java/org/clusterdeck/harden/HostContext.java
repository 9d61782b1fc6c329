package org.clusterdeck.harden;

import java.util.List;

/**
 * One host as the hardening steps see it: its inventory name and address, its role, and who in the
 * topology talks to it (each list holds IP addresses or CIDR blocks, already validated):
 * {@code loadBalancers} in front of a web backend, {@code webHosts} that use a database,
 * {@code dbPeers} (replication primary/replicas), {@code hypervisorPeers} (libvirt migration),
 * {@code adminSources} from where SSH is allowed (the workstation's side). {@code sshPort} is the
 * port ClusterDeck logs in on, which every firewall keeps open to the admin side.
 */
public record HostContext(String hostName, String address, int sshPort, String sshUser, Role role,
                          List<String> loadBalancers, List<String> webHosts, List<String> dbPeers,
                          List<String> hypervisorPeers, List<String> adminSources) {
    public HostContext {
        loadBalancers = List.copyOf(loadBalancers);
        webHosts = List.copyOf(webHosts);
        dbPeers = List.copyOf(dbPeers);
        hypervisorPeers = List.copyOf(hypervisorPeers);
        adminSources = List.copyOf(adminSources);
    }

    public HostContext withRole(Role r) {
        return new HostContext(hostName, address, sshPort, sshUser, r, loadBalancers, webHosts, dbPeers, hypervisorPeers, adminSources);
    }
}
