package org.clusterdeck.harden;

import java.util.Locale;

/** What a host does in the topology, which decides what its firewall lets in. */
public enum Role {
    /** A web backend: 80/443 from its load balancers only. */
    WEB("web", "web backend"),
    /** A load balancer: 80/443 from anywhere. */
    LB("lb", "load balancer"),
    /** A database: 3306 from the web hosts and its replication peers only. */
    DB("db", "database"),
    /** A KVM host: SSH and libvirt migration between hypervisors. */
    HYPERVISOR("hypervisor", "hypervisor"),
    /** Anything else: SSH from the admin side only. */
    OTHER("other", "other");

    private final String id;
    private final String label;

    Role(String id, String label) {
        this.id = id;
        this.label = label;
    }

    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** The inventory's role text ("web", "lb", "db", "hypervisor" …) as a role; unknown → OTHER. */
    public static Role fromInventory(String role) {
        if (role == null) {
            return OTHER;
        }
        return switch (role.strip().toLowerCase(Locale.ROOT)) {
            case "web", "app", "backend" -> WEB;
            case "lb", "loadbalancer", "load-balancer" -> LB;
            case "db", "database", "mysql", "mariadb" -> DB;
            case "hypervisor", "kvm" -> HYPERVISOR;
            default -> OTHER;
        };
    }

    /** For --role: the id exactly, else an error naming the choices. */
    public static Role parse(String s) {
        for (Role r : values()) {
            if (r.id.equals(s.strip().toLowerCase(Locale.ROOT))) {
                return r;
            }
        }
        throw new HardenException("'" + s.replaceAll("\\p{Cntrl}", "?") + "' is not a role: use web, lb, db, hypervisor or other.");
    }
}
