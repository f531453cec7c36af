package io.metricsniff.protocol.riemann;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.WireFormat;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RiemannMsgReaderTest {
    private static List<RiemannEvent> events(byte[] msg) throws InvalidProtocolBufferException {
        RiemannMsgReader.check(msg, 0, msg.length);
        List<RiemannEvent> l = new ArrayList<>();
        RiemannMsgReader.events(msg, 0, msg.length, l::add);
        return l;
    }

    @Test
    void everyEventFieldIsRead() throws Exception {
        byte[] msg = RiemannWire.build(o -> RiemannWire.message(o, 6, e -> {
            e.writeInt64(1, 1795508376L);
            e.writeString(2, "ok");
            e.writeString(3, "api latency 0.95");
            e.writeString(4, "web1.example");
            e.writeString(5, "desc");
            e.writeString(7, "a");
            e.writeString(7, "b");
            e.writeFloat(8, 60f);
            RiemannWire.message(e, 9, a -> { a.writeString(1, "env"); a.writeString(2, "lab"); });
            RiemannWire.message(e, 9, a -> a.writeString(1, "bare"));
            e.writeInt64(10, 1795508376_250000L);
            e.writeSInt64(13, -5);
            e.writeDouble(14, 1.5);
            e.writeFloat(15, 0.1f);
        }));
        RiemannEvent e = events(msg).get(0);
        assertEquals("web1.example", e.host());
        assertEquals("api latency 0.95", e.service());
        assertEquals("ok", e.state());
        assertEquals("desc", e.description());
        assertEquals(List.of("a", "b"), e.tags());
        assertEquals(60f, e.ttl());
        assertArrayEquals(new String[] {"env", "lab"}, e.attributes().get(0));
        assertArrayEquals(new String[] {"bare", null}, e.attributes().get(1));
        assertEquals(MetricKind.SINT64, e.metricKind(), "sint64 wins over d and f, as in riemann.codec");
        assertEquals(-5.0, e.metric());
        assertEquals(1795508376.25, e.seconds(), "time_micros wins over time");
    }

    @Test
    void metricPrecedenceAndFloatWidening() throws Exception {
        RiemannEvent df = events(RiemannWire.build(o -> RiemannWire.message(o, 6, e -> {
            e.writeFloat(15, 0.1f);
            e.writeDouble(14, 2.5);
        }))).get(0);
        assertEquals(MetricKind.DOUBLE, df.metricKind());
        assertEquals(2.5, df.metric());
        RiemannEvent f = events(RiemannWire.build(o -> RiemannWire.message(o, 6, e -> e.writeFloat(15, 0.1f)))).get(0);
        assertEquals(0.10000000149011612, f.metric(), "a float widens exactly, as riemann prints it");
        RiemannEvent none = events(RiemannWire.build(o -> RiemannWire.message(o, 6, e -> e.writeString(3, "s")))).get(0);
        assertEquals(MetricKind.NONE, none.metricKind());
        assertFalse(none.hasTime());
    }

    @Test
    void serverAnswersAndQueriesAreTold() throws Exception {
        byte[] ok = RiemannWire.build(o -> o.writeBool(2, true));
        RiemannMsg m = RiemannMsgReader.check(ok, 0, ok.length);
        assertTrue(m.isResponse());
        byte[] err = RiemannWire.build(o -> { o.writeBool(2, false); o.writeString(3, "parse error"); });
        assertEquals("parse error", RiemannMsgReader.check(err, 0, err.length).error());
        byte[] q = RiemannWire.build(o -> RiemannWire.message(o, 5, x -> x.writeString(1, "service = \"a\"")));
        RiemannMsg qm = RiemannMsgReader.check(q, 0, q.length);
        assertEquals("service = \"a\"", qm.query());
        assertFalse(qm.isResponse());
        assertEquals(0, qm.events());
        byte[] empty = new byte[0];
        assertNull(RiemannMsgReader.check(empty, 0, 0).ok());
    }

    @Test
    void unknownFieldsAndWrongWireTypesAreSkippedAsGeneratedCodeDoes() throws Exception {
        byte[] msg = RiemannWire.build(o -> {
            o.writeString(99, "future field");
            RiemannWire.message(o, 6, e -> {
                e.writeString(1, "time as a string: unknown to the parser, skipped");
                e.writeFixed64(20, 7);
                e.writeString(4, "h");
                e.writeDouble(14, 3);
            });
        });
        RiemannEvent e = events(msg).get(0);
        assertFalse(e.hasTime());
        assertEquals("h", e.host());
        assertEquals(3.0, e.metric());
    }

    @Test
    void hostileMessagesFailTheWholeMsg() {
        byte[] good = RiemannWire.event("h", "s", 1, 2);
        List<byte[]> bad = List.of(
                Arrays.copyOf(good, good.length - 1),                                    // truncated
                new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff,
                        (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff},       // a varint tag too long
                new byte[] {0, 1},                                                          // tag 0
                new byte[] {0x32, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f},  // event length -1
                new byte[] {0x32, 0x7f, 0x01},                                              // event longer than the Msg
                new byte[] {(byte) (6 << 3 | WireFormat.WIRETYPE_END_GROUP)},               // end-group alone
                RiemannWire.build(o -> RiemannWire.message(o, 6, e ->
                        RiemannWire.message(e, 9, a -> a.writeString(2, "no key")))),         // required key missing
                "GET / HTTP/1.1\r\n".getBytes());                                           // not protobuf at all
        for (byte[] b : bad) {
            assertThrows(InvalidProtocolBufferException.class, () -> RiemannMsgReader.check(b, 0, b.length),
                    () -> Arrays.toString(b));
        }
    }

    @Test
    void deeplyNestedUnknownGroupsDoNotOverflowTheStack() {
        byte[] b = new byte[200_000];
        Arrays.fill(b, (byte) (7 << 3 | WireFormat.WIRETYPE_START_GROUP));
        assertThrows(InvalidProtocolBufferException.class, () -> RiemannMsgReader.check(b, 0, b.length));
    }
}
