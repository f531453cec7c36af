#!/usr/bin/python3
"""Prints every point stored under a whisper tree as `path timestamp value`, sorted.

Reads the archives' raw slots instead of whisper.fetch(), because fetch() clamps its range
to "now" and would hide the future points carbon did store. Run with Debian's python3
(where python3-whisper lives).

usage: whisper-points.py WHISPER_DIR
"""
import os
import struct
import sys

import whisper

POINT = struct.Struct("!Ld")  # whisper's on-disk point: uint32 timestamp, double value


def points(file_path):
    info = whisper.info(file_path)
    seen = {}
    with open(file_path, "rb") as fh:
        # Coarser archives only hold aggregates of the finest; report each timestamp once,
        # from the finest archive that has it.
        for archive in info["archives"]:
            fh.seek(archive["offset"])
            raw = fh.read(archive["size"])
            for i in range(archive["points"]):
                ts, value = POINT.unpack_from(raw, i * POINT.size)
                if ts != 0 and ts not in seen:
                    seen[ts] = value
    return sorted(seen.items())


def main():
    root = sys.argv[1]
    out = []
    for dirpath, _, files in os.walk(root):
        for name in files:
            if not name.endswith(".wsp"):
                continue
            full = os.path.join(dirpath, name)
            rel = os.path.relpath(full, root)[:-len(".wsp")]
            if rel.startswith("_tagged" + os.sep):
                # carbon (TAG_HASH_FILENAMES = False) keeps a tagged series as
                # _tagged/<hash>/<hash>/<name with "." spelled _DOT_>
                metric = os.path.basename(rel).replace("_DOT_", ".")
            else:
                metric = rel.replace(os.sep, ".")
            for ts, value in points(full):
                out.append("%s %d %r" % (metric, ts, value))
    out.sort()
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
