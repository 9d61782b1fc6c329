package org.clusterdeck.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.clusterdeck.inventory.InventoryEvents;
import org.clusterdeck.model.DatabaseNode;
import org.clusterdeck.model.Host;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.SshShell;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The source's cluster as lab containers: roles, services, topology; then 'down' leaves nothing behind. */
@ExtendWith(LabExtension.class)
@LabCluster
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LabClusterTest {
    @TempDir
    Path dir;

    @Test
    @Order(1)
    void fiveHostsWithTheirRolesAndServices(LabHosts lab) throws Exception {
        String prefix = "t" + lab.lab().layout().index() + "-";
        assertThat(lab.hosts()).extracting(LabHost::name).containsExactly(prefix + "lb1", prefix + "web1", prefix + "web2",
                prefix + "db1", prefix + "db2");
        assertThat(lab.hosts()).extracting(LabHost::role).containsExactly("lb", "web", "web", "db", "db");
        var client = java.net.http.HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();
        for (LabHost h : lab.hosts()) {
            try (SshShell sh = lab.shell(h.number())) {
                assertThat(sh.run(RemoteCommand.of("hostname")).stdout().strip()).isEqualTo(h.name());
                assertThat(sh.run(RemoteCommand.of("systemctl", "is-active", "ssh", "nginx")).stdout()).isEqualTo("active\nactive\n");
                String db = sh.run(RemoteCommand.of("systemctl", "is-active", "mariadb")).stdout().strip();
                assertThat(db).as(h.name() + " mariadb").isEqualTo(h.role().equals("db") ? "active" : "inactive");
                assertThat(sh.run(RemoteCommand.of("systemctl", "is-active", "postgresql")).stdout().strip()).isNotEqualTo("active");
                if (h.role().equals("db")) {
                    assertThat(sh.run(RemoteCommand.of("mariadb", "-N", "-e", "SELECT 1")).stdout().strip()).isEqualTo("1");
                }
            }
            String route = LocalCommand.check("ip", "route", "get", h.address()).stdout();
            assertThat(route).contains("dev " + lab.lab().layout().bridge() + " ");
            var page = client.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://" + h.address() + "/")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).contains("<h1>" + h.name() + "</h1>", "role " + h.role());
        }
    }

    @Test
    @Order(2)
    void statusShowsStateMemoryAndServicesPerHost(LabHosts lab) {
        Lab.Status status = lab.lab().status();
        assertThat(status.isUp()).isTrue();
        assertThat(status.safetyRoute()).isTrue();
        assertThat(status.hosts()).hasSize(5).allMatch(h -> h.state().equals("running") && h.sshAnswers());
        assertThat(status.hosts()).allMatch(h -> h.memoryBytes() > 1024 * 1024 && h.memoryBytes() < 1024L * 1024 * 1024);
        Map<String, List<String>> services = status.hosts().stream()
                .collect(Collectors.toMap(h -> h.host().role() + h.host().number(), Lab.HostStatus::services));
        assertThat(services.get("db4")).containsExactly("ssh active", "nginx active", "mariadb active");
        assertThat(services.get("lb1")).containsExactly("ssh active", "nginx active");
    }

    @Test
    @Order(3)
    void inventoryGetsTheSourcesTopology(LabHosts lab) {
        try (Store store = Store.inMemory("lab-cluster-topology")) {
            LabInventory inventory = new LabInventory(store, lab.knownHosts(), new InventoryEvents(), "test");
            inventory.register(lab.hosts(), true);
            Site site = store.sites().findByName(LabInventory.SITE_NAME).orElseThrow();
            assertThat(store.hosts().findBySite(site.id())).extracting(Host::role).containsExactlyInAnyOrder("lb", "web", "web", "db", "db");
            List<LoadBalancer> lbs = store.loadBalancers().findBySite(site.id());
            assertThat(lbs).hasSize(1);
            assertThat(lbs.get(0).algorithm()).isEqualTo("least_conn");
            assertThat(lbs.get(0).backends()).extracting(b -> b.address() + " " + b.weight())
                    .containsExactly(lab.host(2).address() + " 5", lab.host(3).address() + " 3");
            List<DatabaseNode> dbs = store.databases().findBySite(site.id());
            DatabaseNode primary = dbs.stream().filter(d -> !d.isReplica()).findFirst().orElseThrow();
            DatabaseNode replica = dbs.stream().filter(DatabaseNode::isReplica).findFirst().orElseThrow();
            assertThat(replica.replicationSourceId()).isEqualTo(primary.id());
            // registering again (lab up run twice) keeps one of each
            inventory.register(lab.hosts(), true);
            assertThat(store.loadBalancers().findBySite(site.id())).hasSize(1);
            assertThat(store.databases().findBySite(site.id())).hasSize(2);
        }
    }

    @Test
    @Order(4)
    void downLeavesNoContainerMountLinkRouteOrState(LabHosts lab) throws Exception {
        LabLayout layout = lab.lab().layout();
        lab.lab().down();
        assertThat(LabCleanup.nspawns(layout)).isEmpty();
        assertThat(LabCleanup.supervisors(layout)).isEmpty();
        assertThat(LabCleanup.mounts(layout)).isEmpty();
        assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(layout.stateDir().toString());
        assertThat(LabNetwork.linkNames()).noneMatch(l -> l.equals(layout.bridge()) || l.startsWith("vb-" + layout.namespacePrefix()));
        assertThat(LocalCommand.run("ip", "route", "show", layout.subnet()).stdout()).isBlank();
        assertThat(Files.exists(layout.stateDir())).isFalse();
        // no process is left in a PID namespace of the lab's
        for (LabHost h : lab.hosts()) {
            assertThat(LabCleanup.leader(layout, h.namespace())).isEmpty();
        }
        lab.lab().down(); // again: nothing to do, no error
    }
}
