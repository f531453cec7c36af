package io.metricsniff.cli;

import io.metricsniff.testutil.Jvm;
import io.metricsniff.testutil.Procs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A background job started by a non-interactive shell inherits SIGINT ignored; the JVM would keep
 * ignoring it. metricsniff stops on it all the same, as tcpdump and ngrep do, with its summary.
 */
class SigintTest {
    static final long TIMEOUT_SECONDS = 90;
    /** SIGINT's bit in /proc/PID/status SigIgn. */
    static final long SIGINT_MASK = 1L << (2 - 1);

    @TempDir Path dir;

    @Test void aBackgroundJobStopsOnSigintWithItsSummary() throws Exception {
        Path pid = dir.resolve("pid"), sleeperPid = dir.resolve("sleeper"), rc = dir.resolve("rc");
        // The shell's own proof that its background jobs start with SIGINT ignored: a sleep beside us.
        String script = "sleep 60 & echo $! > " + sleeperPid + "; "
                + Jvm.shell("-d", "lo", "--format", "json", "-q", "udp and dst host 127.0.0.73 and dst port 8125")
                + " & echo $! > " + pid + "; wait $!; echo $? > " + rc;
        Process shell = Jvm.start(script);
        long sleeper = Long.parseLong(Procs.awaitFile(sleeperPid));
        assertTrue((Procs.ignoredSignals(sleeper) & SIGINT_MASK) != 0, "the shell's background jobs ignore SIGINT");
        long jvm = Long.parseLong(Procs.awaitFile(pid));
        Procs.awaitCapturing(jvm);
        // Again each second until it ends: the handler is installed just after the capture opens.
        for (int i = 0; i < TIMEOUT_SECONDS && ProcessHandle.of(jvm).map(ProcessHandle::isAlive).orElse(false); i++) {
            new ProcessBuilder("kill", "-INT", Long.toString(jvm)).start().waitFor();
            shell.waitFor(1, TimeUnit.SECONDS);
        }
        Jvm.Result r = Jvm.finish(shell, TIMEOUT_SECONDS);
        new ProcessBuilder("kill", Long.toString(sleeper)).start().waitFor();
        assertEquals("0", Files.readString(rc).trim(), r.toString());
        assertTrue(r.out().startsWith("{\"type\":\"summary\""), r.toString());
        assertEquals("", r.err());
    }
}
