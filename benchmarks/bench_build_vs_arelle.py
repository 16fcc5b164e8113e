"""Benchmark (issue 12, item 7): `disclosure build` of a sample, self-verification included (no PDF),
against a bare Arelle command-line validation of the build's own instance, in one run on one machine.

Each side runs REPEAT times as a fresh process (what a user waits for); the medians are compared.
Target: build ≤ 2 × Arelle CLI.

Run: python benchmarks/bench_build_vs_arelle.py [samples/qinghai-aluminium/filing.yaml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> tuple[float, float]:
    """Wall time and CPU time (user + system) of ``command`` as a fresh process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filing", nargs="?", type=Path, default=ROOT / "samples" / "qinghai-aluminium" / "filing.yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {_load()} ({os.cpu_count()} CPUs)")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build = [sys.executable, "-m", "disclosure", "build", str(args.filing), "-o", str(out), "--force"]
        builds = [timed(build) for _ in range(args.repeat)]
        arelle = [sys.executable, "-m", "arelle.CntlrCmdLine", "--file", str(out / "report.xbrl"),
                  "--packages", str(out / "cn-ghg-2026.zip"), "--validate", "--calc", "c11r", "--formula", "run",
                  "--utr", "--validateDuplicateFacts", "inconsistent", "--internetConnectivity", "offline",
                  "--baseTaxonomyValidation", "none"]
        clis = [timed(arelle) for _ in range(args.repeat)]
    b, c = statistics.median(w for w, _ in builds), statistics.median(w for w, _ in clis)
    bc, cc = statistics.median(u for _, u in builds), statistics.median(u for _, u in clis)
    print(f"build (verify, no PDF): {b:.2f} s median of {[round(w, 2) for w, _ in builds]}; "
          f"CPU {bc:.2f} s median of {[round(u, 2) for _, u in builds]}")
    print(f"Arelle CLI on its instance: {c:.2f} s median of {[round(w, 2) for w, _ in clis]}; "
          f"CPU {cc:.2f} s median of {[round(u, 2) for _, u in clis]}")
    print(f"ratio: {b / c:.2f}× wall, {bc / cc:.2f}× CPU (target ≤ 2×)")
    print(f"load average after: {_load()}")


if __name__ == "__main__":
    main()
