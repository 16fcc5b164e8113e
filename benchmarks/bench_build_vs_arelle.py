"""Benchmark (issue 12, item 7): `disclosure build` of a sample, self-verification included (no PDF),
against a bare Arelle command-line validation of the build's own instance, in one run on one machine.

Each side runs REPEAT times as a fresh process (what a user waits for); the medians are compared.
Target: build ≤ 2 × Arelle CLI.

Run: python benchmarks/bench_build_vs_arelle.py [samples/qinghai-aluminium/filing.yaml] [--repeat 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("filing", nargs="?", type=Path, default=ROOT / "samples" / "qinghai-aluminium" / "filing.yaml")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "out"
        build = [sys.executable, "-m", "disclosure", "build", str(args.filing), "-o", str(out), "--force"]
        builds = [timed(build) for _ in range(args.repeat)]
        arelle = [sys.executable, "-m", "arelle.CntlrCmdLine", "--file", str(out / "report.xbrl"),
                  "--packages", str(out / "cn-ghg-2026.zip"), "--validate", "--calc", "c11r", "--formula", "run",
                  "--utr", "--validateDuplicateFacts", "inconsistent", "--internetConnectivity", "offline",
                  "--baseTaxonomyValidation", "none"]
        clis = [timed(arelle) for _ in range(args.repeat)]
    b, c = statistics.median(builds), statistics.median(clis)
    print(f"build (verify, no PDF): {b:.2f} s median of {[round(x, 2) for x in builds]}")
    print(f"Arelle CLI on its instance: {c:.2f} s median of {[round(x, 2) for x in clis]}")
    print(f"ratio: {b / c:.2f}× (target ≤ 2×)")


if __name__ == "__main__":
    main()
