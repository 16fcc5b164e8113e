"""Profile a warm `disclosure check` worker in-process: the per-filing CPU time of ``check_file`` as a batch
worker runs it (workercache memos installed, kept work folder, the validation view, the worker's collector
settings from start to end: frozen at start, ``settle`` after each filing), after one warm-up filing, over N
generated filings of both kinds (instance and Inline XBRL, made as benchmarks/bench_check.py makes them).

CPU time (``time.process_time``) is robust to other processes on a shared machine, unlike wall time.
Run it from a checkout of another commit (PYTHONPATH=that/checkout) to compare before and after.

Run: python benchmarks/profile_check_worker.py [--count 20] [--profile] [--sort tottime] [--lines 40]
     [--filings DIR]   (reuse filings generated before; otherwise they are generated into a temp folder)
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_check import generate  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--sort", default="tottime")
    parser.add_argument("--lines", type=int, default=40)
    parser.add_argument("--filings", type=Path, help="a folder of filings generated before (f*.xbrl, f*.html)")
    parser.add_argument("--keep", type=Path, help="generate the filings into this folder and keep them")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="profile-check-") as name:
        tmp = Path(name)
        if args.filings:
            paths = sorted(args.filings.glob("f*"))[: args.count + 1]
        else:
            folder = args.keep or tmp / "filings"
            folder.mkdir(parents=True, exist_ok=True)
            paths = generate(args.count + 1, folder, tmp)
        run(paths, tmp, args)


def run(paths: list[Path], tmp: Path, args: argparse.Namespace) -> None:
    from disclosure.check import workercache
    from disclosure.check.filing import check_file
    from disclosure.check.intake import Limits
    from disclosure.taxonomy import package_bytes

    workercache.install()
    package = tmp / "view.zip"
    package.write_bytes(package_bytes(validation_view=True))
    work = tmp / "work"
    work.mkdir()
    start, settle = _collector()
    start()
    warm = check_file(paths[0], package, Limits(), "zh-CN", work)  # memos filled, modules imported
    settle(1)
    print(f"warm-up {paths[0].name}: {warm.seconds:.2f} s, valid={warm.valid}")
    profiler = cProfile.Profile() if args.profile else None
    times: dict[str, list[float]] = {}
    for n, path in enumerate(paths[1:], 2):
        cpu = time.process_time()
        if profiler:
            profiler.enable()
        result = check_file(path, package, Limits(), "zh-CN", work)
        settle(n)
        if profiler:
            profiler.disable()
        times.setdefault(path.suffix, []).append(time.process_time() - cpu)
        codes = sorted({f.code for f in result.findings})
        print(f"{path.name}: cpu {times[path.suffix][-1]:.3f} s valid={result.valid} {codes}")
    every = [t for ts in times.values() for t in ts]
    for suffix, ts in sorted(times.items()):
        print(f"{suffix}: {len(ts)} filings, mean CPU {sum(ts) / len(ts):.3f} s a filing")
    print(f"all: {len(every)} filings, mean CPU {sum(every) / len(every):.3f} s a filing")
    if profiler:
        stats = pstats.Stats(profiler)
        stats.sort_stats(args.sort).print_stats(args.lines)


def _collector() -> tuple[Callable[[], None], Callable[[int], None]]:
    """The worker's collector settings (disclosure.check.batch), or, on a checkout from before they were
    functions, what the worker did then (frozen at start, a full collection every GC_EVERY filings)."""
    from disclosure.check import batch

    if hasattr(batch, "settle"):
        return batch.start_collector, batch.settle

    def start() -> None:
        gc.freeze()
        gc.set_threshold(20_000, 50, 1_000)

    def settle(done: int) -> None:
        if done % batch.GC_EVERY == 0:
            gc.collect()

    return start, settle


if __name__ == "__main__":
    main()
