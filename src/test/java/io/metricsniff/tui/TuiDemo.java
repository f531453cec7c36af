package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import org.jline.terminal.Terminal;

import java.util.OptionalLong;

/**
 * The live view on the real terminal with made-up records, for trying it by hand and for
 * {@code scripts/tui-check} before the CLI is wired:
 * {@code TUI_CHECK_CMD="java -cp ... io.metricsniff.tui.TuiDemo replay" scripts/tui-check}.
 * {@code live} keeps feeding about 2000 records/s until q.
 */
public final class TuiDemo {
    public static void main(String[] args) throws Exception {
        boolean liveMode = args.length > 0 && args[0].equals("live");
        Terminal terminal = TerminalUi.openSystemTerminal();
        if (terminal == null) {
            System.err.println("TuiDemo: stdout is not a terminal");
            System.exit(3);
        }
        PathTable paths = new PathTable();
        ViewSources view = new ViewSources(paths);
        LiveState live = view.live();
        Runnable feedSome = feeder(paths, view);
        if (!liveMode) {
            for (int i = 0; i < 4; i++) feedSome.run();
            view.finish();
        }
        volatile_stop[0] = false;
        TerminalUi ui = new TerminalUi(terminal, view, demoStats(liveMode, live), () -> volatile_stop[0] = true);
        int status = 0;
        try {
            ui.start();
            while (liveMode && !volatile_stop[0]) {
                feedSome.run();
                Thread.sleep(25);
            }
            ui.waitForQuit();
            if (ui.failure() != null) {
                status = 2;
            }
        } finally {
            ui.close();
            terminal.close();
        }
        if (ui.failure() != null) System.err.println("TuiDemo: " + ui.failure());
        System.out.println("TuiDemo: " + live.metrics() + " records");
        System.exit(status);
    }

    /** Each run feeds 50 more made-up records (late, future, NaN, bad value, an escape in a path) to both sinks. */
    static Runnable feeder(PathTable paths, ViewSources view) {
        Endpoint src = new Endpoint(new byte[]{127, 0, 0, 1}, 50236);
        Endpoint dst = new Endpoint(new byte[]{127, 0, 0, 1}, 2003);
        long t0 = 1_795_508_376_000_000_000L;
        String[] names = {"lab.ok.int", "lab.ok.float", "lab.ok.tabs", "lab.late.two.hours", "lab.future.two.hours",
                "lab.expect.nan-value.x", "lab.expect.bad-value.abc\u001b[2J"};
        long[] n = {0};
        return () -> {
            for (int k = 0; k < 50; k++) {
                int i = (int) (n[0] % names.length);
                long t = t0 + n[0] * 10_000_000L;
                double ts = t / 1e9 + (i == 3 ? -7200 : i == 4 ? 7200 : 0);
                MetricRecord r = new MetricRecord(t, src, dst, Transport.TCP, Protocol.GRAPHITE,
                        names[i] + " " + n[0] + " " + (long) ts).path(names[i]).value(n[0]).timestamp(ts);
                if (i == 3) r.flag(Verdict.LATE, new Problem("late", "2h behind capture time"));
                if (i == 4) r.flag(Verdict.FUTURE, new Problem("future", "2h ahead of capture time"));
                if (i == 5) r.flag(Verdict.MALFORMED, new Problem("nan-value", "carbon drops NaN values silently"));
                if (i == 6) r.flag(Verdict.MALFORMED, new Problem("bad-value", "carbon: invalid line, value is not a number"));
                paths.metric(r);
                view.metric(r);
                n[0]++;
            }
        };
    }

    static CaptureStats demoStats(boolean liveMode, LiveState live) {
        return new CaptureStats() {
            public String description() { return liveMode ? "lo: port 2003 (demo)" : "file captures/demo.pcap"; }
            public long packets() { return live.metrics() / 3; }
            public long bytes() { return live.metrics() * 31; }
            public long flows() { return 6; }
            public OptionalLong kernelDrops() { return liveMode ? OptionalLong.of(0) : OptionalLong.empty(); }
            public boolean live() { return liveMode; }
        };
    }

    private static final boolean[] volatile_stop = new boolean[1];
}
