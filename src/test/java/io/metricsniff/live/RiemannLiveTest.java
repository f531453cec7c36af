package io.metricsniff.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.metricsniff.testutil.CliRunner;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Live capture of Debian's riemann-c-client sending to Riemann's port on loopback, read with
 * {@code --protocol auto} (5555, TCP and UDP). The listener answers every TCP Msg with Riemann's
 * {@code ok} Msg, which the client waits for; the decoding itself is checked against a real
 * Riemann stand-in and tshark by the replay test (RiemannCaptureTest).
 */
class RiemannLiveTest {
    /** This feature's loopback address (5555 must be Riemann's port for auto). */
    static final String HOST = "127.0.0.42";
    static final int PORT = 5555;
    static final String CLIENT = "/usr/bin/riemann-client";
    /** Msg {ok: true} framed: length 2, field 2 varint 1. */
    static final byte[] OK = {0, 0, 0, 2, 0x10, 0x01};

    ServerSocket tcp;
    DatagramSocket udp;
    Thread answerer;
    Thread drainer;

    @BeforeEach
    void listen() throws IOException {
        Lab.assumeRootAnd(CLIENT);
        tcp = new ServerSocket();
        tcp.setReuseAddress(true);
        tcp.bind(new InetSocketAddress(InetAddress.getByName(HOST), PORT));
        udp = new DatagramSocket(new InetSocketAddress(InetAddress.getByName(HOST), PORT));
        answerer = new Thread(this::answer, "riemann-live-tcp");
        answerer.setDaemon(true);
        answerer.start();
        drainer = new Thread(this::drain, "riemann-live-udp");
        drainer.setDaemon(true);
        drainer.start();
    }

    @AfterEach
    void close() throws Exception {
        if (tcp != null) tcp.close();
        if (udp != null) udp.close();
        if (answerer != null) answerer.join(5_000);
        if (drainer != null) drainer.join(5_000);
    }

    /** Reads length-prefixed Msgs and answers each with ok, as Riemann's TCP server does. */
    private void answer() {
        while (!tcp.isClosed()) {
            try (Socket s = tcp.accept(); DataInputStream in = new DataInputStream(s.getInputStream())) {
                OutputStream out = s.getOutputStream();
                while (true) {
                    int n = in.readInt();
                    in.readNBytes(n);
                    out.write(OK);
                    out.flush();
                }
            } catch (IOException e) {
                // the client closed, or the test did: next
            }
        }
    }

    private void drain() {
        byte[] b = new byte[65536];
        while (!udp.isClosed()) {
            try {
                udp.receive(new DatagramPacket(b, b.length));
            } catch (IOException e) {
                // closed by the test
            }
        }
    }

    private static void send(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(CLIENT, "send"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of(HOST, String.valueOf(PORT)));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(20, TimeUnit.SECONDS), "riemann-client finished");
        assertEquals(0, p.exitValue(), "riemann-client " + cmd + ": " + out);
    }

    private static Map<String, Object> find(List<Map<String, Object>> metrics, String service) {
        for (Map<String, Object> m : metrics) if (service.equals(m.get("service"))) return m;
        throw new AssertionError("no record for service '" + service + "' in " + metrics);
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void eventsOverTcpAndUdpAreDecodedLive() throws Exception {
        CliRunner c = CliRunner.start("-d", "lo", "--format", "json", "--duration", "15s", "host", HOST, "and", "port", String.valueOf(PORT));
        long end = System.nanoTime() + 30_000_000_000L;
        boolean ready = false;
        for (int n = 1; !ready && System.nanoTime() < end && !c.done(); n++) {
            String service = "probe " + n;
            send("-h", "live.lab", "-S", service, "-i", "1");
            ready = c.awaitMetric(m -> service.equals(m.get("service")), 1_000);
        }
        assertTrue(ready, "the live capture never reported a probe; stderr: " + c.err());
        send("-h", "web1.live.lab", "-S", "api latency 0.95", "-d", "1e7", "-t", "live", "-a", "env=lab", "-T");
        send("-h", "web1.live.lab", "-S", "udp float", "-f", "0.1", "-U");
        send("-h", "web1.live.lab", "-S", "state only", "-s", "critical", "-T");
        assertTrue(c.awaitMetric(m -> "state only".equals(m.get("service")), 10_000), c.err());
        assertEquals(0, c.await(60), c.err());

        List<Map<String, Object>> metrics = c.metrics();
        Map<String, Object> tcpEvent = find(metrics, "api latency 0.95");
        assertEquals("riemann", tcpEvent.get("protocol"));
        assertEquals("tcp", tcpEvent.get("transport"));
        assertEquals("lab.live.web1.api.latency.95", tcpEvent.get("path"));
        assertEquals(1e7, tcpEvent.get("value"));
        assertEquals(List.of("live"), tcpEvent.get("riemann_tags"));
        assertEquals("lab", ((Map<?, ?>) tcpEvent.get("attributes")).get("env"));
        assertEquals("ok", tcpEvent.get("verdict"));

        Map<String, Object> udpEvent = find(metrics, "udp float");
        assertEquals("udp", udpEvent.get("transport"));
        assertEquals((double) 0.1f, udpEvent.get("value"), "metric_f widened as riemann writes it");

        Map<String, Object> noMetric = find(metrics, "state only");
        assertEquals("critical", noMetric.get("state"));
        assertTrue(CliRunner.codes(noMetric).contains("riemann-no-metric"), noMetric.toString());
        for (Map<String, Object> m : metrics) {
            assertEquals("riemann", m.get("protocol"), "Riemann's ok answers make no record: " + m);
        }
    }
}
