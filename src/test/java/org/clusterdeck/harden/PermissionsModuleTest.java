package org.clusterdeck.harden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.clusterdeck.change.ChangeEngine;
import org.clusterdeck.model.StepKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The permissions step's plan from a walk's output, and its commands run for real by sh on files
 * with hostile names (spaces, quotes, a newline, $(…)): exactly the one bit changes, the undo gives
 * it back, and an undo never follows a symlink swapped in meanwhile.
 */
class PermissionsModuleTest {
    private static final HostContext HOST = new HostContext("lab1", "10.0.0.2", 22, "root", Role.WEB, List.of(), List.of(), List.of(),
            List.of(), List.of("10.0.0.1"));
    private static final String HOSTILE = "/usr/local/bin/a b'$(touch /tmp/pwned)\nsuid /usr/bin/evil\\x";

    private static String walk() {
        return "suid /usr/bin/passwd\n"
                + "suid /usr/lib/mysql/plugin/auth_pam_tool\n"
                + "suid /usr/local/bin/sudo\n"
                + "ww " + HOSTILE.replace("\\", "\\\\").replace("\n", "\\n") + "\n"
                + "wwdirs /etc/drop\n";
    }

    private static StepPlan plan(Map<String, String> options) {
        return new PermissionsModule().plan(HOST, new HostFacts(Map.of("walk", walk())), new HardenOptions(null, options));
    }

    @Test
    void parsesTheWalkWithHostileNamesExactly() {
        PermissionsModule.Found f = PermissionsModule.parse(walk());
        assertThat(f.worldWritableFiles()).containsExactly(HOSTILE);
        assertThat(f.worldWritableDirs()).containsExactly("/etc/drop");
        assertThat(f.suid()).hasSize(3);
        assertThat(f.unexpectedSuid()).containsExactly("/usr/lib/mysql/plugin/auth_pam_tool", "/usr/local/bin/sudo");
    }

    @Test
    void byDefaultWorldWritableGoesAndSuidStaysWithTheReason() {
        StepPlan p = plan(Map.of());
        assertThat(p.skipped()).isFalse();
        assertThat(p.guarded()).isFalse();
        assertThat(p.changes()).hasSize(2).allSatisfy(c -> assertThat(c.kind()).isEqualTo(StepKind.COMMAND));
        assertThat(p.changes().get(0).after()).startsWith("chmod o-w -- '");
        assertThat(p.changes()).extracting(ChangeEngine.Planned::target).allSatisfy(t -> assertThat(t).doesNotContain("\n"));
        assertThat(p.notes()).anySatisfy(n -> assertThat(n).contains("permissions.suid = remove"));
        assertThat(p.settings()).contains("u-s = /usr/local/bin/sudo (kept: permissions.suid = keep)");
    }

    @Test
    void suidRemovedWhenAskedAndNothingToDoIsASkipWithTheReason() {
        StepPlan p = plan(Map.of("permissions.suid", "remove"));
        assertThat(p.changes()).hasSize(4);
        assertThat(p.changes().get(3).after()).isEqualTo("chmod u-s -- /usr/local/bin/sudo");
        assertThat(p.warnings()).anySatisfy(w -> assertThat(w).contains("auth_pam_tool"));
        StepPlan none = new PermissionsModule().plan(HOST, new HostFacts(Map.of("walk", "suid /usr/bin/su")), HardenOptions.defaults());
        assertThat(none.skipped()).isTrue();
        assertThat(none.skipReason()).contains("No world-writable file");
    }

    @Test
    void badOptionsAreRefusedWithTheName() {
        assertThatThrownBy(() -> plan(Map.of("permissions.suid", "yes"))).hasMessageContaining("permissions.suid = yes is not allowed: use remove or keep");
        assertThatThrownBy(() -> plan(Map.of("permissions.all", "remove"))).hasMessageContaining("Unknown option permissions.all");
    }

    @Test
    void theCommandsChangeOneBitOfAHostileNameAndTheUndoNeverFollowsASymlink(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("a b'$(touch pwned);\nx");
        Files.writeString(file, "#!/bin/sh\n");
        Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxrwx"));
        ChangeEngine.Planned p = PermissionsModule.chmod("o-w", "o+w", "f", file.toString());
        sh(dir, p.after());
        assertThat(Files.getPosixFilePermissions(file)).doesNotContain(PosixFilePermission.OTHERS_WRITE).contains(PosixFilePermission.OTHERS_READ,
                PosixFilePermission.GROUP_WRITE, PosixFilePermission.OWNER_EXECUTE);
        sh(dir, p.undo());
        assertThat(Files.getPosixFilePermissions(file)).contains(PosixFilePermission.OTHERS_WRITE);
        assertThat(dir.resolve("pwned")).doesNotExist();

        sh(dir, p.after());
        Path victim = dir.resolve("victim");
        Files.writeString(victim, "secret");
        Files.setPosixFilePermissions(victim, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        Files.delete(file);
        Files.createSymbolicLink(file, victim);
        sh(dir, p.undo());
        assertThat(Files.getPosixFilePermissions(victim)).as("the undo did not follow the symlink").doesNotContain(PosixFilePermission.OTHERS_WRITE);
    }

    /** Runs a command line as the change engine does (sh -c), in {@code dir}, where an injected command would leave its file. */
    private static void sh(Path dir, String line) throws Exception {
        Process pr = new ProcessBuilder("sh", "-c", line).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes());
        assertThat(pr.waitFor()).as(line + ": " + out).isZero();
    }
}
