package org.clusterdeck.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without root the lab refuses before touching anything, and says why and what to do. */
class LabPreflightTest {
    @Test
    void withoutRootTheLabRefusesWithTheReasonAndTheFix() {
        assertThat(LabPreflight.problems(false)).anyMatch(p -> p.contains("need root") && p.contains("sudo " + org.clusterdeck.text.Invocation.command("lab up")));
        assertThatThrownBy(() -> LabPreflight.require(false))
                .isInstanceOf(LabException.class)
                .hasMessageStartingWith("Cannot run the local lab: ")
                .hasMessageContaining("need root");
    }

    @Test
    void layoutKeepsEveryLabInsideTheSafetyRangeWithShortLinkNames() {
        LabLayout l = new LabLayout(250, java.nio.file.Path.of("/tmp/x"), null);
        assertThat(l.subnet()).isEqualTo("10.213.250.0/24");
        assertThat(l.address(LabLayout.MAX_HOSTS)).isEqualTo("10.213.250.210");
        assertThat(l.veth(LabLayout.MAX_HOSTS).length()).isLessThanOrEqualTo(15);
        assertThat(l.namespace(3)).isEqualTo("cdlab250-h3");
        assertThatThrownBy(() -> new LabLayout(0, java.nio.file.Path.of("/tmp/x"), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
