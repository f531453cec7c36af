package io.metricsniff.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.testutil.CliRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * captures/hop-*.pcap (scripts/record-hops): a real carbon-relay, consistent-hashing to two real
 * carbon-caches. The oracle is what the sender sent (NAME.sent.txt) and what each cache's whisper
 * files hold (NAME.stored-a.txt, NAME.stored-b.txt), including the relay's own fullQueueDrops.
 */
class HopReplayTest {
    private static final String A = "127.0.0.22:2104", B = "127.0.0.23:2204";

    /** One replay with --hop and its oracle. */
    private static final class Case {
        final CliRunner run;
        final List<String> sent;                       // path ts value, one per datapoint sent (a multiset)
        final Map<String, Set<String>> stored = new HashMap<>(); // per cache: lab.hop points stored
        final Map<String, Long> queueDrops = new HashMap<>();    // per cache: the relay's fullQueueDrops for it
        final Map<String, Object> hop;

        Case(String name, String... more) throws Exception {
            List<String> args = new ArrayList<>(List.of("--hop", "2013,2014", "--hop-delivered"));
            args.addAll(List.of(more));
            args.add("tcp");
            run = CliRunner.json("captures/" + name + ".pcap", args.toArray(new String[0]));
            run.assertNoStackTrace();
            assertEquals(0, run.exit(), run.err());
            sent = new ArrayList<>();
            for (String l : lines(name + ".sent.txt")) sent.add(key(l.split(" ")));
            stored(name, "a", A);
            stored(name, "b", B);
            @SuppressWarnings("unchecked")
            List<Object> hops = (List<Object>) run.summary().get("hops");
            assertEquals(1, hops.size());
            @SuppressWarnings("unchecked")
            Map<String, Object> h = (Map<String, Object>) hops.get(0);
            hop = h;
            assertEquals("127.0.0.21:2013", hop.get("hop"));
        }

        private void stored(String name, String cache, String dst) throws IOException {
            Set<String> points = new HashSet<>();
            long drops = 0;
            for (String l : lines(name + ".stored-" + cache + ".txt")) {
                String[] f = l.split(" ");
                if (f[0].startsWith("lab.hop.")) points.add(key(f));
                else if (f[0].endsWith("." + dst.replace('.', '_') + ":None.fullQueueDrops")) drops += (long) Double.parseDouble(f[2]);
            }
            stored.put(dst, points);
            queueDrops.put(dst, drops);
        }

        long n(String key) { return CliRunner.num(hop, key); }

        List<Map<String, Object>> records(String verdict) {
            List<Map<String, Object>> l = new ArrayList<>();
            for (Map<String, Object> m : run.ofType("hop")) if (verdict.equals(m.get("verdict"))) l.add(m);
            return l;
        }

        /** Sent datapoints whose point some cache stored (each copy of a repeated one counts). */
        long sentAndStored() {
            Set<String> all = new HashSet<>(stored.get(A));
            all.addAll(stored.get(B));
            return sent.stream().filter(all::contains).count();
        }

        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> destinations() {
            Map<String, Map<String, Object>> m = new HashMap<>();
            for (Object o : (List<Object>) hop.get("destinations")) m.put((String) ((Map<String, Object>) o).get("dst"), (Map<String, Object>) o);
            return m;
        }
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(Path.of("captures", file));
    }

    private static String key(String[] pathTsValue) {
        return pathTsValue[0] + " " + Long.parseLong(pathTsValue[1]) + " " + Double.parseDouble(pathTsValue[2]);
    }

    @SuppressWarnings("unchecked")
    private static String key(Map<String, Object> hopRecord) {
        return hopRecord.get("path") + " " + CliRunner.num(hopRecord, "timestamp") + " " + hopRecord.get("value");
    }

    /** Each delivered record's copies, per destination, are exactly what that cache stored. */
    @SuppressWarnings("unchecked")
    private static void deliveredIsWhatEachCacheStored(Case c) {
        Map<String, Set<String>> seen = new HashMap<>(Map.of(A, new HashSet<>(), B, new HashSet<>()));
        for (Map<String, Object> d : c.records("delivered")) {
            for (Object o : (List<Object>) d.get("out")) seen.get(((Map<String, Object>) o).get("dst")).add(key(d));
        }
        assertEquals(c.stored.get(A), seen.get(A), "delivered to cache a vs its whisper files");
        assertEquals(c.stored.get(B), seen.get(B), "delivered to cache b vs its whisper files");
        // a point sent twice and stored once may have lost one of its two copies: delivered lies between
        long distinct = new HashSet<>(c.stored.get(A)).size() + c.stored.get(B).stream().filter(k -> !c.stored.get(A).contains(k)).count();
        assertTrue(c.n("delivered") >= distinct && c.n("delivered") <= c.sentAndStored(), "delivered " + c.n("delivered"));
        assertEquals(c.sent.size(), c.n("in"));
        assertEquals(0, c.n("unresolved"), "every datapoint settled: the recording outlasts the hop timeout");
    }

    @Test
    void replicationFactorOneEveryPointReachesOneCache() throws Exception {
        Case c = new Case("hop-rf1");
        deliveredIsWhatEachCacheStored(c);
        assertEquals(c.sent.size(), c.n("delivered"), "nothing lost");
        for (String k : new String[] {"dropped", "duplicated", "misrouted", "unresolved", "unmatched_out"}) assertEquals(0, c.n(k), k);
        assertTrue(c.n("own") > 0, "the relay's own metrics were seen");
    }

    @Test
    void replicationFactorTwoEveryPointReachesBothCaches() throws Exception {
        Case c = new Case("hop-rf2", "--hop-replicas", "2");
        deliveredIsWhatEachCacheStored(c);
        assertEquals(c.stored.get(A), c.stored.get(B));
        for (String k : new String[] {"dropped", "duplicated", "unresolved"}) assertEquals(0, c.n(k), k);
    }

    @Test
    void theSameCaptureReadWithOneReplicaIsDuplicated() throws Exception {
        Case c = new Case("hop-rf2");
        long distinct = new HashSet<>(c.sent).size();
        assertEquals(distinct, c.n("duplicated"), "two copies of each, one expected");
        assertEquals(c.sent.size() - distinct, c.n("delivered"), "a point sent twice takes one copy per sending");
    }

    @Test
    void aStalledCacheDropsAreCountedAndExplainedByTheZeroWindowAndTheRelaysCounter() throws Exception {
        Case c = new Case("hop-drops");
        deliveredIsWhatEachCacheStored(c);
        long dropped = c.n("dropped");
        assertTrue(dropped > 1000, "the recording lost datapoints: " + dropped);
        assertEquals(c.sent.size(), c.n("delivered") + dropped);
        assertEquals(c.queueDrops.get(A) + c.queueDrops.get(B), dropped, "the relay's own counters agree");
        List<Map<String, Object>> drops = c.records("dropped");
        assertEquals(dropped, drops.size());
        long zeroWindow = 0;
        for (Map<String, Object> d : drops) {
            String reason = (String) d.get("reason");
            assertTrue(reason.contains("drop counter for it rose"), reason);
            if (reason.contains(B + " advertised a zero window")) zeroWindow++;
        }
        assertTrue(zeroWindow > c.queueDrops.get(B) / 2, "drops at the stalled cache blame its zero window: " + zeroWindow);
        Map<String, Map<String, Object>> dst = c.destinations();
        long attributed = CliRunner.num(dst.get(A), "dropped") + CliRunner.num(dst.get(B), "dropped");
        assertTrue(attributed >= dropped - 20, "all but the pickled names (never delivered) have a destination");
        assertTrue(Math.abs(CliRunner.num(dst.get(B), "dropped") - c.queueDrops.get(B)) <= 20);
    }

    @Test
    void aBurstOverflowsTheQueuesOfHealthyCaches() throws Exception {
        Case c = new Case("hop-burst");
        deliveredIsWhatEachCacheStored(c);
        long dropped = c.n("dropped");
        assertEquals(c.sent.size(), c.n("delivered") + dropped);
        assertEquals(c.queueDrops.get(A) + c.queueDrops.get(B), dropped, "the relay's own counters agree");
        for (Map<String, Object> d : c.records("dropped")) {
            assertTrue(((String) d.get("reason")).contains("the relay's own drop counter for it rose"), (String) d.get("reason"));
        }
    }

    @Test
    void aCacheThatIsDownRefusesTheRelayAndItsShareIsDropped() throws Exception {
        Case c = new Case("hop-refused");
        deliveredIsWhatEachCacheStored(c);
        long dropped = c.n("dropped");
        assertTrue(dropped > 0);
        assertEquals(c.sent.size(), c.n("delivered") + dropped);
        for (Map<String, Object> d : c.records("dropped")) {
            String reason = (String) d.get("reason");
            assertTrue(reason.contains("destination " + B + " refused"), reason);
            assertEquals(List.of(B), d.get("destinations"));
        }
        assertEquals(dropped, CliRunner.num(c.destinations().get(B), "dropped"));
    }

    @Test
    void expectFailsWithTheCauseWhenAnExpectedPathWasDroppedAtTheHop() throws Exception {
        CliRunner r = CliRunner.run("-I", "captures/hop-refused.pcap", "-q", "--hop", "2013,2014",
                "--expect", "lab.hop.p*", "tcp");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.out().contains("FAIL lab.hop.p*: "), r.out());
        assertTrue(r.out().contains("refused"), r.out());
        CliRunner ok = CliRunner.run("-I", "captures/hop-rf1.pcap", "-q", "--hop", "2013,2014", "--expect", "lab.hop.p*", "tcp");
        assertEquals(0, ok.exit(), ok.out() + ok.err());
    }

    /** A pending limit below the relay's backlog: the oldest datapoints are settled unresolved, never called dropped. */
    @Test
    void aSmallPendingLimitLeavesDatapointsUnresolvedNotDropped() throws Exception {
        Case c = new Case("hop-rf1", "--hop-max-pending", "5");
        assertEquals(c.sent.size(), c.n("in"));
        assertTrue(c.n("unresolved") > 0, "the limit of 5 was reached");
        assertEquals(0, c.n("dropped"), "an evicted datapoint is not a drop");
        assertEquals(c.n("in"), c.n("delivered") + c.n("unresolved"));
        long evicted = CliRunner.num(c.run.summary(), "hop_pending_evicted");
        assertTrue(evicted >= c.n("unresolved"), "evicted " + evicted);
        // one evicted after its copy came out is delivered, so some are, and each was stored by its cache
        assertTrue(c.n("delivered") > 0, "delivered " + c.n("delivered"));
        for (Map<String, Object> d : c.records("delivered")) {
            for (Object o : (List<?>) d.get("out")) {
                assertTrue(c.stored.get(((Map<?, ?>) o).get("dst")).contains(key(d)), "stored: " + d);
            }
        }
        CliRunner bad = CliRunner.run("-I", "captures/hop-rf1.pcap", "-q", "--hop", "2013,2014", "--hop-max-pending", "0");
        assertEquals(2, bad.exit(), bad.err());
        assertEquals("metricsniff: --hop-max-pending must be positive, not 0", bad.err().strip());
    }
}
