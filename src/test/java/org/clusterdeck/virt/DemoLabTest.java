package org.clusterdeck.virt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.model.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo lab's node files, generated and shipped, as libvirt's test driver reads them. */
class DemoLabTest {
    @TempDir
    Path dataDir;

    @Test
    void shippedExampleNodeFilesOpenInTheTestDriverWithTheSourcesCluster() {
        VirtTestSupport.assumeLibvirt();
        Path dir = Path.of("app/demo-lab").toAbsolutePath();
        try (Hypervisor pve1 = LibvirtHypervisor.open("test://" + dir.resolve("pve1.xml"));
             Hypervisor pve2 = LibvirtHypervisor.open("test://" + dir.resolve("pve2.xml"))) {
            assertThat(pve1.node().cpuModel()).isEqualTo("Intel Xeon Gold 6338");
            assertThat(pve1.node().cpus()).isEqualTo(64);
            assertThat(pve1.node().memoryKib()).isEqualTo(512L * 1024 * 1024);
            assertThat(pve1.domains()).extracting(DomainDetails::name).containsExactlyInAnyOrder("lb1", "web1", "app1");
            assertThat(pve2.domains()).extracting(DomainDetails::name).containsExactlyInAnyOrder("web2", "db-primary");
            assertThat(pve2.domain("db-primary").orElseThrow().vcpus()).isEqualTo(8);
            assertThat(pve1.networks()).extracting("name").containsExactlyInAnyOrder("default", "vmbr0");
            assertThat(pve1.pools().get(0).volumes()).extracting("name").contains(DemoLab.ISO, DemoLab.CLOUD_IMAGE);
        }
    }

    @Test
    void nodeFileCarriesEachVmsStateAndIsWrittenUnderTheDataDirectory() throws Exception {
        try (VirtTestSupport t = VirtTestSupport.demo(dataDir)) {
            Host pve3 = t.store.hosts().findByName("pve3").orElseThrow();
            var app2 = t.store.vms().findByHostAndName(pve3.id(), "app2").orElseThrow();
            t.store.vms().updateState(app2.id(), org.clusterdeck.model.VmState.PAUSED);

            String uri = t.virt.demoLab().writeNodeFile(t.store, pve3);

            assertThat(uri).isEqualTo("test://" + dataDir.resolve("demo-lab/pve3.xml").toAbsolutePath());
            assertThat(Files.readString(dataDir.resolve("demo-lab/pve3.xml"))).contains("<test:runstate>3</test:runstate>");
            try (Hypervisor h = LibvirtHypervisor.open(uri)) {
                assertThat(h.domain("app2").orElseThrow().state()).isEqualTo(RunState.PAUSED);
                assertThat(h.domain("db-replica").orElseThrow().state()).isEqualTo(RunState.RUNNING);
                assertThat(h.domains()).hasSize(2);
                assertThat(List.of(h.guestDomainTypes().get(0))).containsExactly("test");
            }
            t.store.close();
        }
    }
}
