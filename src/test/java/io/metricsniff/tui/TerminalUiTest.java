package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import org.junit.jupiter.api.Test;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

class TerminalUiTest {
    static final Endpoint SRC = new Endpoint(new byte[]{127, 0, 0, 1}, 50236);
    static final Endpoint DST = new Endpoint(new byte[]{127, 0, 0, 1}, 2003);
    static final long T0 = 1_795_504_341_000_000_000L;

    static MetricRecord rec(long t, String path, double value, double ts) {
        String raw = path + " " + (long) value + " " + (long) ts;
        return new MetricRecord(t, SRC, DST, Transport.TCP, Protocol.GRAPHITE, raw)
                .path(path).value(value).timestamp(ts);
    }

    static CaptureStats stats(boolean live) {
        return new CaptureStats() {
            public String description() { return live ? "lo: port 2003" : "file captures/mix.pcap"; }
            public long packets() { return 1234; }
            public long bytes() { return 98_765; }
            public long flows() { return 3; }
            public OptionalLong kernelDrops() { return live ? OptionalLong.of(0) : OptionalLong.empty(); }
            public boolean live() { return live; }
        };
    }

    @Test void showsFinalStateAndQuitsOnQ() throws Exception {
        PathTable paths = new PathTable();
        LiveState live = new LiveState();
        for (int i = 0; i < 10; i++) {
            MetricRecord r = rec(T0 + i * 1_000_000_000L, "lab.mix.ok.int", i, 1_795_504_341L + i);
            paths.metric(r); live.metric(r);
        }
        MetricRecord bad = rec(T0 + 11_000_000_000L, "lab.mix.bad\u001b[31m", 1, 1_795_504_352L)
                .flag(Verdict.MALFORMED, new Problem("bad-char", "carbon rejects the line"));
        paths.metric(bad); live.metric(bad);
        live.finish();
        AtomicInteger quits = new AtomicInteger();
        try (VirtualScreen vt = new VirtualScreen(120, 30)) {
            TerminalUi ui = new TerminalUi(vt.terminal, paths, live, stats(false), quits::incrementAndGet);
            ui.start();
            String screen = vt.await(s -> s.contains("lab.mix.ok.int"), 5000);
            System.out.println(screen); System.out.println(vt.rawOutput().replace("\033", "<ESC>"));
            assertTrue(screen.contains("file captures/mix.pcap"), screen);
            vt.type("q");
            assertTrue(ui.waitForQuit(5, TimeUnit.SECONDS));
            assertEquals(1, quits.get());
            ui.close();
        }
    }
}
