package org.clusterdeck.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.model.Backend;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

public class StoreTest {
    @TempDir
    Path dir;

    @Test
    void repositoriesRoundTripEveryAggregateInMemory() {
        try (Store store = Store.inMemory("roundtrip")) {
            Site site = store.sites().insert("Shop", SiteKind.REAL, "two racks");
            Host host = store.hosts().insert(new Host(0, site.id(), "kvm1", "10.0.0.5", 2222, "admin", null,
                    "qemu:///system", "hypervisor", "rack 1", "EPYC", 32, 131072L, 1024L));
            Vm web = store.vms().insert(new Vm(0, host.id(), "web1", "uuid-1", VmState.RUNNING, 4, 8192, 40, "web",
                    "10.0.0.10", true, null));
            LoadBalancer lb = store.loadBalancers().insert(new LoadBalancer(0, site.id(), "front", web.id(), 80,
                    "shop.example", "least_conn", null,
                    List.of(new Backend(0, 0, web.id(), "10.0.0.10", 8080, 5, 3, 30, false))));
            DatabaseNode primary = store.databases().insert(new DatabaseNode(0, site.id(), "db1", "mysql", "8.0",
                    "primary", null, 3306, null));
            store.databases().insert(new DatabaseNode(0, site.id(), "db2", "mysql", "8.0", "replica", null, 3306,
                    primary.id()));

            assertThat(store.hosts().findByName("kvm1")).contains(host);
            assertThat(store.vms().findByHost(host.id())).containsExactly(web);
            LoadBalancer loaded = store.loadBalancers().findByName("front").orElseThrow();
            assertThat(loaded.algorithm()).isEqualTo("least_conn");
            assertThat(loaded.backends()).singleElement().satisfies(b -> {
                assertThat(b.weight()).isEqualTo(5);
                assertThat(b.maxFails()).isEqualTo(3);
                assertThat(b.lbId()).isEqualTo(lb.id());
            });
            assertThat(store.databases().findByName("db2").orElseThrow().replicationSourceId()).isEqualTo(primary.id());

            store.vms().updateState(web.id(), VmState.PAUSED);
            assertThat(store.vms().findById(web.id()).orElseThrow().state()).isEqualTo(VmState.PAUSED);
            assertThat(store.hosts().delete(host.id())).isTrue();
            assertThat(store.vms().count()).as("VMs go with their host").isZero();
        }
    }

    @Test
    void duplicateHostNameIsRefused() {
        try (Store store = Store.inMemory("dup")) {
            Site site = store.sites().insert("S", SiteKind.REAL, null);
            store.hosts().insert(Host.draft(site.id(), "a", "10.0.0.1"));
            assertThatThrownBy(() -> store.hosts().insert(Host.draft(site.id(), "a", "10.0.0.2")))
                    .isInstanceOf(DuplicateException.class);
        }
    }

    @Test
    void fileDatabaseKeepsDataAcrossRestart() {
        try (Store store = Store.open(dir)) {
            assertThat(DemoInventory.seedIfEmpty(store)).isTrue();
            store.settings().put("ui.theme", "dark");
        }
        try (Store store = Store.open(dir)) {
            assertThat(DemoInventory.seedIfEmpty(store)).as("seeded once only").isFalse();
            assertThat(store.hosts().findAll()).extracting(Host::name).containsExactly("pve1", "pve2", "pve3");
            assertThat(store.settings().get("ui.theme")).contains("dark");
            assertThat(store.schemaVersion()).isNotEqualTo("none");
        }
        assertThat(dir.resolve("clusterdeck.mv.db")).exists();
    }

    /** The newest V&lt;n&gt;__*.sql file's version ("5_1" reads "5.1"), listed from the migrations folder. */
    public static String newestMigration() {
        try (var files = Files.list(Path.of("src/main/resources/db/migration"))) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9_]+__.*\\.sql"))
                    .map(n -> org.flywaydb.core.api.MigrationVersion.fromVersion(n.substring(1, n.indexOf("__")).replace('_', '.')))
                    .max(org.flywaydb.core.api.MigrationVersion::compareTo).orElseThrow().getVersion();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void theNewestMigrationIsTheOneAnExistingDatabaseIsCheckedAgainst() {
        assertThat(Store.NEWEST_MIGRATION).as("Store.NEWEST_MIGRATION after adding a migration").isEqualTo(newestMigration());
        try (Store store = Store.open(dir)) {
            assertThat(store.schemaVersion()).isEqualTo(Store.NEWEST_MIGRATION);
        }
        try (Store store = Store.open(dir)) { // the second open skips Flyway and finds everything
            assertThat(store.schemaVersion()).isEqualTo(Store.NEWEST_MIGRATION);
            assertThat(store.hosts().findAll()).isEmpty();
        }
    }

    @Test
    void demoLabHasTheSourceClusterShape() {
        try (Store store = Store.inMemory("demo")) {
            DemoInventory.seedIfEmpty(store);
            Site demo = store.sites().findByName(DemoInventory.SITE_NAME).orElseThrow();
            assertThat(demo.isDemo()).isTrue();
            assertThat(store.hosts().findAll()).hasSize(3).allSatisfy(h -> {
                assertThat(h.cpuModel()).isEqualTo("Intel Xeon Gold 6338");
                assertThat(h.memoryMib()).isEqualTo(512L * 1024);
                assertThat(h.diskGib()).isEqualTo(2048L);
            });
            LoadBalancer lb = store.loadBalancers().findAll().get(0);
            assertThat(lb.algorithm()).isEqualTo("least_conn");
            assertThat(lb.backends()).extracting(Backend::weight).containsExactly(5, 3);
            assertThat(store.databases().findAll()).extracting(DatabaseNode::role).containsExactly("primary", "replica");
            assertThat(store.vms().findAll()).extracting(Vm::role).contains("app", "web", "db", "lb");
        }
    }

    @Test
    void newerSchemaIsRefusedAndLeftUntouched() throws Exception {
        try (Store store = Store.open(dir)) {
            store.sql().update("INSERT INTO \"flyway_schema_history\"(\"installed_rank\", \"version\", \"description\", "
                    + "\"type\", \"script\", \"checksum\", \"installed_by\", \"execution_time\", \"success\") "
                    + "VALUES (999, '999', 'from the future', 'SQL', 'V999__future.sql', 0, 'sa', 1, TRUE)");
        }
        assertThatThrownBy(() -> Store.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(dir.resolve("clusterdeck.mv.db").toString())
                .hasMessageContaining("newer than this ClusterDeck")
                .hasMessageContaining("left untouched");
        try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("clusterdeck"), "sa",
                Files.readString(dir.resolve(DatabaseSecret.FILE)).strip());
             var rs = c.createStatement().executeQuery(
                     "SELECT COUNT(*), MAX(\"installed_rank\") FROM \"flyway_schema_history\"")) {
            rs.next();
            assertThat(rs.getInt(2)).as("nothing migrated after the refusal").isEqualTo(999);
        }
    }

    @Test
    void foreignFileIsReportedNotOverwritten() throws Exception {
        Path file = dir.resolve("clusterdeck.mv.db");
        Files.writeString(file, "this is not a database, it is someone's notes");
        assertThatThrownBy(() -> Store.open(dir))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining(file.toString());
        assertThat(Files.readString(file)).isEqualTo("this is not a database, it is someone's notes");
    }

    @Test
    void dataDirectoryIsUncreatableGivesTheReason() throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        assertThatThrownBy(() -> Store.open(blocker.resolve("sub")))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("Cannot create the data directory")
                .hasMessageContaining("--data-dir");
    }
}
