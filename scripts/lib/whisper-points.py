#!/usr/bin/python3
"""Prints what carbon stored under a whisper tree, one line per point or file, sorted.

  (default)   every point as `path timestamp value`, each timestamp once, from the finest
              archive that holds it
  --finest    only the finest archive's points, same format
  --archives  per file, the non-empty slots of each archive: `path 10s:N 60s:M`
              (to show what xFilesFactor let through)

Reads the archives' raw slots instead of whisper.fetch(), because fetch() clamps its range
to "now" and would hide the future points carbon did store. Carbon's tagged-series file names
are decoded back to the metric name. Run with Debian's python3 (where python3-whisper lives).

usage: whisper-points.py WHISPER_DIR [--finest | --archives]
"""
import os
import struct
import sys

import whisper

POINT = struct.Struct(whisper.pointFormat)  # on disk: uint32 timestamp, double value


def metric_name(root, file_path):
    rel = os.path.relpath(file_path, root)[:-len(".wsp")]
    if rel.startswith("_tagged" + os.sep):
        # carbon (TAG_HASH_FILENAMES = False) keeps a tagged series as
        # _tagged/<hash>/<hash>/<name with "." spelled _DOT_>
        return os.path.basename(rel).replace("_DOT_", ".")
    return rel.replace(os.sep, ".")


def slots(fh, archive):
    """The (timestamp, value) slots of one archive that were ever written."""
    fh.seek(archive["offset"])
    raw = fh.read(archive["size"])
    for i in range(archive["points"]):
        ts, value = POINT.unpack_from(raw, i * POINT.size)
        if ts != 0:
            yield ts, value


def file_lines(name, file_path, mode):
    info = whisper.info(file_path)
    archives = info["archives"]
    with open(file_path, "rb") as fh:
        if mode == "--archives":
            counts = [sum(1 for _ in slots(fh, a)) for a in archives]
            return [name + " " + " ".join(
                "%ds:%d" % (a["secondsPerPoint"], c) for a, c in zip(archives, counts))]
        if mode == "--finest":
            archives = archives[:1]
        # Coarser archives only hold aggregates of the finest; report each timestamp once,
        # from the finest archive that has it.
        seen = {}
        for archive in archives:
            for ts, value in slots(fh, archive):
                seen.setdefault(ts, value)
    return ["%s %d %r" % (name, ts, value) for ts, value in seen.items()]


def main():
    if len(sys.argv) not in (2, 3) or sys.argv[2:] not in ([], ["--finest"], ["--archives"]):
        sys.exit("usage: whisper-points.py WHISPER_DIR [--finest | --archives]")
    root = sys.argv[1]
    mode = sys.argv[2] if len(sys.argv) == 3 else None
    out = []
    for dirpath, _, files in os.walk(root):
        for f in files:
            if f.endswith(".wsp"):
                full = os.path.join(dirpath, f)
                out.extend(file_lines(metric_name(root, full), full, mode))
    out.sort()
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
