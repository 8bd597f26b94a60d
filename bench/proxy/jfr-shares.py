#!/usr/bin/env python3
"""Where a proxy's event-loop time goes, from a JFR recording (bench/proxy/run.sh with JFR=file.jfr).

    bench/proxy/jfr-shares.py RECORDING.jfr [THREAD_SUBSTRING] [TOP]

Reads the execution samples with the JDK's `jfr` tool (JAVA_HOME's, else the one on the PATH), keeps those of threads
whose name contains THREAD_SUBSTRING (default "reactor-http": Reactor Netty's event loops), and prints the largest
self-time frames and the inclusive share of each frame that appears in at least 2 % of the samples (a frame counted
once per sample however deep it recurs). Shares are of the kept samples; JFR cuts stacks at --stack-depth (96 here).
"""
import collections
import json
import os
import shutil
import subprocess
import sys


def jfr_tool():
    home = os.environ.get("JAVA_HOME")
    if home and os.path.exists(os.path.join(home, "bin", "jfr")):
        return os.path.join(home, "bin", "jfr")
    return shutil.which("jfr") or "jfr"


def main():
    recording = sys.argv[1]
    thread = sys.argv[2] if len(sys.argv) > 2 else "reactor-http"
    top = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    out = subprocess.run(
        [jfr_tool(), "print", "--json", "--stack-depth", "96", "--events", "jdk.ExecutionSample", recording],
        check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    own = collections.Counter()
    inclusive = collections.Counter()
    samples = 0
    for event in events:
        values = event["values"]
        name = (values.get("sampledThread") or {}).get("javaName") or ""
        if thread not in name:
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        samples += 1
        names = []
        for frame in frames:
            method = frame["method"]
            names.append(method["type"]["name"] + "." + method["name"])
        own[names[0]] += 1
        for seen in set(names):
            inclusive[seen] += 1
    print(f"{samples} samples of threads named *{thread}*")
    print("\nself time:")
    for name, count in own.most_common(top):
        print(f"{100 * count / samples:5.1f} %  {name}")
    print("\ninclusive (>= 2 %):")
    for name, count in inclusive.most_common():
        if count / samples < 0.02:
            break
        print(f"{100 * count / samples:5.1f} %  {name}")


if __name__ == "__main__":
    main()
