package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command of the README's "Command line" block, run as written (through bash, words and
 * quotes as the reader types them) on a fresh data directory, in order: the lab lines included,
 * so it needs root. Only the launcher differs: {@code java -jar target/clusterdeck.jar} runs the
 * classes under test (the jar is built after the tests), and the lab takes a free test lab index.
 */
class ReadmeCommandsTest {
    private static final String LAUNCHER = "java -jar target/clusterdeck.jar";

    @Test
    void everyCommandLineExampleRunsAsWritten(@TempDir Path dir) throws Exception {
        RealParts.require(RealParts.isRoot(), "the README's lab examples need root (network namespaces, containers)");
        List<String> commands = commands(Files.readString(Path.of("README.md")));
        assertThat(commands).as("commands in the README's Command line block").hasSizeGreaterThan(20);

        Path home = Files.createDirectories(dir.resolve("home"));
        Path ssh = Files.createDirectories(home.resolve(".ssh"));
        Files.writeString(ssh.resolve("config"), "Host build1\n  HostName 10.0.0.7\n  User deploy\n  Port 2222\n");
        Files.writeString(ssh.resolve("id_ed25519"), "not a real key: hosts add only records the path\n");
        Path launcher = dir.resolve("clusterdeck-under-test");
        Files.writeString(launcher, "#!/bin/sh\nexec " + ProcessHandle.current().info().command().orElse("java")
                + " -cp '" + System.getProperty("java.class.path") + "' org.clusterdeck.Main \"$@\"\n");
        launcher.toFile().setExecutable(true);
        int labIndex = LabExtension.claimIndex();
        List<String> failures = new ArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 8080), 64);
        server.createContext("/", ex -> {
            byte[] body = "ok\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
        try {
            for (String command : commands) {
                // the test runs as root, where "sudo" changes nothing but would drop the environment set below
                String run = command.replaceFirst("^sudo ", "").replace(LAUNCHER, "'" + launcher + "'");
                ProcessBuilder pb = new ProcessBuilder("bash", "-c", run).directory(dir.toFile());
                pb.environment().put("HOME", home.toString());
                pb.environment().put("CLUSTERDECK_DATA", dir.resolve("data").toString());
                pb.environment().put("CLUSTERDECK_LAB_INDEX", Integer.toString(labIndex));
                pb.redirectErrorStream(true);
                Process p = pb.start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                boolean done = p.waitFor(240, TimeUnit.SECONDS);
                if (!done || p.exitValue() != 0) {
                    p.destroyForcibly();
                    failures.add(command + "\n  -> " + (done ? "exit " + p.exitValue() : "timed out") + ": "
                            + out.strip().replace("\n", "\n     "));
                }
            }
        } finally {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            cleanUpLab(launcher, dir, home, labIndex);
            LabExtension.releaseIndex(labIndex);
        }
        assertThat(failures).as("README commands that fail as written").isEmpty();
        assertThat(dir.resolve("demo.png")).isNotEmptyFile();
        assertThat(dir.resolve("run1.csv")).isNotEmptyFile();
        assertThat(dir.resolve("scan4.html")).isNotEmptyFile();
    }

    /** The lines of the bash block under "## Command line", continuation lines joined, comments kept out. */
    static List<String> commands(String readme) {
        int section = readme.indexOf("\n## Command line");
        int start = readme.indexOf("```bash\n", section) + "```bash\n".length();
        int end = readme.indexOf("\n```", start);
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : readme.substring(start, end).split("\n")) {
            String l = line.replaceFirst("\\s+#\\s.*$", "").strip();
            if (l.endsWith("\\")) {
                current.append(l.substring(0, l.length() - 1).stripTrailing()).append(' ');
                continue;
            }
            current.append(l);
            if (!current.toString().isBlank()) {
                out.add(current.toString().strip());
            }
            current.setLength(0);
        }
        return out;
    }

    /** A failed step must not leave the lab running. */
    private static void cleanUpLab(Path launcher, Path dir, Path home, int index) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "lab", "down").directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("CLUSTERDECK_DATA", dir.resolve("data").toString());
        pb.environment().put("CLUSTERDECK_LAB_INDEX", Integer.toString(index));
        pb.start().waitFor(120, TimeUnit.SECONDS);
    }

    @Test
    void theBlockIsReadLikeAShellReadsIt() {
        String readme = "x\n## Command line\n\n```bash\njava -jar a.jar one   # why\njava -jar a.jar two \\\n     --more\n```\n";
        assertThat(commands(readme)).containsExactly("java -jar a.jar one", "java -jar a.jar two --more");
    }
}
