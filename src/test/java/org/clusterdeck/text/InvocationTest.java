package org.clusterdeck.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InvocationTest {
    @Test
    void theLauncherRunShAnnouncesWins(@TempDir Path bin) throws Exception {
        Path installed = Files.createFile(bin.resolve("clusterdeck"));
        installed.toFile().setExecutable(true);
        assertThat(Invocation.launcher("./run.sh", bin.toString(), "target/clusterdeck.jar")).isEqualTo("./run.sh");
    }

    @Test
    void anInstalledCommandIsNamedByItsName(@TempDir Path bin) throws Exception {
        Path installed = Files.createFile(bin.resolve("clusterdeck"));
        installed.toFile().setExecutable(true);
        assertThat(Invocation.launcher(null, "/nonexistent:" + bin, "/opt/x/clusterdeck.jar")).isEqualTo("clusterdeck");
    }

    @Test
    void otherwiseJavaDashJarWithThisJar(@TempDir Path empty) {
        assertThat(Invocation.launcher("", empty.toString(), "target/clusterdeck.jar"))
                .isEqualTo("java -jar target/clusterdeck.jar");
        assertThat(Invocation.launcher(null, null, "/home/me/my apps/clusterdeck.jar"))
                .isEqualTo("java -jar '/home/me/my apps/clusterdeck.jar'");
    }

    @Test
    void rootCommandsSaySudoOnlyWhenNotRoot() {
        String hint = Invocation.asRoot("lab up");
        assertThat(hint).endsWith(Invocation.command("lab up"));
        assertThat(hint.startsWith("sudo ")).isEqualTo(!Invocation.isRoot());
    }
}
