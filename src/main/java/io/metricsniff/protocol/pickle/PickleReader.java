package io.metricsniff.protocol.pickle;

import io.metricsniff.record.Problems;
import io.metricsniff.text.PyFloat;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A restricted unpickler for what carbon's pickle receiver is sent: lists of
 * {@code (path, (timestamp, value))}. It only builds str, bytes, int, float, bool, None, tuples and
 * lists, and never resolves a class or calls anything: GLOBAL, STACK_GLOBAL, REDUCE, BUILD, INST,
 * OBJ, NEWOBJ, PERSID, EXT* are refused. carbon's SafeUnpickler (carbon/util.py) only lets
 * {@code copy_reg._reconstructor} and {@code __builtin__.object} through, and on Python 3 neither
 * module imports, so carbon refuses every pickle that needs a class too.
 *
 * <p>Memory is bounded whatever the frame holds: every limit below is a named constant. One
 * instance is reused for every frame of a stream (not thread-safe).
 */
public final class PickleReader {
    /** Objects built per frame. A 1 MiB frame of the tiniest datapoints needs about 4 each (~130k). */
    public static final int MAX_OBJECTS = 600_000;
    /** Stack entries. APPENDS batches hold 1000; a big tuple of datapoints holds one per datapoint. */
    public static final int MAX_STACK = 300_000;
    /** MARK nesting. A datapoint list needs 3 (list, datapoint, (timestamp, value)). */
    public static final int MAX_MARK_DEPTH = 64;
    /** Memo slots. Python numbers memo entries 0, 1, 2...: more slots than objects is abuse. */
    public static final int MAX_MEMO = MAX_OBJECTS;
    /** Decimal digits of a text int; a float holds at most ~309 digits, more is an OverflowError. */
    public static final int MAX_INT_DIGITS = 400;
    /** Bytes of a binary int (LONG1/LONG4); beyond 1024 bits float() overflows anyway. */
    public static final int MAX_LONG_BYTES = 129;
    /** Bytes of one string: none can be longer than carbon's largest frame. */
    public static final int MAX_STRING_BYTES = 1 << 20;
    /** The newest pickle protocol (Python 3.8+); CPython refuses higher ones. */
    public static final int HIGHEST_PROTOCOL = 5;

    private Object[] stack = new Object[64];
    private int sp;
    private final int[] marks = new int[MAX_MARK_DEPTH];
    private int markDepth;
    private Object[] memo = new Object[64];
    private int memoCount;
    private int objects;
    private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);

    private byte[] buf;
    private int pos;
    private int end;

    /**
     * Unpickles one frame.
     *
     * @return the object STOP returned (a List, an Object[] tuple, a String...)
     * @throws PickleException for anything carbon would not unpickle or a limit; never anything else
     */
    public Object read(byte[] data, int off, int len) throws PickleException {
        buf = data;
        pos = off;
        end = off + len;
        try {
            return run();
        } catch (RuntimeException e) { // defensive: a bug here must not take the capture down
            throw new PickleException(Problems.PICKLE_INVALID, "pickle could not be read: " + e.getClass().getSimpleName());
        } finally {
            Arrays.fill(stack, 0, Math.min(stack.length, sp), null);
            Arrays.fill(memo, null);
            sp = 0;
            markDepth = 0;
            memoCount = 0;
            objects = 0;
            buf = null;
            if (memo.length > 4096) memo = new Object[64];   // don't keep a hostile frame's arrays
            if (stack.length > 4096) stack = new Object[64];
        }
    }

    private Object run() throws PickleException {
        while (pos < end) {
            int op = buf[pos++] & 0xff;
            switch (op) {
                case '(' -> { // MARK
                    if (markDepth == MAX_MARK_DEPTH) throw limit("nesting deeper than " + MAX_MARK_DEPTH + " MARKs");
                    marks[markDepth++] = sp;
                }
                case '.' -> { // STOP: leftovers on the stack and bytes after STOP are ignored, as in CPython
                    if (sp == 0) throw invalid("unpickling stack underflow");
                    return stack[--sp];
                }
                case '0' -> { // POP
                    if (markDepth > 0 && marks[markDepth - 1] == sp) markDepth--;
                    else if (sp == 0) throw invalid("unpickling stack underflow");
                    else stack[--sp] = null;
                }
                case '1' -> sp = popMark(); // POP_MARK
                case '2' -> { // DUP
                    if (sp == 0) throw invalid("unpickling stack underflow");
                    push(stack[sp - 1]);
                }
                case 'N' -> push(Py.NONE);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'I' -> pushNew(textInt(line(), true));
                case 'L' -> pushNew(textInt(line(), false));
                case 'J' -> pushNew((long) (int) le(4));
                case 'K' -> pushNew(le(1));
                case 'M' -> pushNew(le(2));
                case 0x8a -> pushNew(binLong((int) le(1)));
                case 0x8b -> {
                    int n = (int) le(4);
                    if (n < 0) throw invalid("LONG pickle has negative byte count");
                    pushNew(binLong(n));
                }
                case 'F' -> pushNew(textFloat(line()));
                case 'G' -> pushNew(Double.longBitsToDouble(be8()));
                case 'S' -> pushNew(quotedString(line()));
                case 'T' -> {
                    long n = (int) le(4);
                    if (n < 0) throw invalid("BINSTRING pickle has negative byte count");
                    pushNew(utf8(take(n)));
                }
                case 'U' -> pushNew(utf8(take(le(1))));
                case 'V' -> pushNew(rawUnicodeEscape(line()));
                case 'X' -> pushNew(utf8(take(le(4))));
                case 0x8c -> pushNew(utf8(take(le(1))));
                case 0x8d -> pushNew(utf8(take(le8())));
                case 'B' -> pushNew(new Py.Bytes(copy(take(le(4))), false));
                case 'C' -> pushNew(new Py.Bytes(copy(take(le(1))), false));
                case 0x8e -> pushNew(new Py.Bytes(copy(take(le8())), false));
                case 0x96 -> pushNew(new Py.Bytes(copy(take(le8())), true));
                case ']' -> pushNew(new ArrayList<>());
                case ')' -> pushNew(new Object[0]);
                case 0x85 -> pushNew(popTuple(1));
                case 0x86 -> pushNew(popTuple(2));
                case 0x87 -> pushNew(popTuple(3));
                case 't' -> { int m = popMark(); pushNew(tupleFrom(m)); }
                case 'l' -> { int m = popMark(); Object[] t = tupleFrom(m); pushNew(new ArrayList<>(Arrays.asList(t))); }
                case 'a' -> { // APPEND
                    if (sp < 2) throw invalid("unpickling stack underflow");
                    Object item = stack[--sp];
                    stack[sp] = null;
                    list(stack[sp - 1], "APPEND").add(item);
                }
                case 'e' -> { // APPENDS
                    int m = popMark();
                    if (m == 0) throw invalid("unpickling stack underflow");
                    List<Object> l = list(stack[m - 1], "APPENDS");
                    for (int i = m; i < sp; i++) { l.add(stack[i]); stack[i] = null; }
                    sp = m;
                }
                case 'p' -> memoPut(textIndex(line(), "PUT"));
                case 'q' -> memoPut(le(1));
                case 'r' -> memoPut(le(4));
                case 0x94 -> memoPut(memoCount);
                case 'g' -> memoGet(textIndex(line(), "GET"));
                case 'h' -> memoGet(le(1));
                case 'j' -> memoGet(le(4));
                case 0x80 -> { // PROTO
                    int v = (int) le(1);
                    if (v > HIGHEST_PROTOCOL) throw new PickleException(Problems.PICKLE_INVALID,
                            "unsupported pickle protocol: " + v);
                }
                case 0x95 -> { // FRAME: only a read-ahead hint, but CPython insists the bytes are there
                    long n = le8();
                    if (n > end - pos) throw invalid("pickle exhausted before end of frame");
                }
                case 'c', 0x93, 'i', 'o', 'R', 'b', 0x81, 0x92, 'P', 'Q', 0x82, 0x83, 0x84, 0x97, 0x98 ->
                        throw new PickleException(Problems.PICKLE_REFUSED, "pickle opcode " + name(op)
                                + " refused: carbon's safe unpickler would refuse it too (it builds objects or calls code)");
                case '}', 'd', 's', 'u', 0x8f, 0x90, 0x91 ->
                        throw new PickleException(Problems.PICKLE_UNSUPPORTED, "pickle opcode " + name(op)
                                + " (dict/set) is not read by metricsniff; carbon would unpickle it");
                default -> throw invalid(String.format("invalid load key, '\\x%02x'", op));
            }
        }
        throw invalid("ran out of input (no STOP opcode)");
    }

    // ---- stack and memo ----

    private void push(Object o) throws PickleException {
        if (sp == stack.length) {
            if (sp >= MAX_STACK) throw limit("more than " + MAX_STACK + " items on the unpickling stack");
            stack = Arrays.copyOf(stack, Math.min(MAX_STACK, sp * 2));
        }
        stack[sp++] = o;
    }

    /** Pushes a freshly built object, counting it against MAX_OBJECTS. */
    private void pushNew(Object o) throws PickleException {
        if (++objects > MAX_OBJECTS) throw limit("more than " + MAX_OBJECTS + " objects in one frame");
        push(o);
    }

    private int popMark() throws PickleException {
        if (markDepth == 0) throw invalid("could not find MARK");
        return marks[--markDepth];
    }

    private Object[] tupleFrom(int m) {
        Object[] t = Arrays.copyOfRange(stack, m, sp);
        Arrays.fill(stack, m, sp, null);
        sp = m;
        return t;
    }

    private Object[] popTuple(int n) throws PickleException {
        int floor = markDepth > 0 ? marks[markDepth - 1] : 0;
        if (sp - floor < n) throw invalid("unpickling stack underflow");
        return tupleFrom(sp - n);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o, String op) throws PickleException {
        if (o instanceof List) return (List<Object>) o;
        throw invalid(op + " to a " + Py.typeName(o) + ", not a list");
    }

    private void memoPut(long idx) throws PickleException {
        if (sp == 0) throw invalid("memo put with an empty stack");
        if (idx < 0 || idx >= MAX_MEMO) throw limit("memo index " + idx + " beyond " + MAX_MEMO);
        int i = (int) idx;
        if (i >= memo.length) memo = Arrays.copyOf(memo, Math.min(MAX_MEMO, Math.max(i + 1, memo.length * 2)));
        if (memo[i] == null) memoCount++;
        memo[i] = stack[sp - 1];
    }

    private void memoGet(long idx) throws PickleException {
        if (idx < 0 || idx >= memo.length || memo[(int) idx] == null) throw invalid("memo value not found at index " + idx);
        push(memo[(int) idx]);
    }

    // ---- reading arguments ----

    private long le(int n) throws PickleException {
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) v |= (long) (buf[pos + i] & 0xff) << (8 * i);
        pos += n;
        return v;
    }

    private long le8() throws PickleException {
        long v = le(8);
        if (v < 0) throw invalid("length does not fit");
        return v;
    }

    private long be8() throws PickleException {
        need(8);
        long v = 0;
        for (int i = 0; i < 8; i++) v = (v << 8) | (buf[pos + i] & 0xff);
        pos += 8;
        return v;
    }

    private void need(long n) throws PickleException {
        if (n > end - pos) throw invalid("pickle data was truncated");
    }

    /** Start of the next n bytes (consumed); lengths are checked before anything is allocated. */
    private int take(long n) throws PickleException {
        need(n);
        if (n > MAX_STRING_BYTES) throw limit("a string of " + n + " bytes");
        int s = pos;
        pos += (int) n;
        lastLen = (int) n;
        return s;
    }

    private int lastLen;

    private byte[] copy(int start) { return Arrays.copyOfRange(buf, start, start + lastLen); }

    private String utf8(int start) throws PickleException { return utf8(buf, start, lastLen); }

    private String utf8(byte[] b, int start, int len) throws PickleException {
        boolean ascii = true;
        for (int i = start; i < start + len; i++) if (b[i] < 0) { ascii = false; break; }
        if (ascii) return new String(b, start, len, StandardCharsets.ISO_8859_1);
        try {
            return utf8.decode(ByteBuffer.wrap(b, start, len)).toString();
        } catch (CharacterCodingException e) {
            throw invalid("'utf-8' codec can't decode a string");
        }
    }

    /** A text argument up to '\n' (protocol 0); returns its start, lastLen is its length. */
    private int line() throws PickleException {
        for (int i = pos; i < end; i++) {
            if (buf[i] == '\n') {
                int s = pos;
                lastLen = i - pos;
                pos = i + 1;
                return s;
            }
        }
        throw invalid("pickle data was truncated");
    }

    // ---- protocol 0 text values ----

    /** INT ("I01"/"I00" are True/False) and LONG (optional trailing 'L'). Decimal only. */
    private Object textInt(int s, boolean intOp) throws PickleException {
        int e = s + lastLen;
        if (intOp && lastLen == 2 && buf[s] == '0' && (buf[s + 1] == '0' || buf[s + 1] == '1')) {
            return buf[s + 1] == '1' ? Boolean.TRUE : Boolean.FALSE;
        }
        if (!intOp && e > s && buf[e - 1] == 'L') e--;
        while (s < e && isSpace(buf[s])) s++;
        while (e > s && isSpace(buf[e - 1])) e--;
        int d = s;
        boolean neg = false;
        if (d < e && (buf[d] == '-' || buf[d] == '+')) { neg = buf[d] == '-'; d++; }
        if (d == e) throw invalid("invalid literal for int()");
        for (int i = d; i < e; i++) if (buf[i] < '0' || buf[i] > '9') throw invalid("invalid literal for int()");
        if (e - d > MAX_INT_DIGITS) return new Py.HugeInt(neg ? -1 : 1);
        if (e - d <= 18) {
            long v = 0;
            for (int i = d; i < e; i++) v = v * 10 + (buf[i] - '0');
            return neg ? -v : v;
        }
        return normalize(new BigInteger(new String(buf, s, e - s, StandardCharsets.ISO_8859_1)));
    }

    private Object binLong(int n) throws PickleException {
        need(n);
        if (n == 0) return 0L;
        if (n > MAX_LONG_BYTES) {
            int sign = buf[pos + n - 1] < 0 ? -1 : 1;
            pos += n;
            return new Py.HugeInt(sign);
        }
        byte[] be = new byte[n];
        for (int i = 0; i < n; i++) be[i] = buf[pos + n - 1 - i];
        pos += n;
        return normalize(new BigInteger(be));
    }

    private static Object normalize(BigInteger b) {
        return b.bitLength() < 64 ? (Object) b.longValue() : b;
    }

    private Object textFloat(int s) throws PickleException {
        String t = new String(buf, s, lastLen, StandardCharsets.ISO_8859_1);
        try {
            return PyFloat.parse(t);
        } catch (NumberFormatException e) {
            throw invalid("could not convert string to float");
        }
    }

    /** PUT/GET's decimal memo index (protocol 0). */
    private long textIndex(int s, String op) throws PickleException {
        int e = s + lastLen;
        if (s < e && buf[s] == '-') throw invalid("negative " + op + " argument");
        if (s == e || e - s > 10) throw invalid("invalid " + op + " argument");
        long v = 0;
        for (int i = s; i < e; i++) {
            if (buf[i] < '0' || buf[i] > '9') throw invalid("invalid " + op + " argument");
            v = v * 10 + (buf[i] - '0');
        }
        return v;
    }

    /** STRING: a Python 2 str repr in quotes, bytes-escape decoded, then decoded as UTF-8 as carbon asks. */
    private String quotedString(int s) throws PickleException {
        int n = lastLen;
        if (n < 2 || (buf[s] != '\'' && buf[s] != '"') || buf[s + n - 1] != buf[s]) {
            throw invalid("the STRING opcode argument must be quoted");
        }
        byte[] out = new byte[n - 2];
        int o = 0;
        int e = s + n - 1;
        for (int i = s + 1; i < e; i++) {
            byte c = buf[i];
            if (c != '\\' || i + 1 >= e) { out[o++] = c; continue; }
            byte x = buf[++i];
            switch (x) {
                case 'n' -> out[o++] = '\n';
                case 't' -> out[o++] = '\t';
                case 'r' -> out[o++] = '\r';
                case 'a' -> out[o++] = 7;
                case 'b' -> out[o++] = '\b';
                case 'f' -> out[o++] = '\f';
                case 'v' -> out[o++] = 11;
                case '\\', '\'', '"' -> out[o++] = x;
                case '\n' -> { }
                case 'x' -> {
                    if (i + 2 >= e || hex(buf[i + 1]) < 0 || hex(buf[i + 2]) < 0) throw invalid("invalid \\x escape");
                    out[o++] = (byte) (hex(buf[i + 1]) * 16 + hex(buf[i + 2]));
                    i += 2;
                }
                default -> {
                    if (x >= '0' && x <= '7') {
                        int v = x - '0';
                        for (int k = 0; k < 2 && i + 1 < e && buf[i + 1] >= '0' && buf[i + 1] <= '7'; k++) v = v * 8 + (buf[++i] - '0');
                        out[o++] = (byte) v;
                    } else {
                        out[o++] = '\\';
                        out[o++] = x;
                    }
                }
            }
        }
        return utf8(out, 0, o);
    }

    /** UNICODE: latin-1 bytes with \\uXXXX and \\UXXXXXXXX escapes (raw-unicode-escape). */
    private String rawUnicodeEscape(int s) throws PickleException {
        int e = s + lastLen;
        StringBuilder sb = new StringBuilder(lastLen);
        for (int i = s; i < e; i++) {
            int c = buf[i] & 0xff;
            if (c == '\\' && i + 1 < e && (buf[i + 1] == 'u' || buf[i + 1] == 'U')) {
                int digits = buf[i + 1] == 'u' ? 4 : 8;
                if (i + 1 + digits >= e) throw invalid("truncated \\uXXXX escape");
                int cp = 0;
                for (int k = 0; k < digits; k++) {
                    int h = hex(buf[i + 2 + k]);
                    if (h < 0) throw invalid("truncated \\uXXXX escape");
                    cp = cp * 16 + h;
                }
                if (cp < 0 || cp > 0x10FFFF) throw invalid("\\Uxxxxxxxx out of range");
                sb.appendCodePoint(cp);
                i += 1 + digits;
            } else {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static int hex(byte b) {
        if (b >= '0' && b <= '9') return b - '0';
        if (b >= 'a' && b <= 'f') return b - 'a' + 10;
        if (b >= 'A' && b <= 'F') return b - 'A' + 10;
        return -1;
    }

    private static boolean isSpace(byte b) { return b == ' ' || (b >= '\t' && b <= '\r'); }

    private static PickleException invalid(String why) {
        return new PickleException(Problems.PICKLE_INVALID,
                "carbon logs 'invalid pickle received' and ignores the frame: " + why);
    }

    private static PickleException limit(String why) {
        return new PickleException(Problems.PICKLE_LIMIT, "frame not read (metricsniff memory bound): " + why);
    }

    static String name(int op) {
        return switch (op) {
            case 'c' -> "GLOBAL";
            case 0x93 -> "STACK_GLOBAL";
            case 'i' -> "INST";
            case 'o' -> "OBJ";
            case 'R' -> "REDUCE";
            case 'b' -> "BUILD";
            case 0x81 -> "NEWOBJ";
            case 0x92 -> "NEWOBJ_EX";
            case 'P' -> "PERSID";
            case 'Q' -> "BINPERSID";
            case 0x82 -> "EXT1";
            case 0x83 -> "EXT2";
            case 0x84 -> "EXT4";
            case 0x97 -> "NEXT_BUFFER";
            case 0x98 -> "READONLY_BUFFER";
            case '}' -> "EMPTY_DICT";
            case 'd' -> "DICT";
            case 's' -> "SETITEM";
            case 'u' -> "SETITEMS";
            case 0x8f -> "EMPTY_SET";
            case 0x90 -> "ADDITEMS";
            case 0x91 -> "FROZENSET";
            default -> String.format("0x%02x", op);
        };
    }
}
