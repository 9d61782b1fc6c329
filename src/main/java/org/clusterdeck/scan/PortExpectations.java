package org.clusterdeck.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.clusterdeck.harden.Role;

/**
 * Judges a port scan against what the host's role needs, seen from the scanning workstation
 * (the admin side, which is neither a load balancer, a web host nor a hypervisor peer). The
 * hardening firewall step lets in: SSH from the admin side; on a load balancer 80/443 from
 * anywhere; on a web backend 80/443 from its load balancers only (from the admin side when it
 * has none); on a database 3306 from the web hosts and replication peers only; on a hypervisor
 * libvirtd (16509, 16514) and the migration ports between hypervisors. So, from here:
 * <ul>
 * <li>{@code PORT-UNEXPECTED-<port>}: a port the role does not need at all (8080 on a web
 * backend, 6379 anywhere, 3306 on a web host …), with a severity by the service usually behind it;</li>
 * <li>{@code PORT-EXPOSED-<port>}: a port the role needs for certain peers only that the
 * workstation reaches as well (3306 on a database: "open to everyone"; 80/443 on a web backend
 * that has a load balancer: the load balancer can be bypassed).</li>
 * </ul>
 * Evidence is the address, port and banner as received; escaping is the display's job.
 * The fix is the hardening wizard's Firewall step (or stopping / rebinding the service).
 */
public final class PortExpectations {
    /** libvirt's default migration port range (qemu.conf migration_port_min/max). */
    private static final int MIGRATION_FIRST = 49152;
    private static final int MIGRATION_LAST = 49215;

    /** What usually listens on a port nobody should reach, and how bad it is when reachable. */
    private record Service(String name, double severity, String why) {
    }

    private static final Service OTHER = new Service("a service", 5.3,
            "every reachable service is attack surface; one the host's role does not need is usually forgotten and unpatched");

    private static final Map<Integer, Service> KNOWN = Map.ofEntries(
            Map.entry(21, new Service("FTP", 7.5, "FTP sends logins and data in clear text and is a frequent target of brute-force attacks")),
            Map.entry(23, new Service("Telnet", 9.1, "Telnet sends logins in clear text and gives a shell to whoever guesses one")),
            Map.entry(25, new Service("SMTP", 5.3, "a reachable mail server is probed as an open relay and for user names")),
            Map.entry(80, new Service("HTTP", 5.3, "a web server the role does not need serves whatever is in its document root")),
            Map.entry(111, new Service("rpcbind", 5.3, "rpcbind lists the host's RPC services and is used for DDoS amplification")),
            Map.entry(443, new Service("HTTPS", 5.3, "a web server the role does not need serves whatever is in its document root")),
            Map.entry(2049, new Service("NFS", 7.5, "NFS exports are often readable by any client that can reach them")),
            Map.entry(2375, new Service("the Docker API", 10.0, "the Docker API without TLS gives root on the host to anyone who reaches it")),
            Map.entry(3306, new Service("MySQL", 7.5, "a reachable database is one leaked or weak password away from all its data")),
            Map.entry(5432, new Service("PostgreSQL", 7.5, "a reachable database is one leaked or weak password away from all its data")),
            Map.entry(5900, new Service("VNC", 7.5, "VNC gives a screen and keyboard, often with a weak or no password")),
            Map.entry(6379, new Service("Redis", 9.8, "Redis has no password by default; a reachable one is read, wiped or used to write files on the host")),
            Map.entry(8080, new Service("an application server (HTTP)", 5.3,
                    "an application server reached directly skips the load balancer's TLS, limits and logging")),
            Map.entry(8443, new Service("an application server (HTTPS)", 5.3,
                    "an application server reached directly skips the load balancer's limits and logging")),
            Map.entry(9200, new Service("Elasticsearch", 8.6, "Elasticsearch without security enabled lets anyone read and delete every index")),
            Map.entry(11211, new Service("memcached", 7.5, "memcached has no authentication and is used for DDoS amplification")),
            Map.entry(16509, new Service("libvirtd (TCP)", 8.8, "libvirtd controls every VM on the host")),
            Map.entry(16514, new Service("libvirtd (TLS)", 6.5, "libvirtd controls every VM on the host")),
            Map.entry(27017, new Service("MongoDB", 9.8, "MongoDB without authorization lets anyone read and delete every database")));

    private PortExpectations() {
    }

    /**
     * The findings for a host of {@code role} whose SSH is on port 22; a web backend is taken to
     * sit behind a load balancer (what the web role means in the topology).
     */
    public static List<Finding> findings(Role role, PortScanResult result) {
        return findings(role, result, 22, role == Role.WEB);
    }

    /**
     * The findings for a host of {@code role} with SSH on {@code sshPort}; {@code hasLoadBalancer}:
     * whether a load balancer is in front of it (only matters for {@link Role#WEB}: without one,
     * the firewall step lets 80/443 in from the admin side, so reaching them from here is expected).
     */
    public static List<Finding> findings(Role role, PortScanResult result, int sshPort, boolean hasLoadBalancer) {
        List<Finding> out = new ArrayList<>();
        for (PortScanResult.OpenPort p : result.open()) {
            int port = p.port();
            if (port == sshPort || expectedFromHere(role, port, hasLoadBalancer)) {
                continue;
            }
            Finding f = peersOnly(role, port) ? exposed(role, result, p) : unexpected(role, result, p);
            out.add(f);
        }
        return List.copyOf(out);
    }

    /** Whether the firewall step lets the admin side reach {@code port} on a host of {@code role}. */
    private static boolean expectedFromHere(Role role, int port, boolean hasLoadBalancer) {
        return switch (role) {
            case LB -> port == 80 || port == 443;
            case WEB -> !hasLoadBalancer && (port == 80 || port == 443);
            case HYPERVISOR -> port == 16509 || port == 16514 || port >= MIGRATION_FIRST && port <= MIGRATION_LAST;
            default -> false;
        };
    }

    /** Whether the role needs {@code port}, but for certain peers only (so not for the workstation). */
    private static boolean peersOnly(Role role, int port) {
        return role == Role.WEB && (port == 80 || port == 443) || role == Role.DB && port == 3306;
    }

    private static Finding exposed(Role role, PortScanResult r, PortScanResult.OpenPort p) {
        int port = p.port();
        if (role == Role.DB) {
            return new Finding("PORT-EXPOSED-" + port, 7.5, "MySQL (3306) on a database is open to everyone, not only to its web hosts",
                    evidence(r, p), "the database needs 3306 from its web hosts and replication peers only; reachable from this "
                    + "workstation it is reachable from anywhere the network lets through, one leaked or weak password away from all its data",
                    fix(r, role) + " (3306 from the web hosts and replication peers only), or set bind-address to the internal address.");
        }
        return new Finding("PORT-EXPOSED-" + port, 5.3, (port == 80 ? "HTTP (80)" : "HTTPS (443)")
                + " on a web backend is reachable from outside its load balancer", evidence(r, p),
                "clients that reach the backend directly skip the load balancer's TLS settings, rate limits, access logs and "
                + "failover; the backend should answer its load balancers only",
                fix(r, role) + " (80/443 from the load balancers only).");
    }

    private static Finding unexpected(Role role, PortScanResult r, PortScanResult.OpenPort p) {
        int port = p.port();
        Service s = KNOWN.getOrDefault(port, OTHER);
        String what = s == OTHER ? "Port " + port + "/tcp" : s.name() + " (" + port + ")";
        return new Finding("PORT-UNEXPECTED-" + port, s.severity(), what + " is open on " + host(role) + ", which does not need it", evidence(r, p),
                s.why() + "; the " + role.id() + " role needs " + needs(role) + " and nothing else reachable from here",
                fix(r, role) + ", or stop the service (systemctl disable --now UNIT) or bind it to 127.0.0.1.");
    }

    /** "a web backend", "a load balancer" … "a host without a server role". */
    private static String host(Role role) {
        return role == Role.OTHER ? "a host without a server role" : "a " + role.label();
    }

    private static String needs(Role role) {
        return switch (role) {
            case LB -> "SSH and 80/443";
            case WEB -> "SSH (80/443 from its load balancers only)";
            case DB -> "SSH (3306 from its web hosts only)";
            case HYPERVISOR -> "SSH, libvirtd (16509, 16514) and the migration ports " + MIGRATION_FIRST + "-" + MIGRATION_LAST;
            case OTHER -> "SSH";
        };
    }

    /** "10.0.0.5:3306/tcp open, banner: …" — the banner as received (escaped where it is shown). */
    private static String evidence(PortScanResult r, PortScanResult.OpenPort p) {
        String at = r.address().contains(":") ? "[" + r.address() + "]" : r.address();
        return String.format(Locale.ROOT, "%s:%d/tcp open (from this workstation), %s", at, p.port(),
                p.banner().isEmpty() ? "no banner" : "banner: " + p.banner());
    }

    private static String fix(PortScanResult r, Role role) {
        return "Run the hardening wizard's Firewall step on " + r.target() + " (role " + role.id()
                + "): input policy drop with only the role's ports let in";
    }
}
