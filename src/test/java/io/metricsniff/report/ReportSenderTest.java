package io.metricsniff.report;

import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender against a real socket on loopback: receiver down, buffer bounded, reconnect, delivery. */
class ReportSenderTest {
    private static final String HOST = "127.0.0.62"; // this suite's loopback range: .61-.69

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
}
