package io.metricsniff.protocol.riemann;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RiemannGraphitePathTest {
    @Test
    void hostReversedThenServiceWithSpacesAsDots() {
        assertEquals("example.lab.web1.requests.count", RiemannGraphitePath.of("web1.lab.example", "requests count"));
        assertEquals("db1.cpu", RiemannGraphitePath.of("db1", "cpu"));
        assertEquals("cpu.user", RiemannGraphitePath.of(null, "cpu user"));
        assertEquals("example.web1", RiemannGraphitePath.of("web1.example", null));
        assertEquals("", RiemannGraphitePath.of(null, null));
    }

    @Test
    void percentileSuffixKeepsOnlyTheFraction() {
        assertEquals("h.api.latency.95", RiemannGraphitePath.of("h", "api latency 0.95"));
        assertEquals("h.api.latency.999", RiemannGraphitePath.of("h", "api latency 0.999"));
        // (when-not (= "0" whole)) has no body: a whole part other than 0 is dropped too
        assertEquals("h.api.latency.9", RiemannGraphitePath.of("h", "api latency 99.9"));
        assertEquals("h.v1.5", RiemannGraphitePath.of("h", "v1.2.5"));
        assertEquals("h.x..5", RiemannGraphitePath.of("h", "x .5"));     // no digit before the dot: unchanged
        assertEquals("h.x5", RiemannGraphitePath.of("h", "x0.5"));
        assertEquals("h.1.5 ", RiemannGraphitePath.percentiles("h.1.5 "));  // not at the end
    }

    @Test
    void splitsDropTrailingEmptyPartsLikeJava() {
        assertEquals("b.a.x..y", RiemannGraphitePath.of("a.b..", "x  y  "));
        assertEquals("x", RiemannGraphitePath.of("...", "x"));          // host of separators only: no parts
        assertEquals(".x", RiemannGraphitePath.of("", "x"));            // "" splits into one empty part
        assertEquals("b.a.", RiemannGraphitePath.of("a.b", ""));
        assertEquals("b.a", RiemannGraphitePath.of("a.b", "   "));      // spaces only: no parts
        assertEquals("a..x", RiemannGraphitePath.of(".a", "x"));
    }

    /** Random hosts and services against the regex and Pattern.split that Riemann's Clojure code runs. */
    @Test
    void agreesWithTheRegexDefinitionOnRandomStrings() {
        Random rnd = new Random(15);
        char[] alphabet = {'0', '1', '9', '.', ' ', 'a', '\n', '\r', '\u2028'};
        for (int n = 0; n < 50_000; n++) {
            String host = rnd.nextInt(8) == 0 ? null : random(rnd, alphabet);
            String service = rnd.nextInt(8) == 0 ? null : random(rnd, alphabet);
            assertEquals(reference(host, service), RiemannGraphitePath.of(host, service),
                    () -> "host " + Arrays.toString(host == null ? null : host.toCharArray()) + " service "
                            + Arrays.toString(service == null ? null : service.toCharArray()));
        }
    }

    private static String random(Random rnd, char[] alphabet) {
        char[] c = new char[rnd.nextInt(9)];
        for (int i = 0; i < c.length; i++) c[i] = alphabet[rnd.nextInt(alphabet.length)];
        return new String(c);
    }

    private static final Pattern PERCENTILE = Pattern.compile("(\\d+)\\.(\\d+)$");
    private static final Pattern SPACE = Pattern.compile(" ");
    private static final Pattern DOT = Pattern.compile("\\.");

    /** graphite-path-percentiles, as clojure.string/replace and split run it on the JVM. */
    private static String reference(String host, String service) {
        List<String> parts = new ArrayList<>();
        if (host != null) {
            List<String> h = new ArrayList<>(Arrays.asList(DOT.split(host)));
            Collections.reverse(h);
            parts.addAll(h);
        }
        if (service != null) {
            String s = PERCENTILE.matcher(service).replaceAll(m -> m.group(2));
            parts.addAll(Arrays.asList(SPACE.split(s)));
        }
        return String.join(".", parts);
    }
}
