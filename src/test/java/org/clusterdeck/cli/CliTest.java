package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.clusterdeck.job.JobRunner;
import org.clusterdeck.store.Store;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
    @TempDir
    Path dir;

    record Run(int code, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--data-dir", dir.toString()));
        all.addAll(List.of(args));
        int code = Cli.run(all.toArray(String[]::new), Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpAndVersion() {
        Run help = run("--help");
        assertThat(help.code()).isZero();
        assertThat(help.out()).contains("hosts", "jobs", "db", "--data-dir");
        Run version = run("--version");
        assertThat(version.code()).isZero();
        assertThat(version.out()).startsWith("ClusterDeck ");
    }

    @Test
    void hostsListShowsTheDemoLabOnAFreshDataDirectory() {
        Run r = run("hosts", "list");
        assertThat(r.code()).isZero();
        assertThat(r.out().lines().findFirst().orElseThrow()).contains("NAME", "SITE", "ADDRESS", "SSH PORT");
        assertThat(r.out()).contains("pve1", "pve2", "pve3", "Demo lab", "192.168.1.100");
    }

    @Test
    void jsonListingUsesTheTableColumnNames() throws Exception {
        JsonNode hosts = new ObjectMapper().readTree(run("hosts", "list", "--json").out());
        assertThat(hosts.isArray()).isTrue();
        assertThat(hosts).hasSize(3);
        JsonNode first = hosts.get(0);
        assertThat(first.get("name").asText()).isEqualTo("pve1");
        assertThat(first.get("sshPort").asInt()).isEqualTo(22);
        List<String> fields = new ArrayList<>();
        first.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "site", "address", "sshPort", "sshUser", "libvirtUri", "role", "vms");
    }

    @Test
    void addShowAndRemoveAHost() throws Exception {
        Path key = Files.writeString(dir.resolve("id_ed25519"), "key");
        Run add = run("hosts", "add", "kvm1", "--address", "10.0.0.5", "--port", "2222", "--user", "admin",
                "--key", key.toString(), "--libvirt", "qemu+ssh://admin@10.0.0.5/system", "--site", "Shop");
        assertThat(add.err()).isEmpty();
        assertThat(add.code()).isZero();
        JsonNode shown = new ObjectMapper().readTree(run("hosts", "show", "kvm1", "--json").out());
        assertThat(shown.get("sshPort").asInt()).isEqualTo(2222);
        assertThat(shown.get("site").asText()).isEqualTo("Shop");
        assertThat(shown.get("libvirtUri").asText()).isEqualTo("qemu+ssh://admin@10.0.0.5/system");
        assertThat(run("hosts", "remove", "kvm1").code()).isZero();
        Run gone = run("hosts", "show", "kvm1");
        assertThat(gone.code()).isEqualTo(Cli.FAILED);
        assertThat(gone.err()).contains("No host named 'kvm1'");
        try (Store store = Store.open(dir)) {
            assertThat(store.audit().findByTarget("host", "kvm1")).extracting(e -> e.action())
                    .containsExactly("host.add", "host.remove");
        }
    }

    @Test
    void badValuesAreRefusedWithOneLinePerProblemAndNothingSaved() {
        Run r = run("hosts", "add", "web;1", "--address", "1.2.3.400", "--port", "70000");
        assertThat(r.code()).isEqualTo(Cli.FAILED);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("clusterdeck: 3 problems:");
        assertThat(lines.subList(1, 4)).satisfiesExactly(
                l -> assertThat(l).startsWith("  name:"),
                l -> assertThat(l).startsWith("  address:"),
                l -> assertThat(l).startsWith("  port:").contains("1 to 65535"));
        assertThat(r.err()).doesNotContain("Exception", ".;");
        assertThat(run("hosts", "list").out()).doesNotContain("web;1");
    }

    @Test
    void duplicateNameIsRefused() {
        Run r = run("hosts", "add", "pve1", "--address", "10.0.0.9");
        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("already exists");
    }

    @Test
    void missingKeyFileIsNamed() {
        Run r = run("hosts", "add", "kvm2", "--address", "10.0.0.6", "--key", dir.resolve("nope").toString());
        assertThat(r.code()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).contains("key:", "No file at");
    }

    @Test
    void usageErrorsExitTwoWithAHint() {
        Run missing = run("hosts", "add", "kvm3");
        assertThat(missing.code()).isEqualTo(Cli.USAGE);
        assertThat(missing.err()).contains("--address").contains("--help");
        Run unknown = run("hosts", "frobnicate");
        assertThat(unknown.code()).isEqualTo(Cli.USAGE);
        Run badNumber = run("jobs", "show", "abc");
        assertThat(badNumber.code()).isEqualTo(Cli.USAGE);
        assertThat(badNumber.err()).contains("abc");
    }

    @Test
    void jobsListAndShowIncludeTheLog() throws Exception {
        try (Store store = Store.open(dir); JobRunner runner = new JobRunner(store.jobs(), 1)) {
            runner.submit("Sync", "pve1", ctx -> {
                ctx.log("read 3 domains");
                return null;
            }).result().get();
            runner.submit("Apply", "pve2", ctx -> {
                throw new IllegalStateException("sysctl refused net.core.somaxconn");
            }).result().exceptionally(e -> null).get();
        }
        Run list = run("jobs", "list");
        assertThat(list.out()).contains("Sync", "succeeded", "Apply", "failed", "sysctl refused");
        JsonNode jobs = new ObjectMapper().readTree(run("jobs", "list", "--json").out());
        assertThat(jobs.get(0).get("name").asText()).isEqualTo("Apply");
        Run show = run("jobs", "show", String.valueOf(jobs.get(1).get("id").asLong()));
        assertThat(show.out()).contains("read 3 domains", "succeeded");
        assertThat(run("jobs", "show", "999").err()).contains("No job #999");
        assertThat(run("jobs", "list", "--limit", "0").code()).isEqualTo(Cli.USAGE);
    }

    @Test
    void dbInfoGivesPathSchemaAndCounts() throws Exception {
        JsonNode info = new ObjectMapper().readTree(run("db", "info", "--json").out());
        assertThat(info.get("path").asText()).isEqualTo(dir.resolve("clusterdeck.mv.db").toString());
        assertThat(info.get("schemaVersion").asText()).isNotEqualTo("none");
        assertThat(info.get("rows").get("hosts").asInt()).isEqualTo(3);
        assertThat(info.get("rows").get("vms").asInt()).isEqualTo(7);
    }

    @Test
    void unusableDataDirectoryIsOneClearLine() throws Exception {
        Path file = Files.writeString(dir.resolve("plainfile"), "x");
        StringWriter err = new StringWriter();
        int code = Cli.run(new String[] {"--data-dir", file.resolve("sub").toString(), "hosts", "list"}, Map.of(),
                new PrintWriter(new StringWriter()), new PrintWriter(err));
        assertThat(code).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).startsWith("clusterdeck: Cannot create the data directory").contains("--data-dir");
    }

    @Test
    void environmentVariableChoosesTheDataDirectory() {
        StringWriter out = new StringWriter();
        Cli.run(new String[] {"db", "info"}, Map.of("CLUSTERDECK_DATA", dir.resolve("env").toString()),
                new PrintWriter(out), new PrintWriter(new StringWriter()));
        assertThat(out.toString()).contains(dir.resolve("env").resolve("clusterdeck.mv.db").toString());
    }
}
