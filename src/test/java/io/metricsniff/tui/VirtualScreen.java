package io.metricsniff.tui;

import org.jline.builtins.ScreenTerminal;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;

/**
 * A jline terminal whose output is interpreted by jline's VT100 emulator ({@link ScreenTerminal}),
 * so a test can type keys and read back what a person would see.
 */
final class VirtualScreen implements AutoCloseable {
    final Terminal terminal;
    private final ScreenTerminal emulator;
    private final PipedOutputStream keys = new PipedOutputStream();
    private final ByteArrayOutputStream raw = new ByteArrayOutputStream(); // everything sent to the terminal

    VirtualScreen(int columns, int rows) throws IOException {
        emulator = new ScreenTerminal(columns, rows);
        PipedInputStream in = new PipedInputStream(keys, 4096);
        OutputStream out = new OutputStream() {
            private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
            @Override public synchronized void write(int b) { pending.write(b); }
            @Override public synchronized void write(byte[] b, int off, int len) { pending.write(b, off, len); }
            @Override public synchronized void flush() {
                byte[] bytes = pending.toByteArray();
                pending.reset();
                synchronized (raw) { raw.write(bytes, 0, bytes.length); }
                emulator.write(new String(bytes, StandardCharsets.UTF_8));
            }
        };
        terminal = TerminalBuilder.builder().system(false).streams(in, out).type("xterm-256color")
                .size(new Size(columns, rows)).encoding(StandardCharsets.UTF_8).build();
    }

    /** The screen as text, one line per row, trailing blanks trimmed. */
    String text() {
        String s = emulator.toString();
        StringBuilder sb = new StringBuilder();
        for (String line : s.split("\n", -1)) sb.append(line.stripTrailing()).append('\n');
        return sb.toString();
    }

    String rawOutput() {
        synchronized (raw) { return raw.toString(StandardCharsets.ISO_8859_1); }
    }

    /**
     * Everything sent to the terminal once it contains {@code marker} (or after the wait): jline's
     * virtual terminal forwards output on its own thread, a moment after the writer's flush.
     */
    String rawOutputAfter(String marker, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        String r = rawOutput();
        while (!r.contains(marker) && System.currentTimeMillis() < end) {
            Thread.sleep(10);
            r = rawOutput();
        }
        Thread.sleep(50);                                      // and whatever followed it
        return rawOutput();
    }

    void type(String s) throws IOException {
        keys.write(s.getBytes(StandardCharsets.UTF_8));
        keys.flush();
    }

    void resize(int columns, int rows) {
        emulator.setSize(columns, rows);
        terminal.setSize(new Size(columns, rows));
        terminal.raise(Terminal.Signal.WINCH);
    }

    /**
     * Waits until the screen satisfies {@code p} and has stopped changing (a redraw arrives in
     * several writes); returns the last screen text either way.
     */
    String await(Predicate<String> p, long millis) throws InterruptedException {
        long end = System.currentTimeMillis() + millis;
        String t = text();
        String before = null;
        while (!(p.test(t) && t.equals(before)) && System.currentTimeMillis() < end) {
            Thread.sleep(30);
            before = t;
            t = text();
        }
        return t;
    }

    @Override public void close() throws IOException {
        keys.close();
        terminal.close();
    }
}
