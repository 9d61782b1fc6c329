package org.clusterdeck.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** The quoting helper against the real /bin/sh of this machine: what goes in arrives literally. */
class ShellQuoteTest {
    static Stream<String> hostile() {
        return Stream.of("plain", "", " ", "it's", "'", "''", "\"double\"", "a;b", "; rm -rf /tmp/never-there",
                "$(touch /tmp/clusterdeck-pwned)", "`touch /tmp/clusterdeck-pwned`", "${HOME}", "$HOME",
                "line1\nline2", "\n", "tab\there", "back\\slash", "\\'", "*", "?", "~", "~root", "a|b", "a&b",
                "a>b", "<b", "(x)", "{a,b}", "#comment", "-n", "--", "!", "!!", "ünïcødé ✓ 日本語", "\u00a0nbsp",
                "%s%n", "a b  c", "'$(x)'\"`y`\"", "\r\n");
    }

    @ParameterizedTest
    @MethodSource("hostile")
    void quotedArgumentArrivesLiterallyThroughShC(String arg) throws Exception {
        assertThat(roundTrip(List.of(arg))).isEqualTo(arg + "\0");
    }

    @Test
    void joinedArgvKeepsArgumentBoundaries() throws Exception {
        List<String> argv = hostile().toList();
        StringBuilder expected = new StringBuilder();
        argv.forEach(a -> expected.append(a).append('\0'));
        assertThat(roundTrip(argv)).isEqualTo(expected.toString());
    }

    @Test
    void sudoLineQuotesEveryArgument() {
        RemoteCommand c = RemoteCommand.sudo("tee", "/etc/x; reboot");
        assertThat(c.shellLine(true)).isEqualTo("sudo -n -- tee '/etc/x; reboot'");
        assertThat(c.shellLine(false)).isEqualTo("tee '/etc/x; reboot'");
    }

    @Test
    void nulCharacterIsRefused() {
        assertThatThrownBy(() -> ShellQuote.quote("a\0b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NUL");
    }

    /** printf '%s\0' ARG... run by sh -c: prints each argument exactly as the shell received it. */
    private static String roundTrip(List<String> args) throws Exception {
        String line = "printf '%s\\0' " + ShellQuote.join(args);
        Process p = new ProcessBuilder("/bin/sh", "-c", line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/tmp/clusterdeck-pwned"))).isFalse();
        return new String(out, StandardCharsets.UTF_8);
    }
}
