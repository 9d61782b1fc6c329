package org.clusterdeck.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.h2.api.ErrorCode;
import org.h2.jdbcx.JdbcConnectionPool;

/**
 * ClusterDeck's embedded H2 database: opens it, migrates it with Flyway, and hands out the
 * repositories. The only class that knows the JDBC URL.
 *
 * <pre>{@code
 * try (Store store = Store.open(dataDir)) {
 *     store.hosts().findAll();
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
    public static final String DB_NAME = "clusterdeck";
    /** The address the auto-server listens on: loopback only, never every interface (H2's default). */
    public static final String BIND_ADDRESS = "127.0.0.1";
    static final String USER = "sa";
    /** The files that hold the data and its password: refused when others may read them. */
    static final List<String> PRIVATE_FILES = List.of(DB_NAME + ".mv.db", DatabaseSecret.FILE);
    /**
     * Files H2 creates and re-creates with the process umask (the lock file, each time another
     * process takes over serving): set to 0600 when we open, kept private meanwhile by the 0700 directory.
     */
    static final List<String> H2_FILES = List.of(DB_NAME + ".mv.db", DB_NAME + ".lock.db", DB_NAME + ".trace.db");

    static {
        // H2 reads this once, when its classes load, and binds its auto-server to it. Set here,
        // before this class touches H2, so that nothing on the LAN or in a lab namespace can reach it.
        System.setProperty("h2.bindAddress", BIND_ADDRESS);
    }

    private final JdbcConnectionPool pool;
    private final Sql sql;
    private final String location;
    private final Path directory;

    private Store(JdbcConnectionPool pool, String location, Path directory) {
        this.pool = pool;
        this.location = location;
        this.directory = directory;
        this.sql = new Sql(pool);
    }

    /**
     * Opens (creating if needed) the file database in {@code dataDir}. Several processes may have
     * it open at once (H2 AUTO_SERVER): the first serves the others, on loopback only, to those who
     * know the password in {@code db.secret}. The directory is created 0700 and its files 0600;
     * looser modes are refused with the chmod that fixes them.
     */
    public static Store open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        PrivateFiles.prepareDirectory(dir, PRIVATE_FILES);
        Path file = dir.resolve(DB_NAME + ".mv.db");
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new StoreException("The database " + file + " is not readable by this user. "
                    + "Fix its permissions or choose another data directory with --data-dir.");
        }
        String url = "jdbc:h2:file:" + dir.resolve(DB_NAME) + ";AUTO_SERVER=TRUE;CACHE_SIZE=16384"
                // no trace file: it would be created with the umask and could hold statements
                + ";TRACE_LEVEL_FILE=0";
        boolean existed = Files.exists(file);
        String password = DatabaseSecret.read(dir).orElse(null);
        if (password == null) {
            password = DatabaseSecret.create(dir);
            if (existed) {
                setPasswordOfLegacyDatabase(url, password, file);
            }
        }
        Store store;
        try {
            store = openUrl(url, password, file.toString(), dir);
        } catch (StoreException e) {
            // a crash between writing db.secret and changing the password leaves the old empty one
            if (!(e.getCause() instanceof SQLException sql) || sql.getErrorCode() != ErrorCode.WRONG_USER_OR_PASSWORD
                    || !setPasswordOfLegacyDatabase(url, password, file)) {
                throw e;
            }
            store = openUrl(url, password, file.toString(), dir);
        }
        for (String name : H2_FILES) {
            PrivateFiles.restrict(dir.resolve(name));
        }
        try {
            requireLoopbackServer(dir.resolve(DB_NAME + ".lock.db"));
        } catch (StoreException e) {
            store.close();
            throw e;
        }
        return store;
    }

    /**
     * The serving process writes its address into the lock file. Anything but loopback means H2
     * ignored our bind address (its classes loaded before this one) or an older ClusterDeck serves
     * the database to the network: refuse rather than run exposed.
     */
    private static void requireLoopbackServer(Path lockFile) {
        java.util.Properties lock = new java.util.Properties();
        try (var in = Files.newInputStream(lockFile)) {
            lock.load(in);
        } catch (java.io.IOException e) {
            return; // no lock file: no server
        }
        String server = lock.getProperty("server");
        if (server != null && !server.startsWith("localhost:") && !server.startsWith(BIND_ADDRESS + ":")) {
            throw new StoreException("The database " + lockFile.getParent().resolve(DB_NAME + ".mv.db")
                    + " is served to the network at " + server + " (not loopback only), probably by an older "
                    + "ClusterDeck. Close every other ClusterDeck and try again.");
        }
    }

    /**
     * Databases made before the password existed accept user sa with an empty password. Gives
     * them {@code password}; returns false when the empty password is not accepted (nothing to do).
     */
    private static boolean setPasswordOfLegacyDatabase(String url, String password, Path file) {
        try (Connection c = DriverManager.getConnection(url, USER, "");
             Statement st = c.createStatement()) {
            // the password is our own hex string, so it needs no escaping beyond the quotes
            st.execute("ALTER USER " + USER + " SET PASSWORD '" + password + "'");
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
                return false;
            }
            throw translateOpenError(e, file.toString());
        }
    }

    /** A private in-memory database, gone when closed. For tests and throw-away runs. */
    public static Store inMemory(String name) {
        return openUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "", "memory:" + name, null);
    }

    private static Store openUrl(String url, String password, String location, Path directory) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, USER, password);
        pool.setMaxConnections(16);
        try (Connection ignored = pool.getConnection()) {
            // opening once surfaces locked, corrupt or foreign files before anything else
        } catch (SQLException e) {
            pool.dispose();
            throw translateOpenError(e, location);
        }
        Store store = new Store(pool, location, directory);
        try {
            store.migrate();
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static StoreException translateOpenError(SQLException e, String location) {
        String what = switch (e.getErrorCode()) {
            case ErrorCode.DATABASE_ALREADY_OPEN_1 ->
                    "is locked by another program. Close the other ClusterDeck (or the program holding it) and try again";
            case ErrorCode.FILE_CORRUPTED_1, ErrorCode.FILE_VERSION_ERROR_1 ->
                    "is damaged or not an H2 2.x database. It was left untouched; move it aside to start afresh";
            case ErrorCode.WRONG_USER_OR_PASSWORD ->
                    "does not accept the password in " + DatabaseSecret.FILE + " beside it (the file was replaced, or the "
                            + "database belongs to another program). It was left untouched; restore the file or choose another data directory";
            default -> "cannot be opened (" + e.getMessage().lines().findFirst().orElse("") + ")";
        };
        return new StoreException("The database " + location + " " + what + ".", e);
    }

    /**
     * The newest migration in db/migration (StoreTest checks that it is). A database already there
     * opens without Flyway: its classpath scan and checks cost about a second of CPU at every
     * command-line start, longer than a loopback scan takes.
     */
    static final String NEWEST_MIGRATION = "9";

    private void migrate() {
        if (NEWEST_MIGRATION.equals(appliedVersion())) {
            return;
        }
        Flyway flyway = Flyway.configure()
                .dataSource(pool)
                .locations("classpath:db/migration")
                .cleanDisabled(true)
                .load();
        MigrationVersion newestKnown = newestKnownVersion(flyway);
        Optional<MigrationVersion> applied = Optional.ofNullable(flyway.info().current())
                .map(MigrationInfo::getVersion);
        if (applied.isPresent() && newestKnown != null && applied.get().compareTo(newestKnown) > 0) {
            throw new StoreException("The database " + location + " has schema version "
                    + applied.get() + ", newer than this ClusterDeck understands (" + newestKnown
                    + "). It was left untouched: use a newer ClusterDeck, or another --data-dir.");
        }
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            throw new StoreException("Cannot update the database " + location + " to the current schema: "
                    + e.getMessage().lines().findFirst().orElse(""), e);
        }
    }

    private static MigrationVersion newestKnownVersion(Flyway flyway) {
        MigrationVersion newest = null;
        for (MigrationInfo info : flyway.info().all()) {
            if (info.getVersion() != null && info.getType() != null && !info.getState().name().startsWith("FUTURE")
                    && (newest == null || info.getVersion().compareTo(newest) > 0)) {
                newest = info.getVersion();
            }
        }
        return newest;
    }

    /** {@link #schemaVersion()}, or null for a database without Flyway's history table (a new one). */
    private String appliedVersion() {
        try (Connection c = pool.getConnection();
             java.sql.ResultSet rs = c.getMetaData().getTables(null, null, "flyway_schema_history", null)) {
            return rs.next() ? schemaVersion() : null;
        } catch (SQLException e) {
            return null; // Flyway will say what is wrong
        }
    }

    /** The applied schema version, e.g. "6" (versions may be dotted, like 5.1, so Flyway compares them). */
    public String schemaVersion() {
        return sql.query("SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"success\" AND \"version\" IS NOT NULL",
                        rs -> rs.getString(1)).stream()
                .map(MigrationVersion::fromVersion).max(MigrationVersion::compareTo)
                .map(MigrationVersion::getVersion).orElse("none");
    }

    /** The data directory of a file database (where other per-workstation state, like host locks, lives); empty in memory. */
    public Optional<Path> directory() {
        return Optional.ofNullable(directory);
    }

    public String location() {
        return location;
    }

    public DataSource dataSource() {
        return pool;
    }

    public Sql sql() {
        return sql;
    }

    public SiteRepository sites() {
        return new SiteRepository(sql);
    }

    public HostRepository hosts() {
        return new HostRepository(sql);
    }

    public VmRepository vms() {
        return new VmRepository(sql);
    }

    public LoadBalancerRepository loadBalancers() {
        return new LoadBalancerRepository(sql);
    }

    public DatabaseNodeRepository databases() {
        return new DatabaseNodeRepository(sql);
    }

    public JobRepository jobs() {
        return new JobRepository(sql);
    }

    public ChangeRepository changes() {
        return new ChangeRepository(sql);
    }

    public AuditRepository audit() {
        return new AuditRepository(sql);
    }

    public SettingsRepository settings() {
        return new SettingsRepository(sql);
    }

    @Override
    public void close() {
        pool.dispose();
    }
}
