#!/usr/bin/python3
"""Sender for scripts/record-hops: datapoints into carbon-relay, plaintext (TCP) and pickle (TCP).

Every datapoint has its own (path, timestamp), so what the caches' whisper files hold can be
counted point by point; a few are sent twice on purpose (two identical points in, two copies out:
a multiset, not a duplicate). Writes each sent datapoint as `path timestamp value` to SENT_FILE.

usage: carbon-relay-hop-sender.py HOST LINE_PORT PICKLE_PORT NAMES STEPS SENT_FILE [CHUNK_PAUSE]
"""
import pickle
import socket
import struct
import sys
import time


def main():
    host, line_port, pickle_port = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    names, steps, sent_file = int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
    pause = float(sys.argv[7]) if len(sys.argv) > 7 else 0.05
    now = int(time.time())
    sent = []
    # plaintext: one connection, one chunk per timestamp step, lab.hop.pNNNN (value = step*1000+n)
    with socket.create_connection((host, line_port)) as s:
        for step in range(steps):
            ts = now - steps + step
            chunk = [("lab.hop.p%04d" % n, ts, float(step * 1000 + n)) for n in range(names)]
            if step == 0:
                chunk += chunk[:3]  # the same three points twice: the relay forwards both copies
            s.sendall(b"".join(b"%s %d %d\n" % (p.encode(), int(v), t) for p, t, v in chunk))
            sent += chunk
            time.sleep(pause)
    # pickle: one frame of 20 points, as carbon's own clients send it
    batch = [("lab.hop.pickled.k%02d" % n, (now, n + 0.5)) for n in range(20)]
    body = pickle.dumps(batch, protocol=2)
    with socket.create_connection((host, pickle_port)) as s:
        s.sendall(struct.pack("!L", len(body)) + body)
    sent += [(p, t, v) for p, (t, v) in batch]
    with open(sent_file, "w") as f:
        for p, t, v in sent:
            f.write("%s %d %r\n" % (p, t, v))
    sys.stderr.write("hop-sender: sent %d datapoints\n" % len(sent))


main()
