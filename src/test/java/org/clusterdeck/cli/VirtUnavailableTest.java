package org.clusterdeck.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;
import org.clusterdeck.virt.LibvirtNative;
import org.clusterdeck.virt.VirtService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without the libvirt library, VM commands name the package to install and everything else still works. */
class VirtUnavailableTest {
    @TempDir
    Path dataDir;

    @AfterEach
    void restore() {
        System.clearProperty(LibvirtNative.PRETEND_MISSING);
    }

    private String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] full = new String[args.length + 2];
        full[0] = "--data-dir";
        full[1] = dataDir.toString();
        System.arraycopy(args, 0, full, 2, args.length);
        int code = Cli.run(full, Map.of(), new PrintWriter(out), new PrintWriter(err));
        return new String[]{String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void vmCommandsNameTheMissingPackageAndTheRestWorks() {
        System.setProperty(LibvirtNative.PRETEND_MISSING, "true");

        assertThat(VirtService.unavailable()).get().asString().contains("libvirt0");
        String[] start = run("vm", "start", "web1");
        assertThat(start[0]).isEqualTo("1");
        assertThat(start[2]).contains("apt install libvirt0").doesNotContain("Exception");
        String[] sync = run("hosts", "sync");
        assertThat(sync[2]).contains("libvirt0");
        String[] hosts = run("hosts", "list");
        assertThat(hosts[0]).isEqualTo("0");
        assertThat(hosts[1]).contains("pve1");
        assertThat(run("vm", "list")[1]).contains("web1");
    }
}
