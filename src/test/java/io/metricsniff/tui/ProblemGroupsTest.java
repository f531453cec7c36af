package io.metricsniff.tui;

import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.metricsniff.tui.TerminalUiTest.*;
import static org.junit.jupiter.api.Assertions.*;

class ProblemGroupsTest {
    static MetricRecord bad(Endpoint src, String path, String code) {
        return new MetricRecord(T0, src, DST, Transport.TCP, Protocol.GRAPHITE, path + " abc 1")
                .path(path).flag(Verdict.MALFORMED, new Problem(code, code + " because \u001b[2J"));
    }

    static Endpoint host(int last, int port) { return new Endpoint(new byte[] {127, 0, 0, (byte) last}, port); }

    @Test void groupsByCodeHostAndTwoNodePrefix() {
        ProblemGroups g = new ProblemGroups();
        for (int i = 0; i < 100; i++) g.metric(bad(host(53, 40000 + i % 3), "app.repeat.queue", "bad-value"));
        g.metric(bad(host(53, 40000), "app.repeat.other.deep", "bad-value"));       // same prefix app.repeat
        g.metric(bad(host(54, 40000), "app.repeat.queue", "bad-value"));            // another host
        g.metric(bad(host(53, 40000), "app.web.x", "bad-value"));                   // another prefix
        g.metric(bad(host(53, 40000), "app.repeat.queue", "nan-value"));            // another code
        g.metric(bad(host(53, 40000), "app.repeat", "bad-value"));                  // two nodes: prefix app
        g.metric(bad(host(53, 40000), "app", "bad-value"));                         // one node: itself
        g.metric(rec(T0, "app.repeat.queue", 1, 1));                                // ok: not a problem
        Map<String, Long> counts = g.snapshot().stream().collect(Collectors.toMap(ProblemGroups.Group::key, ProblemGroups.Group::count));
        assertEquals(Map.of("bad-value 127.0.0.53 app.repeat", 101L, "bad-value 127.0.0.54 app.repeat", 1L,
                "bad-value 127.0.0.53 app.web", 1L, "nan-value 127.0.0.53 app.repeat", 1L,
                "bad-value 127.0.0.53 app", 2L), counts);
        ProblemGroups.Group flood = g.snapshot().stream().filter(x -> x.count() == 101).findFirst().orElseThrow();
        assertEquals("app.repeat.queue abc 1", flood.example());
        assertEquals("bad-value because \\x1b[2J", flood.message());      // escaped
        assertEquals(Verdict.MALFORMED, flood.verdict());
    }

    @Test void boundedButExactPerCode() {
        ProblemGroups g = new ProblemGroups();
        int n = ProblemGroups.MAX_GROUPS + 500;
        for (int i = 0; i < n; i++) g.metric(bad(host(1, 1), "p" + i + ".x.y", "bad-value"));
        List<ProblemGroups.Group> s = g.snapshot();
        assertEquals(ProblemGroups.MAX_GROUPS + 1, s.size());
        assertEquals(n, s.stream().mapToLong(ProblemGroups.Group::count).sum());
        assertTrue(s.stream().anyMatch(x -> x.host().equals(ProblemGroups.ELSEWHERE) && x.count() == 500));
    }

    @Test void everyProblemOfARecordCounts() {
        ProblemGroups g = new ProblemGroups();
        g.metric(bad(host(1, 1), "a.b.c", "bad-value").flag(Verdict.MALFORMED, new Problem("bad-timestamp", "x")));
        assertEquals(2, g.size());
    }
}
