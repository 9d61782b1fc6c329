package org.clusterdeck.lab;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.clusterdeck.remote.KnownHosts;

/**
 * Creates one practice host: a {@code systemd-nspawn} container booted from an overlay whose lower
 * layer is this machine's root file system (read-only) and whose upper layer holds the host's own
 * state. Before boot the upper layer gets the host's own SSH host key, machine id, hostname,
 * address, accounts without password hashes, the lab key, a page naming the host, and units
 * masked by role. A supervising shell restarts the container after a {@code reboot} inside
 * (nspawn exits with 133 then), so a reboot restarts that host only.
 */
final class LabHostBuilder {
    /** Non-root account inside every lab host, for tests of {@code sudo -n}. */
    static final String LAB_USER = "labuser";
    private static final int LAB_USER_ID = 4213;
    /** $0 of a host's supervising shell, by which a later 'lab down' finds it again. */
    static final String SUPERVISOR_TAG = "clusterdeck-lab:";
    /** Restarts the container while it exits asking for a reboot (133); its arguments are the nspawn command. */
    private static final String SUPERVISOR = "while :; do \"$@\"; rc=$?; [ \"$rc\" -eq 133 ] || exit \"$rc\"; done";
    /** Units no lab host starts: they cost memory and time and belong to the workstation's own use. */
    private static final List<String> MASKED = List.of("postgresql.service", "postgresql@.service",
            "console-getty.service", "getty@.service", "container-getty@.service", "e2scrub_reap.service",
            "e2scrub_all.timer", "apt-daily.timer", "apt-daily-upgrade.timer", "dpkg-db-backup.timer", "man-db.timer",
            "fstrim.timer", "systemd-timesyncd.service", "systemd-pstore.service", "libvirtd.service",
            "virtlogd.service", "virtlockd.service", "docker.service", "containerd.service", "cron.service",
            "exim4.service", "postfix.service", "apache2.service", "systemd-networkd-wait-online.service");
    private static final List<String> DB_UNITS = List.of("mariadb.service", "mysql.service", "mysqld.service");
    /** Workstation directories a lab host never sees (a tmpfs is mounted over them inside). */
    static final List<String> HIDDEN = List.of("/root", "/home", "/work", "/var/tmp", "/var/lib/clusterdeck-lab");

    private final LabLayout layout;
    private final List<Path> alsoHidden;

    LabHostBuilder(LabLayout layout, List<Path> alsoHidden) {
        this.layout = layout;
        this.alsoHidden = List.copyOf(alsoHidden);
    }

    /** Prepares, mounts and boots host n; returns once the container was started (not yet answering). */
    LabHost create(int n, LabHostSpec spec, String authorizedKey) throws IOException {
        Path dir = layout.hostDir(n);
        LabFiles.privateDir(dir);
        Path upper = dir.resolve("upper");
        Path work = dir.resolve("work");
        Path root = dir.resolve("root");
        for (Path p : List.of(upper, work, root)) {
            LabFiles.deleteTree(p);
            // the upper layer's top becomes the host's "/", which must be 0755
            Files.createDirectory(p, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        }
        String address = layout.address(n);
        PublicKey hostKey = prepareUpper(upper, spec, address, authorizedKey);
        LabFiles.write(dir.resolve("host"), spec.name() + "\n" + spec.role() + "\n", "rw-------");
        LabFiles.write(dir.resolve("host_key.pub"), Files.readString(upper.resolve("etc/ssh/ssh_host_ed25519_key.pub")),
                "rw-------");
        LocalCommand.check(LabPreflight.MOUNT.toString(), "-t", "overlay", "overlay", "-o",
                "lowerdir=/,upperdir=" + LabFiles.plainPath(upper) + ",workdir=" + LabFiles.plainPath(work),
                LabFiles.plainPath(root));
        boot(n, dir, root);
        return new LabHost(n, spec.name(), layout.namespace(n), address, 22, hostKey, KnownHosts.fingerprint(hostKey),
                layout.keyFile(), spec.role());
    }

    private void boot(int n, Path dir, Path root) throws IOException {
        List<String> argv = new ArrayList<>(List.of(LabPreflight.SETSID.toString(), "-f", "/bin/sh", "-c", SUPERVISOR,
                SUPERVISOR_TAG + layout.namespace(n)));
        argv.addAll(nspawn(n, root));
        Path log = dir.resolve("console.log");
        LabFiles.write(log, "", "rw-------");
        Process p = new ProcessBuilder(argv).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectErrorStream(true).start();
        try {
            if (p.waitFor() != 0) {
                throw new LabException("Could not start the container " + layout.namespace(n) + " (setsid exit "
                        + p.exitValue() + "); see " + log + ".");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("Interrupted while starting " + layout.namespace(n), e);
        }
    }

    private List<String> nspawn(int n, Path root) {
        List<String> argv = new ArrayList<>(List.of(LabPreflight.NSPAWN.toString(), "--quiet", "--register=no",
                "--link-journal=no", "--keep-unit", "--console=passive", "--machine=" + layout.namespace(n),
                "--directory=" + LabFiles.plainPath(root), "--boot", "--network-bridge=" + layout.bridge()));
        List<String> hidden = new ArrayList<>(HIDDEN);
        alsoHidden.forEach(h -> hidden.add(LabFiles.plainPath(h)));
        for (String h : hidden) {
            if (Files.isDirectory(Path.of(h))) {
                argv.add("--tmpfs=" + h + ":mode=0700");
            }
        }
        return argv;
    }

    /** Writes the host's own files into its (fresh, root-only) upper layer; returns its new host key. */
    private PublicKey prepareUpper(Path upper, LabHostSpec spec, String address, String authorizedKey) throws IOException {
        Path etc = Files.createDirectories(upper.resolve("etc"));
        Path ssh = Files.createDirectories(etc.resolve("ssh"));
        generateHostKey(ssh);
        // the workstation's other host keys must not show through from the lower layer
        try (Stream<Path> keys = Files.list(Path.of("/etc/ssh"))) {
            for (Path k : keys.filter(k -> k.getFileName().toString().matches("ssh_host_\\w+_key(\\.pub)?")).toList()) {
                if (!Files.exists(ssh.resolve(k.getFileName().toString()))) {
                    whiteout(ssh.resolve(k.getFileName().toString()));
                }
            }
        }
        Path authorized = Files.createDirectories(ssh.resolve("authorized_keys"));
        for (String user : List.of("root", LAB_USER)) {
            LabFiles.write(authorized.resolve(user), authorizedKey + "\n", "rw-r--r--");
        }
        LabFiles.write(ssh.resolve("sshd_config"), SSHD_CONFIG, "rw-r--r--");
        LabFiles.write(etc.resolve("hostname"), spec.name() + "\n", "rw-r--r--");
        LabFiles.write(etc.resolve("hosts"), "127.0.0.1\tlocalhost\n" + address + "\t" + spec.name() + "\n", "rw-r--r--");
        byte[] id = new byte[16];
        new SecureRandom().nextBytes(id);
        LabFiles.write(etc.resolve("machine-id"), HexFormat.of().formatHex(id) + "\n", "r--r--r--");
        writeAccounts(etc);
        if (Files.isDirectory(Path.of("/etc/sudoers.d"))) {
            Path sudoers = Files.createDirectories(etc.resolve("sudoers.d"));
            LabFiles.write(sudoers.resolve("clusterdeck-lab"), LAB_USER + " ALL=(ALL) NOPASSWD: ALL\n", "r--r-----");
        }
        writeUnits(etc.resolve("systemd/system"), spec, address);
        if (spec.role().equals("db")) {
            Path conf = Files.createDirectories(etc.resolve("mysql/mariadb.conf.d"));
            LabFiles.write(conf.resolve("90-clusterdeck-lab.cnf"), "# ClusterDeck lab host: a small database server\n"
                    + "[mysqld]\ninnodb_buffer_pool_size = 32M\nperformance_schema = OFF\n", "rw-r--r--");
        }
        Path html = Files.createDirectories(upper.resolve("var/www/html"));
        LabFiles.write(html.resolve("index.html"), "<!doctype html>\n<title>" + spec.name() + "</title>\n<h1>"
                + spec.name() + "</h1>\n<p>ClusterDeck lab host " + spec.name() + " (role " + spec.role() + ", "
                + address + ")</p>\n", "rw-r--r--");
        return readPublicKey(ssh.resolve("ssh_host_ed25519_key.pub"));
    }

    /** The address comes up on boot, inside, and nothing beyond the lab's /24 is routed. */
    private static void writeUnits(Path units, LabHostSpec spec, String address) throws IOException {
        Files.createDirectories(units);
        List<String> masked = new ArrayList<>(MASKED);
        if (!spec.role().equals("db")) {
            masked.addAll(DB_UNITS);
        }
        for (String unit : masked) {
            Files.createSymbolicLink(units.resolve(unit), Path.of("/dev/null"));
        }
        Files.createSymbolicLink(units.resolve("default.target"), Path.of("/lib/systemd/system/multi-user.target"));
        // the hardening step for updates unmasks the apt timers: their services run /bin/true here, a lab host never downloads
        for (String apt : List.of("apt-daily.service", "apt-daily-upgrade.service")) {
            Path dropIn = Files.createDirectories(units.resolve(apt + ".d"));
            LabFiles.write(dropIn.resolve("zz-lab-no-apt.conf"), "[Service]\nExecStartPre=\nExecStart=\nExecStart=/bin/true\n", "rw-r--r--");
        }
        String ip = LabPreflight.IP.toString();
        // seen here: now and then host0 is not there yet when the unit starts, and under load one step of
        // the set-up failed once, leaving a host without its address: wait for the link, then retry the set-up
        LabFiles.write(units.getParent().getParent().resolve("clusterdeck-lab-net.sh"), "#!/bin/sh\n"
                + "# ClusterDeck lab host network: " + address + " on the lab bridge, nothing beyond it\n"
                + "i=0\n"
                + "until " + ip + " link show host0 >/dev/null 2>&1 || " + ip + " link show eth0 >/dev/null 2>&1; do\n"
                + "  i=$((i + 1)); [ $i -le 600 ] || { echo 'no host0 interface after 60 s' >&2; exit 1; }; sleep 0.1\n"
                + "done\n"
                + "configure() {\n"
                + "  if " + ip + " link show host0 >/dev/null 2>&1; then\n"
                + "    " + ip + " link set host0 down && " + ip + " link set host0 name eth0 || return 1\n"
                + "  fi\n"
                + "  " + ip + " addr replace " + address + "/24 dev eth0 && " + ip + " link set eth0 up && "
                + ip + " link set lo up && " + ip + " route replace unreachable default\n"
                + "}\n"
                + "n=0\n"
                + "until configure; do\n"
                + "  n=$((n + 1)); [ $n -le 100 ] || { echo 'network set-up failed 100 times' >&2; exit 1; }; sleep 0.2\n"
                + "done\n", "rwxr-xr-x");
        LabFiles.write(units.resolve("clusterdeck-lab-net.service"), "# ClusterDeck lab host network\n"
                + "[Unit]\nDescription=Lab network: " + address + " on the lab bridge, nothing beyond it\n"
                + "DefaultDependencies=no\nBefore=network.target ssh.service nginx.service\n"
                + "[Service]\nType=oneshot\nRemainAfterExit=yes\n"
                + "ExecStart=/bin/sh /etc/clusterdeck-lab-net.sh\n"
                + "[Install]\nWantedBy=multi-user.target\n", "rw-r--r--");
        Path wants = Files.createDirectories(units.resolve("multi-user.target.wants"));
        Files.createSymbolicLink(wants.resolve("clusterdeck-lab-net.service"), Path.of("../clusterdeck-lab-net.service"));
        List<String> wanted = new ArrayList<>(List.of("ssh.service", "nginx.service"));
        if (spec.role().equals("db")) {
            wanted.add("mariadb.service");
        }
        for (String unit : wanted) {
            Path target = Path.of("/lib/systemd/system", unit);
            if (Files.exists(target)) {
                Files.deleteIfExists(wants.resolve(unit));
                Files.createSymbolicLink(wants.resolve(unit), target);
            }
        }
    }

    private static final String SSHD_CONFIG = "# ClusterDeck lab host: generated by 'lab up'\n"
            + "HostKey /etc/ssh/ssh_host_ed25519_key\n"
            + "UsePAM no\n"
            + "PermitRootLogin prohibit-password\n"
            + "PasswordAuthentication no\n"
            + "KbdInteractiveAuthentication no\n"
            + "AuthorizedKeysFile /etc/ssh/authorized_keys/%u\n"
            + "StrictModes yes\n"
            + "MaxSessions 64\n"
            + "MaxStartups 64:30:128\n"
            + "LogLevel ERROR\n"
            + "Subsystem sftp /usr/lib/openssh/sftp-server\n";

    static void generateHostKey(Path ssh) {
        LocalCommand.check(LabPreflight.SSH_KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "clusterdeck-lab",
                "-f", ssh.resolve("ssh_host_ed25519_key").toString());
    }

    /** An overlayfs whiteout: the lower layer's file of that name is hidden in the host. */
    private static void whiteout(Path p) {
        LocalCommand.check("mknod", p.toString(), "c", "0", "0");
    }

    /**
     * passwd and group as on this machine plus labuser; shadow and gshadow without any password
     * hash (key logins only), so the workstation's hashes never show through from the lower layer.
     */
    private static void writeAccounts(Path etc) throws IOException {
        List<String> passwd = new ArrayList<>(Files.readAllLines(Path.of("/etc/passwd")));
        passwd.removeIf(l -> l.startsWith(LAB_USER + ":"));
        passwd.add(LAB_USER + ":x:" + LAB_USER_ID + ":" + LAB_USER_ID + ":ClusterDeck lab user:/:/bin/sh");
        LabFiles.write(etc.resolve("passwd"), String.join("\n", passwd) + "\n", "rw-r--r--");
        List<String> group = new ArrayList<>(Files.readAllLines(Path.of("/etc/group")));
        group.removeIf(l -> l.startsWith(LAB_USER + ":"));
        group.add(LAB_USER + ":x:" + LAB_USER_ID + ":");
        LabFiles.write(etc.resolve("group"), String.join("\n", group) + "\n", "rw-r--r--");
        StringBuilder shadow = new StringBuilder();
        for (String line : passwd) {
            shadow.append(line.split(":", 2)[0]).append(":*:19000:0:99999:7:::\n");
        }
        LabFiles.write(etc.resolve("shadow"), shadow.toString(), "rw-r-----");
        StringBuilder gshadow = new StringBuilder();
        for (String line : group) {
            String[] f = line.split(":", -1);
            gshadow.append(f[0]).append(":!::").append(f.length > 3 ? f[3] : "").append('\n');
        }
        LabFiles.write(etc.resolve("gshadow"), gshadow.toString(), "rw-r-----");
    }

    /** Reads an OpenSSH public key line ("ssh-ed25519 AAAA... comment"). */
    static PublicKey readPublicKey(Path pub) throws IOException {
        try {
            return KnownHosts.parsePublicKey(LabFiles.read(pub));
        } catch (IllegalArgumentException e) {
            throw new IOException("Cannot read the public key in " + pub + ": " + e.getMessage(), e);
        }
    }
}
