package io.metricsniff.output;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TerminalEscaperTest {
    @Test void cleanTextIsReturnedAsIs() {
        String s = "lab.mix.ok.int 42 1795504341";
        assertSame(s, TerminalEscaper.escape(s));
        String unicode = "caf\u00e9.\u65e5\u672c.\ud83d\ude00";       // letters and an emoji (valid pair)
        assertSame(unicode, TerminalEscaper.escape(unicode));
        assertFalse(TerminalEscaper.needsEscape(unicode));
        assertNull(TerminalEscaper.escape(null));
    }

    @Test void controlCharactersBecomeVisible() {
        assertEquals("a\\x1b[31mred", TerminalEscaper.escape("a\u001b[31mred"));
        assertEquals("\\x1b]0;title\\x07", TerminalEscaper.escape("\u001b]0;title\u0007"));
        assertEquals("x\\x00y\\x7fz", TerminalEscaper.escape("x\u0000y\u007fz"));
        assertEquals("\\t\\n\\r", TerminalEscaper.escape("\t\n\r"));
        assertEquals("c1 \\x9b2J \\x85 \\x80", TerminalEscaper.escape("c1 \u009b2J \u0085 \u0080"));
        assertEquals("\u00a0nbsp ok", TerminalEscaper.escape("\u00a0nbsp ok"));  // printable, not C1
    }

    @Test void backslashIsDoubledSoEscapesAreUnambiguous() {
        assertEquals("literal \\\\x1b", TerminalEscaper.escape("literal \\x1b"));
        assertNotEquals(TerminalEscaper.escape("\\x1b"), TerminalEscaper.escape("\u001b"));
    }

    @Test void invisibleAndReorderingCharactersBecomeVisible() {
        assertEquals("evil\\u{202e}txt.exe", TerminalEscaper.escape("evil\u202etxt.exe"));
        assertEquals("a\\u{200b}b\\u{2066}c\\u{feff}\\u{2028}", TerminalEscaper.escape("a\u200bb\u2066c\ufeff\u2028"));
        assertEquals("lone\\u{d800}x", TerminalEscaper.escape("lone\ud800x"));
        assertEquals("\\u{dc00}end", TerminalEscaper.escape("\udc00end"));
        assertEquals("\ud83d\ude00\\u{d83d}", TerminalEscaper.escape("\ud83d\ude00\ud83d"));
    }

    @Test void randomInputNeverKeepsAControlCharacter() {
        Random rnd = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder sb = new StringBuilder();
            int len = rnd.nextInt(20);
            for (int i = 0; i < len; i++) sb.append((char) (rnd.nextBoolean() ? rnd.nextInt(0x100) : rnd.nextInt(0x10000)));
            String in = sb.toString();
            String out = TerminalEscaper.escape(in);
            assertEquals(TerminalEscaper.needsEscape(in), out != in, in);
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                assertFalse(c < 0x20 || (c >= 0x7f && c <= 0x9f) || (c >= 0x202a && c <= 0x202e)
                        || (c >= 0x2066 && c <= 0x2069), () -> "kept U+" + Integer.toHexString(c) + " in " + out);
                if (Character.isHighSurrogate(c)) assertTrue(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(++i)));
                else assertFalse(Character.isLowSurrogate(c));
            }
            assertEquals(out.replace("\\", ""), TerminalEscaper.escape(out).replace("\\", ""), "escaped text only grows by doubling backslashes");
        }
    }
}
