package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clusterdeck.remote.CommandResult;
import org.clusterdeck.remote.RemoteCommand;
import org.clusterdeck.remote.RemoteShell;
import org.junit.jupiter.api.Test;

/**
 * Probe outputs come back under their own names even when a probe prints no final newline
 * (dpkg-query -f does not), runs as one script through this machine's real sh.
 */
class HostFactsTest {
    /** The local sh standing in for a host's: the script itself is what is under test. */
    private static final class LocalSh implements RemoteShell {
        @Override
        public String hostName() {
            return "local";
        }

        @Override
        public CommandResult run(RemoteCommand c) {
            try {
                Process p = new ProcessBuilder(c.argv()).start();
                p.getOutputStream().write(c.stdin().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                return new CommandResult(p.waitFor(), out, "");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void outputsWithoutAFinalNewlineStayUnderTheirOwnNames() {
        Map<String, String> probes = new LinkedHashMap<>();
        probes.put("a", "printf installed");
        probes.put("b", "printf 'two\\nlines\\n'");
        probes.put("c", "echo err >&2; exit 3");
        probes.put("d", "printf ''");
        HostFacts f = HostFacts.gather(new LocalSh(), probes);
        assertThat(f.get("a")).isEqualTo("installed");
        assertThat(f.get("b")).isEqualTo("two\nlines");
        assertThat(f.get("c")).as("stderr is kept, a failing probe does not stop the others").isEqualTo("err");
        assertThat(f.get("d")).isEmpty();
        assertThat(f.all().keySet()).containsExactlyInAnyOrder("a", "b", "c", "d");
        assertThat(f.find("missing")).isEmpty();
        assertThat(List.copyOf(f.all().values())).doesNotContain("installed\n");
    }
}
