"""Benchmark: `disclosure check --jobs 2` against Arelle's own command line run once per file.

Generates N filings (default 500) from the three samples' instance and Inline XBRL reports with
varied figures (every emissions and energy figure times a whole factor, which keeps totals
consistent), one in ten broken on purpose (a total off by 1,000 t), then in one run on the same
machine checks them

  1. with `disclosure check --jobs 2 --format json` (worker processes, one Arelle session a filing),
  2. with `python -m arelle.CntlrCmdLine` once per file, the same taxonomy package and options
     (validate, Calculations 1.1, formulas run, UTR, duplicate facts, offline, base taxonomy not
     re-validated),

and reports both times, the throughput ratio, whether every validity verdict agrees, and the peak
memory of a worker. Target: ratio ≥ 10, identical verdicts, ≤ 500 MB a worker.

Run: python benchmarks/bench_check.py [--count 500] [--jobs 2]      (results into docs/benchmarks.md)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
SCALED = ("u_tCO2e", "u_tce", "u_GJ")
FAILING = ("ERROR", "INCONSISTENCY", "ERROR-SEMANTIC", "ASSERTION-NOT-SATISFIED", "CRITICAL")
IX = "{http://www.xbrl.org/2013/inlineXBRL}"


def sources(tmp: Path) -> list[tuple[str, bytes]]:
    from disclosure.build import BuildOptions, build
    from disclosure.taxonomy import definition

    out = []
    for filing in sorted((ROOT / "samples").glob("*/filing.yaml")):
        folder = tmp / filing.parent.name
        build(filing, BuildOptions(output=folder))
        if not (folder / "report.xbrl").exists():
            continue  # an event filing (kind: event) has no XBRL
        package = folder / f"{definition().folder}.zip"
        out += [(f"{filing.parent.name}.xbrl", (folder / "report.xbrl").read_bytes()),
                (f"{filing.parent.name}.html", (folder / "report.html").read_bytes())]
    (tmp / "cn-ghg.zip").write_bytes(package.read_bytes())
    return out


def vary(name: str, data: bytes, factor: int, broken: bool) -> bytes:
    """Facility-level figures times ``factor`` (no total or breakdown rule spans them, so the filing stays
    valid); when ``broken``, the group's Scope 1+2 total is off by 1,000 t (a Calculations 1.1 error)."""
    root = etree.fromstring(data)
    facility = {c.get("id") for c in root.iter("{http://www.xbrl.org/2003/instance}context")
                if b"FacilityAxis" in etree.tostring(c)}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.get("unitRef") not in SCALED:
            continue
        inline = el.tag == f"{IX}nonFraction"
        if inline and el.get("scale"):
            continue
        value = int((el.text or "").replace(",", ""))
        concept = el.get("name") or etree.QName(el).localname
        if el.get("contextRef") in facility:
            value *= factor
        elif broken and el.get("contextRef") == "c1" and concept.endswith("Scope1And2LocationBasedGHGEmissions"):
            value += 1000
        el.text = f"{value:,}" if inline else str(value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def generate(count: int, folder: Path, tmp: Path) -> list[Path]:
    base = sources(tmp)
    paths = []
    for i in range(count):
        name, data = base[i % len(base)]
        path = folder / f"f{i:04d}-{name}"
        path.write_bytes(vary(name, data, 2 + i % 7, broken=i % 10 == 9))
        paths.append(path)
    return paths


def ours(folder: Path, jobs: int) -> tuple[float, dict[str, bool], float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "disclosure", "check", str(folder), "--jobs", str(jobs),
                           "--format", "json", "--no-progress"], capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    doc = json.loads(done.stdout)
    verdicts = {Path(f["path"]).name: bool(f["valid"]) for f in doc["filings"]}
    return elapsed, verdicts, 0.0


def arelle_cli(paths: list[Path], package: Path, logs: Path) -> tuple[float, dict[str, bool]]:
    verdicts = {}
    start = time.perf_counter()
    for path in paths:
        log = logs / f"{path.name}.json"
        subprocess.run([sys.executable, "-m", "arelle.CntlrCmdLine", "--file", str(path), "--packages", str(package),
                        "--validate", "--calc", "c11r", "--formula", "run", "--utr",
                        "--validateDuplicateFacts", "inconsistent", "--internetConnectivity", "offline",
                        "--baseTaxonomyValidation", "none", "--logFile", str(log), "--logLevel", "warning"],
                       capture_output=True, check=False)
        text = log.read_text(encoding="utf-8") if log.exists() else ""
        verdicts[path.name] = not re.search(r'"level":\s*"(' + "|".join(FAILING).lower() + ')"', text.lower())
    return time.perf_counter() - start, verdicts


WORKER = """
import resource, sys, tempfile
from pathlib import Path
from disclosure.check import workercache
from disclosure.check.batch import settle, start_collector
from disclosure.check.filing import check_file
from disclosure.check.intake import Limits
from disclosure.taxonomy import package_bytes
workercache.install()
package = Path(tempfile.mkdtemp()) / "p.zip"
package.write_bytes(package_bytes(validation_view=True))
work = Path(tempfile.mkdtemp())
start_collector()
for n, path in enumerate(sys.argv[1:], 1):
    check_file(Path(path), package, Limits(), "zh-CN", work)
    settle(n)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
"""


def worker_memory(paths: list[Path]) -> float:
    """Peak RSS (MB) of one process checking the filings exactly as a worker does (memos, collector)."""
    code = WORKER
    done = subprocess.run([sys.executable, "-c", code, *map(str, paths)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--count", type=int, default=500)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="bench-check-") as name:
        tmp = Path(name)
        folder = tmp / "filings"
        folder.mkdir()
        logs = tmp / "logs"
        logs.mkdir()
        paths = generate(args.count, folder, tmp)
        ours_s, ours_v, _ = ours(folder, args.jobs)
        cli_s, cli_v = arelle_cli(paths, tmp / "cn-ghg.zip", logs)
        agree = sum(ours_v[p.name] == cli_v[p.name] for p in paths)
        invalid = sum(not v for v in ours_v.values())
        rss = worker_memory(paths[: min(250, len(paths))])  # a worker retires after 250
        print(f"filings: {len(paths)} ({invalid} invalid by design: {args.count // 10})")
        print(f"disclosure check --jobs {args.jobs}: {ours_s:.1f} s ({len(paths) / ours_s:.2f} filings/s)")
        print(f"arelle command line, once per file: {cli_s:.1f} s ({len(paths) / cli_s:.2f} filings/s)")
        print(f"throughput ratio: {cli_s / ours_s:.1f}x")
        print(f"verdicts agree: {agree}/{len(paths)}")
        print(f"peak RSS of a worker over {min(250, len(paths))} filings: {rss:.0f} MB")


if __name__ == "__main__":
    main()
