package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.clusterdeck.testing.ChildJvm;
import org.clusterdeck.testing.RealParts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopologyCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        String[] full = new String[args.length + 2];
        full[0] = "--data-dir";
        full[1] = dir.resolve("data").toString();
        System.arraycopy(args, 0, full, 2, args.length);
        return Cli.run(full, Map.of(), new PrintWriter(out), new PrintWriter(err));
    }

    @Test
    void exportWritesAPngOfTheDemoLabWithoutADisplay() throws Exception {
        Path png = dir.resolve("demo.png");
        assertThat(run("topology", "export", "--site", "Demo lab", "--format", "png", "--out", png.toString()))
                .as(err.toString()).isZero();
        assertThat(ImageIO.read(png.toFile()).getWidth()).isGreaterThan(800);
        assertThat(out.toString()).contains("Wrote PNG of site Demo lab", "3 hosts");
    }

    @Test
    void exportTakesTheFormatFromTheFileName() throws Exception {
        Path svg = dir.resolve("demo.svg");
        assertThat(run("topology", "export", "--site", "Demo lab", "--out", svg.toString())).as(err.toString()).isZero();
        assertThat(DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile())
                .getDocumentElement().getTagName()).isEqualTo("svg");
    }

    @Test
    void unknownSiteFailsListingTheKnownSites() {
        assertThat(run("topology", "export", "--site", "Nowhere", "--format", "svg", "--out",
                dir.resolve("x.svg").toString())).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("No site named 'Nowhere'", "Demo lab");
        assertThat(Files.exists(dir.resolve("x.svg"))).isFalse();
    }

    @Test
    void badFormatIsAUsageErrorNamingTheChoices() {
        assertThat(run("topology", "export", "--site", "Demo lab", "--format", "gif", "--out",
                dir.resolve("x.gif").toString())).isEqualTo(Cli.USAGE);
        assertThat(err.toString()).contains("Unknown format 'gif'", "png or svg");
    }

    @Test
    void missingFolderFailsNamingIt() {
        Path target = dir.resolve("missing").resolve("x.png");
        assertThat(run("topology", "export", "--site", "Demo lab", "--out", target.toString())).isEqualTo(Cli.FAILED);
        assertThat(err.toString()).contains("missing", "does not exist");
    }

    @Test
    void unwritableFolderFailsNamingIt() throws Exception {
        Path ro = Files.createDirectory(dir.resolve("readonly"));
        Files.setPosixFilePermissions(ro, java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
        // root writes anywhere; without the capabilities that allow it, root is just the owner.
        // So the command runs in a second JVM, as this user minus those capabilities.
        java.util.List<String> prefix = RealParts.isRoot()
                ? java.util.List.of("setpriv", "--bounding-set=-dac_override,-dac_read_search") : java.util.List.of();
        ChildJvm.Result r = ChildJvm.start(prefix, System.getProperty("java.class.path"), org.clusterdeck.Main.class,
                "--data-dir", dir.resolve("data").toString(), "topology", "export", "--site", "Demo lab",
                "--out", ro.resolve("x.svg").toString()).finish();
        assertThat(r.exitCode()).as(r.output()).isEqualTo(Cli.FAILED);
        assertThat(r.output()).contains("not writable");
        assertThat(ro.resolve("x.svg")).doesNotExist();
    }
}
