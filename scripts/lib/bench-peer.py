#!/usr/bin/env python3
"""Loopback peers for scripts/bench (bounded in count and time; loopback only).

  bench-peer.py sink PORT              accept connections on 127.0.0.1:PORT, read and discard
  bench-peer.py blast PORT N CONNS     send N Graphite lines as fast as possible over CONNS connections
  bench-peer.py many PORT FLOWS PER    hold FLOWS connections open at once, PER lines on each, then close
"""
import selectors
import socket
import sys
import time

HOST = "127.0.0.1"
SINK_MAX_SECONDS = 600  # a sink left behind ends by itself


def sink(port, host=HOST):
    sel = selectors.DefaultSelector()
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((host, port))
    srv.listen(16384)
    srv.setblocking(False)
    sel.register(srv, selectors.EVENT_READ)
    end = time.time() + SINK_MAX_SECONDS
    while time.time() < end:
        for key, _ in sel.select(1):
            s = key.fileobj
            if s is srv:
                try:
                    while True:
                        c, _ = srv.accept()
                        c.setblocking(False)
                        sel.register(c, selectors.EVENT_READ)
                except BlockingIOError:
                    pass
            else:
                try:
                    data = s.recv(1 << 20)
                except BlockingIOError:
                    continue
                except ConnectionResetError:
                    data = b""
                if not data:
                    sel.unregister(s)
                    s.close()


def lines(n, start):
    ts = int(time.time())
    return b"".join(b"bench.live.host%03d.metric %d %d\n" % (i % 1000, i, ts) for i in range(start, start + n))


def blast(port, n, conns):
    per = n // conns
    payloads = [lines(per + (1 if i < n % conns else 0), i * per) for i in range(conns)]
    socks = [socket.create_connection((HOST, port)) for _ in range(conns)]
    for s, p in zip(socks, payloads):
        s.sendall(p)
    for s in socks:
        s.shutdown(socket.SHUT_WR)
        s.close()


def many(port, flows, per):
    socks = []
    for i in range(flows):
        s = socket.create_connection((HOST, port))
        socks.append(s)
    for i, s in enumerate(socks):
        s.sendall(lines(per, i * per))
    time.sleep(0.5)
    for s in socks:
        s.close()


if __name__ == "__main__":
    mode, port = sys.argv[1], int(sys.argv[2])
    if mode == "sink":
        sink(port)
    elif mode == "blast":
        blast(port, int(sys.argv[3]), int(sys.argv[4]))
    elif mode == "many":
        many(port, int(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(__doc__)
