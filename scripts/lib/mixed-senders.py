#!/usr/bin/python3
"""Crafted senders for captures/mixed.pcap: several "hosts" (distinct 127.0.0.5x source
addresses) feeding a carbon-cache and a statsd daemon at the same time, with the problems an
operator meets in mixed traffic. Paths say who sent them; every sender logs what it sent.

  HOST_STATSD   a StatsD client (UDP): good lines every 0.5 s, and the bad lines of
                protocol-senders.py once
  HOST_REPEAT   one TCP connection repeating one bad line (value `abc`) every 50 ms
  HOST_MS       a connection per second, millisecond timestamps
  HOST_CRAFTED  a connection every 3 s: NaN, field count, late and future (2 h), bad timestamp;
                at the end a line whose path is longer than carbon's 16384-byte line limit
  HOST_GOOD     a connection every 3 s with good lines (a rate of 2 lines / 3 s)

usage: mixed-senders.py CARBON_ADDR STATSD_ADDR SECONDS HOST_STATSD HOST_REPEAT HOST_MS HOST_CRAFTED HOST_GOOD
Standard library only.
"""
import importlib.util
import os
import socket
import sys
import threading
import time

from peerclose import close_after_peer  # scripts/lib is the script's own directory: on sys.path

_spec = importlib.util.spec_from_file_location(
    "protocol_senders", os.path.join(os.path.dirname(os.path.abspath(__file__)), "protocol-senders.py"))
protocol_senders = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(protocol_senders)

REPEAT_EVERY = 0.05          # the flood: one bad line every 50 ms
SLOW_EVERY = 3.0             # the slow senders: a connection every 3 s
LONG_PATH_BYTES = 17000      # over carbon's 16384-byte line limit
counts = {}
lock = threading.Lock()


def log(msg):
    print("mixed-senders: " + msg, file=sys.stderr, flush=True)


def sent(who, n=1):
    with lock:
        counts[who] = counts.get(who, 0) + n


def tcp(src, carbon, payload):
    """One short connection from src: connect, send, close (as many clients do per flush)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.connect((carbon, 2003))
    s.sendall(payload)
    close_after_peer(s, 2.0)


def statsd_client(src, statsd, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((src, 0))
    for line in protocol_senders.STATSD_BAD:
        s.sendto(line, (statsd, 8125))
        sent("statsd-bad")
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        for line in protocol_senders.STATSD_GOOD[:8]:
            s.sendto(line, (statsd, 8125))
            sent("statsd-good")
        i += 1
        time.sleep(0.5)
    s.close()


def repeater(src, carbon, seconds):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.bind((src, 0))
    s.connect((carbon, 2003))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    end = time.time() + seconds
    while time.time() < end:
        s.sendall(b"app.repeat.queue abc %d\n" % int(time.time()))
        sent("repeat-bad-value")
        time.sleep(REPEAT_EVERY)
    s.close()


def ms_sender(src, carbon, seconds):
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        now_ms = int(time.time() * 1000)
        tcp(src, carbon, b"app.ms.requests %d %d\napp.ms.errors 0 %d\n" % (i, now_ms, now_ms))
        sent("ms-timestamp", 2)
        i += 1
        time.sleep(1.0)


def crafted(src, carbon, seconds):
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        t = int(time.time())
        tcp(src, carbon, b"".join([
            b"hand.crafted.nan nan %d\n" % t,
            b"hand.crafted.fields %d\n" % i,
            b"hand.crafted.late %d %d\n" % (i, t - 7200),
            b"hand.crafted.future %d %d\n" % (i, t + 7200),
            b"hand.crafted.badts 1 yesterday\n",
        ]))
        sent("crafted", 5)
        i += 1
        time.sleep(SLOW_EVERY)
    long_path = b"hand.too.long." + b"x" * LONG_PATH_BYTES
    tcp(src, carbon, b"hand.crafted.before 1 %d\n%s 1 %d\nhand.crafted.after 1 %d\n"
        % (int(time.time()), long_path, int(time.time()), int(time.time())))
    sent("crafted-long", 3)


def good(src, carbon, seconds):
    end = time.time() + seconds
    i = 0
    while time.time() < end:
        t = int(time.time())
        tcp(src, carbon, b"app.web.requests %d %d\napp.web.latency 0.%d %d\n" % (i, t, i + 1, t))
        sent("good", 2)
        i += 1
        time.sleep(SLOW_EVERY)


def main():
    if len(sys.argv) != 9:
        sys.exit(__doc__)
    carbon, statsd, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
    h_statsd, h_repeat, h_ms, h_crafted, h_good = sys.argv[4:9]
    jobs = [(statsd_client, h_statsd, statsd), (repeater, h_repeat, carbon), (ms_sender, h_ms, carbon),
            (crafted, h_crafted, carbon), (good, h_good, carbon)]
    threads = [threading.Thread(target=f, args=(src, dst, seconds)) for f, src, dst in jobs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    log("sent " + ", ".join("%s=%d" % kv for kv in sorted(counts.items())))


if __name__ == "__main__":
    main()
