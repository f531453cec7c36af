package io.metricsniff.verdict;

import io.metricsniff.record.Problem;

/**
 * Every problem code a receiver profile or the Graphite decoders emit, in one place, so that the
 * same fault has the same code whichever receiver is chosen. Codes are part of the JSON contract:
 * add new ones, never rename. Messages name the receiver whose rule it is.
 */
public final class Problems {
    private Problems() { }

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
    public static final String UNTERMINATED = "unterminated";
    public static final String LOST_AFTER_CLOSE = "lost-after-close";
    public static final String LOST_IN_DATAGRAM = "lost-in-datagram";
    public static final String UDP_TRUNCATED = "udp-truncated";
    public static final String RIEMANN_NO_METRIC = "riemann-no-metric";
    public static final String RIEMANN_NO_TIME = "riemann-no-time";
    public static final String RIEMANN_TIME_RANGE = "riemann-time-range";
    public static final String RIEMANN_BAD_PROTOBUF = "riemann-bad-protobuf";
    public static final String RIEMANN_FRAME_TOO_LARGE = "riemann-frame-too-large";
    public static final String RIEMANN_UNTERMINATED = "riemann-unterminated";

    /** Whisper's struct error for a timestamp outside 32 bits, quoted as carbon logs it. */
    public static final String WHISPER_L_ERROR = "'L' format requires 0 <= number <= 4294967295";

    public static Problem fieldCount(String receiver, int fields, String rule) {
        return new Problem(FIELD_COUNT, receiver + " needs " + rule + "; this line has " + fields
                + (fields == 1 ? " field" : " fields"));
    }

    public static Problem tabSeparator(String receiver) {
        return new Problem(TAB_SEPARATOR, receiver + " separates fields by single spaces only; a tab makes the line invalid");
    }

    public static Problem doubleSpace(String receiver) {
        return new Problem(DOUBLE_SPACE, receiver + " separates fields by single spaces only; two spaces in a row make an empty field");
    }

    public static Problem emptyLine(String receiver, String what) {
        return new Problem(EMPTY_LINE, receiver + " " + what);
    }

    public static Problem badValue(String receiver, String rule) {
        return new Problem(BAD_VALUE, receiver + " rejects the value: " + rule);
    }

    public static Problem nanValue(String receiver, String what) {
        return new Problem(NAN_VALUE, receiver + " " + what);
    }

    public static Problem badTimestamp(String receiver, String rule) {
        return new Problem(BAD_TIMESTAMP, receiver + " rejects the timestamp: " + rule);
    }

    public static Problem killerTimestamp(String receiver, String ts, String consequence) {
        return new Problem(KILLER_TIMESTAMP, receiver + " fails on timestamp " + ts + " and " + consequence);
    }

    /** Unit named from the size: s*1e3 ms, s*1e6 us, s*1e9 ns. */
    public static Problem msTimestamp(String receiver, double ts, String consequence) {
        String unit = ts < 1e14 ? "milliseconds" : ts < 1e17 ? "microseconds" : "nanoseconds";
        return new Problem(MS_TIMESTAMP, "timestamp looks like " + unit + ", not seconds; " + receiver + " " + consequence);
    }

    public static Problem timestampRange(String receiver, String consequence) {
        return new Problem(TIMESTAMP_RANGE, receiver + " " + consequence);
    }

    public static Problem negativeTimestamp(String receiver, String consequence) {
        return new Problem(NEGATIVE_TIMESTAMP, "negative timestamp: " + receiver + " " + consequence);
    }

    public static Problem lineTooLong(String receiver, long length, long limit, String consequence) {
        return new Problem(LINE_TOO_LONG, "line is " + length + " bytes, over " + receiver + "'s limit of "
                + limit + ": " + consequence);
    }

    public static Problem invalidUtf8(String receiver, String consequence) {
        return new Problem(INVALID_UTF8, "line is not valid UTF-8: " + receiver + " " + consequence);
    }

    public static Problem badName(String receiver, String why) {
        return new Problem(BAD_NAME, receiver + " rejects the name: " + why);
    }

    public static Problem badTag(String receiver, String why) {
        return new Problem(BAD_TAG, receiver + " cannot parse the tags: " + why);
    }

    public static Problem nameRewritten(String receiver, String stored) {
        return new Problem(NAME_REWRITTEN, receiver + " rewrites the name and passes it on as '" + stored + "'");
    }

    public static Problem crSplit(String receiver, int metrics) {
        return new Problem(CR_SPLIT, receiver + " also ends a line at '\\r': it reads " + metrics
                + " metric lines here");
    }

    public static Problem notChecked(String receiver) {
        return new Problem(NOT_CHECKED, receiver + " forwards this without checking value and timestamp;"
                + " the next receiver will likely reject it");
    }

    public static Problem noPickle(String receiver) {
        return new Problem(NO_PICKLE, receiver + " has no pickle listener");
    }

    public static Problem unterminated(String why) {
        return new Problem(UNTERMINATED, why);
    }

    public static Problem lostAfterClose(String receiver, String killer) {
        return new Problem(LOST_AFTER_CLOSE, receiver + " closed this connection at " + killer
                + "; the sender's data after it is lost");
    }

    public static Problem lostInDatagram(String receiver, String killer) {
        return new Problem(LOST_IN_DATAGRAM, receiver + " stopped reading this datagram at " + killer);
    }

    public static Problem udpTruncated(int limit, boolean cut) {
        return new Problem(UDP_TRUNCATED, "carbon reads only the first " + limit + " bytes of a datagram; "
                + (cut ? "this line is cut there" : "this line is beyond them and lost"));
    }

    public static Problem riemannNoMetric() {
        return new Problem(RIEMANN_NO_METRIC, "the event has no metric: riemann's graphite output never forwards it");
    }

    public static Problem riemannNoTime() {
        return new Problem(RIEMANN_NO_TIME, "the event has no time: riemann stamps it with its own clock (the capture time is shown)");
    }

    public static Problem riemannTimeRange(double seconds) {
        return new Problem(RIEMANN_TIME_RANGE, "time " + seconds + " does not fit the Java int riemann's graphite"
                + " output casts it to: that output fails on this event and writes nothing");
    }

    public static Problem riemannBadProtobuf(String why, boolean tcp) {
        return new Problem(RIEMANN_BAD_PROTOBUF, "riemann cannot parse this Msg (" + why + ") and "
                + (tcp ? "closes the connection: none of its events, nor anything sent after it, is processed"
                       : "drops the datagram"));
    }

    public static Problem riemannFrameTooLarge(long length) {
        return new Problem(RIEMANN_FRAME_TOO_LARGE, "a frame length of " + length + " is over riemann's limit of "
                + Integer.MAX_VALUE + " (Integer.MAX_VALUE): it closes the connection and the rest is lost");
    }

    public static Problem riemannUnterminated(String what) {
        return new Problem(RIEMANN_UNTERMINATED, "the connection closed after " + what + ": riemann never reads it");
    }
}
