package io.metricsniff.tui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** The filter's three forms; the glob matching itself is GraphiteGlobTest's (prefix table). */
class FilterTest {
    static boolean m(String text, String path) { return Filter.of(text).matches(path); }

    @Test void emptyMatchesEverything() {
        assertTrue(m("", "a.b"));
        assertTrue(m("  ", "x"));
        assertTrue(Filter.of(null).matchesAll());
        assertEquals("lab.*", Filter.of(" lab.* ").text());
    }

    @Test void plainTextIsASubstring() {
        assertEquals(Filter.Kind.SUBSTRING, Filter.of("cpu").kind());
        assertTrue(m("cpu", "collectd.lab.cpu-0.cpu-idle"));
        assertTrue(m("lab", "lab.mix.ok"));
        assertTrue(m("la", "lab.mix"));                     // unlike a glob, part of a node is enough
        assertFalse(m("lab.mix.ok.int", "lab.mix.ok"));
        assertFalse(m("CPU", "collectd.cpu"));              // case matters, as in ngrep without -i
    }

    @Test void globCharactersMakeAGlobOnLeadingNodes() {
        assertEquals(Filter.Kind.GLOB, Filter.of("lab.*").kind());
        assertTrue(m("lab.*", "lab.mix.ok"));
        assertTrue(m("hand.too.*", "hand.too.long.xxxx~"));
        assertFalse(m("la*.x", "lab.mix"));
        assertFalse(m("*.mix", "x.lab.mix"));               // nodes from the start, not anywhere
        assertTrue(m("{lab,app}.mix", "app.mix.ok"));
    }

    @Test void rePrefixIsARegularExpressionFoundAnywhere() {
        assertEquals(Filter.Kind.REGEX, Filter.of("re:cpu-[0-3]$").kind());
        assertTrue(m("re:cpu-[0-3]$", "collectd.lab.cpu-2"));
        assertFalse(m("re:cpu-[0-3]$", "collectd.lab.cpu-7"));
        assertTrue(m("re:^app\\.(web|ms)\\.", "app.ms.requests"));
        Filter bad = Filter.of("re:(unclosed");
        assertFalse(bad.matches("(unclosed"));              // a bad regex matches nothing...
        assertTrue(bad.label().startsWith("bad regex"), bad.label()); // ...and says why
    }

    @Test void matchesAnyField() {
        Filter f = Filter.of("127.0.0.53");
        assertTrue(f.matchesAny("bad-value", "127.0.0.53", "app.repeat"));
        assertFalse(f.matchesAny("bad-value", "127.0.0.1", null));
    }

    @Test void braceExplosionIsBounded() {
        String g = "{a,b,c,d,e}{a,b,c,d,e}{a,b,c,d,e}{a,b,c,d,e}{a,b,c,d,e}";  // 3125 alternatives asked for
        Filter f = Filter.of(g);
        assertFalse(f.matchesAll());
        assertEquals(g, f.text());                          // still shown as typed
        assertFalse(f.matches("aaaaa"));                    // refused by the glob: matches nothing
    }
}
