"""Benchmark: a whole build (validate, Word, XBRL, iXBRL, Arelle verification, atomic write) against the
number of facilities, stage by stage, each size in a fresh process.

The filings are the synthetic groups of ``bench_validate.py`` (per facility: monthly coal and grid
electricity in two shared CSV tables, annual gas and diesel inline; 26 activity rows). Target
(issue 11): 3,000 facilities in ≤ 60 s, with time growing linearly.

Run: python benchmarks/bench_build.py [100 200 400 800 1600 3000]
Results are recorded by hand in docs/benchmarks.md: wall-clock seconds by stage and in total, and the
process's CPU seconds (Arelle runs in the process), which a shared machine's load does not change.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from bench_validate import generate  # noqa: E402


def run_one(n: int) -> None:
    from disclosure import outdir
    from disclosure.build import BuildOptions, RenderInput, rendering
    from disclosure.intake.loader import load
    from disclosure.output import figures_dict, to_json, trail_csv, trail_json
    from disclosure.validate import validate
    from disclosure.word import render as word
    from disclosure.xbrl import finish
    from disclosure.xbrl import render as xbrl

    with tempfile.TemporaryDirectory() as tmp:
        path = generate(n, Path(tmp))
        out = Path(tmp) / "out"
        options = BuildOptions(output=out)
        times: dict[str, float] = {}
        start, cpu = time.perf_counter(), time.process_time()
        loaded = load(path)
        outcome = validate(loaded)
        assert outcome.filing is not None and outcome.figures is not None and outcome.report.valid
        times["validate"] = time.perf_counter() - start
        ctx = RenderInput(outcome.filing, outcome.figures, loaded, options)
        # the stages of build._render, timed one by one
        work = outdir.begin(out)
        with rendering(work):
            t = time.perf_counter()
            files = {"figures.json": to_json(figures_dict(ctx.figures)), "trail.json": trail_json(ctx.figures),
                     "trail.csv": trail_csv(ctx.figures)}
            times["json/csv"] = time.perf_counter() - t
            t = time.perf_counter()
            files.update(word(ctx))
            times["word"] = time.perf_counter() - t
            t = time.perf_counter()
            files.update(xbrl(ctx))
            times["xbrl"] = time.perf_counter() - t
            t = time.perf_counter()
            files.update(finish(files))
            times["verify"] = time.perf_counter() - t
        t = time.perf_counter()
        outdir.commit(work, out, files, False)
        outdir.abandon(work)
        times["write"] = time.perf_counter() - t
        total, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    cells = " | ".join(f"{times[k]:.1f}" for k in ("validate", "json/csv", "word", "xbrl", "verify", "write"))
    print(f"| {n:,} | {cells} | **{total:.1f}** | {cpu:.1f} | {peak:.0f} |", flush=True)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        run_one(int(argv[1]))
        return
    sizes = [int(a) for a in argv] or [100, 200, 400, 800, 1600, 3000]
    print("| facilities | validate | figures/trail | Word | XBRL+iXBRL | Arelle verify | write | build (s) | "
          "CPU (s) | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
