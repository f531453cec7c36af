package io.metricsniff.protocol.pickle;

import io.metricsniff.record.Problem;
import io.metricsniff.record.Problems;
import io.metricsniff.text.PyFloat;
import java.math.BigInteger;
import java.util.List;

/**
 * What carbon's MetricPickleReceiver.stringReceived does with an unpickled frame
 * (carbon/protocols.py): iterate it; unpack each item as {@code (metric, (timestamp, value))},
 * logging {@code Error decoding pickle} and skipping it when that fails; {@code float()} both
 * numbers, silently skipping the item on ValueError/TypeError; and turn a non-str path into str with
 * {@code .encode('utf-8')}. Errors it does not catch (a frame that is not iterable, float()
 * OverflowError, a bytes or int path) escape into Twisted, which drops the connection.
 */
final class CarbonDatapoints {
    private CarbonDatapoints() { }

    /** Longest raw text rendered for a datapoint carbon could not read. */
    static final int MAX_RAW_REPR = 300;

    interface Visitor {
        /**
         * A datapoint carbon passes on to metricReceived.
         *
         * @return true when the receiver closes the connection on it
         */
        boolean datapoint(String path, double value, double timestamp, String rawText);

        /** An item carbon skips, or one it dies on, or one lost because the connection closed. */
        void bad(String rawText, Problem problem);
    }

    /** @return true when carbon closes the connection while handling this frame */
    static boolean walk(Object frame, Visitor v) {
        Seq items = iterate(frame);
        if (items == null) {
            v.bad(Py.repr(frame, MAX_RAW_REPR), Problems.pickleNotAList(Py.typeName(frame)));
            return true;
        }
        int n = items.size();
        for (int i = 0; i < n; i++) {
            if (handle(items.get(i), v)) {
                for (int k = i + 1; k < n; k++) {
                    v.bad(Py.repr(items.get(k), MAX_RAW_REPR), Problems.PICKLE_LOST);
                }
                return true;
            }
        }
        return false;
    }

    private static boolean handle(Object item, Visitor v) {
        Object[] outer = unpack2(item);
        Object[] inner = outer == null ? null : unpack2(outer[1]);
        if (inner == null) {
            v.bad(Py.repr(item, MAX_RAW_REPR), Problems.PICKLE_NOT_A_DATAPOINT);
            return false;
        }
        Object path = outer[0];
        String raw = Py.text(path) + " " + Py.text(inner[1]) + " " + Py.text(inner[0]);
        double ts, value;
        try {
            ts = toFloat(inner[0]);
            value = toFloat(inner[1]);
        } catch (NotANumber e) {
            v.bad(raw, Problems.pickleBadNumber(e.what));
            return false;
        } catch (Overflow e) {
            v.bad(raw, Problems.PICKLE_OVERFLOWS);
            return true;
        }
        if (!(path instanceof String p)) {
            v.bad(raw, Problems.picklePathNotStr(Py.typeName(path)));
            return true;
        }
        return v.datapoint(p, value, ts, raw);
    }

    /** A Python sequence read lazily (a 1 MiB str must not become a million Java objects at once). */
    private interface Seq {
        int size();
        Object get(int i);
    }

    /** Python iteration of the few types we build; null when Python raises TypeError. */
    private static Seq iterate(Object o) {
        if (o instanceof List<?> l) return new Seq() {
            public int size() { return l.size(); }
            public Object get(int i) { return l.get(i); }
        };
        if (o instanceof Object[] t) return new Seq() {
            public int size() { return t.length; }
            public Object get(int i) { return t[i]; }
        };
        if (o instanceof String s) {
            int[] cps = s.codePoints().toArray();
            return new Seq() {
                public int size() { return cps.length; }
                public Object get(int i) { return Character.toString(cps[i]); }
            };
        }
        if (o instanceof Py.Bytes b) return new Seq() {
            public int size() { return b.data().length; }
            public Object get(int i) { return (long) (b.data()[i] & 0xff); }
        };
        return null;
    }

    /** {@code a, b = o}: null when o is not iterable or not exactly two long. */
    private static Object[] unpack2(Object o) {
        if (o instanceof List<?> l) return l.size() == 2 ? new Object[] {l.get(0), l.get(1)} : null;
        if (o instanceof Object[] t) return t.length == 2 ? t : null;
        if (o instanceof String s) {
            if (s.codePointCount(0, s.length()) != 2) return null;
            int c1 = s.offsetByCodePoints(0, 1);
            return new Object[] {s.substring(0, c1), s.substring(c1)};
        }
        if (o instanceof Py.Bytes b) {
            return b.data().length == 2 ? new Object[] {(long) (b.data()[0] & 0xff), (long) (b.data()[1] & 0xff)} : null;
        }
        return null;
    }

    private static final class NotANumber extends Exception {
        final String what;
        NotANumber(String what) { super(null, null, false, false); this.what = what; }
    }

    private static final class Overflow extends Exception {
        Overflow() { super(null, null, false, false); }
    }

    /** Python's float(o) for the types a frame can hold. */
    static double toFloat(Object o) throws NotANumber, Overflow {
        if (o instanceof Double d) return d;
        if (o instanceof Long l) return l;
        if (o instanceof Boolean b) return b ? 1.0 : 0.0;
        if (o instanceof BigInteger b) {
            double d = b.doubleValue();
            if (Double.isInfinite(d)) throw new Overflow();
            return d;
        }
        if (o instanceof Py.HugeInt) throw new Overflow();
        String text = null;
        if (o instanceof String s) text = s;
        if (o instanceof Py.Bytes b) {
            StringBuilder sb = new StringBuilder(b.data().length);
            for (byte x : b.data()) {
                if (x < 0) throw new NotANumber(Py.repr(o, 60));
                sb.append((char) x);
            }
            text = sb.toString();
        }
        if (text == null) throw new NotANumber("a " + Py.typeName(o));
        try {
            return PyFloat.parse(text);
        } catch (NumberFormatException e) {
            throw new NotANumber(Py.repr(o, 60));
        }
    }
}
