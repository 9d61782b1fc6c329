package org.clusterdeck.remote;

import java.nio.file.Path;
import java.util.Objects;
import org.clusterdeck.model.Host;

/**
 * Where and as whom to connect: the inventory name (for logs), address, port, user, and how to
 * authenticate. A null key path means the user's default keys (~/.ssh/id_ed25519, id_rsa).
 */
public record SshTarget(String name, String address, int port, String user, Path keyPath, Auth auth) {

    /** How to prove who we are: a private key (default), or a password the user chose to type. */
    public enum Auth { KEY, PASSWORD }

    public SshTarget {
        Objects.requireNonNull(address, "address");
        name = name == null ? address : name;
        user = user == null || user.isBlank() ? "root" : user;
        auth = auth == null ? Auth.KEY : auth;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("SSH port " + port + " is outside 1-65535");
        }
    }

    public static SshTarget of(Host host) {
        return new SshTarget(host.name(), host.address(), host.sshPort(), host.sshUser(),
                host.sshKeyPath() == null ? null : Path.of(host.sshKeyPath()), Auth.KEY);
    }

    public SshTarget withPasswordAuth() {
        return new SshTarget(name, address, port, user, keyPath, Auth.PASSWORD);
    }

    /** user@address:port, for messages. */
    public String display() {
        return user + "@" + address + (port == 22 ? "" : ":" + port);
    }
}
