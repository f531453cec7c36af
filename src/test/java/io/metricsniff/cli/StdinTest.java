package io.metricsniff.cli;

import io.metricsniff.testutil.JsonReader;
import io.metricsniff.testutil.Jvm;
import io.metricsniff.testutil.UdpSender;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code -I -}: a capture read as a stream from stdin, as {@code ssh host tcpdump -U -w - | metricsniff -I -}
 * needs; the file is read once (the timestamp precision comes from libpcap's handle).
 */
class StdinTest {
    static final long TIMEOUT_SECONDS = 90;

    @Test void aPipedCaptureReadsAsTheFileDoes() throws Exception {
        for (String capture : new String[] {"captures/crafted-carbon.pcap", "captures/relay-pickle.pcap"}) {
            Jvm.Result file = Jvm.bash(Jvm.shell("-I", capture, "--format", "json"), TIMEOUT_SECONDS);
            assertEquals(0, file.exit(), file.toString());
            assertTrue(file.out().lines().count() > 10, file.toString());
            for (String stdin : new String[] {"-", "/dev/stdin"}) {
                Jvm.Result piped = Jvm.bash("cat " + capture + " | " + Jvm.shell("-I", stdin, "--format", "json"),
                        TIMEOUT_SECONDS);
                assertEquals(0, piped.exit(), piped.toString());
                assertEquals(file.out(), piped.out(), capture + " through " + stdin);
                assertEquals("", piped.err());
            }
        }
    }

    /** tcpdump writing packets as they come (-U) into metricsniff, while traffic flows. */
    @Test void tcpdumpIntoStdinWhileTrafficFlows() throws Exception {
        try (UdpSender sender = UdpSender.start("127.0.0.72", 8125, 100, i -> "stdin.live.n" + i + ":" + i + "|c\n")) {
            Jvm.Result r = Jvm.bash("tcpdump -i lo -U -w - 'udp and dst host 127.0.0.72 and dst port 8125' 2>/dev/null | "
                    + Jvm.shell("-I", "-", "--format", "json", "-n", "3") + "; echo \"status=${PIPESTATUS[1]}\" >&2",
                    TIMEOUT_SECONDS);
            assertTrue(r.err().endsWith("status=0\n"), r.toString());
            List<String> lines = r.out().lines().toList();
            assertEquals(4, lines.size(), "3 metrics and the summary: " + r);
            for (String l : lines.subList(0, 3)) {
                Map<String, Object> m = JsonReader.object(l);
                assertEquals("ok", m.get("verdict"), l);
                assertTrue(String.valueOf(m.get("path")).startsWith("stdin.live.n"), l);
            }
        }
    }
}
