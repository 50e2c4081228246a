#!/usr/bin/env python3
"""What the slowest open-loop entries overlapped: GC pauses and slow Raft log fsyncs.

Run the bench with a trace, a GC log and a flight recording that keeps every fsync, e.g.

  java -Xlog:gc*:file=run.gc.log:uptime,level,tags \
    -XX:StartFlightRecording:filename=run.jfr,settings=default,jdk.FileForce#threshold=0ms \
    -cp ... org.coopledger.testnet.bench.IngestBench --open-loop-trace run.trace ...

then `scripts/open-loop-tail.py run.trace run.gc.log run.jfr` (needs the JDK's `jfr` on PATH or
in $JFR). For the entries at or above the p99 it says how many were in flight during a GC pause
(>= 5 ms), during a Raft log fsync (>= 10 ms), and how many had waited behind their author's
previous entry before being sent (the generator sends a member's entries one at a time).
"""
import datetime
import os
import re
import subprocess
import sys


def main(trace, gc_log, recording):
    jfr = os.environ.get("JFR", "jfr")
    lines = open(trace).read().splitlines()
    start = int(re.search(r"jvm_uptime_ms_at_start=(\d+)", lines[0]).group(1))
    rows = []  # (sent, answered) in JVM uptime ms, latency from due, wait before sending
    for line in lines:
        if line.startswith("#"):
            continue
        _, due, delay, latency, _ = line.split()
        due, delay, latency = float(due), float(delay), float(latency)
        rows.append((start + due + delay, start + due + latency, latency, delay))
    pauses = []
    for line in open(gc_log):
        m = re.match(r"\[([\d.]+)s\].*Pause (Young|Remark|Cleanup|Full).* ([\d.]+)ms$", line)
        if m:
            end, length = float(m.group(1)) * 1000, float(m.group(3))
            pauses.append((end - length, end, length))
    text = subprocess.run(
        [jfr, "print", "--events", "jdk.JVMInformation,jdk.FileForce", recording],
        capture_output=True, text=True, check=True).stdout
    jvm_start = wall(re.search(r"jvmStartTime = ([^\n]+)", text).group(1))
    fsyncs = []
    for event in text.split("jdk.FileForce {")[1:]:
        if "log_inprogress" not in re.search(r'path = "([^"]*)"', event).group(1):
            continue
        at = wall(re.search(r"startTime = ([^\n]+)", event).group(1)) - jvm_start
        m = re.search(r"duration = ([\d.]+) (ms|s|us|µs|ns)", event)
        length = float(m.group(1)) * {"ms": 1, "s": 1000, "us": 1e-3, "µs": 1e-3, "ns": 1e-6}[m.group(2)]
        fsyncs.append((at, at + length, length))
    latencies = sorted(r[2] for r in rows)
    pick = lambda values, q: values[min(len(values) - 1, int(len(values) * q))]
    print("%d entries: latency p50 %.1f  p99 %.1f  p99.9 %.1f  max %.1f ms" % (
        len(rows), pick(latencies, .5), pick(latencies, .99), pick(latencies, .999), latencies[-1]))
    window = [p for p in pauses if rows[0][0] <= p[1] and p[0] <= rows[-1][1]]
    lengths = sorted(p[2] for p in window) or [0]
    print("GC pauses during the run: %d, p50 %.1f max %.1f ms" % (len(window), pick(lengths, .5), lengths[-1]))
    lengths = sorted(f[2] for f in fsyncs) or [0]
    print("Raft log fsyncs: %d, p50 %.1f p99 %.1f max %.1f ms" % (
        len(fsyncs), pick(lengths, .5), pick(lengths, .99), lengths[-1]))
    tail = [r for r in rows if r[2] >= pick(latencies, .99)]
    during = lambda r, events, least: any(e[2] >= least and e[0] < r[1] and e[1] > r[0] for e in events)
    share = lambda test: 100.0 * sum(1 for r in tail if test(r)) / len(tail)
    print("the %d entries at or above the p99: during a GC pause %.0f%%, during a slow log fsync %.0f%%,"
          " waited behind their author %.0f%%" % (
              len(tail), share(lambda r: during(r, pauses, 5)), share(lambda r: during(r, fsyncs, 10)),
              share(lambda r: r[3] > 1)))


def wall(text):  # "23:00:37.868 (2026-12-02)" -> epoch milliseconds
    m = re.match(r"\s*(\d\d):(\d\d):(\d\d)\.(\d+) \((\d+)-(\d+)-(\d+)\)", text)
    h, mi, s, frac, y, mo, d = m.groups()
    moment = datetime.datetime(int(y), int(mo), int(d), int(h), int(mi), int(s), int(frac.ljust(6, "0")[:6]))
    return moment.timestamp() * 1000


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: open-loop-tail.py RUN.trace RUN.gc.log RUN.jfr")
    main(*sys.argv[1:])
