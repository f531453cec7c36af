package io.metricsniff.tui;

import io.metricsniff.analysis.HostStats;
import io.metricsniff.analysis.PathStats;
import io.metricsniff.analysis.PathTable;
import io.metricsniff.paths.PathIndex;
import io.metricsniff.capture.FileSource;
import io.metricsniff.pipeline.Decoders;
import io.metricsniff.pipeline.Pipeline;
import io.metricsniff.reassembly.ReassemblyLimits;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Verdict;
import io.metricsniff.testutil.Oracle;
import io.metricsniff.verdict.Judge;
import io.metricsniff.verdict.Receivers;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.*;

/**
 * captures/mixed.pcap (scripts/record-mixed) through the real pipeline into the live view's state,
 * held against carbon's log, statsd's log and what the senders sent: the flood is one problem
 * group, hosts are grouped, and the first screen shows every namespace and every kind.
 */
class MixedCaptureViewTest {
    static final Path CAPTURE = Oracle.capture("mixed");
    static PathTable paths;
    static ViewSources view;
    static Oracle.Carbon carbon;

    @BeforeAll static void replay() throws Exception {
        PathIndex index = new PathIndex();             // one per run, as in Session: records cache its ids
        paths = new PathTable(index, true);
        view = new ViewSources(paths);
        Judge judge = new Judge(Receivers.byName("carbon"), 60_000_000_000L, 60_000_000_000L, index);
        io.metricsniff.record.RecordSink both = new io.metricsniff.pipeline.Fanout(List.of(paths, view));
        try (FileSource f = FileSource.open(CAPTURE, (String) null)) {
            Pipeline p = new Pipeline(f.linkType(), new Decoders(Protocol.AUTO, judge, both), ReassemblyLimits.defaults(), null);
            f.run(p);
            p.finish();
        }
        carbon = Oracle.carbon(CAPTURE);
    }

    static long invalidFrom(String host, String pattern) {
        return carbon.invalid().stream().filter(i -> i.client().startsWith(host + ":") && i.repr().matches(pattern)).count();
    }

    @Test void theFloodIsOneGroupWithCarbonsCount() {
        List<ProblemGroups.Group> flood = view.problems().snapshot().stream()
                .filter(g -> g.host().equals("127.0.0.53")).collect(Collectors.toList());
        assertEquals(1, flood.size(), flood.toString());
        assertEquals("bad-value", flood.get(0).code());
        assertEquals("app.repeat", flood.get(0).prefix());
        long logged = invalidFrom("127.0.0.53", ".* abc \\d+");
        assertTrue(logged > 100, "the recording has a flood: " + logged);
        assertEquals(logged, flood.get(0).count());
    }

    @Test void craftedKindsMatchCarbonsInvalidLines() {
        Map<String, Long> byKind = view.problems().snapshot().stream().filter(g -> g.host().equals("127.0.0.55"))
                .collect(Collectors.groupingBy(ProblemGroups.Group::code, Collectors.summingLong(ProblemGroups.Group::count)));
        assertEquals(invalidFrom("127.0.0.55", "hand\\.crafted\\.fields \\d+"), byKind.get("field-count"));
        assertEquals(invalidFrom("127.0.0.55", ".* yesterday"), byKind.get("bad-timestamp"));
        assertEquals(1L, byKind.get("line-too-long"));
        assertTrue(byKind.containsKey("nan-value") && byKind.containsKey("late") && byKind.containsKey("future"), byKind.toString());
    }

    @Test void statsdKindsAddUpToStatsdsBadLines() {
        long statsd = view.problems().snapshot().stream().filter(g -> g.code().startsWith("statsd-"))
                .mapToLong(ProblemGroups.Group::count).sum();
        assertEquals(Oracle.statsdBad(CAPTURE).size(), statsd);
    }

    @Test void sendersAreGroupedByHost() {
        Map<String, HostStats.Snapshot> hosts = view.senders().snapshot().stream()
                .collect(Collectors.toMap(HostStats.Snapshot::name, h -> h));
        assertEquals(Set.of("127.0.0.1", "127.0.0.52", "127.0.0.53", "127.0.0.54", "127.0.0.55", "127.0.0.56"), hosts.keySet());
        long ports55 = carbon.log().stream().map(l -> l.replaceAll(".*(127\\.0\\.0\\.55:\\d+).*", "$1"))
                .filter(s -> s.startsWith("127.0.0.55:")).distinct().count();
        assertTrue(ports55 > 1);
        assertEquals(ports55, hosts.get("127.0.0.55").connections(), "one row, every connection carbon saw");
        assertEquals(Set.of(Protocol.STATSD), hosts.get("127.0.0.52").protocols());
        assertTrue(Double.isNaN(hosts.get("127.0.0.54").clockOffsetSeconds()));       // only ms timestamps
        assertEquals(hosts.get("127.0.0.54").lines(), hosts.get("127.0.0.54").msTimestamps());
        assertEquals(0, hosts.get("127.0.0.56").problemLines());
        assertTrue(Math.abs(hosts.get("127.0.0.56").clockOffsetSeconds()) < 2, "the good sender's clock is right");
        assertEquals(Set.of(Protocol.GRAPHITE), hosts.get("127.0.0.1").protocols());    // collectd and statsd's flushes
    }

    @Test void theTooLongPathIsInTheTable() {
        PathStats.Snapshot s = paths.snapshot(false).stream().filter(p -> p.path().startsWith("hand.too.long.")).findFirst().orElseThrow();
        assertTrue(s.path().endsWith("~") && s.path().length() == PathTable.MAX_RAW_NAME_CHARS + 1, s.path());
        assertEquals(Verdict.MALFORMED, s.worst());
        assertEquals("line-too-long", s.lastProblem().code());
    }

    @Test void firstScreenShowsEveryNamespaceAndKindWithItsCount() {
        CaptureStats stats = TerminalUiTest.stats(false);
        Model m = new Model(view, stats, 0);
        ViewState vs = new ViewState();
        Screen screen = new Screen(false);
        m.build(vs, 1);
        String t = screen.render(m.build(vs, 2), vs, 159, 45).stream().map(AttributedString::toString)
                .collect(Collectors.joining("\n"));
        Set<String> namespaces = new TreeSet<>();
        for (Oracle.Stored s : carbon.stored()) namespaces.add(s.path().substring(0, s.path().indexOf('.')));
        assertTrue(namespaces.size() >= 5, namespaces.toString());
        for (String ns : namespaces) assertTrue(t.lines().anyMatch(l -> l.matches("[> ] " + ns + "[. ].*")), ns + " missing:\n" + t);
        Map<String, Long> kinds = view.problems().snapshot().stream()
                .collect(Collectors.groupingBy(ProblemGroups.Group::code, Collectors.summingLong(ProblemGroups.Group::count)));
        String kindLines = t.lines().filter(l -> l.startsWith("kinds") || l.startsWith("     ")).collect(Collectors.joining(" "));
        for (Map.Entry<String, Long> k : kinds.entrySet()) {
            assertTrue((kindLines + " ").contains(" " + k.getKey() + " " + k.getValue() + " "), k + " missing:\n" + t);
        }
        assertTrue(t.contains("prefixes ") && t.contains("(auto)"), t);
        assertTrue(t.lines().anyMatch(l -> l.matches("[> ] app\\.ms.* ms timestamp .*")), t);
        assertFalse(t.matches("(?s).*\\s-?\\d+d(\\d\\dh)?\\s.*"), "no lag in days (a ms timestamp read as seconds): " + t);
        assertEquals(OptionalLong.empty(), stats.kernelDrops());
    }
}
