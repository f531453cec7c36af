#!/usr/bin/python3
"""Lists every point in the finest archive of every whisper file under a directory.

Prints `path timestamp value` sorted, with carbon's tagged-series file names decoded back to the
metric name. Reads the archive slots directly instead of whisper.fetch(): fetch() stops at "now"
and would hide points carbon accepted with future timestamps. With --archives it prints, per
archive, how many non-empty slots each file has (to show what xFilesFactor let through).
"""
import os
import struct
import sys

import whisper

POINT = struct.Struct(whisper.pointFormat)


def metric_name(root, file):
    rel = os.path.relpath(file, root)[:-len(".wsp")]
    if rel.startswith("_tagged" + os.sep):
        return rel.split(os.sep, 3)[-1].replace("_DOT_", ".")
    return rel.replace(os.sep, ".")


def slots(fh, archive):
    fh.seek(archive["offset"])
    data = fh.read(archive["size"])
    for i in range(archive["points"]):
        ts, value = POINT.unpack_from(data, i * POINT.size)
        if ts != 0:
            yield ts, value


def main():
    root = sys.argv[1]
    per_archive = "--archives" in sys.argv
    out = []
    for d, _, files in os.walk(root):
        for f in files:
            if not f.endswith(".wsp"):
                continue
            path = os.path.join(d, f)
            name = metric_name(root, path)
            info = whisper.info(path)
            with open(path, "rb") as fh:
                if per_archive:
                    counts = [sum(1 for _ in slots(fh, a)) for a in info["archives"]]
                    out.append(f"{name} " + " ".join(
                        f"{a['secondsPerPoint']}s:{c}" for a, c in zip(info["archives"], counts)))
                else:
                    for ts, value in slots(fh, info["archives"][0]):
                        out.append(f"{name} {ts} {value!r}")
    out.sort()
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
