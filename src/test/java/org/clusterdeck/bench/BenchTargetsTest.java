package org.clusterdeck.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.clusterdeck.model.LoadBalancer;
import org.clusterdeck.model.Site;
import org.clusterdeck.model.SiteKind;
import org.clusterdeck.model.Vm;
import org.clusterdeck.model.VmState;
import org.junit.jupiter.api.Test;

class BenchTargetsTest {
    private static final Vm LB_VM = new Vm(7, 1, "lb1", null, VmState.RUNNING, 1, 512, 5, "lb", "10.213.1.11", false, null);
    private static final LoadBalancer LB = new LoadBalancer(3, 1, "frontend", 7L, 8080, null, "least_conn", null, List.of());

    @Test
    void loadBalancerUrlUsesItsVmAddressAndListenPort() {
        assertThat(BenchTargets.urlFor(new Site(1, "Local lab", SiteKind.LAB, null), LB, LB_VM))
                .isEqualTo("http://10.213.1.11:8080/");
    }

    @Test
    void demoLabNodesAreNeverTargets() {
        Site demo = new Site(2, "Demo lab", SiteKind.DEMO, null);
        assertThatThrownBy(() -> BenchTargets.urlFor(demo, LB, LB_VM)).isInstanceOf(BenchmarkException.class)
                .hasMessageContaining("demo lab").hasMessageContaining("sends no load");
        assertThatThrownBy(() -> BenchTargets.urlFor(demo, LB_VM)).hasMessageContaining("demo lab");
    }
}
