"""Benchmark: group collection — 500 subsidiary workbooks (5 facilities each, 12 months) planned,
filled, then collected, validated one by one and merged into the group filing.

The group filing has 500 boundary entities (equity share, mixed ownership) and 2,500 facilities, each
with monthly coal (measured oxidation), monthly natural gas, monthly grid electricity and a product:
36 monthly rows a facility, 90,000 in all. ``collect plan`` writes the 500 workbooks; each is then
"filled" as its subsidiary would (the twelve months of every source, the sign-off) — not timed, it is
the subsidiaries' work; ``collect merge`` (read + validate each workbook, merge, validate and compute
the group, status table in CSV/XLSX/HTML, findings workbook, signed trail, group filing.xlsx) is timed.

Run: python benchmarks/bench_collect.py [ENTITIES] [JOBS]   (defaults 500 and 2)
Results are recorded by hand in docs/benchmarks.md.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

PROVINCES = ("青海", "江苏", "山东", "内蒙古", "四川")
REGIONS = {"青海": "qinghai", "江苏": "jiangsu", "山东": "shandong", "内蒙古": "neimenggu", "四川": "sichuan"}


def _facility(n: int, entity: str, scale: Decimal) -> dict[str, Any]:
    province = PROVINCES[n % len(PROVINCES)]

    def months(base: Decimal, unit: str) -> list[dict[str, Any]]:
        return [{"period": f"2025-{m:02d}", "quantity": base + Decimal(m) * scale, "unit": unit} for m in range(1, 13)]

    return {
        "id": f"F{n:05d}", "name": {"zh-CN": f"设施{n}"}, "entity": entity, "province": province,
        "products": [{"key": "product", "name": {"zh-CN": "产品"}, "quantity": Decimal(120000) * scale, "unit": "t"}],
        "combustion": [
            {"id": "coal", "fuel": "bituminous_coal",
             "parameters": {"oxidation": {"value": Decimal(98), "unit": "%", "basis": "measured",
                                          "evidence": f"OF-{n}"}},
             "records": months(Decimal(8000) * scale, "t")},
            {"id": "gas", "fuel": "natural_gas",
             "parameters": {"ncv": {"basis": "default"}, "carbon_content": {"basis": "default"},
                            "oxidation": {"basis": "default"}},
             "records": months(Decimal(40) * scale, "10^4Nm3")}],
        "electricity": [
            {"id": "grid", "records": months(Decimal(9000) * scale, "MWh"),
             "location_factor": {"series": "mee-nbs", "year": 2023, "region": REGIONS[province],
                                 "justification": {"zh-CN": "最新发布年度因子。"}}}],
    }


def group_filing(entities: int, year: int, scale: Decimal) -> dict[str, Any]:
    boundary = [{"id": f"E{e:04d}", "name": {"zh-CN": f"子公司{e}"}, "ownership_pct": Decimal(100 - (e % 5) * 10),
                 "financial_control": True, "operational_control": e % 7 != 0, "consolidated": True}
                for e in range(entities)]
    return {
        "schema_version": "1.0",
        "report": {"title": {"zh-CN": f"合成集团{year}年度可持续发展报告"}, "fiscal_year": year,
                   "period_start": f"{year}-01-01", "period_end": f"{year}-12-31", "bases": ["sasac-esg"],
                   "languages": ["zh-CN"], "ghg_standard": "GHG Protocol",
                   "prepared_by": {"name": "基准", "role": "测试", "date": f"{year + 1}-03-01"}},
        "entity": {"name": {"zh-CN": "合成集团有限公司"}, "uscc": "91350100M00020000F", "ownership": "central-soe",
                   "industry": "C30", "province": "北京", "consolidation_scope": {"zh-CN": "合并范围。"}},
        "boundary": {"approach": "equity-share", "entities": boundary},
        "facilities": [_facility(e * 5 + k, f"E{e:04d}", scale) for e in range(entities) for k in range(5)],
    }


def _dump(data: dict[str, Any], path: Path) -> None:
    def text(value: Any) -> Any:
        if isinstance(value, Decimal):
            return float(value) if value == value.to_integral_value() or len(str(value)) < 15 else str(value)
        if isinstance(value, dict):
            return {k: text(v) for k, v in value.items()}
        if isinstance(value, list):
            return [text(v) for v in value]
        return value

    path.write_text(yaml.safe_dump(text(data), allow_unicode=True, sort_keys=False), encoding="utf-8")


def _fill(job: tuple[str, list[dict[str, Any]], dict[str, Any], str]) -> None:
    """A subsidiary's returned workbook: its facilities with this year's months, signed."""
    from disclosure.collect.plan import entity_workbook

    entity, facilities, prior, target = job
    signoff = {"preparer": "张伟", "reviewer": "刘洋", "date": "2026-03-15", "contact": "0971-6000000",
               "confirmed": "是"}
    Path(target).write_bytes(entity_workbook(entity, entity, facilities, prior, signoff))


def main() -> None:
    entities = int(sys.argv[1]) if len(sys.argv) > 1 else 500
    jobs = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    from disclosure.collect import merge, plan, write_merged

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        _dump(group_filing(entities, 2024, Decimal(1)), root / "prior.yaml")
        this_year = group_filing(entities, 2025, Decimal("1.05"))
        _dump(this_year, root / "group.yaml")
        start = time.perf_counter()
        planned = plan(root / "group.yaml", root / "collect", root / "prior.yaml", jobs=jobs)
        plan_s = time.perf_counter() - start
        assert planned.written, planned.report.issues[:3]
        prior = yaml.safe_load((root / "collect" / "collect.yaml").read_text(encoding="utf-8"))["prior"]
        by_entity: dict[str, list[dict[str, Any]]] = {}
        for fac in this_year["facilities"]:
            by_entity.setdefault(fac["entity"], []).append(fac)
        fills = [(e, facs, prior, str(root / "collect" / f"{e}.xlsx")) for e, facs in by_entity.items()]
        start = time.perf_counter()
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_fill, fills, chunksize=16))
        fill_s = time.perf_counter() - start
        start = time.perf_counter()
        merged = merge(root / "collect", jobs=jobs)
        merge_s = time.perf_counter() - start
        start = time.perf_counter()
        written = write_merged(merged, root / "collect" / "merged", filing=False)
        write_s = time.perf_counter() - start
        start = time.perf_counter()
        from disclosure.convert import plain
        from disclosure.intake.template import write_workbook

        assert merged.filing is not None
        filing_kb = len(write_workbook(plain(merged.filing))) // 1024
        filing_s = time.perf_counter() - start
        self_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        child_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        errors = [i for i in merged.report.issues if i.level.value == "error"]
        print(f"entities={entities} facilities={entities * 5} jobs={jobs}")
        print(f"plan {plan_s:.1f} s, fill (not timed) {fill_s:.1f} s")
        print(f"merge {merge_s:.1f} s + write {write_s:.1f} s = collect {merge_s + write_s:.1f} s")
        print(f"group filing.xlsx (optional, --filing) {filing_s:.1f} s, {filing_kb} KB")
        print(f"peak RSS: merging process {self_mb:.0f} MB, largest worker {child_mb:.0f} MB")
        print(f"complete={merged.complete} errors={len(errors)} findings={len(merged.report.issues)} "
              f"scope1={merged.figures.totals.scope1 if merged.figures else None}")
        print("written:", ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in written))
        assert merged.complete, errors[:3]


if __name__ == "__main__":
    main()
