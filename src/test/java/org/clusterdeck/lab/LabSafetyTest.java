package org.clusterdeck.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lab refuses to start where it could cut a real network off (a covering route) or where root
 * would write lab state through a link or into a directory a user owns.
 */
class LabSafetyTest {
    @TempDir
    Path dir;
    private int index;

    @BeforeEach
    void claim() {
        List<String> problems = LabPreflight.problems();
        if (!problems.isEmpty()) {
            RealParts.skip("LabSafetyTest: " + String.join("; ", problems));
        }
        index = LabExtension.claimIndex();
    }

    @AfterEach
    void release() {
        if (index > 0) {
            LabExtension.releaseIndex(index);
        }
    }

    /**
     * An interface of its own carries a route covering the lab's range, as a VPN's 10.0.0.0/8 would. It is
     * a /12 (10.224-10.239) rather than the whole 10/8 so that other test JVMs' labs, running at the
     * same time in 10.213.0.0/16, are not refused meanwhile.
     */
    @Test
    void coveringRouteIsNamedAndRefusedAndAnotherRangeProceeds() {
        String dummy = "cdtd" + index;
        // a portless bridge: the same as a dummy interface for routing, and this kernel may lack the dummy module
        LocalCommand.check("ip", "link", "add", dummy, "type", "bridge");
        try {
            LocalCommand.check("ip", "link", "set", dummy, "up");
            LocalCommand.check("ip", "route", "add", "10.224.0.0/12", "dev", dummy);
            Lab blocked = new Lab(new LabLayout(index, "t" + index + "-lab").withRange("10.231.0.0/16"));
            assertThatThrownBy(() -> blocked.up(1)).isInstanceOf(LabException.class)
                    .hasMessageContaining("10.224.0.0/12 dev " + dummy)
                    .hasMessageContaining("lab up --range");
            assertThat(LocalCommand.run("ip", "route", "show", "10.231.0.0/16").stdout()).isBlank();
            assertThat(LabNetwork.linkNames()).doesNotContain("cdlab" + index);

            Lab free = new Lab(new LabLayout(index, "t" + index + "-lab").withRange("10.243.0.0/16"));
            try {
                List<LabHost> hosts = free.up(1);
                assertThat(hosts.get(0).address()).isEqualTo("10.243." + index + ".11");
                assertThat(LocalCommand.run("ip", "route", "show", "10.243.0.0/16").stdout()).contains("unreachable");
                // status and down find the range again from the lab's state, whatever layout asks
                assertThat(new Lab(new LabLayout(index, "x")).status().range()).isEqualTo("10.243.0.0/16");
            } finally {
                new Lab(new LabLayout(index, "x")).down();
            }
            assertThat(LocalCommand.run("ip", "route", "show", "10.243.0.0/16").stdout()).isBlank();
        } finally {
            LocalCommand.run("ip", "link", "del", dummy);
        }
    }

    @Test
    void overlapTestSeesCoveringAndCoveredRoutes() {
        LabNetwork.Cidr lab = LabNetwork.Cidr.parse("10.213.0.0/16");
        assertThat(LabNetwork.Cidr.parse("10.0.0.0/8").overlaps(lab)).isTrue();
        assertThat(LabNetwork.Cidr.parse("10.213.7.0/24").overlaps(lab)).isTrue();
        assertThat(LabNetwork.Cidr.parse("10.213.7.9").overlaps(lab)).isTrue();
        assertThat(LabNetwork.Cidr.parse("10.214.0.0/16").overlaps(lab)).isFalse();
        assertThat(LabNetwork.Cidr.parse("192.168.0.0/16").overlaps(lab)).isFalse();
        assertThatThrownBy(() -> LabLayout.checkRange("8.8.0.0/16")).hasMessageContaining("not private");
        assertThatThrownBy(() -> LabLayout.checkRange("10.213.0.0/8")).hasMessageContaining("/16");
    }

    @Test
    void symlinkPlantedWhereLabStateGoesIsRefusedAndNothingIsWrittenThroughIt() throws Exception {
        Path victim = Files.createDirectory(dir.resolve("victim"));
        Path link = Files.createSymbolicLink(dir.resolve("lab" + index), victim);
        Lab lab = new Lab(new LabLayout(index, link, "t" + index + "-lab"));
        assertThatThrownBy(() -> lab.up(1)).isInstanceOf(LabException.class).hasMessageContaining("symbolic link");
        assertThat(victim).isEmptyDirectory();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(LabNetwork.linkNames()).doesNotContain("cdlab" + index);
    }

    @Test
    void labStateInADirectoryAUserOwnsIsRefused() throws Exception {
        Path userDir = Files.createDirectory(dir.resolve("user-owned"));
        LocalCommand.check("chown", "65534:65534", userDir.toString());
        Lab lab = new Lab(new LabLayout(index, userDir.resolve("lab"), "t" + index + "-lab"));
        assertThatThrownBy(() -> lab.up(1)).isInstanceOf(LabException.class).hasMessageContaining("not root");
        assertThat(userDir).isEmptyDirectory();
    }

    @Test
    void pathsThatWouldChangeAMountOptionAreRefused() {
        assertThatThrownBy(() -> LabFiles.plainPath(Path.of("/run/clusterdeck-lab/a,upperdir=/etc")))
                .isInstanceOf(LabException.class).hasMessageContaining("only letters, digits");
        assertThatThrownBy(() -> LabFiles.plainPath(Path.of("/run/x\nPidFile /etc/passwd")))
                .isInstanceOf(LabException.class);
        assertThat(LabFiles.plainPath(Path.of("/run/clusterdeck-lab/lab1/h1/upper"))).isEqualTo("/run/clusterdeck-lab/lab1/h1/upper");
    }
}
