"""Benchmark: XBRL instance + Inline XBRL generation, and what self-verification adds to ``build``.

1. For synthetic groups (the generator of bench_validate.py: 10 … 10,000 facilities), times
   ``facts() + instance() + inline()`` after validate + compute, in a fresh process per size, with
   the sizes of the two documents. Target: 10,000 facilities in ≤ 10 s.
2. For each bundled sample, times ``disclosure build`` through the command line, with and without
   ``--no-verify`` (median of N runs, each a fresh process, so Arelle's import is paid as a user pays
   it). Target: verification adds ≤ 1.5 s.

Run: python benchmarks/bench_xbrl.py [--sizes 10 100 1000 10000] [--runs 5]
Results are recorded by hand in docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import importlib.util
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
SAMPLES = HERE.parent / "samples"


def _generator():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_validate", HERE / "bench_validate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.generate


def run_one(n: int) -> None:
    from disclosure import load, validate
    from disclosure.xbrl import facts, inline, instance

    with tempfile.TemporaryDirectory() as tmp:
        path = _generator()(n, Path(tmp))
        outcome = validate(load(path))
    assert outcome.filing is not None and outcome.figures is not None, outcome.report.flatten()[:5]
    start = time.perf_counter()
    found = facts(outcome.filing, outcome.figures, "zh-CN")
    xbrl = instance(outcome.filing, found, "zh-CN")
    html = inline(outcome.filing, found, "zh-CN")
    elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"| {n:,} | {len(found):,} | {len(xbrl) / 1e6:.2f} | {len(html) / 1e6:.2f} | {elapsed:.2f} | {peak_mb:.0f} |",
          flush=True)


def _build_seconds(sample: Path, extra: list[str]) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "disclosure.cli", "build", str(sample), "-o", str(Path(tmp) / "out"),
                        "--format", "json", *extra], check=True, stdout=subprocess.DEVNULL)
        return time.perf_counter() - start


def verification(runs: int) -> None:
    print("| sample | build --no-verify (s) | build (s) | verification adds (s) |")
    print("|---|---|---|---|")
    for sample in sorted(SAMPLES.glob("*/filing.yaml")):
        _build_seconds(sample, [])  # warm the file cache
        plain = statistics.median(_build_seconds(sample, ["--no-verify"]) for _ in range(runs))
        checked = statistics.median(_build_seconds(sample, []) for _ in range(runs))
        print(f"| {sample.parent.name} | {plain:.2f} | {checked:.2f} | {checked - plain:.2f} |", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--one", type=int)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10, 100, 1000, 10000])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if args.one is not None:
        run_one(args.one)
        return
    print("| facilities | facts | instance (MB) | iXBRL (MB) | facts + instance + iXBRL (s) | peak RSS (MB) |")
    print("|---|---|---|---|---|---|")
    for n in args.sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)
    print()
    verification(args.runs)


if __name__ == "__main__":
    main()
