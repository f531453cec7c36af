#!/usr/bin/python3
"""The sender and the receiver for captures/retrans.pcap.

  retrans.py receive PORT OUT    accept one connection, write exactly the bytes it got to OUT
  retrans.py send PORT           send the deterministic stream (about 200 KB) in small segments

The stream depends on nothing but this file, so a rewritten capture can be checked against it.
A small MSS and many small writes give a few hundred segments for the packet filter to drop.
"""
import socket
import sys
import time

LINES = 4000     # about 200 KB of Graphite lines
MSS = 1000       # small segments: many packets, so a few percent of drops means real retransmissions
BASE_TS = 1795500000


def stream():
    return b"".join(
        b"lab.retrans.host%02d.metric%05d %d.%03d %d\n" % (i % 17, i, i * 7 % 1000, i % 1000, BASE_TS + i // 10)
        for i in range(LINES))


def receive(port, out):
    srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, MSS)
    srv.bind(("127.0.0.1", port))
    srv.listen(1)
    print("listening", flush=True)
    conn, _ = srv.accept()
    with open(out, "wb") as f:
        while True:
            b = conn.recv(65536)
            if not b:
                break
            f.write(b)
    conn.close()
    srv.close()


def send(port):
    data = stream()
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_MAXSEG, MSS)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    s.connect(("127.0.0.1", port))
    sizes = [613, 997, 401, 1000, 89, 777]
    i = k = 0
    while i < len(data):
        n = sizes[k % len(sizes)]
        s.sendall(data[i:i + n])
        i += n
        k += 1
        if k % 4 == 0:
            time.sleep(0.002)
    s.shutdown(socket.SHUT_WR)
    s.recv(1)  # wait for the receiver's FIN
    s.close()


if __name__ == "__main__":
    if sys.argv[1] == "receive":
        receive(int(sys.argv[2]), sys.argv[3])
    elif sys.argv[1] == "send":
        send(int(sys.argv[2]))
    elif sys.argv[1] == "stream":
        sys.stdout.buffer.write(stream())
