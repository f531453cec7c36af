package io.metricsniff.report;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Delivers report batches to the Graphite line receiver on its own thread, so capture never waits:
 * batches queue up to {@link #MAX_BUFFERED_BYTES} (the oldest are dropped and counted), a failed
 * connection is retried with exponential backoff and the batch it failed on is sent again.
 */
final class ReportSender {
    /** 1 MiB: an hour of 60 s reports from a busy host; older ones are worth less than new ones. */
    static final int MAX_BUFFERED_BYTES = 1 << 20;
    /** Backoff between connection attempts: from 1 s, doubling, up to 60 s (one report interval). */
    static final long MIN_BACKOFF_MILLIS = 1_000, MAX_BACKOFF_MILLIS = 60_000;
    /** A receiver that does not answer a SYN within this is treated as down. */
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;

    private final InetSocketAddress target;
    private final OwnTraffic own;
    private final ArrayDeque<Batch> queue = new ArrayDeque<>();
    private final Thread thread;
    private long queuedBytes;
    private long droppedLines, sentLines, connects;
    private boolean closing;
    private Socket socket;  // sender thread; closed by close() to end a blocked write
    private Batch writing;  // the batch the sender thread is connecting for or writing, or null

    private record Batch(byte[] bytes, int lines) { }

    ReportSender(InetSocketAddress target, OwnTraffic own) {
        this.target = target;
        this.own = own;
        this.thread = new Thread(this::run, "metricsniff-report");
        thread.setDaemon(true);
    }

    void start() { thread.start(); }

    synchronized void offer(byte[] bytes, int lines) {
        // the oldest go first, but not the one being written: it would reach the receiver anyway,
        // counted as dropped (seen: 4,437 lines more than the counts said, on a loaded machine)
        for (Iterator<Batch> it = queue.iterator(); it.hasNext() && queuedBytes + bytes.length > MAX_BUFFERED_BYTES; ) {
            Batch old = it.next();
            if (old == writing) continue;
            it.remove();
            queuedBytes -= old.bytes.length;
            droppedLines += old.lines;
        }
        queue.addLast(new Batch(bytes, lines));
        queuedBytes += bytes.length;
        notifyAll();
    }

    synchronized long droppedLines() { return droppedLines; }
    synchronized long sentLines() { return sentLines; }
    synchronized long connects() { return connects; }

    private synchronized Batch take() throws InterruptedException {
        while (queue.isEmpty() && !closing) wait();
        writing = queue.peekFirst();
        return writing;
    }

    private synchronized void sent(Batch b) {
        if (queue.peekFirst() == b) {
            queue.removeFirst();
            queuedBytes -= b.bytes.length;
        }
        sentLines += b.lines;
        writing = null;
        notifyAll();
    }

    private void run() {
        long backoff = MIN_BACKOFF_MILLIS;
        try {
            for (Batch b = take(); b != null; b = take()) {
                try {
                    OutputStream out = connected();
                    out.write(b.bytes);
                    out.flush();
                    sent(b);
                    backoff = MIN_BACKOFF_MILLIS;
                } catch (IOException e) {
                    disconnect();
                    synchronized (this) {
                        writing = null; // while the receiver is down, this batch may be dropped as well
                        if (closing) return;
                        wait(backoff);
                    }
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            disconnect();
        }
    }

    private OutputStream connected() throws IOException {
        if (socket == null) {
            Socket s = new Socket();
            try {
                s.connect(target, CONNECT_TIMEOUT_MILLIS);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            own.usedLocalPort(s.getLocalPort());
            synchronized (this) {
                socket = s;
                connects++;
            }
        }
        return socket.getOutputStream();
    }

    private synchronized void disconnect() {
        if (socket == null) return;
        try {
            socket.close();
        } catch (IOException e) {
            // closing a broken connection: nothing more to do
        }
        socket = null;
    }

    /** Waits up to {@code millis} for the queue to empty, then stops the thread. */
    void close(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        synchronized (this) {
            try {
                for (long left = millis; !queue.isEmpty() && left > 0; left = deadline - System.currentTimeMillis()) wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            closing = true;
            droppedLines += queue.stream().mapToLong(Batch::lines).sum();
            queue.clear();
            notifyAll();
        }
        disconnect();
    }
}
