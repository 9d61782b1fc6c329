package org.clusterdeck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.testing.ChildJvm;
import org.clusterdeck.testing.RealParts;
import org.h2.api.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The database stays its owner's: loopback-only server, a password file, private modes. */
class StorePrivacyTest {
    @TempDir
    Path tmp;

    @Test
    void newDataDirectoryIsMadePrivate() throws Exception {
        Path data = tmp.resolve("fresh").resolve("data");
        try (Store store = Store.open(data)) {
            store.sites().count();
            assertThat(mode(data)).isEqualTo("rwx------");
            for (String name : List.of("clusterdeck.mv.db", "clusterdeck.lock.db", DatabaseSecret.FILE)) {
                assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------");
            }
        }
        assertThat(Files.readString(data.resolve(DatabaseSecret.FILE)).strip()).matches("[0-9a-f]{64}");
    }

    @Test
    void looserDirectoryIsRefusedWithTheChmodThatFixesIt() throws Exception {
        Path data = Files.createDirectory(tmp.resolve("open"), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        assertThatThrownBy(() -> Store.open(data)).isInstanceOf(StoreException.class)
                .hasMessageContaining(data + " has mode 755")
                .hasMessageContaining("chmod 700 '" + data + "'");
        assertThat(data.resolve("clusterdeck.mv.db")).as("nothing created in a refused directory").doesNotExist();
    }

    @Test
    void looserFilesAreRefusedWithTheChmodThatFixesThem() throws Exception {
        Path data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            store.sites().count();
        }
        for (String name : List.of(DatabaseSecret.FILE, "clusterdeck.mv.db")) {
            Path file = data.resolve(name);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
            assertThatThrownBy(() -> Store.open(data)).isInstanceOf(StoreException.class)
                    .hasMessageContaining(file + " has mode 644")
                    .hasMessageContaining("chmod 600 '" + file + "'");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
        try (Store store = Store.open(data)) {
            assertThat(store.sites().count()).as("opens again once fixed").isZero();
        }
    }

    @Test
    void databaseMadeTheOldWayIsRefusedUntilChmodThenMigratedToThePassword() throws Exception {
        // the old way: a 755 directory, a 644 database, user sa with an empty password
        Path data = tmp.resolve("old");
        String url = "jdbc:h2:file:" + data.resolve(Store.DB_NAME);
        makeTheOldWay(data, "Before");
        Path db = data.resolve("clusterdeck.mv.db");
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(db, PosixFilePermissions.fromString("rw-r--r--"));
        assertThatThrownBy(() -> Store.open(data)).isInstanceOf(StoreException.class)
                .hasMessageContaining("Run: chmod 700 '" + data + "' && chmod 600 '" + db + "'");
        assertThat(data.resolve(DatabaseSecret.FILE)).doesNotExist();
        Process chmod = new ProcessBuilder("sh", "-c", "chmod 700 '" + data + "' && chmod 600 '" + db + "'").start();
        assertThat(chmod.waitFor()).isZero();

        try (Store store = Store.open(data)) {
            assertThat(store.sites().findByName("Before")).as("data kept").isPresent();
            store.sites().insert("After", SiteKind.REAL, null);
        }
        String secret = Files.readString(data.resolve(DatabaseSecret.FILE)).strip();
        assertThat(mode(data.resolve(DatabaseSecret.FILE))).isEqualTo("rw-------");
        assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close())
                .isInstanceOfSatisfying(SQLException.class,
                        e -> assertThat(e.getErrorCode()).isEqualTo(ErrorCode.WRONG_USER_OR_PASSWORD));
        try (var c = DriverManager.getConnection(url, "sa", secret)) {
            assertThat(c.isValid(1)).isTrue();
        }
        try (Store store = Store.open(data)) {
            assertThat(store.sites().findByName("After")).isPresent();
        }
    }

    @Test
    void crashBetweenWritingTheSecretAndSettingItIsRecovered() throws Exception {
        Path data = tmp.resolve("half");
        makeTheOldWay(data, "Before");
        Files.setPosixFilePermissions(data.resolve("clusterdeck.mv.db"), PosixFilePermissions.fromString("rw-------"));
        DatabaseSecret.create(data); // the secret was written, the database still has the empty password
        try (Store store = Store.open(data)) {
            assertThat(store.sites().findByName("Before")).isPresent();
        }
        String secret = Files.readString(data.resolve(DatabaseSecret.FILE)).strip();
        try (var c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve(Store.DB_NAME), "sa", secret)) {
            assertThat(c.isValid(1)).as("the new password now opens it").isTrue();
        }
    }

    @Test
    void autoServerListensOnLoopbackOnly() throws Exception {
        Path data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            store.sites().count();
            Properties lock = lockFile(data);
            String server = lock.getProperty("server");
            assertThat(server).as("address in the lock file").matches("(localhost|127\\.0\\.0\\.1):[0-9]+");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            List<String> listeners = listenersOn(port);
            assertThat(listeners).as("sockets listening on port " + port).isNotEmpty()
                    .allSatisfy(local -> assertThat(local).isIn(Store.BIND_ADDRESS + ":" + port,
                            "[::ffff:" + Store.BIND_ADDRESS + "]:" + port));
        }
    }

    @Test
    void anotherLocalUserCannotReadTheLockFileNorLogIn() throws Exception {
        RealParts.require(RealParts.isRoot(), "the attack from another user (nobody) needs root to switch user");
        Path data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            store.sites().count();
            Properties lock = lockFile(data);
            String url = "jdbc:h2:tcp://" + lock.getProperty("server") + "/" + lock.getProperty("id");
            ChildJvm.Result r = runAsNobody(H2AttackProbe.class,
                    data.resolve(Store.DB_NAME + ".lock.db").toString(), url).finish();
            assertThat(r.output()).as("probe output").contains("LOCK DENIED AccessDeniedException")
                    .doesNotContain("LOCK READ").doesNotContain("LOGIN OK").doesNotContain("FILE_READ")
                    .contains("LOGIN REFUSED " + ErrorCode.WRONG_USER_OR_PASSWORD);
            assertThat(r.exitCode()).isZero();
        }
    }

    @Test
    void twoJvmsShareTheDatabaseEitherWayRound() {
        Path data = tmp.resolve("shared");
        // the child serves, this JVM connects through its TCP server
        try (ChildJvm child = ChildJvm.start(StoreChild.class, "serve", data.toString(), "FromChild")) {
            child.awaitLine("READY");
            try (Store store = Store.open(data)) {
                assertThat(store.sites().findByName("FromChild")).isPresent();
                store.sites().insert("FromParent", SiteKind.REAL, null);
            }
            child.send("FromParent");
            ChildJvm.Result r = child.finish();
            assertThat(r.output()).contains("SAW FromParent");
            assertThat(r.exitCode()).isZero();
        }
        // this JVM serves, the child connects
        try (Store store = Store.open(data)) {
            Site mine = store.sites().insert("ParentServes", SiteKind.REAL, null);
            try (ChildJvm child = ChildJvm.start(StoreChild.class, "write", data.toString(), "ChildWrote", mine.name())) {
                ChildJvm.Result r = child.finish();
                assertThat(r.output()).contains("SAW ParentServes").contains("DONE");
                assertThat(r.exitCode()).isZero();
            }
            assertThat(store.sites().findByName("ChildWrote")).isPresent();
        }
    }

    @Test
    void unreadableDatabaseNamesThePath() throws Exception {
        Path data = tmp.resolve("data");
        try (Store store = Store.open(data)) {
            store.sites().count();
        }
        Path file = data.resolve("clusterdeck.mv.db");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        // root reads any file; without the capabilities that allow it, root is just the owner
        List<String> prefix = RealParts.isRoot()
                ? List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : List.of();
        ChildJvm.Result r = ChildJvm.start(prefix, System.getProperty("java.class.path"), StoreChild.class,
                "open", data.toString()).finish();
        assertThat(r.output()).contains("FAILED: ").contains(file.toString()).contains("not readable");
    }

    /**
     * A database with ClusterDeck's schema and one site, as versions before the password left it:
     * user sa with an empty password, no db.secret, the umask's modes.
     */
    static void makeTheOldWay(Path data, String site) throws Exception {
        try (Store store = Store.open(data)) {
            store.sites().insert(site, SiteKind.REAL, null);
        }
        String secret = Files.readString(data.resolve(DatabaseSecret.FILE)).strip();
        try (var c = DriverManager.getConnection("jdbc:h2:file:" + data.resolve(Store.DB_NAME), "sa", secret)) {
            c.createStatement().execute("ALTER USER SA SET PASSWORD ''");
        }
        Files.delete(data.resolve(DatabaseSecret.FILE));
        Files.setPosixFilePermissions(data.resolve("clusterdeck.mv.db"), PosixFilePermissions.fromString("rw-r--r--"));
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    static Properties lockFile(Path data) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(data.resolve(Store.DB_NAME + ".lock.db"))) {
            p.load(r);
        }
        return p;
    }

    /** Local addresses of TCP sockets listening on {@code port}, from {@code ss}. */
    static List<String> listenersOn(int port) throws Exception {
        Process ss = new ProcessBuilder("ss", "-Hltn", "sport = :" + port).redirectErrorStream(true).start();
        String out = new String(ss.getInputStream().readAllBytes());
        assertThat(ss.waitFor()).as("ss: " + out).isZero();
        List<String> locals = new ArrayList<>();
        for (String line : out.strip().split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 4) {
                locals.add(f[3]);
            }
        }
        return locals;
    }

    /**
     * Runs {@code main} as nobody with a class path that user can read: H2's jar and the probe
     * class copied to a world-readable folder (the build's own folders may sit under /root).
     */
    private ChildJvm runAsNobody(Class<?> main, String... args) throws Exception {
        Path cp = Files.createDirectory(tmp.resolve("nobody-cp"));
        Path h2 = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Files.copy(h2, cp.resolve("h2.jar"));
        String classFile = main.getName().replace('.', '/') + ".class";
        Path target = cp.resolve("classes").resolve(classFile);
        Files.createDirectories(target.getParent());
        try (var in = main.getClassLoader().getResourceAsStream(classFile)) {
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        try (var walk = Files.walk(tmp.resolve("nobody-cp"))) {
            for (Path p : walk.toList()) {
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString(Files.isDirectory(p) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx--x--x"));
        return ChildJvm.start(List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"),
                cp.resolve("h2.jar") + ":" + cp.resolve("classes"), main, args);
    }
}
