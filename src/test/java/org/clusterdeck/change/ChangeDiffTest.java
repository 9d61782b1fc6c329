package org.clusterdeck.change;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The history diff and the path rule, without a host. */
class ChangeDiffTest {

    @Test
    void unifiedDiffShowsChangedLinesWithContext() {
        String a = "a\nb\nc\nd\ne\nf\ng\nh\n";
        String b = "a\nb\nc\nD\ne\nf\ng\nh\ni\n";
        assertThat(ChangeDiff.unified(a, b, "etc/x")).isEqualTo("--- before/etc/x\n+++ after/etc/x\n"
                + "@@ -1,8 +1,9 @@\n a\n b\n c\n-d\n+D\n e\n f\n g\n h\n+i\n");
        assertThat(ChangeDiff.unified(null, "x\n", "etc/x")).isEqualTo("--- /dev/null\n+++ after/etc/x\n@@ -0,0 +1,1 @@\n+x\n");
        assertThat(ChangeDiff.unified("same", "same", "x")).isEmpty();
    }

    @Test
    void pathsOutsideTheAllowedSetAreRefusedWithASentence() {
        assertThat(RemoteFiles.checkPath("/etc/nginx/conf.d/it's $(x).conf")).isEqualTo("/etc/nginx/conf.d/it's $(x).conf");
        assertThatThrownBy(() -> RemoteFiles.checkPath("etc/x")).hasMessageContaining("is not absolute");
        assertThatThrownBy(() -> RemoteFiles.checkPath("/etc/../root/x")).hasMessageContaining("contains '..'");
        assertThatThrownBy(() -> RemoteFiles.checkPath("/etc/x\nrm")).hasMessageContaining("control character").hasMessageContaining("\\x0a");
        assertThatThrownBy(() -> RemoteFiles.checkPath("/sys/kernel/x")).hasMessageContaining("under /sys");
    }
}
