#!/usr/bin/python3
"""Senders for scripts/record-health. Standard library only.

  fast HOST PORT SECONDS [LINES_PER_10MS]
                                writes lines lab.fast.<i % 20> i T (T = 3 h ago + i // 20: every line its
                                own whisper slot) for SECONDS, 40 lines (~100 KB/s) every 10 ms, blocking
                                while the receiver's window is shut; when the connection fails it connects
                                again 0.2 s later. Prints the lines sendall() accepted.
  clock SRC HOST PORT NAME OFFSET N
                                writes N lines lab.clock.NAME.<i> i T with T = int(now + OFFSET) s, one a
                                second, on one connection from address SRC; prints its own view as one
                                JSON line: host, name, offset_s, points, and measured_offset_s, the median
                                of T - its clock just before each write (the oracle for metricsniff's)
  lines SRC HOST PORT TEXT      writes TEXT (\n for line ends, {now} for the current second) on one
                                connection from address SRC

usage: health-senders.py fast|clock ...
"""
import json
import socket
import statistics
import sys
import time

from peerclose import close_after_peer  # scripts/lib is the script's own directory: on sys.path

BLOCK_LINES = 40          # one write every 10 ms: ~1.2 KB, so ~100 KB/s
BLOCK_PAUSE = 0.01


RECONNECT_PAUSE = 0.2


def fast(host, port, seconds, per_block):
    base = int(time.time()) - 3 * 3600
    end = time.time() + seconds
    n = 0
    s = None
    while time.time() < end:
        try:
            if s is None:
                s = socket.create_connection((host, port))
            block = "".join("lab.fast.%d %d %d\n" % ((n + i) % 20, n + i, base + (n + i) // 20)
                            for i in range(per_block))
            s.sendall(block.encode())
            n += per_block
            time.sleep(BLOCK_PAUSE)
        except OSError:
            if s is not None:
                s.close()
            s = None
            time.sleep(RECONNECT_PAUSE)
    if s is None:
        print(n)
        return
    close_after_peer(s, 10)
    print(n)


def clock(src, host, port, name, offset, count):
    s = socket.create_connection((host, port), source_address=(src, 0))
    measured = []
    for i in range(count):
        now = time.time()
        ts = int(now + offset)
        s.sendall(("lab.clock.%s.%d %d %d\n" % (name, i, i, ts)).encode())
        measured.append(ts - now)
        time.sleep(1)
    s.close()
    print(json.dumps({"host": src, "name": name, "offset_s": offset, "points": count,
                      "measured_offset_s": round(statistics.median(measured), 6)}))


def lines(src, host, port, text):
    s = socket.create_connection((host, port), source_address=(src, 0))
    s.sendall(text.replace("\\n", "\n").replace("{now}", str(int(time.time()))).encode())
    s.close()


def main():
    what = sys.argv[1] if len(sys.argv) > 1 else ""
    if what == "fast" and len(sys.argv) in (5, 6):
        fast(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]) if len(sys.argv) == 6 else BLOCK_LINES)
    elif what == "clock" and len(sys.argv) == 8:
        clock(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5], int(sys.argv[6]), int(sys.argv[7]))
    elif what == "lines" and len(sys.argv) == 6:
        lines(sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
