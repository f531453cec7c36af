package io.metricsniff.verdict;

import io.metricsniff.text.JsNumber;
import io.metricsniff.decode.Endpoint;
import io.metricsniff.protocol.DatagramLineConsumer;
import io.metricsniff.record.MetricRecord;
import io.metricsniff.record.Problems;
import io.metricsniff.record.Protocol;
import io.metricsniff.record.RecordSink;
import io.metricsniff.record.Transport;
import io.metricsniff.record.Verdict;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The judging consumer of StatsD lines (UDP 8125, framed by {@code protocol.statsd.StatsdDatagramDecoder}):
 * {@code name:value|type[|@rate][|#tags]}. One record per value.
 *
 * <p>The verdict follows the statsd daemon (npm {@code statsd} 0.9, stats.js handlePacket and
 * lib/helpers.js is_valid_packet), which logs {@code Bad line: ...} for: no {@code |type}; a value
 * that JavaScript's Number() rejects (empty included) for any type but {@code s}; a negative
 * {@code ms}; a third field that is not {@code @} and a non-negative number. It splits the text
 * before {@code |#} on ':' into {@code value|type|...} chunks (so {@code a:1|c:2|ms} is two
 * metrics) and counts any other type as a counter.
 *
 * <p>DogStatsD extensions are understood and not called malformed: {@code |#k:v,k2} tags,
 * {@code |T<unix seconds>} (sets the timestamp, judged for late/future), {@code |c:<container>},
 * the types {@code h d}, and multi-value {@code name:1:2:3|d}. Where the statsd daemon would count
 * such a line as bad or misread it, the record carries a note ({@code dogstatsd-extension}).
 */
public final class StatsdLines implements DatagramLineConsumer {
    /** Values one line may carry; a datagram is at most 64 KiB, so this only bounds abuse. */
    public static final int MAX_VALUES_PER_LINE = 1024;

    private final Judge judge;
    private final RecordSink sink;

    // per-line scratch, reused (single processing thread)
    private long timeNanos;
    private Endpoint src;
    private Endpoint dst;
    private byte[] line;
    private String name;
    private List<String[]> tags;
    private String storedName;
    private boolean nameRewritten;
    private boolean containerLater;   // a |c: field after statsd's fields[2]
    private long dogTimestamp;        // -1: none
    private boolean dogTimestampBad;
    private int pendingCount;
    private final int[] pendingStart = new int[MAX_VALUES_PER_LINE];
    private final int[] pendingEnd = new int[MAX_VALUES_PER_LINE];

    public StatsdLines(Judge judge, RecordSink sink) {
        this.judge = judge;
        this.sink = sink;
    }

    @Override
    public void gap(Endpoint src, Endpoint dst, long bytes, long timeNanos) { sink.gap(timeNanos, src, dst, bytes); }

    @Override
    public void line(Endpoint src, Endpoint dst, byte[] buf, int s, int e, long timeNanos) {
        this.src = src;
        this.dst = dst;
        this.timeNanos = timeNanos;
        line = Arrays.copyOfRange(buf, s, e);
        int n = line.length;
        int tagsAt = indexOfTags(line, n);
        int bits0End = tagsAt < 0 ? n : tagsAt;
        int colon = 0;
        while (colon < bits0End && line[colon] != ':') colon++;
        tags = Collections.emptyList();
        storedName = null;
        dogTimestamp = -1;
        dogTimestampBad = false;
        if (tagsAt >= 0) afterTags(tagsAt + 2, n);
        if (colon == bits0End) {                      // no ':': statsd tries value "1" without a type
            name = text(0, bits0End);
            storedName = storedName(bits0End);
            MetricRecord r = record();
            r.flag(Verdict.MALFORMED, Problems.STATSD_NO_VALUE);
            emit(r);
            return;
        }
        name = text(0, colon);
        storedName = storedName(colon);
        values(colon + 1, bits0End);
        untypedValues();
    }

    /** The {@code value|type|fields} chunks between the name's ':' and {@code bits0End}, split on ':'. */
    private void values(int from, int bits0End) {
        pendingCount = 0;
        int p = from;
        while (p <= bits0End) {
            int v = p;
            while (p < bits0End && line[p] != '|' && line[p] != ':') p++;
            if (p == bits0End || line[p] == ':') {        // a value without a type (yet)
                if (pendingCount < MAX_VALUES_PER_LINE) {
                    pendingStart[pendingCount] = v;
                    pendingEnd[pendingCount++] = p;
                }
                p++;
                continue;
            }
            int ve = p++;                                  // at '|': the type follows
            int t = p;
            while (p < bits0End && line[p] != '|' && line[p] != ':') p++;
            int te = p;
            int f1 = -1, f1e = -1;                         // statsd's fields[2]
            int rate = -1, rateE = -1;                     // first '@' field (DogStatsD: any position)
            containerLater = false;
            while (p < bits0End && line[p] == '|') {
                int f = ++p;
                boolean container = p + 1 < bits0End && line[p] == 'c' && line[p + 1] == ':';
                while (p < bits0End && line[p] != '|' && (container || line[p] != ':')) p++;
                if (f1 < 0) { f1 = f; f1e = p; }
                else if (container) containerLater = true;
                if (rate < 0 && p > f && line[f] == '@') { rate = f; rateE = p; }
                if (p > f && line[f] == 'T') timestampField(f + 1, p);
            }
            for (int k = 0; k < pendingCount; k++) {
                MetricRecord r = chunk(pendingStart[k], pendingEnd[k], t, te, f1, f1e, rate, rateE);
                r.note(Problems.DOGSTATSD_MULTI_VALUE);
                finish(r);
            }
            pendingCount = 0;
            finish(chunk(v, ve, t, te, f1, f1e, rate, rateE));
            p++;                                           // past the ':' that ended the chunk, or the end
        }
    }

    /** Values left without a |type at the end of the line: each a bad line for statsd. */
    private void untypedValues() {
        for (int k = 0; k < pendingCount; k++) {
            MetricRecord r = record();
            setValue(r, pendingStart[k], pendingEnd[k]);
            r.flag(Verdict.MALFORMED, Problems.statsdValueWithoutType(text(pendingStart[k], pendingEnd[k])));
            emit(r);
        }
    }

    /** One {@code value|type|fields} chunk judged as is_valid_packet does. */
    private MetricRecord chunk(int v, int ve, int t, int te, int f1, int f1e, int rate, int rateE) {
        MetricRecord r = record();
        double value = setValue(r, v, ve);
        boolean number = ve > v && !Double.isNaN(value);   // helpers.isNumber: non-empty and not NaN
        String type = type(t, te);
        r.statsdType(type);
        if (f1 >= 0) {
            if (validSampleRate(f1, f1e)) {
                rate = f1;
                rateE = f1e;
            } else if (isDogField(f1, f1e)) {
                r.note(Problems.dogstatsdField(text(f1, f1e)));
            } else {
                return r.flag(Verdict.MALFORMED, Problems.statsdBadSampleRate(text(f1, f1e)));
            }
        }
        if (rate >= 0) {
            // stats.js reads the rate with /^@([\d\.]+)/; a rate valid by Number() but not by that
            // pattern (@+0.5, @ 0.5, @Infinity) makes match() return null and the daemon throw
            int d = rate + 1;
            while (d < rateE && (line[d] == '.' || (line[d] >= '0' && line[d] <= '9'))) d++;
            if (d == rate + 1) {
                if (rate == f1) {
                    return r.flag(Verdict.MALFORMED, Problems.statsdSampleRateCrash(text(rate, rateE)));
                }
            } else {
                r.sampleRate(JsNumber.parse(line, rate + 1, d));
            }
        }
        int typeLen = te - t;
        boolean ms = typeLen == 2 && line[t] == 'm' && line[t + 1] == 's';
        boolean set = typeLen == 1 && line[t] == 's';
        if (!set && (!number || (ms && value < 0))) {
            return r.flag(Verdict.MALFORMED, Problems.statsdBadValue(text(v, ve), ms, text(t, te)));
        }
        if (dogTimestampBad) {
            return r.flag(Verdict.MALFORMED, Problems.STATSD_BAD_T_FIELD);
        }
        switch (type) {
            case "c", "g", "ms", "s" -> { }
            case "h", "d" -> r.note(Problems.dogstatsdType(type));
            default -> r.note(Problems.statsdUnknownType(type));
        }
        if (containerLater) r.note(Problems.DOGSTATSD_CONTAINER);
        if (dogTimestamp >= 0) r.timestamp(dogTimestamp);
        return r;
    }

    private void finish(MetricRecord r) {
        if (r.hasTimestamp()) judge.judgeTiming(r);
        emit(r);
    }

    private double setValue(MetricRecord r, int v, int ve) {
        double value = JsNumber.parse(line, v, ve);
        if (ve > v && !Double.isNaN(value)) r.value(value);
        return value;
    }

    private MetricRecord record() {
        MetricRecord r = new MetricRecord(timeNanos, src, dst, Transport.UDP, Protocol.STATSD, line, line.length);
        r.path(name);
        if (!tags.isEmpty()) r.tags(tags);
        if (storedName != null) r.storedPath(storedName);
        if (nameRewritten) r.note(Problems.statsdNameRewritten(storedName));
        return r;
    }

    private void emit(MetricRecord r) { sink.metric(r); }

    /** helpers.isValidSampleRate: '@' then Number() not NaN, not empty, not starting with '-'. */
    private boolean validSampleRate(int f, int fe) {
        if (fe - f < 2 || line[f] != '@') return false;
        return line[f + 1] != '-' && !Double.isNaN(JsNumber.parse(line, f + 1, fe));
    }

    private boolean isDogField(int f, int fe) {
        if (fe - f >= 2 && line[f] == 'c' && line[f + 1] == ':') return true;
        return fe - f >= 2 && line[f] == 'T';
    }

    private void timestampField(int s, int e) {
        long ts = 0;
        boolean ok = s < e && e - s <= 12;
        for (int i = s; ok && i < e; i++) {
            if (line[i] < '0' || line[i] > '9') ok = false;
            else ts = ts * 10 + (line[i] - '0');
        }
        if (ok) dogTimestamp = ts;
        else dogTimestampBad = true;
    }

    /** DogStatsD fields after the tags: the tags end at the next '|'; then |T, |c:, others ignored. */
    private void afterTags(int s, int n) {
        int te = s;
        while (te < n && line[te] != '|') te++;
        tags = parseTags(s, te);
        int p = te;
        while (p < n) {
            int f = ++p;
            while (p < n && line[p] != '|') p++;
            if (p > f && line[f] == 'T') timestampField(f + 1, p);
        }
    }

    private List<String[]> parseTags(int s, int e) { return StatsdNames.tags(line, s, e); }

    private String storedName(int nameEnd) {
        nameRewritten = !StatsdNames.clean(line, nameEnd);
        return StatsdNames.stored(name, tags, !nameRewritten);
    }

    private String type(int t, int te) {
        while (t < te && JsNumber.isSpace(line[t])) t++;          // stats.js trims the type
        while (te > t && JsNumber.isSpace(line[te - 1])) te--;
        int n = te - t;
        if (n == 1) {
            switch (line[t]) {
                case 'c': return "c";
                case 'g': return "g";
                case 's': return "s";
                case 'h': return "h";
                case 'd': return "d";
                default: break;
            }
        } else if (n == 2 && line[t] == 'm' && line[t + 1] == 's') {
            return "ms";
        }
        return text(t, te);
    }

    private static int indexOfTags(byte[] b, int n) {
        for (int i = 0; i + 1 < n; i++) if (b[i] == '|' && b[i + 1] == '#') return i;
        return -1;
    }

    private String text(int s, int e) { return new String(line, s, e - s, StandardCharsets.UTF_8); }
}
