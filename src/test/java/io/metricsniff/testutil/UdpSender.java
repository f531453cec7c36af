package io.metricsniff.testutil;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.function.IntFunction;

/** Sends a datagram every few milliseconds until closed: traffic that flows while a test watches. */
public final class UdpSender implements AutoCloseable {
    private final Thread thread;
    private volatile boolean sending = true;

    private UdpSender(String host, int port, long periodMillis, IntFunction<String> payload) {
        thread = new Thread(() -> {
            try (DatagramSocket s = new DatagramSocket()) {
                InetAddress to = InetAddress.getByName(host);
                for (int i = 0; sending; i++) {
                    byte[] b = payload.apply(i).getBytes(StandardCharsets.UTF_8);
                    s.send(new DatagramPacket(b, b.length, to, port));
                    Thread.sleep(periodMillis);
                }
            } catch (IOException | InterruptedException ignored) {
                // closed: the test is over
            }
        }, "udp-sender");
        thread.setDaemon(true);
    }

    /** Starts sending {@code payload(i)} for i = 0, 1, ... to host:port every {@code periodMillis}. */
    public static UdpSender start(String host, int port, long periodMillis, IntFunction<String> payload) {
        UdpSender s = new UdpSender(host, port, periodMillis, payload);
        s.thread.start();
        return s;
    }

    @Override public void close() {
        sending = false;
        thread.interrupt();
    }
}
