package io.metricsniff.analysis;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class GraphiteGlobTest {
    // glob, path, expected
    static final Object[][] TABLE = {
        {"a.b.c", "a.b.c", true},
        {"a.b.c", "a.b.cd", false},
        {"a.b.c", "a.b", false},
        {"a.b", "a.b.c", false},
        {"a.*.c", "a.xyz.c", true},
        {"a.*.c", "a.x.y.c", false},            // * never crosses a '.'
        {"a.*", "a.", true},                     // empty node
        {"*", "abc", true},
        {"*", "a.b", false},
        {"a.*b*.c", "a.xxbyy.c", true},
        {"a.*b*.c", "a.xxyy.c", false},
        {"a.b?.c", "a.bx.c", true},
        {"a.b?.c", "a.b.c", false},
        {"a.b?.c", "a.bxy.c", false},
        {"a.[xy].c", "a.y.c", true},
        {"a.[xy].c", "a.z.c", false},
        {"a.[a-c]1", "a.b1", true},
        {"a.[a-c]1", "a.d1", false},
        {"a.[!a-c]1", "a.d1", true},
        {"a.[!a-c]1", "a.b1", false},
        {"a.[^a]", "a.^", true},                 // fnmatch negates with '!', '^' is a member
        {"a.[^a]", "a.b", false},
        {"a.[]]", "a.]", true},                  // ']' first is a member
        {"a.[z-a]", "a.m", false},               // empty range matches nothing
        {"a.[-x]", "a.-", true},
        {"a.b[", "a.b[", true},                  // unclosed '[' is literal
        {"a.{b,c}.d", "a.c.d", true},
        {"a.{b,c}.d", "a.e.d", false},
        {"a.x{b,c}y.d", "a.xcy.d", true},
        {"a.{b,c{d,e}}.f", "a.ce.f", true},       // nested
        {"a.{b,c{d,e}}.f", "a.c.f", false},
        {"a.{b}.c", "a.b.c", true},
        {"a.{,x}b", "a.b", true},                 // empty alternative
        {"a.{b*,c}", "a.bzz", true},
        {"a.{b,c", "a.{b,c", true},               // unbalanced brace is literal
        {"A.b", "a.b", false},                    // case-sensitive
        {"a.\\*", "a.anything", true},            // graphite-web drops backslashes
        {"a.**", "a.b", true},
        {"a.**", "a.b.c.d", true},
        {"a.**", "a", false},                     // terminal ** needs a node
        {"a.**.z", "a.z", true},
        {"a.**.z", "a.b.c.z", true},
        {"a.**.z", "a.b.c.y", false},
        {"**.cpu", "h.x.cpu", true},
        {"collectd.*.cpu-*.cpu-{user,system}", "collectd.host1.cpu-0.cpu-user", true},
        {"collectd.*.cpu-*.cpu-{user,system}", "collectd.host1.cpu-0.cpu-idle", false},
        {"a.*x*y*z", "a.xxyyzz", true},
        {"a.*x*y*z", "a.xxyyz1", false},
    };

    @Test
    void table() {
        for (Object[] row : TABLE) {
            GraphiteGlob g = GraphiteGlob.compile((String) row[0]);
            assertEquals(row[2], g.matches((String) row[1]), row[0] + " vs " + row[1]);
        }
    }

    // glob, path, expected for matchesPrefixOf: the glob matches the path's leading nodes (the TUI filter)
    static final Object[][] PREFIX_TABLE = {
        {"lab", "lab.mix.ok", true},
        {"lab.*", "lab.mix.ok", true},
        {"lab.mix.ok", "lab.mix.ok", true},
        {"la", "lab.mix", false},                 // whole nodes, not characters
        {"lab.mix.ok.int", "lab.mix.ok", false},  // the glob is deeper than the path
        {"mix", "lab.mix.ok", false},             // nodes, not substrings
        {"*.mix", "lab.mix.ok", true},
        {"l*b.m?x", "lab.mix", true},
        {"*", "anything.at.all", true},
        {"l*x", "lab.mix", false},                // * does not cross a dot
        {"*b*", "abc", true},
        {"a?", "a", false},
        {"host[0-9]", "host7.cpu", true},
        {"host[0-9]", "hostx.cpu", false},
        {"host[!0-9]", "hostx.cpu", true},
        {"{cpu,mem}.idle", "mem.idle.x", true},
        {"{cpu,mem}.idle", "disk.idle", false},
        {"a{b,c}d{e,f}", "acdf", true},
        {"x{}y", "xy", true},
        {"a[b", "a[b.c", true},                   // broken syntax is literal
        {"a{b", "a{b", true},
        {"a{b", "ab", false},
        {"a.**.z", "a.b.z.q", true},
        {"a.**.z", "a.b.y.q", false},
        {"a.**", "a", false},
    };

    @Test
    void prefixTable() {
        for (Object[] row : PREFIX_TABLE) {
            GraphiteGlob g = GraphiteGlob.compile((String) row[0]);
            assertEquals(row[2], g.matchesPrefixOf((String) row[1]), row[0] + " prefix of " + row[1]);
        }
        for (Object[] row : TABLE) {              // a full match is always a prefix match
            GraphiteGlob g = GraphiteGlob.compile((String) row[0]);
            if ((Boolean) row[2]) assertTrue(g.matchesPrefixOf((String) row[1]), row[0] + " prefix of " + row[1]);
        }
    }

    @Test
    void badGlobsAreOneLineErrors() {
        assertThrows(IllegalArgumentException.class, () -> GraphiteGlob.compile(""));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GraphiteGlob.compile("{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}{a,b,c,d}"));
        assertTrue(e.getMessage().contains("alternatives"));
        assertTrue(!GraphiteGlob.compile("a").matches(null));
    }

    /** Single-node patterns against Python's own fnmatch.fnmatchcase, which graphite-web uses. */
    @Test
    void nodeMatchingAgreesWithPythonFnmatch() throws Exception {
        String python = WhisperRuleTableTest.findPythonWithWhisper();
        if (python == null) python = "python3";
        String[] patterns = {"*", "a*", "*a", "a?c", "[abc]", "[!abc]", "[a-c]x", "[!a-c]x", "[]a]", "[!]a]",
            "[a-]", "[-a]", "[z-a]", "[z-ab]", "x[", "[", "[!]", "a[b-d-f]", "*[0-9]", "?*?", "[^x]", "a**b", "[!-]"};
        String[] names = {"", "a", "b", "abc", "aac", "x", "ax", "dx", "]", "-", "z", "[", "x[", "ab", "a1", "^",
            "!", "ad", "a-", "af", "aab", "ab12", "b9"};
        List<String> pairs = new ArrayList<>();
        StringBuilder in = new StringBuilder();
        for (String p : patterns) for (String n : names) { pairs.add(p + "\t" + n); in.append(p).append('\t').append(n).append('\n'); }
        Process proc;
        try {
            proc = new ProcessBuilder(python, "-c", "import sys, fnmatch\n"
                    + "for l in sys.stdin:\n    p, n = l.rstrip('\\n').split('\\t')\n    print(int(fnmatch.fnmatchcase(n, p)))")
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "no python3");
            return;
        }
        try (Writer w = new OutputStreamWriter(proc.getOutputStream(), StandardCharsets.UTF_8)) { w.write(in.toString()); }
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) out.add(l);
        }
        assertTrue(proc.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(proc.exitValue() == 0, "python3 failed");
        assertEquals(pairs.size(), out.size());
        for (int i = 0; i < pairs.size(); i++) {
            String[] pn = pairs.get(i).split("\t", -1);
            assertEquals(out.get(i).equals("1"), GraphiteGlob.compile(pn[0]).matches(pn[1]), "fnmatch(" + pn[1] + ", " + pn[0] + ")");
        }
    }

    @Test
    void matchingIsFast() {
        GraphiteGlob g = GraphiteGlob.compile("collectd.*.cpu-*.cpu-{user,system,idle}");
        String[] paths = {"collectd.host1.cpu-0.cpu-user", "collectd.host1.cpu-0.cpu-wait", "other.path.here.now"};
        // the best of several rounds: on a shared 2-core machine one round can be descheduled
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 5; round++) {
            long t0 = System.nanoTime();
            int hits = 0;
            for (int i = 0; i < 600_000; i++) if (g.matches(paths[i % 3])) hits++;
            best = Math.min(best, (System.nanoTime() - t0) / 600_000);
            assertEquals(200_000, hits);
        }
        assertTrue(best < 1000, best + " ns per match");
    }
}
