package org.clusterdeck.benchscripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs every {@code bench/*.sh --check}: the set-up of each benchmark (Maven build and class
 * path with the pinned plugins, the jar, the tools) without the long measurement, so that a
 * script broken on a fresh machine fails CI instead of failing the next person who measures.
 */
class BenchScriptsTest {
    /** Exit code of a script that needs root (lab hosts); anything else non-zero is a failure. */
    private static final int NEEDS_ROOT = 3;

    static Stream<String> scripts() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("bench"))) {
            List<String> names = files.filter(p -> p.toString().endsWith(".sh") && Files.isExecutable(p))
                    .map(p -> p.getFileName().toString()).sorted().toList();
            assertThat(names).as("bench scripts").contains("topology.sh", "http-vs-wrk.sh");
            return names.stream();
        }
    }

    @ParameterizedTest
    @MethodSource("scripts")
    void checkModeSetsUpWithoutMeasuring(String script) throws Exception {
        Path log = Files.createTempFile("bench-check-", ".log");
        try {
            Process p = new ProcessBuilder("bash", "bench/" + script, "--check")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            // generous: a first run on a fresh machine downloads Maven plugins; this only catches a hang
            boolean done = p.waitFor(20, TimeUnit.MINUTES);
            if (!done) {
                p.destroyForcibly();
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            System.out.println("bench/" + script + " --check:\n" + out);
            assertThat(done).as("bench/%s --check finished", script).isTrue();
            if (p.exitValue() == NEEDS_ROOT) {
                RealParts.skip("bench/" + script + " --check needs root (lab hosts are network namespaces)");
            }
            assertThat(p.exitValue()).as("bench/%s --check exit code; it printed:%n%s", script, out).isZero();
            assertThat(out).contains(script + ": check passed");
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
