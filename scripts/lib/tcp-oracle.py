#!/usr/bin/python3
"""tshark's view of a capture's TCP connections, the oracle for connection health.

Reads `tshark -T fields` output (see FIELDS) on stdin and prints `key value` lines:
  connects                SYNs without ACK (first copy per connection)
  refused                 connections whose SYN was answered by an RST (no SYN-ACK)
  resets                  established connections ended by an RST
  zero_window_episodes    runs of segments tshark flags tcp.analysis.zero_window, per direction
  retransmits             data segments tshark flags retransmission, fast retransmission or out-of-order
  data_segments           segments with payload from the connecting side

usage: tshark -r F -T fields -E separator=/t -e ... | tcp-oracle.py
"""
import sys

FIELDS = ["tcp.stream", "tcp.srcport", "tcp.dstport", "tcp.flags.syn", "tcp.flags.ack", "tcp.flags.reset",
          "tcp.len", "tcp.analysis.zero_window", "tcp.analysis.retransmission",
          "tcp.analysis.fast_retransmission", "tcp.analysis.out_of_order", "tcp.window_size_value"]


def main():
    if sys.argv[1:] == ["--fields"]:
        print(" ".join("-e " + f for f in FIELDS))
        return
    streams = {}
    out = dict(connects=0, refused=0, resets=0, zero_window_episodes=0, retransmits=0, data_segments=0)
    for line in sys.stdin:
        f = dict(zip(FIELDS, line.rstrip("\n").split("\t")))
        st = streams.setdefault(f["tcp.stream"], {"client": None, "synack": False, "done": False, "zero": set()})
        src = f["tcp.srcport"]
        syn, ack, rst = f["tcp.flags.syn"] in ("1", "True"), f["tcp.flags.ack"] in ("1", "True"), \
            f["tcp.flags.reset"] in ("1", "True")
        if syn and not ack:
            if st["client"] is None:
                out["connects"] += 1
            st["client"] = src
        elif syn and ack:
            st["synack"] = True
        if rst and not st["done"]:
            st["done"] = True
            out["refused" if not st["synack"] else "resets"] += 1
        if src == st["client"] and int(f["tcp.len"] or 0) > 0:
            out["data_segments"] += 1
            if any(f[k] for k in FIELDS[8:11]):
                out["retransmits"] += 1
        zero = bool(f["tcp.analysis.zero_window"])
        if zero and src not in st["zero"]:
            out["zero_window_episodes"] += 1
            st["zero"].add(src)
        elif not zero and f["tcp.window_size_value"] not in ("", "0"):
            st["zero"].discard(src)
    for k, v in out.items():
        print(k, v)


if __name__ == "__main__":
    main()
