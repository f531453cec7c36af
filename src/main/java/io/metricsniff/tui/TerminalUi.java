package io.metricsniff.tui;

import io.metricsniff.analysis.PathView;

import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;
import org.jline.utils.Display;
import org.jline.utils.InfoCmp.Capability;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The full-screen live view. One daemon thread reads keys and redraws from aggregated state
 * ({@link PathView}, {@link LiveState}, {@link CaptureStats}) at most every
 * {@link #MIN_REDRAW_NANOS}, and less often when drawing gets expensive, so the UI never takes
 * more than about {@link #MAX_CPU_SHARE} of a core and never holds up the capture.
 *
 * <p>Usage: {@code start()}; run the capture; {@code waitForQuit()} (a replayed file: wait for q);
 * {@code close()} in a finally. {@code onQuit} runs once, on the UI thread, when the person quits
 * (q, Ctrl-C, end of input) or the UI fails; it should only ask the capture to stop (not wait
 * for the UI: it runs on the UI thread). The terminal is restored
 * (main screen, cursor, cooked mode) on quit, on {@link #close()}, on a UI error and at JVM exit.
 * The caller owns and closes the {@link Terminal}.
 */
public final class TerminalUi implements AutoCloseable {
    /** About four redraws a second: live enough to read, cheap enough to ignore. */
    public static final long MIN_REDRAW_NANOS = 250_000_000L;
    /** Share of one core the redraw may take; on huge path tables the redraw slows down instead. */
    public static final double MAX_CPU_SHARE = 0.04;
    /** Slowest redraw when the table is huge: the screen must still look alive. */
    public static final long MAX_REDRAW_NANOS = 5_000_000_000L;
    /** jline terminal providers, best first (see {@link #openSystemTerminal()}). */
    static final String PROVIDERS = "exec,jni,ffm";
    /** The first redraw runs cold; its cost would otherwise stall the second one for seconds. */
    static final long COLD_FRAME_CAP_NANOS = 10_000_000L;
    /** Longest wait for a key before looking at the quit/close/resize flags again. */
    static final long POLL_MILLIS = 100;

    private final Terminal terminal;
    private final Model model;
    private final Runnable onQuit;
    private final Screen screen = new Screen();
    private final ViewState view = new ViewState();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Object restoreLock = new Object();

    private volatile boolean closing;      // close() called: end quietly
    private volatile boolean quitRequested; // Ctrl-C as a signal
    private volatile boolean resized;
    private volatile Throwable failure;
    private volatile long redrawNanos = MIN_REDRAW_NANOS;
    private Thread thread;
    private Thread shutdownHook;
    private Attributes savedAttributes;
    private Terminal.SignalHandler savedInt, savedWinch;
    private boolean active;

    public TerminalUi(Terminal terminal, PathView paths, LiveState live, CaptureStats stats, Runnable onQuit) {
        this.terminal = terminal;
        this.onQuit = onQuit == null ? () -> { } : onQuit;
        this.model = new Model(paths, live, stats, System.nanoTime());
    }

    /**
     * The system terminal when both stdin and stdout are terminals, else null: the caller then
     * falls back to {@code --format text}. Never draws on stderr.
     */
    public static Terminal openSystemTerminal() throws IOException {
        if (System.console() == null) return null;            // Java 17: null unless stdin and stdout are ttys
        // exec (stty) first: jline's JNI provider restores termios without the line speed bits
        // (stty shows "speed 0 baud" after exit); stty round-trips them. Forks only at start, exit
        // and resize, because the size is read only then.
        Terminal t = TerminalBuilder.builder().system(true).dumb(true).providers(PROVIDERS)
                .systemOutput(TerminalBuilder.SystemOutput.SysOut).nativeSignals(true).build();
        String type = t.getType();
        if (type == null || type.startsWith(Terminal.TYPE_DUMB) || t.getSize().getColumns() <= 0) {
            t.close();
            return null;
        }
        return t;
    }

    /** Enters the full screen and starts the UI thread. */
    public synchronized void start() {
        if (thread != null) throw new IllegalStateException("already started");
        enter();
        thread = new Thread(this::loop, "metricsniff-tui");
        thread.setDaemon(true);
        thread.start();
    }

    /** Blocks until the person quits (or the UI fails, or {@link #close()} is called). */
    public void waitForQuit() throws InterruptedException { done.await(); }

    /** Like {@link #waitForQuit()} with a limit; true when the UI has ended. */
    public boolean waitForQuit(long timeout, TimeUnit unit) throws InterruptedException {
        return done.await(timeout, unit);
    }

    /** The error that ended the UI thread, or null. */
    public Throwable failure() { return failure; }

    /** The UI thread (for CPU accounting), or null before {@link #start()}. */
    public Thread thread() { return thread; }

    /** Current redraw interval: {@link #MIN_REDRAW_NANOS} unless drawing is expensive. */
    public long redrawIntervalNanos() { return redrawNanos; }

    /** Stops the UI thread and restores the terminal. Idempotent; does not call onQuit. */
    @Override public void close() {
        closing = true;
        Thread t;
        synchronized (this) { t = thread; }
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join(2_000);                                   // the loop looks at the flag every POLL_MILLIS
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        restore();
        done.countDown();
    }

    // ---- the UI thread ----

    private void loop() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpuTime = mx.isCurrentThreadCpuTimeSupported();
        try {
            KeyReader keys = new KeyReader(terminal.reader());
            Display display = new Display(terminal, true);
            Size size = null;
            Screen.Frame frame = null;
            long next = System.nanoTime();
            double avgCost = 0;                                  // smoothed CPU cost of a redraw
            int frames = 0;
            while (!closing && !quitRequested) {
                long now = System.nanoTime();
                boolean draw = now >= next || frame == null || resized;
                if (!draw) {
                    Key k = keys.read(Math.max(1, Math.min(POLL_MILLIS, (next - now) / 1_000_000)));
                    if (k == null) continue;
                    ViewState.Action a = view.onKey(k, frame);
                    if (a == ViewState.Action.QUIT) break;
                    if (a == ViewState.Action.NONE) continue;
                }
                if (closing || quitRequested) break;
                long c0 = cpuTime ? mx.getCurrentThreadCpuTime() : System.nanoTime();
                if (resized || size == null) {                  // the size is read only at start and on SIGWINCH
                    resized = false;
                    Size s = terminal.getSize();
                    size = new Size(Math.max(1, s.getColumns()), Math.max(1, s.getRows()));
                    display.clear();
                    display.resize(size.getRows(), size.getColumns());
                }
                now = System.nanoTime();
                frame = model.build(view, now);
                // one column short: writing the last column makes terminals without delayed wrap scroll
                List<AttributedString> lines = screen.render(frame, view, Math.max(1, size.getColumns() - 1), size.getRows());
                display.update(lines, -1);
                terminal.flush();
                long cost = (cpuTime ? mx.getCurrentThreadCpuTime() : System.nanoTime()) - c0;
                // pace: at most 4/s, and slower when a redraw costs more than MAX_CPU_SHARE of the
                // interval; the first frame's cost (class loading, cold code) counts only up to a cap
                avgCost = frames++ == 0 ? Math.min(cost, COLD_FRAME_CAP_NANOS) : 0.5 * avgCost + 0.5 * cost;
                redrawNanos = Math.min(MAX_REDRAW_NANOS, Math.max(MIN_REDRAW_NANOS, (long) (avgCost / MAX_CPU_SHARE)));
                if (now >= next) next = now + redrawNanos;
            }
        } catch (Throwable t) {
            failure = t;
        } finally {
            restore();
            if (!closing) {                                      // the person quit, or the UI failed
                try {
                    onQuit.run();
                } catch (RuntimeException e) {
                    if (failure == null) failure = e;
                }
            }
            done.countDown();
        }
    }

    // ---- terminal state ----

    private void enter() {
        synchronized (restoreLock) {
            savedAttributes = terminal.enterRawMode();
            // Ctrl-C as a key, not a signal: it then quits like q whatever the terminal's line
            // discipline does with pending input. A SIGINT from elsewhere still quits (handler below).
            Attributes raw = terminal.getAttributes();
            raw.setLocalFlag(Attributes.LocalFlag.ISIG, false);
            terminal.setAttributes(raw);
            savedInt = terminal.handle(Terminal.Signal.INT, sig -> quitRequested = true);
            savedWinch = terminal.handle(Terminal.Signal.WINCH, sig -> resized = true);
            terminal.puts(Capability.enter_ca_mode);
            terminal.puts(Capability.keypad_xmit);
            terminal.puts(Capability.cursor_invisible);
            terminal.flush();
            active = true;
            shutdownHook = new Thread(this::restore, "metricsniff-tui-restore");
            try {
                Runtime.getRuntime().addShutdownHook(shutdownHook);
            } catch (IllegalStateException e) {
                shutdownHook = null;                            // already shutting down
            }
        }
    }

    private void restore() {
        synchronized (restoreLock) {
            if (!active) return;
            active = false;
            try {
                terminal.writer().print("\033[0m");             // no colour leaks into the shell
                terminal.puts(Capability.cursor_normal);
                terminal.puts(Capability.keypad_local);
                terminal.puts(Capability.exit_ca_mode);
                terminal.flush();
                terminal.setAttributes(savedAttributes);
                terminal.handle(Terminal.Signal.INT, savedInt);
                terminal.handle(Terminal.Signal.WINCH, savedWinch);
            } catch (RuntimeException e) {
                if (failure == null) failure = e;
            }
            if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(shutdownHook);
                } catch (IllegalStateException e) {
                    // shutting down: the hook runs anyway and finds nothing to do
                }
            }
        }
    }
}
