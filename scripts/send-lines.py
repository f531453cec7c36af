#!/usr/bin/python3
"""Crafted Graphite plaintext sender for captures/crafted-carbon.pcap.

Sends good and bad lines to a carbon line receiver over several TCP connections, in odd-sized
chunks with TCP_NODELAY and small sleeps, so that lines straddle TCP segments. Paths name the
problem code metricsniff is expected to report (`lab.expect.<code>.<what>`), so the end-to-end
test can check verdicts without a second table. Standard library only.

usage: send-lines.py [HOST [PORT]]
"""
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "lib"))
from peerclose import wait_closed  # noqa: E402  (scripts/lib, shared with the other recorders)

CLOSE_WAIT = 3.0  # seconds to wait for the receiver to close (killers), so the capture shows who hung up first

HOST = sys.argv[1] if len(sys.argv) > 1 else "127.0.0.1"
PORT = int(sys.argv[2]) if len(sys.argv) > 2 else 2003
NOW = int(time.time())
CHUNKS = [7, 13, 29, 61, 3, 101, 17, 211, 5, 37]   # odd sizes: lines straddle segments
PAUSE = 0.004                                       # long enough that each chunk is its own segment
MAX_LINE = 16384                                    # Twisted LineOnlyReceiver.MAX_LENGTH in carbon


def connect():
    s = socket.create_connection((HOST, PORT))
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def send_chunked(s, data):
    i = k = 0
    while i < len(data):
        n = CHUNKS[k % len(CHUNKS)]
        s.sendall(data[i:i + n])
        i += n
        k += 1
        time.sleep(PAUSE)


def finish(s):
    try:
        s.shutdown(socket.SHUT_WR)
    except OSError:
        pass
    wait_closed(s, CLOSE_WAIT)
    s.close()


def lines(*ls):
    return b"".join(l if isinstance(l, bytes) else l.encode() for l in ls)


def main():
    t = NOW
    mix = lines(
        f"lab.ok.int 42 {t}\n",
        f"lab.ok.float 3.14159 {t}\n",
        f"lab.ok.negative -17.5 {t}\n",
        f"lab.ok.tab\t7\t{t}\n",
        f"lab.ok.double.space  8  {t}\n",
        f"lab.ok.crlf 9 {t}\r\n",
        f"  lab.ok.leading.space 10 {t}\n",
        f"lab.expect.nan-value.lower nan {t}\n",
        f"lab.expect.nan-value.upper NaN {t}\n",
        f"lab.ok.inf.value inf {t}\n",
        f"lab.ok.minus.one 5 -1\n",
        f"lab.ok.fraction.ts 6 {t}.75\n",
        f"lab.expect.field-count.two 1\n",
        f"lab.expect.field-count.four 1 {t} extra\n",
        "\n",
        f"lab.expect.bad-value.word abc {t}\n",
        f"lab.expect.bad-timestamp.word 1 abc\n",
        f"lab.expect.bad-value.comma 1,5 {t}\n",
        f"lab.ok.exponent 1e3 {t}\n",
        f"lab.ok.plus +5 {t}\n",
        f"lab.ok.underscore 1_000 {t}\n",
        f"lab.expect.ms-timestamp.millis 1 {t * 1000}\n",
        f"lab.late.two.hours 1 {t - 7200}\n",
        f"lab.future.two.hours 1 {t + 7200}\n",
        f"lab.ok.tagged;dc=ams;env=prod 1 {t}\n",
        f"lab.ok.tagged.unsorted;env=prod;dc=ams 2 {t}\n",
        f"lab.expect.bad-tag.empty.name;=x 1 {t}\n",
        f"lab.expect.bad-tag.empty.value;env= 1 {t}\n",
        f"lab.expect.bad-tag.tilde;env=~x 1 {t}\n",
        f"lab.expect.bad-tag.no.equals;env 1 {t}\n",
        f"lab.ok.last 1 {t}\n",
    )
    s = connect()
    send_chunked(s, mix)
    finish(s)
    time.sleep(0.2)

    # Connection killers: carbon drops the connection and every byte after the killer.
    after = lambda k: lines(*[f"lab.expect.lost-after-close.{k}.{i} 1 {t}\n" for i in range(3)])
    long_name = "lab.expect.line-too-long." + "x" * (MAX_LINE + 600)
    killers = [
        ("long", lines(f"lab.ok.kill.long.before 1 {t}\n"), lines(f"{long_name} 1 {t}\n"), after("long")),
        ("inf", lines(f"lab.ok.kill.inf.before 1 {t}\n"), lines(f"lab.expect.killer-timestamp.inf 1 inf\n"), after("inf")),
        ("nants", lines(f"lab.ok.kill.nants.before 1 {t}\n"), lines(f"lab.expect.killer-timestamp.nan 1 nan\n"), after("nants")),
        ("utf8", lines(f"lab.ok.kill.utf8.before 1 {t}\n"),
         b"lab.expect.invalid-utf8.\xff\xfe 1 " + str(t).encode() + b"\n", after("utf8")),
    ]
    for name, before, killer, rest in killers:
        s = connect()
        send_chunked(s, before)
        cut = len(killer) // 2
        s.sendall(killer[:cut])          # the killer straddles two segments...
        time.sleep(0.02)
        try:
            s.sendall(killer[cut:] + rest)  # ...and the lines after it ride with its tail
        except OSError:
            pass
        wait_closed(s, CLOSE_WAIT)
        s.close()
        time.sleep(0.2)

    # A last line without its newline: carbon never sees it as a line.
    s = connect()
    send_chunked(s, lines(f"lab.ok.unterminated.first 1 {t}\n", f"lab.expect.unterminated.last 1 {t}"))
    finish(s)


if __name__ == "__main__":
    main()
