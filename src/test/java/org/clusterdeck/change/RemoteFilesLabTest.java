package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import org.clusterdeck.lab.LabExtension;
import org.clusterdeck.lab.LabHosts;
import org.clusterdeck.lab.LabLayout;
import org.clusterdeck.lab.LabSize;
import org.clusterdeck.remote.SshShell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Atomic remote writes on a real lab host: exact content, owner, group and mode kept, no temporary file left. */
@ExtendWith(LabExtension.class)
@LabSize(1)
class RemoteFilesLabTest {

    @Test
    void writeKeepsOwnerGroupAndModeAndLeavesNoTemporaryFile(LabHosts lab) throws Exception {
        Path dir = LabLayout.netnsEtc(lab.host(1).namespace()).resolve("sysctl.d");
        Path existing = dir.resolve("clusterdeck-files-test.conf");
        Path fresh = dir.resolve("clusterdeck-files-new.conf");
        try (SshShell sh = lab.shell(1)) {
            Files.writeString(existing, "old\n");
            UserPrincipalLookupService users = existing.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(existing, users.lookupPrincipalByName("nobody"));
            Files.getFileAttributeView(existing, java.nio.file.attribute.PosixFileAttributeView.class)
                    .setGroup(users.lookupPrincipalByGroupName("nogroup"));
            Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rw-r-----"));
            RemoteFiles files = new RemoteFiles(sh);
            String remote = "/etc/sysctl.d/clusterdeck-files-test.conf";
            String content = "new ' \" $(x) `y`\n\tno newline at the end";

            assertThat(files.read(remote)).contains("old\n");
            files.write(remote, content);

            assertThat(Files.readString(existing)).isEqualTo(content);
            PosixFileAttributes a = Files.readAttributes(existing, PosixFileAttributes.class);
            assertThat(a.owner().getName()).isEqualTo("nobody");
            assertThat(a.group().getName()).isEqualTo("nogroup");
            assertThat(PosixFilePermissions.toString(a.permissions())).isEqualTo("rw-r-----");
            assertThat(files.matches(remote, content)).isTrue();
            assertThat(files.matches(remote, "old\n")).isFalse();

            assertThat(files.read("/etc/sysctl.d/clusterdeck-files-new.conf")).isEmpty();
            files.write("/etc/sysctl.d/clusterdeck-files-new.conf", "");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh))).isEqualTo("rw-r--r--");
            files.remove("/etc/sysctl.d/clusterdeck-files-new.conf");
            assertThat(fresh).doesNotExist();
            try (var left = Files.list(dir)) {
                assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.contains(".clusterdeck."));
            }
        } finally {
            Files.deleteIfExists(existing);
            Files.deleteIfExists(fresh);
        }
    }
}
