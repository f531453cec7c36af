#!/usr/bin/python3
"""Sends plaintext lines to a relay at a steady pace, for scripts/record-crelay-hop.

usage: hop-sender.py HOST PORT COUNT SECONDS OUT
Line i is 'NAME i T' (the value is the line's index, so a copy that the relay renamed still pairs
with its original). Names mix plain, tagged and ones carbon-c-relay cleans (odd characters,
doubled/leading/trailing dots). Every line sent is also written to OUT. Stdlib only.
"""
import socket
import sys
import time


def name(i):
    kind = i % 6
    if kind == 0:
        return 'lab.hop.plain.n%d' % i
    if kind == 1:
        return 'lab.hop.tagged.t%d;env=lab;dc=d%d' % (i, i % 3)
    if kind == 2:
        return 'lab.hop.odd.host(%d)/cpu%%' % i
    if kind == 3:
        return 'lab.hop..double..dots.d%d' % i
    if kind == 4:
        return '.lab.hop.leading.l%d.' % i
    return 'lab.hop.space@and*star.s%d' % i


def main():
    host, port, count, seconds, out = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
    chunks = 60
    per = (count + chunks - 1) // chunks
    now = int(time.time())
    with socket.create_connection((host, port)) as s, open(out, 'w') as f:
        for c in range(chunks):
            lines = ['%s %d %d\n' % (name(i), i, now) for i in range(c * per, min(count, (c + 1) * per))]
            data = ''.join(lines)
            s.sendall(data.encode())
            f.write(data)
            time.sleep(seconds / chunks)


if __name__ == '__main__':
    main()
