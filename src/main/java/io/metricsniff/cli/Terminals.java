package io.metricsniff.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the standard streams are terminals; Java tells only for stdin+stdout together. */
final class Terminals {
    private Terminals() { }

    static boolean stdoutIsTerminal() { return System.console() != null || isTty(1); }

    static boolean stderrIsTerminal() { return isTty(2); }

    // Linux: /proc/self/fd/N links to /dev/pts/M or /dev/ttyX for a terminal.
    private static boolean isTty(int fd) {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/" + fd)).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (Exception e) {
            return false;
        }
    }
}
