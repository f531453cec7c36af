package io.metricsniff.cli;

import io.metricsniff.testutil.Jvm;
import io.metricsniff.testutil.Procs;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A live capture with no traffic sleeps, as tcpdump does. Before, the processing thread polled the
 * ring every 50 us: about 10 % of a core with nothing to do.
 */
class IdleCpuTest {
    /** Time for start-up and the JIT to settle before measuring. */
    static final long SETTLE_MILLIS = 3_000;
    static final long MEASURE_MILLIS = 3_000;
    /** 3 % of a core: sleeping costs ~0.4 % here (measured); polling cost ~10 %. */
    static final long MAX_CPU_MILLIS = MEASURE_MILLIS * 3 / 100;

    @Test void anIdleLiveCaptureUsesAlmostNoCpu() throws Exception {
        Process p = new ProcessBuilder(Jvm.command("-d", "lo", "-q", "--format", "text", "udp and dst host 127.0.0.74"))
                .redirectErrorStream(true).start();
        try {
            Procs.awaitCapturing(p.pid());
            Thread.sleep(SETTLE_MILLIS);
            long before = Procs.cpuMillis(p.pid());
            Thread.sleep(MEASURE_MILLIS);
            long used = Procs.cpuMillis(p.pid()) - before;
            assertTrue(used <= MAX_CPU_MILLIS, used + " ms of CPU in " + MEASURE_MILLIS + " ms idle");
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}
