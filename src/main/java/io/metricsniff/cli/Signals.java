package io.metricsniff.cli;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;
import sun.misc.Signal;

/**
 * Ctrl-C and SIGTERM stop the capture instead of killing the JVM, so that the lines completed so
 * far are reported, the -O file is closed and the summary printed; whatever the disposition we
 * inherited: a non-interactive shell starts background jobs with SIGINT ignored, and the JVM would
 * keep ignoring it (tcpdump and ngrep stop). And a broken pipe ends the process as it ends tcpdump.
 */
final class Signals {
    /** The C library's signal functions, through JNA (which pcap4j already loads). */
    interface CLib extends Library {
        Pointer signal(int sig, Pointer handler);
        int kill(int pid, int sig);
    }

    private static final Pointer SIG_DFL = Pointer.NULL;
    private static final Pointer SIG_IGN = Pointer.createConstant(1);

    private Signals() { }

    static void onInterrupt(Runnable action) {
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal sig = new Signal(name);
                unignore(sig.getNumber());
                Signal.handle(sig, s -> action.run());
            } catch (IllegalArgumentException e) {
                // the signal is not available here (or the JVM reserves it): default handling stays
            }
        }
    }

    /** Dies of SIGPIPE, as a C program writing to a closed pipe does (the shell sees 141); returns if it cannot. */
    static void dieOfBrokenPipe() {
        CLib c = libc();
        if (c == null) return;
        int pipe = new Signal("PIPE").getNumber();
        c.signal(pipe, SIG_DFL); // the JVM ignores SIGPIPE; the default action ends the process
        c.kill((int) ProcessHandle.current().pid(), pipe);
    }

    /** An inherited SIG_IGN becomes SIG_DFL, so that the JVM agrees to install its handler. */
    private static void unignore(int sig) {
        CLib c = libc();
        if (c == null) return;
        Pointer previous = c.signal(sig, SIG_DFL);
        if (!SIG_IGN.equals(previous)) c.signal(sig, previous); // not ignored: leave it as it was
    }

    private static CLib libc() {
        try {
            return Native.load("c", CLib.class);
        } catch (LinkageError e) {
            return null; // no JNA or libc here: signals keep the JVM's handling
        }
    }
}
