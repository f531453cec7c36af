#!/usr/bin/python3
"""Senders for scripts/record-protocols: plaintext to carbon-relay (TCP), plaintext datagrams to
carbon's UDP listener, and StatsD datagrams. Each prints how many lines it sent to stderr.

Paths encode what a line is meant to test (lab.<scenario>.<case>...), so the captures read
well and the e2e tests can tell the cases apart.

usage: protocol-senders.py relay|udp|statsd HOST PORT
"""
import socket
import sys
import time

# carbon's UDP listener reads datagrams with Twisted's DatagramProtocol maxPacketSize.
CARBON_UDP_READ = 8192


def log(msg):
    sys.stderr.write("protocol-senders: %s\n" % msg)


def count_lines(data):
    return data.count(b"\n") + (0 if data.endswith(b"\n") or not data else 1)


# ---------------------------------------------------------------- carbon-relay (TCP 2013)

def send_relay(host, port):
    now = int(time.time())
    sent = 0

    # 1. One bulk connection: 1200 good lines in one write, so the relay's pickle frames fill
    #    up to MAX_DATAPOINTS_PER_MESSAGE (500) and the capture holds several frames.
    bulk = b"".join(b"lab.relay.bulk.m%04d %d %d\n" % (i, i * 3, now) for i in range(1200))
    with socket.create_connection((host, port)) as s:
        s.sendall(bulk)
    sent += 1200

    # 2. A slow sender: lines dribbled in small pieces, so lines straddle TCP segments.
    slow = b"".join(b"lab.relay.slow.s%02d %s %d\n" % (i, b"%.3f" % (i / 7.0), now)
                    for i in range(30))
    with socket.create_connection((host, port)) as s:
        s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        for off in range(0, len(slow), 37):
            s.sendall(slow[off:off + 37])
            time.sleep(0.01)
    sent += 30

    # 3. Mixed good and bad lines. Bad ones are logged by the relay and not forwarded;
    #    NaN is dropped silently; the good ones show value forms float() takes.
    mixed = [
        b"lab.relay.mixed.int 42 %d" % now,
        b"lab.relay.mixed.float 0.25 %d" % now,
        b"lab.relay.mixed.negative -17.5 %d" % now,
        b"lab.relay.mixed.exp 1e3 %d" % now,
        b"lab.relay.mixed.plus +5 %d" % now,
        b"lab.relay.mixed.tabs\t7\t%d" % now,
        b"lab.relay.mixed.crlf 8 %d\r" % now,           # CRLF: strip() removes the \r
        b"lab.relay.mixed.spaces   9   %d  " % now,
        b"lab.relay.mixed.big 123456789012 %d" % now,
        b"lab.relay.bad.twofields 5",
        b"lab.relay.bad.fourfields 1 %d extra" % now,
        b"lab.relay.bad.value abc %d" % now,
        b"lab.relay.bad.timestamp 1 yesterday",
        b"lab.relay.bad.comma 1,5 %d" % now,
        b"",                                             # empty line: logged invalid too
        b"lab.relay.nan nan %d" % now,
        b"lab.relay.nanupper NaN %d" % now,
        b"lab.relay.mixed.last 10 %d" % now,
    ]
    data = b"".join(line + b"\n" for line in mixed)
    with socket.create_connection((host, port)) as s:
        s.sendall(data)
    sent += len(mixed)
    log("relay: sent %d lines on 3 connections" % sent)


# ---------------------------------------------------------------- carbon UDP (2003/udp)

def big_datagram(now):
    """A datagram over CARBON_UDP_READ bytes: carbon reads the first 8192 bytes only.
    The line straddling the cut is cut right after its value, so carbon sees
    `path value` (two fields) and logs it invalid; the lines after it are lost silently."""
    lines = []
    size = 0
    i = 0
    while True:
        line = b"lab.udp.big.b%04d %d %d\n" % (i, i, now)
        if size + len(line) > CARBON_UDP_READ:
            break
        lines.append(line)
        size += len(line)
        i += 1
    # Pad the first line's path so the cut falls just after "<value> " of line i.
    straddler = b"lab.udp.big.cut %d %d\n" % (i, now)
    keep = straddler.index(b" %d\n" % now) + 1        # bytes of the straddler before the cut
    pad = CARBON_UDP_READ - size - keep
    if pad < 0:
        lines.pop()
        pad += len(b"lab.udp.big.b%04d %d %d\n" % (i - 1, i - 1, now))
    lines[0] = lines[0].replace(b"lab.udp.big.b0000", b"lab.udp.big.b0000" + b"x" * pad, 1)
    body = b"".join(lines)
    assert len(body) + keep == CARBON_UDP_READ, (len(body), keep)
    tail = b"".join(b"lab.udp.big.lost%02d %d %d\n" % (j, j, now) for j in range(20))
    return body + straddler + tail


def send_udp(host, port):
    now = int(time.time())
    grams = [
        b"lab.udp.single 1 %d\n" % now,
        b"lab.udp.multi.a 1 %d\nlab.udp.multi.b 2.5 %d\nlab.udp.multi.c -3 %d\n" % (now, now, now),
        b"lab.udp.crlf.a 1 %d\r\nlab.udp.crlf.b 2 %d\r\n" % (now, now),
        b"lab.udp.cr.a 1 %d\rlab.udp.cr.b 2 %d" % (now, now),            # bare CR splits
        b"lab.udp.ff.a 1 %d\x0clab.udp.ff.b 2 %d\n" % (now, now),        # form feed splits
        b"lab.udp.vt.a 1 %d\x0blab.udp.vt.b 2 %d\n" % (now, now),        # vertical tab splits
        b"lab.udp.fs.a 1 %d\x1clab.udp.fs.b 2 %d\n" % (now, now),        # \x1c splits
        ("lab.udp.nel.a 1 %d\u0085lab.udp.nel.b 2 %d\n" % (now, now)).encode(),   # U+0085
        ("lab.udp.ls.a 1 %d\u2028lab.udp.ls.b 2 %d\n" % (now, now)).encode(),     # U+2028
        b"lab.udp.noeol 7 %d" % now,
        b"lab.udp.tabs\t3\t%d\n" % now,
        b"lab.udp.blank.before 1 %d\n\n\nlab.udp.blank.after 2 %d\n" % (now, now),
        b"lab.udp.bad.twofields 5\nlab.udp.bad.fourfields 1 %d extra\n"
        b"lab.udp.bad.value abc %d\nlab.udp.bad.timestamp 1 yesterday\njust-a-name\n"
        b"lab.udp.afterbad 4 %d\n" % (now, now, now),
        b"lab.udp.nan nan %d\nlab.udp.nanupper NaN %d\nlab.udp.afternan 5 %d\n" % (now, now, now),
        b"lab.udp.inf inf %d\nlab.udp.neginf -inf %d\n" % (now, now),
        b"lab.udp.late 1 %d\nlab.udp.future 1 %d\n" % (now - 7200, now + 3600),
        b"lab.udp.nowstamp 1 -1\n",                                         # -1: receive time
        b"lab.udp.floatts 1 %d.5\n" % now,
        b"lab.udp.millis 1 %d\n" % (now * 1000),                            # whisper can't store
        # Timestamp inf: int() raises OverflowError inside carbon, the rest of the datagram is lost.
        b"lab.udp.tsinf 1 inf\nlab.udp.after.tsinf 1 %d\n" % now,
        # Invalid UTF-8: carbon's decode fails before splitting, the whole datagram is lost.
        b"lab.udp.badutf8.\xff 1 %d\nlab.udp.badutf8.after 1 %d\n" % (now, now),
        big_datagram(now),
        b"lab.udp.last 9 %d\n" % now,
    ]
    sent = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        for g in grams:
            s.sendto(g, (host, port))
            sent += count_lines(g)
            time.sleep(0.02)
    log("udp: sent %d datagrams, %d newline-separated lines (carbon splits more)" %
        (len(grams), sent))


# ---------------------------------------------------------------- StatsD (8125/udp)

STATSD_GOOD = [
    b"lab.sd.hits:1|c",
    b"lab.sd.hits:3|c|@0.5",
    b"lab.sd.bytes:1e3|c",
    b"lab.sd.temp:21.5|g",
    b"lab.sd.temp:+1.5|g",
    b"lab.sd.temp:-2|g",
    b"lab.sd.latency:320|ms",
    b"lab.sd.latency:12.5|ms|@0.1",
    b"lab.sd.users:alice|s",
    b"lab.sd.users:bob|s",
    b"lab.sd.tagged:1|c|#env:lab,role:web",
]
STATSD_BAD = [
    b"lab.sd.notype:5",          # no |type
    b"lab.sd.nocolon",           # no value, no type
    b"lab.sd.badval:abc|c",      # counter value not a number
    b"lab.sd.badgauge:x|g",      # gauge value not a number
    b"lab.sd.negtimer:-5|ms",    # timers must be >= 0
    b"lab.sd.emptyval:|c",       # empty counter value
    b"lab.sd.badrate:1|c|@abc",  # sample rate not a number
    b"lab.sd.norate:1|c|0.5",    # sample rate without @
    b"lab.sd.negrate:1|c|@-0.5", # negative sample rate
]


def send_statsd(host, port, seconds):
    sent = 0
    grams = 0
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        def send(lines, sep=b"\n", trailing=b""):
            nonlocal sent, grams
            s.sendto(sep.join(lines) + trailing, (host, port))
            sent += len(lines)
            grams += 1

        for line in STATSD_GOOD:                  # one line per datagram, no newline
            send([line])
        send(STATSD_GOOD[:4], trailing=b"\n")     # several per datagram, trailing newline
        send(STATSD_BAD[:3] + STATSD_GOOD[6:8])   # bad and good mixed in one datagram
        for line in STATSD_BAD[3:]:
            send([line])
        # Keep traffic flowing across several flushes (flushInterval 2 s).
        t_end = time.time() + seconds
        i = 0
        while time.time() < t_end:
            send([b"lab.sd.loop.count:%d|c" % (i % 5 + 1),
                  b"lab.sd.loop.gauge:%d|g" % (i * 10),
                  b"lab.sd.loop.timer:%d|ms" % (i * 7 % 100)])
            i += 1
            time.sleep(0.5)
    log("statsd: sent %d lines in %d datagrams" % (sent, grams))


def main():
    what, host, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
    if what == "relay":
        send_relay(host, port)
    elif what == "udp":
        send_udp(host, port)
    elif what == "statsd":
        send_statsd(host, port, float(sys.argv[4]) if len(sys.argv) > 4 else 6.0)
    else:
        sys.exit("usage: protocol-senders.py relay|udp|statsd HOST PORT [SECONDS]")


if __name__ == "__main__":
    main()
