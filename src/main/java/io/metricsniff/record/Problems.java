package io.metricsniff.record;

import io.metricsniff.text.Durations;

/**
 * Every problem code, with its message, in one place: the receiver profiles', the framers',
 * pickle's, StatsD's, timing and order. The same fault has the same code whichever receiver is
 * chosen. Codes are part of the JSON contract: add new ones, never rename. Messages name the
 * receiver whose rule it is and are formatted only when printed ({@link Problem#lazy}).
 */
public final class Problems {
    private Problems() { }

    // Graphite plaintext, judged by a receiver profile
    public static final String FIELD_COUNT = "field-count";
    public static final String TAB_SEPARATOR = "tab-separator";
    public static final String DOUBLE_SPACE = "double-space";
    public static final String EMPTY_LINE = "empty-line";
    public static final String BAD_VALUE = "bad-value";
    public static final String NAN_VALUE = "nan-value";
    public static final String BAD_TIMESTAMP = "bad-timestamp";
    public static final String KILLER_TIMESTAMP = "killer-timestamp";
    public static final String MS_TIMESTAMP = "ms-timestamp";
    public static final String TIMESTAMP_RANGE = "timestamp-range";
    public static final String NEGATIVE_TIMESTAMP = "negative-timestamp";
    public static final String LINE_TOO_LONG = "line-too-long";
    public static final String INVALID_UTF8 = "invalid-utf8";
    public static final String BAD_NAME = "bad-name";
    public static final String BAD_TAG = "bad-tag";
    public static final String NAME_REWRITTEN = "name-rewritten";
    public static final String CR_SPLIT = "cr-split";
    public static final String NOT_CHECKED = "not-checked";
    public static final String NO_PICKLE = "no-pickle";
    // where a stream or datagram ends or stops being read
    public static final String UNTERMINATED = "unterminated";
    public static final String LOST_AFTER_CLOSE = "lost-after-close";
    public static final String LOST_IN_DATAGRAM = "lost-in-datagram";
    public static final String UDP_TRUNCATED = "udp-truncated";
    // time: --late/--future and per-path order
    public static final String LATE = "late";
    public static final String FUTURE = "future";
    public static final String TIMESTAMP_BACKWARDS = "timestamp-backwards";
    // Riemann's protobuf protocol: what its graphite output does with an event, framing, parsing
    public static final String RIEMANN_NO_METRIC = "riemann-no-metric";
    public static final String RIEMANN_NO_TIME = "riemann-no-time";
    public static final String RIEMANN_TIME_RANGE = "riemann-time-range";
    public static final String RIEMANN_BAD_PROTOBUF = "riemann-bad-protobuf";
    public static final String RIEMANN_FRAME_TOO_LARGE = "riemann-frame-too-large";
    public static final String RIEMANN_UNTERMINATED = "riemann-unterminated";
    // pickle: framing, unpickling (PickleException), carbon's handling of the unpickled frame
    public static final String PICKLE_FRAME_TOO_LARGE = "pickle-frame-too-large";
    public static final String PICKLE_UNTERMINATED = "pickle-unterminated";
    /** carbon catches the error, logs {@code invalid pickle received from ...} and keeps the connection. */
    public static final String PICKLE_INVALID = "pickle-invalid";
    /** An opcode that needs a class or callable: never executed here, refused by carbon's SafeUnpickler. */
    public static final String PICKLE_REFUSED = "pickle-refused-opcode";
    /** Safe opcodes this reader does not build (dicts, sets): carbon would unpickle them. */
    public static final String PICKLE_UNSUPPORTED = "pickle-unsupported-opcode";
    /** One of metricsniff's memory bounds tripped (see PickleReader's constants). */
    public static final String PICKLE_LIMIT = "pickle-limit";
    public static final String PICKLE_NOT_A_LIST = "pickle-not-a-list";
    public static final String PICKLE_BAD_DATAPOINT = "pickle-bad-datapoint";
    public static final String PICKLE_BAD_NUMBER = "pickle-bad-number";
    public static final String PICKLE_NUMBER_OVERFLOW = "pickle-number-overflow";
    public static final String PICKLE_PATH_NOT_STR = "pickle-path-not-str";
    public static final String PICKLE_CONNECTION_CLOSED = "pickle-connection-closed";
    // StatsD, as the statsd daemon reads it
    public static final String STATSD_NO_TYPE = "statsd-no-type";
    public static final String STATSD_BAD_VALUE = "statsd-bad-value";
    public static final String STATSD_BAD_SAMPLE_RATE = "statsd-bad-sample-rate";
    public static final String STATSD_SAMPLE_RATE_CRASH = "statsd-sample-rate-crash";
    public static final String STATSD_BAD_TIMESTAMP = "statsd-bad-timestamp";
    public static final String STATSD_UNKNOWN_TYPE = "statsd-unknown-type";
    public static final String STATSD_NAME_REWRITTEN = "statsd-name-rewritten";
    public static final String DOGSTATSD = "dogstatsd-extension";

    /** Whisper's struct error for a timestamp outside 32 bits, quoted as carbon logs it. */
    public static final String WHISPER_L_ERROR = "'L' format requires 0 <= number <= 4294967295";

    public static Problem fieldCount(String receiver, int fields, String rule) {
        return Problem.lazy(FIELD_COUNT, a -> a[0] + " needs " + a[2] + "; this line has " + a[1]
                + ((Integer) a[1] == 1 ? " field" : " fields"), receiver, fields, rule);
    }

    public static Problem tabSeparator(String receiver) {
        return Problem.lazy(TAB_SEPARATOR, a -> a[0] + " separates fields by single spaces only; a tab makes the line invalid", receiver);
    }

    public static Problem doubleSpace(String receiver) {
        return Problem.lazy(DOUBLE_SPACE, a -> a[0] + " separates fields by single spaces only; two spaces in a row make an empty field", receiver);
    }

    /** "{receiver} {what}" for codes whose whole message is the receiver's reaction. */
    private static Problem says(String code, String receiver, String what) {
        return Problem.lazy(code, a -> a[0] + " " + a[1], receiver, what);
    }

    public static Problem emptyLine(String receiver, String what) { return says(EMPTY_LINE, receiver, what); }
    public static Problem nanValue(String receiver, String what) { return says(NAN_VALUE, receiver, what); }
    public static Problem timestampRange(String receiver, String consequence) { return says(TIMESTAMP_RANGE, receiver, consequence); }

    public static Problem badValue(String receiver, String rule) {
        return Problem.lazy(BAD_VALUE, a -> a[0] + " rejects the value: " + a[1], receiver, rule);
    }

    public static Problem badTimestamp(String receiver, String rule) {
        return Problem.lazy(BAD_TIMESTAMP, a -> a[0] + " rejects the timestamp: " + a[1], receiver, rule);
    }

    public static Problem killerTimestamp(String receiver, String ts, String consequence) {
        return Problem.lazy(KILLER_TIMESTAMP, a -> a[0] + " fails on timestamp " + a[1] + " and " + a[2], receiver, ts, consequence);
    }

    /** Unit named from the size: s*1e3 ms, s*1e6 us, s*1e9 ns. */
    public static Problem msTimestamp(String receiver, double ts, String consequence) {
        String unit = ts < 1e14 ? "milliseconds" : ts < 1e17 ? "microseconds" : "nanoseconds";
        return Problem.lazy(MS_TIMESTAMP, a -> "timestamp looks like " + a[0] + ", not seconds; " + a[1] + " " + a[2],
                unit, receiver, consequence);
    }

    public static Problem negativeTimestamp(String receiver, String consequence) {
        return Problem.lazy(NEGATIVE_TIMESTAMP, a -> "negative timestamp: " + a[0] + " " + a[1], receiver, consequence);
    }

    public static Problem lineTooLong(String receiver, long length, long limit, String consequence) {
        return Problem.lazy(LINE_TOO_LONG, a -> "line is " + a[1] + " bytes, over " + a[0] + "'s limit of " + a[2]
                + ": " + a[3], receiver, length, limit, consequence);
    }

    public static Problem invalidUtf8(String receiver, String consequence) {
        return Problem.lazy(INVALID_UTF8, a -> "line is not valid UTF-8: " + a[0] + " " + a[1], receiver, consequence);
    }

    public static Problem badName(String receiver, String why) {
        return Problem.lazy(BAD_NAME, a -> a[0] + " rejects the name: " + a[1], receiver, why);
    }

    public static Problem badTag(String receiver, String why) {
        return Problem.lazy(BAD_TAG, a -> a[0] + " cannot parse the tags: " + a[1], receiver, why);
    }

    public static Problem nameRewritten(String receiver, String stored) {
        return Problem.lazy(NAME_REWRITTEN, a -> a[0] + " rewrites the name and passes it on as '" + a[1] + "'", receiver, stored);
    }

    public static Problem crSplit(String receiver, int metrics) {
        return Problem.lazy(CR_SPLIT, a -> a[0] + " also ends a line at '\\r': it reads " + a[1] + " metric lines here", receiver, metrics);
    }

    public static Problem notChecked(String receiver) {
        return Problem.lazy(NOT_CHECKED, a -> a[0] + " forwards this without checking value and timestamp;"
                + " the next receiver will likely reject it", receiver);
    }

    public static Problem noPickle(String receiver) {
        return Problem.lazy(NO_PICKLE, a -> a[0] + " has no pickle listener", receiver);
    }

    /**
     * A last line without its newline when the stream ended.
     *
     * @param end how the stream ended: the reassembler's end reason in lower case ("fin", "rst", "capture_end", ...)
     * @param readAnyway the receiver still reads it (carbon-relay-ng at a FIN)
     */
    public static Problem unterminated(String end, String receiver, boolean readAnyway) {
        return Problem.lazy(UNTERMINATED, a -> unterminatedWhy((String) a[0], a[1], (Boolean) a[2]), end, receiver, readAnyway);
    }

    private static String unterminatedWhy(String end, Object receiver, boolean readAnyway) {
        if (readAnyway) return "no newline before the sender closed; " + receiver + " still reads it";
        switch (end) {
            case "fin": return "no newline before the sender closed the connection: " + receiver + " drops this last line";
            case "rst": return "no newline before the connection was reset: " + receiver + " drops this last line";
            case "capture_end": return "the capture ended before this line's newline: " + receiver + " has not accepted it (yet)";
            default: return "the stream was given up (" + end + ") before this line's newline";
        }
    }

    public static Problem lostAfterClose(String receiver, String killer) {
        return Problem.lazy(LOST_AFTER_CLOSE, a -> a[0] + " closed this connection at " + a[1]
                + "; the sender's data after it is lost", receiver, killer);
    }

    public static Problem lostInDatagram(String receiver, String killer) {
        return Problem.lazy(LOST_IN_DATAGRAM, a -> a[0] + " stopped reading this datagram at " + a[1], receiver, killer);
    }

    public static Problem udpTruncated(int limit, boolean cut) {
        return Problem.lazy(UDP_TRUNCATED, a -> "carbon reads only the first " + a[0] + " bytes of a datagram; "
                + ((Boolean) a[1] ? "this line is cut there" : "this line is beyond them and lost"), limit, cut);
    }

    /** @param late true: behind capture time; false: ahead of it (both in seconds) */
    /** Without --schemas what the receiver keeps is unknown: the message says what is assumed. */
    public static Problem timing(boolean late, double bySeconds, double limitSeconds) {
        return late
                ? Problem.lazy(LATE, a -> "timestamp is " + seconds(a[0]) + " behind capture time (limit " + seconds(a[1])
                        + "; without --schemas, assumed not to count: whether the receiver keeps it depends on its retention)",
                        bySeconds, limitSeconds)
                : Problem.lazy(FUTURE, a -> "timestamp is " + seconds(a[0]) + " ahead of capture time (limit " + seconds(a[1])
                        + "; without --schemas, assumed not to count: whisper would store it, the sender's clock is off)",
                        bySeconds, limitSeconds);
    }

    /** With --schemas, a skewed point the receiver still stores: a note, the verdict stays ok. */
    public static Problem timingStored(boolean late, double bySeconds, double limitSeconds, long retentionSeconds) {
        return late
                ? Problem.lazy(LATE, a -> "stored: timestamp is " + seconds(a[0]) + " behind capture time (limit " + seconds(a[1])
                        + "), inside the longest retention " + seconds(a[2]) + "; the clock is off by " + seconds(a[0]),
                        bySeconds, limitSeconds, (double) retentionSeconds)
                : Problem.lazy(FUTURE, a -> "stored: timestamp is " + seconds(a[0]) + " ahead of capture time (limit " + seconds(a[1])
                        + "); whisper writes future points into its finest archive; the clock is off by " + seconds(a[0]), bySeconds, limitSeconds);
    }

    /** With --schemas, a point older than its path's longest retention: whisper drops it without a word. */
    public static Problem olderThanRetention(double bySeconds, long retentionSeconds) {
        return Problem.lazy(LATE, a -> "dropped: timestamp is " + seconds(a[0]) + " behind capture time, older than the longest"
                + " retention " + seconds(a[1]) + " of its schema; whisper drops it silently", bySeconds, (double) retentionSeconds);
    }

    public static Problem timestampBackwards(String receiver, double bySeconds, boolean drops) {
        return Problem.lazy(TIMESTAMP_BACKWARDS, a -> "timestamp " + seconds(a[1]) + " older than the newest already seen for this path"
                + ((Boolean) a[2] ? ": " + a[0] + " drops points that go backwards (its validate_order check)"
                                  : "; " + a[0] + " still takes it (writes it into its slot, or passes it on:"
                                    + " carbon-relay-ng's validate_order, which would drop it, is off by default)"),
                receiver, bySeconds, drops);
    }

    private static String seconds(Object s) { return Durations.format((Double) s); }

    private static final Problem RIEMANN_NO_METRIC_NOTE = new Problem(RIEMANN_NO_METRIC,
            "the event has no metric: riemann's graphite output never forwards it");
    private static final Problem RIEMANN_NO_TIME_NOTE = new Problem(RIEMANN_NO_TIME,
            "the event has no time: riemann stamps it with its own clock (the capture time is shown)");

    /** One shared instance: a note on every metric-less event allocates nothing. */
    public static Problem riemannNoMetric() { return RIEMANN_NO_METRIC_NOTE; }

    public static Problem riemannNoTime() { return RIEMANN_NO_TIME_NOTE; }

    public static Problem riemannTimeRange(double seconds) {
        return Problem.lazy(RIEMANN_TIME_RANGE, a -> "time " + a[0] + " does not fit the Java int riemann's graphite"
                + " output casts it to: that output fails on this event and writes nothing", seconds);
    }

    public static Problem riemannBadProtobuf(String why, boolean tcp) {
        return Problem.lazy(RIEMANN_BAD_PROTOBUF, a -> "riemann cannot parse this Msg (" + a[0] + ") and "
                + ((Boolean) a[1] ? "closes the connection: none of its events, nor anything sent after it, is processed"
                        : "drops the datagram"), why, tcp);
    }

    public static Problem riemannFrameTooLarge(long length) {
        return Problem.lazy(RIEMANN_FRAME_TOO_LARGE, a -> "a frame length of " + a[0] + " is over riemann's limit of "
                + Integer.MAX_VALUE + " (Integer.MAX_VALUE): it closes the connection and the rest is lost", length);
    }

    public static Problem riemannUnterminated(String what) {
        return Problem.lazy(RIEMANN_UNTERMINATED, a -> "the connection closed after " + a[0] + ": riemann never reads it", what);
    }

    public static Problem pickleFrameTooLarge(long length, int limit) {
        return Problem.lazy(PICKLE_FRAME_TOO_LARGE, a -> "a frame of " + a[0] + " bytes is over carbon's"
                + " PICKLE_RECEIVER_MAX_LENGTH (" + a[1] + "): carbon closes the connection and the rest is lost", length, limit);
    }

    /** @param what how much of the frame arrived, e.g. "3 of the 4 length bytes of a pickle frame" */
    public static Problem pickleUnterminated(String what) {
        return Problem.lazy(PICKLE_UNTERMINATED, a -> "the connection closed after " + a[0] + ": carbon never unpickles it", what);
    }

    public static Problem pickleNotAList(String type) {
        return Problem.lazy(PICKLE_NOT_A_LIST, a -> "carbon iterates the unpickled object; a " + a[0]
                + " is not iterable: the TypeError closes the connection", type);
    }

    public static Problem pickleBadNumber(String what) {
        return Problem.lazy(PICKLE_BAD_NUMBER, a -> "carbon skips it silently: float() fails on " + a[0], what);
    }

    public static Problem picklePathNotStr(String type) {
        return Problem.lazy(PICKLE_PATH_NOT_STR, a -> "path is a " + a[0] + ", not str: carbon calls .encode() on it,"
                + " the AttributeError closes the connection", type);
    }

    // fixed messages: one shared, immutable instance each
    public static final Problem PICKLE_NOT_A_DATAPOINT = new Problem(PICKLE_BAD_DATAPOINT,
            "carbon logs 'Error decoding pickle' and skips it: not (path, (timestamp, value))");
    public static final Problem PICKLE_OVERFLOWS = new Problem(PICKLE_NUMBER_OVERFLOW,
            "float() raises OverflowError on an int that large; carbon does not catch it and the connection closes");
    public static final Problem PICKLE_LOST = new Problem(PICKLE_CONNECTION_CLOSED,
            "lost: carbon closed the connection at an earlier datapoint of this frame");

    private static final String BAD_LINE = "statsd logs 'Bad line': ";
    public static final Problem STATSD_NO_VALUE = new Problem(STATSD_NO_TYPE, BAD_LINE + "no ':value|type' after the name");
    public static final Problem STATSD_BAD_T_FIELD = new Problem(STATSD_BAD_TIMESTAMP,
            "DogStatsD's |T field must be unix seconds (digits only)");
    public static final Problem DOGSTATSD_MULTI_VALUE = new Problem(DOGSTATSD,
            "multi-value (name:v1:v2|type) is DogStatsD; the statsd daemon counts this value as a bad line");
    public static final Problem DOGSTATSD_CONTAINER = new Problem(DOGSTATSD,
            "the statsd daemon splits '|c:' at its ':' and counts the container id as a bad line");

    public static Problem statsdValueWithoutType(String value) {
        return Problem.lazy(STATSD_NO_TYPE, a -> BAD_LINE + "value '" + a[0] + "' has no |type", value);
    }

    public static Problem statsdBadSampleRate(String field) {
        return Problem.lazy(STATSD_BAD_SAMPLE_RATE, a -> BAD_LINE + "'" + a[0] + "' is not a sample rate (@ and a non-negative number)", field);
    }

    public static Problem statsdSampleRateCrash(String rate) {
        return Problem.lazy(STATSD_SAMPLE_RATE_CRASH, a -> "statsd accepts sample rate '" + a[0]
                + "' but then fails to read it: the daemon exits (uncaught TypeError)", rate);
    }

    public static Problem statsdBadValue(String value, boolean ms, String type) {
        return Problem.lazy(STATSD_BAD_VALUE, a -> BAD_LINE + "value '" + a[0] + "' is not "
                + ((Boolean) a[1] ? "a number >= 0" : "a number") + " for type '" + a[2] + "'", value, ms, type);
    }

    public static Problem statsdUnknownType(String type) {
        return Problem.lazy(STATSD_UNKNOWN_TYPE, a -> "the statsd daemon counts unknown type '" + a[0] + "' as a counter", type);
    }

    public static Problem statsdNameRewritten(String stored) {
        return Problem.lazy(STATSD_NAME_REWRITTEN, a -> "statsd stores this name as '" + a[0] + "'", stored);
    }

    public static Problem dogstatsdField(String field) {
        return Problem.lazy(DOGSTATSD, a -> "the statsd daemon counts this line as bad: its third field '" + a[0]
                + "' is not a sample rate", field);
    }

    public static Problem dogstatsdType(String type) {
        return Problem.lazy(DOGSTATSD, a -> "type '" + a[0] + "' is DogStatsD; the statsd daemon counts it as a counter", type);
    }
}
