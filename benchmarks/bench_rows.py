"""Benchmark: validate + compute against the rows of ONE source, as CSV, XLSX and inline YAML records.

One facility, one grid-electricity source whose N monthly records come from a CSV table, from an
XLSX worksheet (written here as plain SpreadsheetML: shared strings, numbers, one row per record) or
inline in filing.yaml. Months repeat, so every record after the twelfth is also a finding
(rule.period.duplicate): the worst case for the rules and the report, a hostile filing's shape.
Target (issue 11): 1,000,000 CSV rows in ≤ 60 s and ≤ 4 GB; time linear in N.

Wall-clock seconds by stage and in total, and the process's CPU seconds (what a shared machine's load
does not change). Run: python benchmarks/bench_rows.py [csv:10000 csv:100000 csv:1000000 xlsx:100000 inline:200000 ...]
(each case in a fresh process). Results are recorded by hand in docs/benchmarks.md.
"""

from __future__ import annotations

import resource
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

HEADER = """schema_version: "1.0"
report:
  title: {zh-CN: "基准股份有限公司2025年度可持续发展报告"}
  fiscal_year: 2025
  period_start: 2025-01-01
  period_end: 2025-12-31
  bases: [sse-no14]
  languages: [zh-CN]
  ghg_standard: "GHG Protocol"
  prepared_by: {name: "基准", role: "测试", date: 2026-03-01}
entity:
  name: {zh-CN: "基准股份有限公司"}
  uscc: "91350100M000100Y43"
  ownership: private
  industry: "C0000"
  province: 福建
  consolidation_scope: {zh-CN: "合并范围。"}
boundary:
  approach: operational-control
  entities:
    - {id: P, name: {zh-CN: 本部}, ownership_pct: 100, financial_control: true, operational_control: true,
       consolidated: true}
facilities:
  - id: F1
    name: {zh-CN: 工厂}
    entity: P
    province: 福建
    electricity:
      - id: grid
        location_factor: {series: mee-nbs, year: 2023, region: fujian, justification: {zh-CN: "最新年度。"}}
"""
COLUMNS = ("source", "period", "quantity", "unit", "evidence")


def _row(i: int) -> tuple[str, str, int, str, str]:
    return "grid", f"2025-{i % 12 + 1:02d}", 500 + i % 100, "MWh", f"INV-{i}"


def _csv(n: int, folder: Path) -> str:
    with (folder / "e.csv").open("w", encoding="utf-8") as out:
        out.write(",".join(COLUMNS) + "\n")
        for i in range(n):
            out.write(",".join(map(str, _row(i))) + "\n")
    return "        records: {file: e.csv, select: {source: grid}}\n"


def _xlsx(n: int, folder: Path) -> str:
    strings: dict[str, int] = {}

    def s(text: str) -> str:
        return f'<c t="s"><v>{strings.setdefault(text, len(strings))}</v></c>'

    rows = ["<row>" + "".join(s(c) for c in COLUMNS) + "</row>"]
    for i in range(n):
        source, period, quantity, unit, evidence = _row(i)
        rows.append(f"<row>{s(source)}{s(period)}<c><v>{quantity}</v></c>{s(unit)}{s(evidence)}</row>")
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sst = "".join(f"<si><t>{t}</t></si>" for t in strings)
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"/>',
        "_rels/.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       f'<Relationship Id="r1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<workbook xmlns="{main}" xmlns:r="{rel}"><sheets><sheet name="电力" sheetId="1" '
                           f'r:id="r1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      f'relationships"><Relationship Id="r1" Type="{rel}/worksheet" '
                                      f'Target="worksheets/sheet1.xml"/><Relationship Id="r2" '
                                      f'Type="{rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>',
        "xl/sharedStrings.xml": f'<sst xmlns="{main}">{sst}</sst>',
        "xl/worksheets/sheet1.xml": f'<worksheet xmlns="{main}"><sheetData>{"".join(rows)}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(folder / "e.xlsx", "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)
    return "        records: {file: e.xlsx, select: {source: grid}}\n"


def _inline(n: int, folder: Path) -> str:
    lines = ["        records:\n"]
    for i in range(n):
        _, period, quantity, unit, evidence = _row(i)
        lines.append(f'          - {{period: "{period}", quantity: {quantity}, unit: {unit}, '
                     f'evidence: "{evidence}"}}\n')
    return "".join(lines)


SHAPES = {"csv": _csv, "xlsx": _xlsx, "inline": _inline}


def generate(shape: str, n: int, folder: Path) -> Path:
    records = SHAPES[shape](n, folder)
    path = folder / "filing.yaml"
    path.write_text(HEADER + records, encoding="utf-8")
    return path


def run_one(shape: str, n: int) -> None:
    from disclosure import load, validate

    with tempfile.TemporaryDirectory() as tmp:
        path = generate(shape, n, Path(tmp))
        size = sum(p.stat().st_size for p in Path(tmp).iterdir())
        start, cpu = time.perf_counter(), time.process_time()
        loaded = load(path)
        loaded_at = time.perf_counter()
        outcome = validate(loaded)
        end, cpu = time.perf_counter(), time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    duplicates = outcome.report.codes().count("rule.period.duplicate")
    # one finding per repeated period, naming how many more rows repeat it (issue 10: one mistake
    # repeated across a table's rows is one finding with a count)
    assert duplicates == min(max(0, n - 12), 12), (duplicates, outcome.report.codes()[:5])
    print(f"| {shape} | {n:,} | {size / 1e6:.1f} | {loaded_at - start:.1f} | {end - loaded_at:.1f} | "
          f"**{end - start:.1f}** | {cpu:.1f} | {peak:.0f} |", flush=True)


def main(argv: list[str]) -> None:
    if argv and argv[0] == "--one":
        run_one(argv[1], int(argv[2]))
        return
    cases = argv or ["csv:10000", "csv:100000", "csv:1000000", "xlsx:10000", "xlsx:100000",
                     "inline:10000", "inline:100000", "inline:200000"]
    print("| source | rows | files (MB) | load (s) | validate (s) | total (s) | CPU (s) | peak RSS (MB) |")
    print("|---|---|---|---|---|---|---|---|")
    for case in cases:
        shape, n = case.split(":")
        subprocess.run([sys.executable, __file__, "--one", shape, n], check=True)


if __name__ == "__main__":
    main(sys.argv[1:])
