package io.metricsniff.capture;

import static io.metricsniff.capture.FileSourceTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.metricsniff.testutil.Veth;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.metricsniff.decode.DecodeResult;
import io.metricsniff.decode.Packet;
import io.metricsniff.decode.PacketDecoder;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Live capture on loopback; needs root or CAP_NET_RAW (skipped otherwise). */
@Timeout(30)
class LiveSourceTest {
    private static final long JOIN_MILLIS = 3_000;

    record Captured(long time, byte[] data, int capLength, int origLength) { }

    /** Opens lo, or skips the test where this process may not capture. */
    private static LiveSource openLoopback(String filter) {
        try {
            return LiveSource.open("lo", filter, LiveOptions.DEFAULTS);
        } catch (CaptureException e) {
            assumeTrue(!e.getMessage().startsWith("no permission"), e.getMessage());
            throw new AssertionError(e.getMessage(), e);
        }
    }

    private static Thread runInBackground(LiveSource source, ConcurrentLinkedQueue<Captured> got,
                                          AtomicReference<Throwable> failure) {
        Thread t = new Thread(() -> {
            try {
                source.run((time, d, c, o) -> got.add(new Captured(time, d, c, o)));
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "live-capture-test");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Test void capturesTcpOnLoopbackAndStopsPromptly() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = server.getLocalPort();
            LiveSource source = openLoopback("tcp port " + port);
            ConcurrentLinkedQueue<Captured> got = new ConcurrentLinkedQueue<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            try {
                assertEquals("lo: tcp port " + port, source.description());
                Thread capture = runInBackground(source, got, failure);
                long before = System.currentTimeMillis();
                sendOneLine(server, port, "lab.live.metric 42 1795504341\n".getBytes(StandardCharsets.US_ASCII));
                PacketDecoder decoder = new PacketDecoder();
                Packet p = new Packet();
                Captured data = awaitDataSegment(source, got, decoder, p);
                assertTrue(data != null, "the data segment was captured; packets seen: " + got.size());
                assertDataSegment(source, decoder, p, data, port, before);
                assertHandshakeAndNanosecondTimes(source, got, decoder, p);
                assertStopsPromptly(source, capture, failure);
            } finally {
                source.close();
            }
            assertTrue(source.kernelDrops().isPresent(), "the last count stays readable after close");
        }
    }

    /** Connects to {@code server}, writes {@code message} and reads it on the accepted side. */
    private static void sendOneLine(ServerSocket server, int port, byte[] message) throws Exception {
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
             Socket accepted = server.accept()) {
            OutputStream out = client.getOutputStream();
            out.write(message);
            out.flush();
            InputStream in = accepted.getInputStream();
            assertEquals(message.length, in.readNBytes(message.length).length);
        }
    }

    /** Waits until the data segment has been captured (immediate mode: at once); null after 5 s. */
    private static Captured awaitDataSegment(LiveSource source, ConcurrentLinkedQueue<Captured> got,
                                             PacketDecoder decoder, Packet p) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (System.currentTimeMillis() < deadline) {
            for (Captured c : got) {
                if (decoder.decode(source.linkType(), c.data(), c.capLength(), c.origLength(), p) == DecodeResult.OK
                        && p.payloadLength > 0) {
                    return c;
                }
            }
            Thread.sleep(10);
        }
        return null;
    }

    private static void assertDataSegment(LiveSource source, PacketDecoder decoder, Packet p, Captured data,
                                          int port, long before) {
        assertEquals(DecodeResult.OK,
                decoder.decode(source.linkType(), data.data(), data.capLength(), data.origLength(), p));
        assertEquals(Packet.TCP, p.protocol);
        assertEquals(port, p.dstPort);
        assertEquals("127.0.0.1", p.src().host());
        assertEquals("lab.live.metric 42 1795504341\n",
                new String(p.buf, p.payloadOffset, p.payloadLength, StandardCharsets.US_ASCII));
        assertEquals(0, p.payloadMissing);
        long millis = data.time() / 1_000_000;
        assertTrue(millis >= before - 1_000 && millis <= System.currentTimeMillis() + 1_000,
                "capture time is wall-clock time in ns: " + data.time());
    }

    private static void assertHandshakeAndNanosecondTimes(LiveSource source, ConcurrentLinkedQueue<Captured> got,
                                                          PacketDecoder decoder, Packet p) {
        boolean sawSyn = false;
        for (Captured c : got) {
            if (decoder.decode(source.linkType(), c.data(), c.capLength(), c.origLength(), p) == DecodeResult.OK
                    && p.has(Packet.SYN)) sawSyn = true;
        }
        assertTrue(sawSyn, "the handshake was captured too");
        assertTrue(got.stream().anyMatch(c -> c.time() % 1_000 != 0),
                "nanosecond timestamps (Linux has them; microseconds would all end in 000)");
    }

    private static void assertStopsPromptly(LiveSource source, Thread capture, AtomicReference<Throwable> failure)
            throws InterruptedException {
        long stopAt = System.nanoTime();
        source.stop();
        capture.join(JOIN_MILLIS);
        assertFalse(capture.isAlive(), "run() returned after stop()");
        assertTrue(System.nanoTime() - stopAt < JOIN_MILLIS * 1_000_000L);
        assertNull(failure.get());
        assertTrue(source.kernelDrops().isPresent());
        assertEquals(0, source.kernelDrops().getAsLong());
    }

    @Test void stopEndsAnIdleCapture() throws Exception {
        LiveSource source = openLoopback("tcp port 9 and host 127.0.0.254");
        try {
            ConcurrentLinkedQueue<Captured> got = new ConcurrentLinkedQueue<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread capture = runInBackground(source, got, failure);
            Thread.sleep(200); // let it block in libpcap
            source.stop();
            capture.join(JOIN_MILLIS);
            assertFalse(capture.isAlive(), "run() returned after stop() with no traffic");
            assertNull(failure.get());
        } finally {
            source.close();
        }
    }

    @Test void anyDeviceUsesLinuxCookedHeaders() throws Exception {
        LiveSource source;
        try {
            source = LiveSource.open("any", "tcp port 9", LiveOptions.DEFAULTS);
        } catch (CaptureException e) {
            assumeTrue(false, e.getMessage());
            return;
        }
        try (source) {
            assertTrue(source.linkType() == PacketDecoder.DLT_LINUX_SLL || source.linkType() == PacketDecoder.DLT_LINUX_SLL2,
                    "link type " + source.linkType());
        }
    }

    /** A veth pair deleted under the capture; needs root and iproute2. */
    @Test void deviceDisappearingEndsTheRunWithOneLine() throws Exception {
        try (Veth veth = Veth.createOrSkip("msn")) {
            Throwable failure = failureWhen(veth, veth::delete);
            assertTrue(failure.getMessage().startsWith("capture on '" + veth.name() + "' stopped: "), failure.getMessage());
        }
    }

    /** libpcap keeps waiting on a device set down; the source notices and ends with one line. */
    @Test void deviceSetDownEndsTheRunWithOneLine() throws Exception {
        try (Veth veth = Veth.createOrSkip("msd")) {
            Throwable failure = failureWhen(veth, veth::setDown);
            assertEquals("interface '" + veth.name() + "' went down during the capture", failure.getMessage());
        }
    }

    /** Captures on the pair, does {@code action} to it, and returns the one-line error run() ended with. */
    private static Throwable failureWhen(Veth veth, java.util.function.BooleanSupplier action) throws Exception {
        LiveSource source = LiveSource.open(veth.name(), (String) null, LiveOptions.DEFAULTS);
        try {
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread capture = runInBackground(source, new ConcurrentLinkedQueue<>(), failure);
            Thread.sleep(200);
            assertTrue(capture.isAlive(), "capturing while the device is up");
            assertTrue(action.getAsBoolean());
            capture.join(JOIN_MILLIS);
            assertFalse(capture.isAlive(), "run() ended when the device went down or away");
            assertTrue(failure.get() instanceof CaptureException, String.valueOf(failure.get()));
            assertOneLine(failure.get().getMessage());
            return failure.get();
        } finally {
            source.close();
        }
    }

    @Test void noSuchDeviceNamesTheDevicesThereAre() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> LiveSource.open("nosuchdev0", (String) null, LiveOptions.DEFAULTS));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().startsWith("no such device 'nosuchdev0' (devices: "), e.getMessage());
        assertTrue(e.getMessage().contains("lo"), e.getMessage());
        assertTrue(LiveSource.deviceNames().contains("lo"));
    }

    @Test void badFilter() {
        CaptureException e = assertThrows(CaptureException.class,
                () -> LiveSource.open("lo", "prot 2003", LiveOptions.DEFAULTS));
        assumeTrue(!e.getMessage().startsWith("no permission"), e.getMessage());
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().startsWith("bad filter 'prot 2003': "), e.getMessage());
    }

    @Test void defaultDeviceIsUpAndNotLoopback() {
        try {
            String device = LiveSource.defaultDevice();
            assertNotEquals("lo", device);
            assertNotEquals("any", device);
            assertTrue(LiveSource.deviceNames().contains(device));
        } catch (CaptureException e) {
            assertOneLine(e.getMessage()); // a machine with only loopback
        }
    }

    @Test void permissionAdviceIsNarrow() {
        String advice = LiveSource.permissionAdvice();
        assertTrue(advice.contains("scripts/install --capture"), advice);
        assertFalse(advice.contains("setcap"), "no capability for every Java program: " + advice);
    }

    @Test void optionsRejectNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new LiveOptions(0, 1, true, false));
        List<Integer> sizes = new ArrayList<>(List.of(LiveOptions.DEFAULTS.snapLength(), LiveOptions.DEFAULTS.bufferBytes()));
        assertEquals(List.of(262_144, LiveOptions.BUFFER_BYTES), sizes);
    }
}
