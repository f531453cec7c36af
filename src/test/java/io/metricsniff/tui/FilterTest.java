package io.metricsniff.tui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The TUI filter's own rules; the glob matching itself is GraphiteGlobTest's (prefix table). */
class FilterTest {
    static boolean m(String glob, String path) { return ViewState.Filter.of(glob).matches(path); }

    @Test void emptyMatchesEverything() {
        assertTrue(m("", "a.b"));
        assertTrue(m("  ", "x"));
        assertTrue(ViewState.Filter.of(null).matchesAll());
        assertEquals("lab.*", ViewState.Filter.of(" lab.* ").text());
    }

    @Test void matchesLeadingNodes() {
        assertTrue(m("lab", "lab.mix.ok"));
        assertTrue(m("lab.*", "lab.mix.ok"));
        assertFalse(m("la", "lab.mix"));
        assertFalse(m("lab.mix.ok.int", "lab.mix.ok"));
    }

    @Test void braceExplosionIsBounded() {
        String g = "{a,b,c,d,e}{a,b,c,d,e}{a,b,c,d,e}{a,b,c,d,e}{a,b,c,d,e}";  // 3125 alternatives asked for
        ViewState.Filter f = ViewState.Filter.of(g);
        assertFalse(f.matchesAll());
        assertEquals(g, f.text());                          // still shown as typed
        assertFalse(f.matches("aaaaa"));                    // refused by the glob: matches nothing
    }
}
