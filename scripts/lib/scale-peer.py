#!/usr/bin/env python3
"""Peers for scripts/bench's veth runs (run inside its network namespaces; bounded in time).

  scale-peer.py sink HOST PORT                      accept and discard (bench-peer.py's sink) until killed
  scale-peer.py send HOST PORT SHAPE LINES PATHS    send, then print the expected verdicts as JSON

SHAPE: mix     LINES lines over PATHS structured paths, 4 connections, send-time timestamps,
               0.8 % problems (nan values, tabs, late, future, one field) at fixed positions
       skew    the same, but one of the 4 senders' clock runs 10 minutes ahead (its lines: future)
       shuffled  as mix, but every round of PATHS lines visits the paths in a new random order (a
               relay whose interleaving of senders changes, a sender iterating a hash table)
       chatty  one connection, 100-byte segments (TCP_MAXSEG 112 and TCP_NODELAY), as collectd's
               small writes arrive
       flows   PATHS concurrent connections held open, LINES lines spread over them
Verdicts are carbon's with metricsniff's defaults (--late 60s --future 60s).
"""
import importlib.util
import json
import os
import random
import socket
import sys
import time

CONNS = 4
BATCH = 20000
METRICS = [b"cpu.user", b"cpu.system", b"cpu.idle", b"load.shortterm", b"memory.used", b"disk.sda.reads",
           b"disk.sda.writes", b"if.eth0.rx", b"if.eth0.tx", b"df.root.free"]


def path(i):
    return b"dc%d.rack%02d.host%06d.%s" % (i % 3, i // 30 % 40, i // 10, METRICS[i % 10])


def line(j, paths, now, skewed, order=None):
    """Line j of the stream and its verdict; 8 in 1000 are problems. order: the round's path order."""
    p = path(order[j % paths] if order else j % paths)
    k = j % 1000
    if skewed:
        return b"%s %d %d\n" % (p, j, now + 600), "future"
    if k == 101:
        return b"%s nan %d\n" % (p, now), "malformed"
    if k == 233:
        return b"%s 0x%d %d\n" % (p, j, now), "malformed"
    if k == 347:
        return b"%s %d\n" % (p, j), "malformed"
    if k in (409, 587, 613):
        return b"%s %d %d\n" % (p, j, now - 3600), "late"
    if k in (719, 877):
        return b"%s %d %d\n" % (p, j, now + 3600), "future"
    return b"%s %d %d\n" % (p, j, now), "ok"


def send(host, port, shape, lines, paths):
    counts = {"ok": 0, "malformed": 0, "late": 0, "future": 0}
    if shape == "flows":
        socks = [socket.create_connection((host, port)) for _ in range(paths)]
    else:
        socks = []
        for _ in range(1 if shape == "chatty" else CONNS):
            s = socket.socket()
            if shape == "chatty":
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, 112)  # 100 bytes of payload beside the 12-byte timestamp option
                s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            s.connect((host, port))
            socks.append(s)
    j = 0
    order = list(range(paths)) if shape == "shuffled" else None
    shuffler = random.Random(2003)
    while j < lines:
        n = min(BATCH, lines - j)
        now = int(time.time())
        for c, s in enumerate(socks):
            share = n // len(socks) + (1 if c < n % len(socks) else 0)
            if share == 0:
                continue
            out = []
            for _ in range(share):
                if order and j % paths == 0:
                    shuffler.shuffle(order)
                text, verdict = line(j, paths, now, shape == "skew" and c == 0, order)
                out.append(text)
                counts[verdict] += 1
                j += 1
            s.sendall(b"".join(out))
    for s in socks:
        s.shutdown(socket.SHUT_WR)
    for s in socks:
        s.close()
    counts["metrics"] = lines
    print(json.dumps(counts))


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "sink":  # the loopback benchmark's sink, bound to the namespace's address
        spec = importlib.util.spec_from_file_location("bench_peer", os.path.join(os.path.dirname(__file__), "bench-peer.py"))
        bench_peer = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(bench_peer)
        bench_peer.sink(int(sys.argv[3]), sys.argv[2])
    elif mode == "send":
        send(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]), int(sys.argv[6]))
    else:
        sys.exit(__doc__)
