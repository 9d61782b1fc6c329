package org.clusterdeck.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
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
     * it open at once (H2 AUTO_SERVER): the first serves the others.
     */
    public static Store open(Path dataDir) {
        Path dir = dataDir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(dir);
        } catch (Exception e) {
            throw new StoreException("Cannot create the data directory " + dir + ": " + e.getMessage()
                    + ". Choose another one with --data-dir or CLUSTERDECK_DATA.", e);
        }
        Path file = dir.resolve(DB_NAME + ".mv.db");
        if (Files.exists(file) && !Files.isReadable(file)) {
            throw new StoreException("The database " + file + " is not readable by this user. "
                    + "Fix its permissions or choose another data directory with --data-dir.");
        }
        String url = "jdbc:h2:file:" + dir.resolve(DB_NAME) + ";AUTO_SERVER=TRUE;CACHE_SIZE=16384";
        return openUrl(url, file.toString(), dir);
    }

    /** A private in-memory database, gone when closed. For tests and throw-away runs. */
    public static Store inMemory(String name) {
        return openUrl("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "memory:" + name, null);
    }

    private static Store openUrl(String url, String location, Path directory) {
        JdbcConnectionPool pool = JdbcConnectionPool.create(url, "sa", "");
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
                    "belongs to another program (its credentials differ). It was left untouched; choose another data directory";
            default -> "cannot be opened (" + e.getMessage().lines().findFirst().orElse("") + ")";
        };
        return new StoreException("The database " + location + " " + what + ".", e);
    }

    private void migrate() {
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
