package io.metricsniff.protocol.riemann;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Reads a Riemann {@code Msg} (riemann.proto) field by field with protobuf-java's
 * {@link CodedInputStream}, as the generated {@code Proto.Msg.parseFrom} that Riemann's server
 * uses would: a known field number with an unexpected wire type, or an unknown field, is skipped;
 * truncation, a bad tag, an end-group tag without its group, or an {@code Attribute} without its
 * {@code required key} fails the whole Msg (Riemann then processes none of its events).
 *
 * <p>Two passes, {@link #check} then {@link #events}: events reach the consumer only once the whole
 * Msg has parsed, and memory stays at one event whatever the Msg holds.
 */
public final class RiemannMsgReader {
    // Field numbers from riemann.proto (riemann-java-client): Msg, Event, Attribute, Query.
    static final int MSG_OK = 2, MSG_ERROR = 3, MSG_STATES = 4, MSG_QUERY = 5, MSG_EVENTS = 6;
    static final int EV_TIME = 1, EV_STATE = 2, EV_SERVICE = 3, EV_HOST = 4, EV_DESCRIPTION = 5,
            EV_TAGS = 7, EV_TTL = 8, EV_ATTRIBUTES = 9, EV_TIME_MICROS = 10, EV_METRIC_SINT64 = 13,
            EV_METRIC_D = 14, EV_METRIC_F = 15;
    static final int ATTR_KEY = 1, ATTR_VALUE = 2, QUERY_STRING = 1;

    private RiemannMsgReader() { }

    /**
     * Parses the whole Msg without keeping its events.
     *
     * @throws InvalidProtocolBufferException when Riemann's parser would reject the Msg
     */
    public static RiemannMsg check(byte[] buf, int off, int len) throws InvalidProtocolBufferException {
        return parse(buf, off, len, null);
    }

    /** Hands every event of a Msg that {@link #check} accepted to {@code events}, in order. */
    public static void events(byte[] buf, int off, int len, Consumer<RiemannEvent> events) {
        try {
            parse(buf, off, len, events);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("a checked Msg failed to parse", e);
        }
    }

    private static RiemannMsg parse(byte[] buf, int off, int len, Consumer<RiemannEvent> events)
            throws InvalidProtocolBufferException {
        CodedInputStream in = CodedInputStream.newInstance(buf, off, len);
        Boolean ok = null;
        String error = null, query = null;
        int states = 0, count = 0;
        try {
            for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
                switch (tag) {
                    case MSG_OK << 3 | WireFormat.WIRETYPE_VARINT: ok = in.readBool(); break;
                    case MSG_ERROR << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: error = in.readString(); break;
                    case MSG_STATES << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: in.skipField(tag); states++; break;
                    case MSG_QUERY << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: query = query(in); break;
                    case MSG_EVENTS << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED:
                        RiemannEvent e = event(in);
                        count++;
                        if (events != null) events.accept(e);
                        break;
                    default: skip(in, tag);
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw e;
        } catch (IOException e) { // a byte array source throws nothing else; keep the contract
            throw new InvalidProtocolBufferException(e.getMessage());
        }
        return new RiemannMsg(ok, error, query, states, count);
    }

    private static RiemannEvent event(CodedInputStream in) throws IOException {
        int start = in.getTotalBytesRead();
        int limit = in.pushLimit(in.readRawVarint32());
        RiemannEvent e = new RiemannEvent();
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case EV_TIME << 3 | WireFormat.WIRETYPE_VARINT: e.time = in.readInt64(); e.hasTime = true; break;
                case EV_STATE << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: e.state = in.readString(); break;
                case EV_SERVICE << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: e.service = in.readString(); break;
                case EV_HOST << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: e.host = in.readString(); break;
                case EV_DESCRIPTION << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: e.description = in.readString(); break;
                case EV_TAGS << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: e.addTag(in.readString()); break;
                case EV_TTL << 3 | WireFormat.WIRETYPE_FIXED32: e.ttl = in.readFloat(); break;
                case EV_ATTRIBUTES << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: attribute(in, e); break;
                case EV_TIME_MICROS << 3 | WireFormat.WIRETYPE_VARINT:
                    e.timeMicros = in.readInt64();
                    e.hasTimeMicros = true;
                    break;
                case EV_METRIC_SINT64 << 3 | WireFormat.WIRETYPE_VARINT:
                    e.metricSint64 = in.readSInt64();
                    e.hasSint64 = true;
                    break;
                case EV_METRIC_D << 3 | WireFormat.WIRETYPE_FIXED64: e.metricD = in.readDouble(); e.hasD = true; break;
                case EV_METRIC_F << 3 | WireFormat.WIRETYPE_FIXED32: e.metricF = in.readFloat(); e.hasF = true; break;
                default: skip(in, tag);
            }
        }
        in.popLimit(limit);
        e.wireLength = in.getTotalBytesRead() - start;
        return e;
    }

    private static void attribute(CodedInputStream in, RiemannEvent e) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String key = null, value = null;
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            switch (tag) {
                case ATTR_KEY << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: key = in.readString(); break;
                case ATTR_VALUE << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED: value = in.readString(); break;
                default: skip(in, tag);
            }
        }
        in.popLimit(limit);
        if (key == null) throw new InvalidProtocolBufferException("Message missing required fields: key (Attribute)");
        e.addAttribute(key, value);
    }

    private static String query(CodedInputStream in) throws IOException {
        int limit = in.pushLimit(in.readRawVarint32());
        String s = "";
        for (int tag = in.readTag(); tag != 0; tag = in.readTag()) {
            if (tag == (QUERY_STRING << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED)) s = in.readString();
            else skip(in, tag);
        }
        in.popLimit(limit);
        return s;
    }

    /** An unknown field is skipped; an end-group tag outside its group fails the parse, as generated code does. */
    private static void skip(CodedInputStream in, int tag) throws IOException {
        if (!in.skipField(tag)) {
            throw new InvalidProtocolBufferException("Protocol message end-group tag did not match expected tag.");
        }
    }
}
