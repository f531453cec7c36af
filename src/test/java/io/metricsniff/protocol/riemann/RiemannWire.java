package io.metricsniff.protocol.riemann;

import com.google.protobuf.CodedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Builds Riemann Msgs for tests with protobuf-java's own encoder (field numbers of riemann.proto). */
final class RiemannWire {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final CodedOutputStream out = CodedOutputStream.newInstance(bytes);

    interface Body { void write(CodedOutputStream o) throws IOException; }

    static byte[] build(Body body) {
        RiemannWire w = new RiemannWire();
        try {
            body.write(w.out);
            w.out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.bytes.toByteArray();
    }

    /** An embedded message field (events = 6, attributes = 9, query = 5). */
    static void message(CodedOutputStream o, int field, Body body) throws IOException {
        o.writeByteArray(field, build(body));
    }

    /** A Msg with one event: host, service, the double metric and a time. */
    static byte[] event(String host, String service, double metric, long time) {
        return build(o -> message(o, 6, e -> {
            e.writeInt64(1, time);
            e.writeString(3, service);
            e.writeString(4, host);
            e.writeDouble(14, metric);
        }));
    }

    /** 4-byte big-endian length + body, as on Riemann's TCP port. */
    static byte[] framed(byte[]... bodies) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            int n = body.length;
            b.write(n >>> 24);
            b.write(n >>> 16);
            b.write(n >>> 8);
            b.write(n);
            b.writeBytes(body);
        }
        return b.toByteArray();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (byte[] p : parts) b.writeBytes(p);
        return b.toByteArray();
    }
}
