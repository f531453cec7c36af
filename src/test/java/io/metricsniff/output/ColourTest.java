package io.metricsniff.output;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ColourTest {
    @Test void noColorWinsAndTerminalsWithoutColoursGetNone() {
        assertTrue(Colour.wanted(Map.of(), 256));
        assertTrue(Colour.wanted(Map.of("NO_COLOR", ""), 8));          // empty: not set (no-color.org)
        assertFalse(Colour.wanted(Map.of("NO_COLOR", "1"), 256));
        assertFalse(Colour.wanted(Map.of(), null));                    // no max_colors: a dumb terminal
        assertFalse(Colour.wanted(Map.of(), 2));
    }

    @Test void textOutputReadsTheTermsCapabilities() {
        assertTrue(Colour.wantedForTerm(Map.of("TERM", "xterm-256color")));
        assertTrue(Colour.wantedForTerm(Map.of("TERM", "screen")));
        assertFalse(Colour.wantedForTerm(Map.of("TERM", "dumb")));
        assertFalse(Colour.wantedForTerm(Map.of()));
        assertFalse(Colour.wantedForTerm(Map.of("TERM", "xterm-256color", "NO_COLOR", "yes")));
    }
}
