#!/usr/bin/env python3
"""Writes a synthetic benchmark capture: one TCP connection to port 2003 carrying N Graphite
plaintext lines in full-size segments (1460-byte payloads, 1514-byte Ethernet frames), ns pcap.

usage: gen-bench-pcap.py LINES OUT.pcap [PATHS] [RELAY_PORT]
Timestamps of the metrics match the capture clock, so every line is 'ok' for carbon.
With RELAY_PORT, a relay passes every segment on: the same bytes follow on a second connection,
127.0.0.1:50237 -> RELAY_PORT (so `--hop 2003` pairs every line going in with its copy coming out).
"""
import struct
import sys

MSS = 1460
lines = int(sys.argv[1])
out = sys.argv[2]
npaths = int(sys.argv[3]) if len(sys.argv) > 3 else 1000
relay_port = int(sys.argv[4]) if len(sys.argv) > 4 else None
start = 1795504341  # 2026-11-24T07:12:21Z
pkt_gap_ns = 5000   # 5 us between packets: ~2.3 Gbit/s of metrics, a busy relay

src, dst = bytes([127, 0, 0, 1]), bytes([127, 0, 0, 1])
sport, dport = 50236, 2003
eth = bytes(6) + bytes([0, 0, 0, 0, 0, 1]) + b"\x08\x00"

def frame(seq, ack, flags, payload, ports=(sport, dport)):
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40 + len(payload), 0, 0x4000, 64, 6, 0, src, dst)
    tcp = struct.pack("!HHIIBBHHH", ports[0], ports[1], seq & 0xffffffff, ack, 0x50, flags, 65535, 0, 0)
    return eth + ip + tcp + payload

with open(out, "wb", buffering=1 << 22) as f:
    f.write(struct.pack("<IHHiIII", 0xa1b23c4d, 2, 4, 0, 0, 262144, 1))
    t = start * 1_000_000_000
    def write(data):
        global t
        f.write(struct.pack("<IIII", t // 1_000_000_000, t % 1_000_000_000, len(data), len(data)))
        f.write(data)
        t += pkt_gap_ns
    isn = 1000
    write(frame(isn, 0, 0x02, b""))
    seq = isn + 1
    relay = (50237, relay_port)
    if relay_port:
        write(frame(isn, 0, 0x02, b"", relay))
    def send(data):  # a segment to the relay, and the relay's copy of it
        write(frame(seq, 1, 0x18, data))
        if relay_port:
            write(frame(seq, 1, 0x18, data, relay))
    names = [f"bench.host{i // 10:04d}.cpu{i % 10}.user".encode() for i in range(npaths)]
    buf = bytearray()
    n = 0
    while n < lines:
        ts = start + (t // 1_000_000_000 - start)
        chunk = []
        for _ in range(min(4096, lines - n)):
            chunk.append(b"%s %d.%02d %d\n" % (names[n % npaths], n % 100000, n % 100, ts))
            n += 1
        buf += b"".join(chunk)
        while len(buf) >= MSS:
            send(bytes(buf[:MSS]))
            seq += MSS
            del buf[:MSS]
    if buf:
        send(bytes(buf))
        seq += len(buf)
    write(frame(seq, 1, 0x11, b""))
    if relay_port:
        write(frame(seq, 1, 0x11, b"", relay))
