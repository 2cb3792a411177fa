#!/usr/bin/env python3
"""Markdown report of one run-matrix.sh run (its OUT_DIR): sp4j's ratios to nanomsg.

Usage: report.py OUT_DIR [--title T] [--commit C] [--command CMD] > report.md

Medians are taken exactly as run-matrix.sh takes them (over the OK runs of each
configuration, probes excluded), so every ratio compares numbers of the same run.
"""
import argparse
import csv
import os
import statistics
import sys

NAMES = {"nn": "nanomsg", "nng": "NNG", "java": "sp4j"}
# Issue 12's targets. Latency: sp4j's RTT/2 at most 1.5x the raw TCP ping-pong's. Small
# messages: sp4j's rate at least 3x nanomsg's. Bulk: sp4j's rate at least 60 % of the raw TCP
# stream's write()s per second of that size.
LAT_OF_RAW = 1.5
OVER_NANOMSG = {64: 3.0, 1024: 3.0}
OF_RAW_WRITES = 0.60


def label(pair):
    local, remote = pair
    return f"{NAMES.get(local, local)} ← {NAMES.get(remote, remote)}"


def size_label(size):
    if size >= 1048576 and size % 1048576 == 0:
        return f"{size // 1048576} MiB"
    if size >= 1024 and size % 1024 == 0:
        return f"{size // 1024} KiB"
    return f"{size} B"


def load(out_dir):
    vals = {}
    with open(os.path.join(out_dir, "runs.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["rep"] == "probe" or row["status"] != "OK":
                continue
            if row["kind"] not in ("lat", "thr"):
                continue
            key = (row["kind"], row["transport"], row["local"], row["remote"], int(row["size"]))
            vals.setdefault(key, []).append(float(row["value"]))
    return {k: (statistics.median(v), len(v)) for k, v in vals.items()}


def load_limits(out_dir):
    """Raw TCP reference medians: {("lat", 64): RTT/2 µs, ("thr", size): write()s per second}."""
    vals = {}
    with open(os.path.join(out_dir, "runs.csv"), newline="") as f:
        for row in csv.DictReader(f):
            if row["kind"] in ("limit-lat", "limit-thr") and row["status"] == "OK":
                vals.setdefault((row["kind"][6:], int(row["size"])), []).append(float(row["value"]))
    return {k: statistics.median(v) for k, v in vals.items()}


def fmt_val(kind, size, v):
    if kind == "lat":
        return f"{v:.1f} µs"
    return f"{v / 1000:.0f}k msg/s ({v * size / 1e6:.0f} MB/s)" if size < 65536 else f"{v:.0f} msg/s ({v * size / 1e6:.0f} MB/s)"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out_dir")
    ap.add_argument("--title", default="sp4j vs nanomsg and NNG")
    ap.add_argument("--commit", default="")
    ap.add_argument("--command", default="")
    a = ap.parse_args()
    med = load(a.out_dir)
    results = open(os.path.join(a.out_dir, "results.md")).read()
    transports = sorted({k[1] for k in med}, key=lambda t: (t != "ws", t))
    lat_sizes = sorted({k[4] for k in med if k[0] == "lat"})
    thr_sizes = sorted({k[4] for k in med if k[0] == "thr"})
    pairs = []
    for k in med:
        if (k[2], k[3]) not in pairs:
            pairs.append((k[2], k[3]))
    order = ["nn:nn", "nng:nng", "java:java", "java:nn", "nn:java", "java:nng", "nng:java"]
    pairs.sort(key=lambda p: order.index(f"{p[0]}:{p[1]}") if f"{p[0]}:{p[1]}" in order else 99)

    out = []
    w = out.append
    w(f"# {a.title}\n")
    w(results.splitlines()[0] + "  ")
    if a.commit:
        w(f"sp4j commit: `{a.commit}`  ")
    if a.command:
        w(f"Reproduce: `{a.command}` from the repository root (needs `../shared/bench`).  ")
    w("Pairs read *local ← remote*: the local side binds (echo server / receiver, which times "
      "throughput), the remote side connects (times latency / sends). 127.0.0.1, medians of the "
      "reps of one run, every configuration interleaved, so ratios compare like with like. "
      "The machine is shared and noisy: differences under 1.5× are noise unless they repeat.\n")

    limits = load_limits(a.out_dir)
    w("## Issue 12's targets: sp4j ↔ sp4j against nanomsg ↔ nanomsg and the raw TCP loopback\n")
    w("| transport | test | raw TCP | nanomsg ↔ nanomsg | sp4j ↔ sp4j | measure | nanomsg's | target | met |")
    w("|---|---|---:|---:|---:|---:|---:|---:|:---:|")
    for tr in transports:
        for s in lat_sizes:
            ref = med.get(("lat", tr, "nn", "nn", s)); me = med.get(("lat", tr, "java", "java", s))
            raw = limits.get(("lat", s))
            if ref and me and raw:
                r = me[0] / raw
                w(f"| {tr} | latency {size_label(s)} | {raw:.1f} µs | {fmt_val('lat', s, ref[0])} "
                  f"| {fmt_val('lat', s, me[0])} | {r:.2f}× raw | {ref[0] / raw:.2f}× raw "
                  f"| ≤ {LAT_OF_RAW}× raw | {'yes' if r <= LAT_OF_RAW else 'no'} |")
        for s in thr_sizes:
            ref = med.get(("thr", tr, "nn", "nn", s)); me = med.get(("thr", tr, "java", "java", s))
            raw = limits.get(("thr", s))
            if not (ref and me):
                continue
            raw_cell = f"{raw:.0f} writes/s" if raw else "–"
            if s in OVER_NANOMSG:
                r, t = me[0] / ref[0], OVER_NANOMSG[s]
                w(f"| {tr} | throughput {size_label(s)} | {raw_cell} | {fmt_val('thr', s, ref[0])} "
                  f"| {fmt_val('thr', s, me[0])} | {r:.2f}× nanomsg | – | ≥ {t}× nanomsg "
                  f"| {'yes' if r >= t else 'no'} |")
            elif raw:
                r = me[0] / raw
                w(f"| {tr} | throughput {size_label(s)} | {raw_cell} | {fmt_val('thr', s, ref[0])} "
                  f"| {fmt_val('thr', s, me[0])} | {r:.0%} of raw | {ref[0] / raw:.0%} of raw "
                  f"| ≥ {OF_RAW_WRITES:.0%} of raw | {'yes' if r >= OF_RAW_WRITES else 'no'} |")
    w("")
    w("Raw TCP = `tcp_limit` in the same run: ping-pong RTT/2 with TCP_NODELAY, and a stream of "
      "one write() per block of the message's size. CPU per message, the issue's other target, "
      "is measured in steady state by `bench/profile.sh`, not here (run-matrix's CPU column "
      "includes start-up).\n")

    w("## Mixed pairs against the C library paired with itself\n")
    w("Target: no pairing of sp4j with nanomsg or NNG slower than that library with itself. "
      "Speed = reference latency / latency, or msg/s / reference msg/s (≥ 1.00 is not slower).\n")
    w("| transport | test | pair | result | reference (library ↔ itself) | speed | not slower |")
    w("|---|---|---|---:|---:|---:|:---:|")
    for tr in transports:
        for kind, sizes in (("lat", lat_sizes), ("thr", thr_sizes)):
            for s in sizes:
                for p in pairs:
                    if "java" not in p or p == ("java", "java"):
                        continue
                    lib = p[0] if p[1] == "java" else p[1]
                    ref = med.get((kind, tr, lib, lib, s)); me = med.get((kind, tr, p[0], p[1], s))
                    if not ref or not me:
                        if ref:
                            w(f"| {tr} | {'latency' if kind == 'lat' else 'throughput'} {size_label(s)} | {label(p)} | FAIL | | | no |")
                        continue
                    sp = ref[0] / me[0] if kind == "lat" else me[0] / ref[0]
                    w(f"| {tr} | {'latency' if kind == 'lat' else 'throughput'} {size_label(s)} | {label(p)} "
                      f"| {fmt_val(kind, s, me[0])} | {fmt_val(kind, s, ref[0])} | {sp:.2f} | {'yes' if sp >= 1 else 'no'} |")
    w("")

    w("## Every pair (medians)\n")
    head = ["transport", "local ← remote"] + [f"latency {size_label(s)} [µs]" for s in lat_sizes] \
        + [f"{size_label(s)} [msg/s]" for s in thr_sizes]
    w("| " + " | ".join(head) + " |")
    w("|---|---|" + "---:|" * (len(head) - 2))
    for tr in transports:
        for p in pairs:
            cells = []
            for s in lat_sizes:
                v = med.get(("lat", tr, p[0], p[1], s)); cells.append(f"{v[0]:.1f}" if v else "FAIL")
            for s in thr_sizes:
                v = med.get(("thr", tr, p[0], p[1], s)); cells.append(f"{v[0]:.0f}" if v else "FAIL")
            w(f"| {tr} | {label(p)} | " + " | ".join(cells) + " |")
    w("")
    w("## run-matrix.sh output\n")
    w(results.replace(a.out_dir, "target/bench/" + os.path.basename(os.path.normpath(a.out_dir))))
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
