package io.metricsniff.report;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender against a real socket on loopback: receiver down, buffer bounded, reconnect, delivery. */
class ReportSenderTest {
    private static final String HOST = "127.0.0.62"; // this suite's loopback range: .61-.69
    private static final String STALLED_HOST = "127.0.0.66";

    @Test void bufferedWhileTheReceiverIsDownThenDeliveredAfterBackoff() throws Exception {
        InetAddress addr = InetAddress.getByName(HOST);
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, addr)) {
            port = probe.getLocalPort(); // free now; nothing listens once closed
        }
        ReportSender sender = new ReportSender(new InetSocketAddress(addr, port), new OwnTraffic(addr.getAddress(), port));
        sender.start();
        byte[] batch = "x 1 1\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII); // 60 KB, 10,000 lines
        long t0 = System.nanoTime();
        int batches = 40; // 2.4 MB: more than the buffer holds
        for (int i = 0; i < batches; i++) sender.offer(batch, 10_000);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "offer never waits for the network");
        long dropped = sender.droppedLines();
        assertTrue(dropped >= 10_000L * (batches - ReportSender.MAX_BUFFERED_BYTES / batch.length), "dropped " + dropped);

        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(addr, port));
            server.setSoTimeout((int) (3 * ReportSender.MAX_BACKOFF_MILLIS));
            try (Socket s = server.accept()) {
                long want = 10_000L * batches - dropped;
                long lines = 0;
                InputStream in = s.getInputStream();
                byte[] buf = new byte[65536];
                while (lines < want) {
                    int n = in.read(buf);
                    if (n < 0) break;
                    for (int i = 0; i < n; i++) if (buf[i] == '\n') lines++;
                }
                assertEquals(want, lines, "every buffered line delivered once the receiver is back");
                assertEquals(1, sender.connects());
            }
        } finally {
            sender.close(1000);
        }
    }

    /**
     * The batch the sender is connecting for is not dropped while it waits: were it dropped, it would
     * still be written once the connection came, and counted both as dropped and sent. The receiver's
     * accept queue is full, so Linux drops the sender's SYN and its connect waits for the retry.
     */
    @Test void theBatchBeingSentIsNotDroppedUnderIt() throws Exception {
        InetAddress addr = InetAddress.getByName(STALLED_HOST);
        List<Socket> fillers = new ArrayList<>();
        try (ServerSocket server = new ServerSocket(0, 1, addr)) {
            int port = server.getLocalPort();
            while (fillers.size() < 8 && connects(addr, port, fillers)) { } // until a SYN goes unanswered
            ReportSender sender = new ReportSender(new InetSocketAddress(addr, port), new OwnTraffic(addr.getAddress(), port));
            try {
                sender.start();
                sender.offer("first 1 1\n".getBytes(StandardCharsets.US_ASCII), 1);
                Thread.sleep(300); // the sender is in connect() now, its SYN dropped
                byte[] batch = "x 1 1\n".repeat(10_000).getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < 40; i++) sender.offer(batch, 10_000);
                long want = 1 + 400_000 - sender.droppedLines();
                for (Socket f : fillers) server.accept().close(); // room: the SYN retry gets through
                server.setSoTimeout(10_000);
                try (Socket s = server.accept()) {
                    byte[] all = s.getInputStream().readNBytes((int) (want - 1) * 6 + 10);
                    assertTrue(new String(all, 0, 10, StandardCharsets.US_ASCII).startsWith("first 1 1\n"), "the first batch came");
                    long lines = 0;
                    for (byte b : all) if (b == '\n') lines++;
                    assertEquals(want, lines, "what was sent is what was not counted dropped");
                    s.setSoTimeout(500);
                    assertThrows(java.net.SocketTimeoutException.class, () -> s.getInputStream().read(), "nothing more");
                }
            } finally {
                sender.close(1000);
            }
        } finally {
            for (Socket f : fillers) f.close();
        }
    }

    /** Adds a connection to the listener when it completes within 300 ms; false when it does not (the queue is full). */
    private static boolean connects(InetAddress addr, int port, List<Socket> into) throws Exception {
        Socket s = new Socket();
        try {
            s.connect(new InetSocketAddress(addr, port), 300);
            into.add(s);
            return true;
        } catch (java.net.SocketTimeoutException e) {
            s.close();
            return false;
        }
    }
}
