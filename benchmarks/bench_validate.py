"""Benchmark: validate + compute of synthetic group filings (10 … 10,000 facilities × 12 months).

Each facility has a monthly coal source (12 rows, measured NCV and carbon content), an annual
natural-gas source with defaults, a diesel source and monthly grid electricity; the monthly rows
live in two shared CSV tables, as a real group filing would keep them.

Run: python benchmarks/bench_validate.py [10 100 1000 10000]   (each size in a fresh process)
Results are recorded by hand in docs/benchmarks.md.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HEADER = """schema_version: "1.0"
report:
  title: {{zh-CN: "合成集团2025年度可持续发展报告", en: "Synthetic group 2025 sustainability report"}}
  fiscal_year: 2025
  period_start: 2025-01-01
  period_end: 2025-12-31
  bases: [sse-no14]
  languages: [zh-CN]
  ghg_standard: "GHG Protocol"
  prepared_by: {{name: "基准", role: "测试", date: 2026-03-01}}
entity:
  name: {{zh-CN: "合成集团"}}
  uscc: "91350100M00020000F"
  ownership: central-soe
  industry: "D4411"
  province: 福建
  consolidation_scope: {{zh-CN: "合并范围。"}}
boundary:
  approach: equity-share
  entities:
{entities}
facilities:
"""
FACILITY = """  - id: F{n}
    name: {{zh-CN: "设施{n}"}}
    entity: E{e}
    province: {prov}
    combustion:
      - id: coal
        fuel: bituminous_coal
        parameters:
          oxidation: {{value: 98, unit: "%", basis: measured, evidence: "OF-{n}"}}
        records: {{file: coal.csv, select: {{facility: F{n}}}}}
      - id: gas
        fuel: natural_gas
        parameters: {{ncv: {{basis: default}}, carbon_content: {{basis: default}}, oxidation: {{basis: default}}}}
        records:
          - {{period: "2025", quantity: {gas}, unit: "10^4Nm3"}}
      - id: diesel
        fuel: diesel
        parameters:
          ncv: {{value: 43.1, unit: GJ/t, basis: measured, evidence: "D-{n}"}}
          carbon_content: {{value: 0.0202, unit: tC/GJ, basis: measured, evidence: "D-{n}"}}
          oxidation: {{value: 98, unit: "%", basis: measured, evidence: "D-{n}"}}
        records:
          - {{period: "2025", quantity: {diesel}, unit: t}}
    electricity:
      - id: grid
        records: {{file: power.csv, select: {{facility: F{n}}}}}
        location_factor: {{series: mee-nbs, year: 2023, region: {prov}, justification: {{zh-CN: "最新年度。"}}}}
"""
PROVINCES = ["jiangsu", "shandong", "guangdong", "qinghai", "hebei", "sichuan"]


def generate(n: int, folder: Path) -> Path:
    entities = "\n".join(
        f"    - {{id: E{e}, name: {{zh-CN: 子公司{e}}}, ownership_pct: {60 + e % 40}, "
        f"financial_control: true, operational_control: true, consolidated: true}}"
        for e in range(max(1, n // 10)))
    parts = [HEADER.format(entities=entities)]
    coal = ["facility,period,quantity,unit,ncv,ncv_unit,ncv_basis,ncv_evidence,carbon_content,"
            "carbon_content_unit,carbon_content_basis,carbon_content_evidence\n"]
    power = ["facility,period,quantity,unit\n"]
    for i in range(n):
        parts.append(FACILITY.format(n=i, e=i % max(1, n // 10), prov=PROVINCES[i % len(PROVINCES)],
                                     gas=100 + i % 50, diesel=20 + i % 7))
        for m in range(1, 13):
            coal.append(f"F{i},2025-{m:02d},{1000 + (i * 7 + m * 13) % 500},t,"
                        f"{21 + (m % 5) / 10:.2f},GJ/t,measured,L{i}-{m},0.55{m % 10},tC/t,measured,L{i}-{m}\n")
            power.append(f"F{i},2025-{m:02d},{500 + (i + m) % 100},MWh\n")
    (folder / "coal.csv").write_text("".join(coal), encoding="utf-8")
    (folder / "power.csv").write_text("".join(power), encoding="utf-8")
    path = folder / "filing.yaml"
    path.write_text("".join(parts), encoding="utf-8")
    return path


def run_one(n: int) -> None:
    from disclosure import load, validate

    with tempfile.TemporaryDirectory() as tmp:
        path = generate(n, Path(tmp))
        start = time.perf_counter()
        outcome = validate(load(path))
        elapsed = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert outcome.figures is not None and outcome.report.valid, outcome.report.flatten()[:5]
    records = len(outcome.figures.trail)
    print(f"| {n:,} | {n * 26:,} | {records:,} | {elapsed:.2f} | {peak_mb:.0f} |")


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        run_one(int(argv[1]))
        return
    sizes = [int(a) for a in argv] or [10, 100, 1000, 10000]
    print("| facilities | activity rows | trail entries | validate + compute (s) | peak RSS (MB) |")
    print("|---|---|---|---|---|")
    for n in sizes:
        subprocess.run([sys.executable, __file__, "--one", str(n)], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
