#!/usr/bin/python3
"""Destinations for a relay under test: listens on each HOST:PORT:MODE and records what arrives.

MODE line   : plaintext lines, recorded as they arrived.
MODE pickle : carbon's pickle frames (4-byte big-endian length + pickle of [(path, (ts, value))]),
              recorded as 'path value ts' lines (value and ts as Python's repr of what carbon sent).
MODE stall  : accepts, then never reads (a stalled cache): the relay's queue for it fills up.
MODE pause@N@S : plaintext, but after N lines stops reading for S seconds (a cache that stalls
              for a while), then reads on: what sat in its socket buffer arrives late.

Every received line goes to OUT as 'HOST:PORT<TAB>LINE' (flushed per read), so a test can tell
which destination got which metric. Runs until SIGTERM/SIGINT. Stdlib only.
"""
import pickle
import selectors
import signal
import socket
import struct
import sys
import time

STALL_RCVBUF = 4096   # a small receive buffer so a stalled sink backs the relay up quickly
MAX_FRAME = 64 << 20  # a bigger pickle frame is not carbon's


def main():
    out = open(sys.argv[1], 'w', buffering=1)
    sel = selectors.DefaultSelector()
    stalled = []
    for spec in sys.argv[2:]:
        host, port, mode = spec.rsplit(':', 2)
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        if mode.split('@')[0] in ('stall', 'pause'):
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, STALL_RCVBUF)
        ls.bind((host, int(port)))
        ls.listen(16)
        sel.register(ls, selectors.EVENT_READ, ('listen', '%s:%s' % (host, port), mode))
    running = [True]

    def stop(*_):
        running[0] = False
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    print('ready', flush=True)
    bufs = {}
    counts = {}      # lines read per pause-mode destination
    paused = {}      # conn -> time its pause ends
    while running[0]:
        now = time.monotonic()
        for conn, until in list(paused.items()):
            if now >= until:
                del paused[conn]
                sel.register(conn, selectors.EVENT_READ, ('conn',) + PAUSED_DATA.pop(conn))
        for key, _ in sel.select(timeout=0.2):
            kind, dst, mode = key.data
            if kind == 'listen':
                conn, _ = key.fileobj.accept()
                if mode == 'stall':
                    stalled.append(conn)  # keep it open, never read
                    continue
                sel.register(conn, selectors.EVENT_READ, ('conn', dst, mode))
                bufs[conn] = b''
                continue
            conn = key.fileobj
            data = conn.recv(65536)
            if not data:
                sel.unregister(conn)
                conn.close()
                bufs.pop(conn, None)
                continue
            bufs[conn] = emit(out, dst, mode, bufs[conn] + data, counts)
            pause = mode.split('@')
            if pause[0] == 'pause' and counts.get(dst, 0) >= int(pause[1]) and dst not in PAUSED_ONCE:
                PAUSED_ONCE.add(dst)
                sel.unregister(conn)
                PAUSED_DATA[conn] = (dst, mode)
                paused[conn] = time.monotonic() + float(pause[2])
                print('paused %s after %d lines' % (dst, counts[dst]), file=sys.stderr, flush=True)
    out.close()


PAUSED_ONCE = set()
PAUSED_DATA = {}


def emit(out, dst, mode, buf, counts):
    if mode != 'pickle':
        *lines, rest = buf.split(b'\n')
        for line in lines:
            out.write(dst + '\t' + line.decode('utf-8', 'backslashreplace') + '\n')
        counts[dst] = counts.get(dst, 0) + len(lines)
        return rest
    while len(buf) >= 4:
        (n,) = struct.unpack('!L', buf[:4])
        if n > MAX_FRAME:
            raise SystemExit('pickle frame of %d bytes from the relay' % n)
        if len(buf) < 4 + n:
            break
        for path, (ts, value) in pickle.loads(buf[4:4 + n]):
            out.write('%s\t%s %r %r\n' % (dst, path, value, ts))
        buf = buf[4 + n:]
    return buf


if __name__ == '__main__':
    main()
