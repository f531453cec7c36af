package io.metricsniff.cli;

/** Runs an action once after a delay unless cancelled: {@code --within}. */
final class Timer {
    private final Thread thread;
    private volatile boolean fired;

    private Timer(long nanos, Runnable action) {
        thread = new Thread(() -> {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                fired = true;
                action.run();
            } catch (InterruptedException e) {
                // cancelled
            }
        }, "metricsniff-within");
        thread.setDaemon(true);
    }

    static Timer start(long nanos, Runnable action) {
        Timer t = new Timer(nanos, action);
        t.thread.start();
        return t;
    }

    boolean fired() { return fired; }

    void cancel() { thread.interrupt(); }
}
