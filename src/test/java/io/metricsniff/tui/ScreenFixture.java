package io.metricsniff.tui;

import io.metricsniff.analysis.PathTable;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problem;
import io.metricsniff.record.Verdict;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Collectors;

import static io.metricsniff.tui.TerminalUiTest.*;
import static org.junit.jupiter.api.Assertions.*;

/** The screen tests' traffic: four paths with ok, late, malformed and future points, two senders. */
abstract class ScreenFixture {
    PathTable paths;
    ViewSources view;
    LiveState live;
    ViewState vs;
    Model model;

    void feed(MetricRecord r) { paths.metric(r); view.metric(r); }

    @BeforeEach void setUp() {
        paths = new PathTable();
        view = new ViewSources(paths);
        live = view.live();
        vs = new ViewState();
        // lab.a: 6 points, 1 s apart, on time; lab.b.x: 3 points, 30 s late; lab.b.y: one malformed;
        // other.z: 2 points from two senders, one in the future
        for (int i = 0; i < 6; i++) feed(rec(T0 + i * 1_000_000_000L, "lab.a", 10 + i, 1_795_504_341L + i));
        for (int i = 0; i < 3; i++) {
            feed(rec(T0 + i * 1_000_000_000L, "lab.b.x", 1.5, 1_795_504_311L + i)
                    .flag(Verdict.LATE, new Problem("late", "30s behind capture time")));
        }
        feed(rec(T0 + 2_000_000_000L, "lab.b.y", 7, 1_795_504_343L)
                .flag(Verdict.MALFORMED, new Problem("bad-value", "carbon drops it")));
        feed(rec(T0, "other.z", 3, 1_795_504_341L));
        Endpoint other = new Endpoint(new byte[]{10, 0, 0, 5}, 40000);
        MetricRecord fut = new MetricRecord(T0 + 5_000_000_000L, other, DST, io.metricsniff.record.Transport.TCP,
                io.metricsniff.record.Protocol.GRAPHITE, "other.z 4 1795504946").path("other.z").value(4)
                .timestamp(1_795_504_946L).flag(Verdict.FUTURE, new Problem("future", "10m ahead"));
        feed(fut);
        live.finish();
        model = new Model(view, stats(false), 0);
    }

    List<AttributedString> render(int w, int h) {
        return new Screen().render(model.build(vs, 1), vs, w, h);
    }

    String text(int w, int h) {
        return render(w, h).stream().map(AttributedString::toString).collect(Collectors.joining("\n"));
    }

    List<String> keys() {
        return model.build(vs, 1).paths().stream().map(PathRow::key).collect(Collectors.toList());
    }
}
