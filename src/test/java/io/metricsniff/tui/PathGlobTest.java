package io.metricsniff.tui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PathGlobTest {
    static boolean m(String glob, String path) { return PathGlob.compile(glob).matches(path); }

    @Test void emptyMatchesEverything() {
        assertTrue(m("", "a.b"));
        assertTrue(m("  ", "x"));
        assertTrue(PathGlob.compile(null).matchesAll());
    }

    @Test void matchesLeadingNodes() {
        assertTrue(m("lab", "lab.mix.ok"));
        assertTrue(m("lab.*", "lab.mix.ok"));
        assertTrue(m("lab.mix.ok", "lab.mix.ok"));
        assertFalse(m("la", "lab.mix"));
        assertFalse(m("lab.mix.ok.int", "lab.mix.ok"));    // the glob is deeper than the path
        assertFalse(m("mix", "lab.mix.ok"));                // nodes, not substrings
    }

    @Test void wildcardsStayWithinOneNode() {
        assertTrue(m("*.mix", "lab.mix.ok"));
        assertTrue(m("l*b.m?x", "lab.mix"));
        assertTrue(m("*", "anything.at.all"));
        assertFalse(m("l*x", "lab.mix"));                   // * does not cross a dot
        assertTrue(m("*b*", "abc"));
        assertFalse(m("a?", "a"));
    }

    @Test void classesAndAlternatives() {
        assertTrue(m("host[0-9]", "host7.cpu"));
        assertFalse(m("host[0-9]", "hostx.cpu"));
        assertTrue(m("host[!0-9]", "hostx.cpu"));
        assertTrue(m("host[^0-9]", "hostx.cpu"));
        assertTrue(m("{cpu,mem}.idle", "mem.idle.x"));
        assertFalse(m("{cpu,mem}.idle", "disk.idle"));
        assertTrue(m("a{b,c}d{e,f}", "acdf"));
        assertTrue(m("x{}y", "xy"));
    }

    @Test void brokenSyntaxIsLiteral() {
        assertTrue(m("a[b", "a[b.c"));
        assertTrue(m("a{b", "a{b"));
        assertFalse(m("a{b", "ab"));
    }

    @Test void braceExplosionIsBounded() {
        String g = "{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}";  // 1024 alternatives asked for
        PathGlob glob = PathGlob.compile(g);
        assertTrue(glob.matches("aaaaa"));                  // the first ones are kept
        assertFalse(glob.matches("ddddd"));                 // past the bound: not expanded
    }
}
