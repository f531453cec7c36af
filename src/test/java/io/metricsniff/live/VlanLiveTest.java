package io.metricsniff.live;

import static org.junit.jupiter.api.Assertions.assertTrue;

import static io.metricsniff.testutil.Veth.run;

import io.metricsniff.testutil.CliRunner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Live capture of 802.1Q and QinQ-tagged metrics with a plain filter ({@code port 2003}): a veth
 * pair whose far end lives in a network namespace made for the test. A raw socket there sends
 * tagged Ethernet frames (the tags written in the frame: this kernel may lack VLAN subinterfaces,
 * 8021q); the receiving kernel strips the outer tag into metadata as it does for a real trunk,
 * so the filter meets the same path. No address is configured: the frames are never routed.
 */
class VlanLiveTest {
    /** The lines must show up well within this, even on a loaded box. */
    static final long ARRIVAL_MILLIS = 20_000;
    /** Addresses written into the frames: loopback addresses reserved for this work. */
    static final String SRC = "127.0.0.81", DST = "127.0.0.82";
    /** Builds IPv4/UDP to port 2003 in an Ethernet frame and sends it through an interface. */
    static final String SENDER = String.join("\n",
            "import socket, struct, sys",
            "dev, tags, text = sys.argv[1], sys.argv[2], sys.argv[3].encode()",
            "vlan = b''.join(struct.pack('!HH', int(t.split(':')[0], 16), int(t.split(':')[1])) for t in tags.split(',') if t)",
            "src, dst = socket.inet_aton('" + SRC + "'), socket.inet_aton('" + DST + "')",
            "udp = struct.pack('!HHHH', 40000, 2003, 8 + len(text), 0) + text",
            "ip = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 20 + len(udp), 1, 0x4000, 64, 17, 0, src, dst)",
            "s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)",
            "s.bind((dev, 0))",
            "s.send(b'\\xff' * 6 + b'\\x02\\x00\\x00\\x00\\x00\\x01' + vlan + b'\\x08\\x00' + ip + udp)");

    private final String suffix = Long.toString(ProcessHandle.current().pid() % 100_000);
    private final String ns = "msvlan" + suffix, near = "msva" + suffix, far = "msvb" + suffix;
    private CliRunner sniff;

    @AfterEach
    void cleanUp() {
        run("ip", "link", "del", near); // also ends a capture still running on it
        run("ip", "netns", "del", ns);
        if (sniff != null) sniff.await(CliRunner.REPLAY_TIMEOUT_SECONDS);
    }

    @Test
    void aPlainPortFilterSeesSingleAndDoubleTaggedMetricsLive() throws Exception {
        Lab.assumeRootAnd();
        boolean made = run("ip", "netns", "add", ns)
                && run("ip", "link", "add", near, "type", "veth", "peer", "name", far)
                && run("ip", "link", "set", far, "netns", ns)
                && run("ip", "link", "set", near, "up")
                && inNs("ip", "link", "set", far, "up");
        Assumptions.assumeTrue(made, "cannot make a namespace and a veth pair here (needs root, iproute2)");

        sniff = CliRunner.start("-d", near, "--format", "json", "-n", "3", "--duration", "40s", "port", "2003");
        Thread.sleep(1_500); // the capture is open before the first frame
        List<String> sent = new ArrayList<>();
        // TPID:VLAN id, outermost first
        String[][] frames = {{"8100:100", "lab.vlan.single"}, {"88a8:200,8100:300", "lab.vlan.qinq"},
                {"", "lab.vlan.untagged"}};
        for (String[] f : frames) {
            assertTrue(inNs("python3", "-c", SENDER, far, f[0], f[1] + " 1 1795504341\n"), "send " + f[1]);
            sent.add(f[1]);
        }
        for (String path : sent) {
            assertTrue(sniff.awaitMetric(m -> path.equals(m.get("path")), ARRIVAL_MILLIS),
                    path + " not seen; stderr: " + sniff.err() + " stdout: " + sniff.out());
        }
    }

    private boolean inNs(String... command) {
        List<String> c = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        c.addAll(List.of(command));
        return run(c.toArray(new String[0]));
    }
}
