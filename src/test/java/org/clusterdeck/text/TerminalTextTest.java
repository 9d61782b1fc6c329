package org.clusterdeck.text;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TerminalTextTest {
    @Test
    void clearScreenSequenceIsShownNotObeyed() {
        assertThat(TerminalText.visible("before\u001b[2J\u001b[Hafter")).isEqualTo("before\\e[2J\\e[Hafter");
    }

    @Test
    void carriageReturnCannotOverwriteWhatWasPrinted() {
        assertThat(TerminalText.visible("rm -rf /\rok: nothing")).isEqualTo("rm -rf /\\rok: nothing");
    }

    @Test
    void osc52ClipboardWriteIsShownNotObeyed() {
        String osc52 = "\u001b]52;c;Y3VybCBldmlsIHwgc2g=\u0007";
        assertThat(TerminalText.visible("PRETTY_NAME=\"Debian\"" + osc52))
                .isEqualTo("PRETTY_NAME=\"Debian\"\\e]52;c;Y3VybCBldmlsIHwgc2g=\\x07")
                .doesNotContain("\u001b", "\u0007");
    }

    @Test
    void bellAndEightBitControlsAreHex() {
        assertThat(TerminalText.visible("ding\u0007 csi\u009b31m del\u007f nul\u0000"))
                .isEqualTo("ding\\x07 csi\\x9b31m del\\x7f nul\\x00");
    }

    @Test
    void multiLineOutputKeepsLinesAndTabsAndReadsCrlfAsOneBreak() {
        assertThat(TerminalText.visible("a\tb\nc\r\nd")).isEqualTo("a\tb\nc\nd");
    }

    @Test
    void oneLineShowsLineBreaksAndTabs() {
        assertThat(TerminalText.line("a\nb\tc\r\nd")).isEqualTo("a\\nb\\tc\\r\\nd");
    }

    @Test
    void bidiOverrideThatReordersTextIsShown() {
        assertThat(TerminalText.line("invoice\u202egpj.exe")).isEqualTo("invoice\\u202egpj.exe");
    }

    @ParameterizedTest
    @CsvSource({"plain text, plain text", "ünïcödé ✓ 日本, ünïcödé ✓ 日本", "back\\slash, back\\slash"})
    void ordinaryTextIsUnchanged(String in, String out) {
        assertThat(TerminalText.visible(in)).isEqualTo(out);
        assertThat(TerminalText.line(in)).isEqualTo(out);
    }

    @Test
    void nullIsEmpty() {
        assertThat(TerminalText.visible(null)).isEmpty();
    }
}
