package io.cmkguard.util;

import io.cmkguard.Hostile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 18: the one sanitiser for what people read. */
class EchoTest {

    /** No control character (C0, DEL, C1), no bidi control, no lone surrogate, no line break: what every output holds. */
    static boolean clean(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) || c >= '\u202a' && c <= '\u202e' || c >= '\u2066' && c <= '\u2069'
                    || c == '\u200e' || c == '\u200f' || c == '\u061c' || c == '\u2028' || c == '\u2029') {
                return false;
            }
            if (Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(++i)))) {
                return false;
            }
        }
        return true;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "an ANSI clear screen and colour | a\u001b[2J\u001b[1;31mb | ab",
            "an OSC window title ended by BEL | a\u001b]0;pwned\u0007b | ab",
            "an OSC hyperlink ended by ESC \\ | a\u001b]8;;http://x\u001b\\link\u001b]8;;\u001b\\b | alinkb",
            "a C1 CSI | a\u009b2Jb | ab",
            "a C1 OSC ended by C1 ST | a\u009d0;t\u009cb | ab",
            "a two-character escape | a\u001bcb\u001b(Bc | abc",
            "a lone ESC at the end | ab\u001b | ab",
            "other C0 and DEL | a\u0000b\u0007c\u007fd | abcd",
            "a valid OCID | ocid1.volume.oc1.iad.abcdefghij-0123456789_x | ocid1.volume.oc1.iad.abcdefghij-0123456789_x",
            "unicode that is text | \u540d\u524d \u00e9 \uD83D\uDD11 | \u540d\u524d \u00e9 \uD83D\uDD11",
    })
    void stripsWhatATerminalOrAReaderWouldObey(String what, String value, String expected) {
        assertEquals(expected, Echo.line(value), what);
        assertEquals(expected, Echo.bounded(value), what);
    }

    @Test
    void lineBreaksBecomeSpacesAndBidiControlsGo() {
        assertEquals("a b  c d e f g", Echo.bounded("a\nb\r\nc\u2028d\u0085e\tf\u2029g"));
        assertEquals("evil x", Echo.bounded("\u202aevil\u202b\u202c\u202d\u202e \u2066x\u2067\u2068\u2069\u200e\u200f\u061c"));
    }

    @Test
    void aLoneSurrogateBecomesTheReplacementCharacter() {
        assertEquals("a\uFFFDb", Echo.line("a\uD800b"));
    }

    @Test
    void namesAreCutTo256CharactersWithAnEllipsisNeverSplittingACharacter() {
        String cut = Echo.bounded("n".repeat(5_000));
        assertEquals(256, cut.length());
        assertTrue(cut.endsWith("n…"), cut);
        String keys = Echo.bounded("x" + "\uD83D\uDD11".repeat(300));
        assertTrue(keys.length() <= 256 && keys.endsWith("\uD83D\uDD11…"), "no half key emoji: " + keys.length());
        assertEquals("n".repeat(256), Echo.bounded("n".repeat(256)), "256 characters are kept whole");
    }

    @Test
    void everyHostileValueComesOutCleanAndCleaningTwiceChangesNothing() {
        for (String value : Hostile.VALUES) {
            String once = Echo.bounded(value + "\u001b[2J".repeat(100) + value.repeat(50));
            assertTrue(clean(once) && once.length() <= 256, once);
            assertEquals(once, Echo.bounded(once));
        }
        String ordinary = "vol-prod-01";
        assertSame(ordinary, Echo.line(ordinary), "clean text is not copied");
    }
}
