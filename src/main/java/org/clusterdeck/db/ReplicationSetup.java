package org.clusterdeck.db;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.change.ChangeEngine.Planned;
import org.clusterdeck.change.RemoteHostLock;
import org.clusterdeck.job.JobContext;
import org.clusterdeck.model.ChangeSet;
import org.clusterdeck.model.StepKind;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteException;
import org.clusterdeck.remote.RemoteShell;

/**
 * MariaDB primary/replica set-up as change-engine steps, one change set per host: a drop-in .cnf
 * (server_id, binary log in ROW format, GTID, relay log, read_only on the replica), a restart, the
 * replication user, CHANGE MASTER TO … MASTER_USE_GTID=slave_pos and START REPLICA, each with its undo.
 *
 * <p>The replication user's password is generated here and never enters a step: steps are stored in
 * H2, shown in previews and audited. It goes to each host on standard input (which the audit only
 * counts) into a root-only file under /run, which the SQL steps read with the shell's printf and
 * pipe into mariadb, so it is not in any argument list either; {@link #removePassword} deletes it.
 */
public final class ReplicationSetup {
    public static final String CNF = "/etc/mysql/mariadb.conf.d/60-clusterdeck-replication.cnf";
    public static final String PASSWORD_FILE = "/run/clusterdeck-replication.pw";
    public static final String USER = "clusterdeck_repl";
    public static final String FEATURE = "replication";
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private ReplicationSetup() {
    }

    /** 32 characters from a 57-letter alphabet (about 186 bits); letters only, so no quoting is ever needed in SQL. */
    public static String generatePassword() {
        SecureRandom r = new SecureRandom();
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public static String primaryCnf(int serverId, String bindAddress) {
        return "# Written by ClusterDeck (replication setup): this server is the replication primary.\n"
                + "[mariadbd]\n"
                + "server_id = " + serverId + "\n"
                + "log_bin = mariadb-bin\n"
                + "binlog_format = ROW\n"
                + "gtid_domain_id = 0\n"
                + "gtid_strict_mode = ON\n"
                + "log_slave_updates = ON\n"
                + "sync_binlog = 1\n"
                + "innodb_flush_log_at_trx_commit = 1\n"
                + "# the replica connects here; only this address, not every interface\n"
                + "bind_address = " + address(bindAddress) + "\n";
    }

    public static String replicaCnf(int serverId) {
        return "# Written by ClusterDeck (replication setup): this server replicates its primary.\n"
                + "[mariadbd]\n"
                + "server_id = " + serverId + "\n"
                + "log_bin = mariadb-bin\n"
                + "binlog_format = ROW\n"
                + "gtid_domain_id = 0\n"
                + "gtid_strict_mode = ON\n"
                + "log_slave_updates = ON\n"
                + "relay_log = mariadb-relay-bin\n"
                + "read_only = ON\n"
                + "sync_binlog = 1\n"
                + "innodb_flush_log_at_trx_commit = 1\n";
    }

    public static List<Planned> primarySteps(int serverId, String primaryAddress, String replicaAddress) {
        String host = address(replicaAddress);
        List<Planned> steps = new ArrayList<>();
        steps.add(new Planned(StepKind.FILE, CNF, primaryCnf(serverId, primaryAddress)));
        steps.add(Planned.reload("mariadb", "restart"));
        steps.add(Planned.command("replication user " + USER + "@" + host, List.of("sh", "-c",
                "printf \"CREATE USER '%s'@'%s' IDENTIFIED BY '%s';\\nGRANT REPLICATION SLAVE ON *.* TO '%s'@'%s';\\n\" \"$1\" \"$2\" "
                        + "\"$(cat \"$3\")\" \"$1\" \"$2\" | mariadb", "replication-user", USER, host, PASSWORD_FILE),
                List.of("mariadb", "-e", "DROP USER IF EXISTS '" + USER + "'@'" + host + "'")));
        return steps;
    }

    public static List<Planned> replicaSteps(int serverId, String primaryAddress) {
        String host = address(primaryAddress);
        List<Planned> steps = new ArrayList<>();
        steps.add(new Planned(StepKind.FILE, CNF, replicaCnf(serverId)));
        steps.add(Planned.reload("mariadb", "restart"));
        steps.add(Planned.command("CHANGE MASTER TO " + host, List.of("sh", "-c",
                "printf \"CHANGE MASTER TO MASTER_HOST='%s', MASTER_PORT=3306, MASTER_USER='%s', MASTER_PASSWORD='%s', "
                        + "MASTER_USE_GTID=slave_pos;\\n\" \"$1\" \"$2\" \"$(cat \"$3\")\" | mariadb", "change-master", host, USER,
                PASSWORD_FILE), List.of("mariadb", "-e", "STOP REPLICA; RESET REPLICA ALL")));
        steps.add(Planned.command("START REPLICA", List.of("mariadb", "-e", "START REPLICA"), List.of("mariadb", "-e", "STOP REPLICA")));
        return steps;
    }

    /**
     * Applies one host's steps as one change set under the host's locks, with the password file
     * present only while they run.
     */
    public static ChangeSet apply(ChangeEngine engine, RemoteShell sh, String title, List<Planned> steps, String password, boolean wait,
                                  JobContext ctx) throws Exception {
        return engine.withHostLock(sh.hostName(), FEATURE, wait, ctx, () -> {
            try (RemoteHostLock onHost = engine.lockOnHost(sh, FEATURE, wait, ctx)) {
                putPassword(sh, password);
                try {
                    return engine.apply(sh, FEATURE, title, steps, ctx);
                } finally {
                    removePassword(sh);
                }
            }
        });
    }

    /** A server_id from the address (its low 24 bits for IPv4), so two hosts of one site do not share one. */
    public static int serverId(String address) {
        String[] o = address.split("\\.");
        if (o.length == 4 && address.matches("[0-9.]+")) {
            return (Integer.parseInt(o[1]) << 16 | Integer.parseInt(o[2]) << 8 | Integer.parseInt(o[3])) + 1;
        }
        return (address.hashCode() & 0x7fffff) + 1;
    }

    /** Puts the password into the root-only file, through standard input (never an argument). */
    public static void putPassword(RemoteShell sh, String password) {
        CommandResult r = sh.run(RemoteCommand.sudo("sh", "-c", "umask 077 && cat > \"$1\"", "put-password", PASSWORD_FILE)
                .withStdin(password));
        if (!r.ok()) {
            throw new RemoteException("Could not write " + PASSWORD_FILE + " on " + sh.hostName() + ": " + r.stderr().strip() + ".");
        }
    }

    public static void removePassword(RemoteShell sh) {
        sh.run(RemoteCommand.sudo("rm", "-f", "--", PASSWORD_FILE));
    }

    /** An IPv4 address or host name, refused when it could carry SQL or shell syntax into a step. */
    static String address(String a) {
        if (a == null || !a.matches("[A-Za-z0-9][A-Za-z0-9.-]{0,252}")) {
            throw new IllegalArgumentException("Not a host name or IPv4 address: '" + (a == null ? "" : a.replaceAll("\\p{Cntrl}", "?"))
                    + "'. Give the database host's address as the inventory has it.");
        }
        return a;
    }
}
