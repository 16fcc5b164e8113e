"""The spreadsheets people really have: a corpus of real-world shapes of a monthly electricity table,
each filled with openpyxl as a person would, validated as part of a filing, asserting its outcome and
the cell a record (or the finding) points to."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from disclosure.intake.loader import Loaded, load
from disclosure.issues import Severity, ValidationReport
from disclosure.validate import validate
from tests.conftest import BASE_FILING

RECORD = '        records:\n          - {period: "2025", quantity: 1000, unit: MWh}\n'
GRID = ("facilities", 0, "electricity", 0, "records")
MONTHS = [100 + m for m in range(1, 13)]
TOTAL = sum(MONTHS)


def xlsx(rows: list[list[Any]], merges: tuple[str, ...] = (), sheet: str = "数据",
         prepare: Callable[[Any], None] | None = None) -> bytes:
    book = openpyxl.Workbook()
    ws = book.active
    assert ws is not None
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for rng in merges:
        ws.merge_cells(rng)
    if prepare is not None:
        prepare(ws)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def long(header: list[Any], period: Callable[[int], Any] = lambda m: f"2025-{m:02d}",
         quantity: Callable[[int], Any] = lambda m: 100 + m, unit: str | None = "MWh") -> list[list[Any]]:
    tail = [unit] if unit is not None else []
    return [header, *(["grid", period(m), quantity(m), *tail] for m in range(1, 13))]


def wide(header_months: list[Any], total: Any = TOTAL, blank: int | None = None) -> list[list[Any]]:
    values: list[Any] = [None if m == blank else 100 + m for m in range(1, 13)]
    return [["排放源", "单位", *header_months, "合计"], ["grid", "MWh", *values, total]]


@dataclass(frozen=True)
class Case:
    name: str
    data: bytes
    errors: tuple[tuple[str, str], ...] = ()
    """(code, cell) of every error expected; () = valid."""
    first: str | None = None
    """The cell records[0].quantity points to (valid cases)."""
    total: Decimal | None = Decimal(TOTAL)
    unit: str = "MWh"
    ref: str = ""
    suffix: str = ".xlsx"
    sheet: str | None = None
    records: int = 12
    extra: dict[str, Any] = field(default_factory=dict)


CN = ["排放源", "月份", "用电量", "单位"]
DATE = lambda m: datetime(2025, m, 1)  # noqa: E731, DTZ001 - Excel turned the typed 2025-01 into a date
CASES = [
    Case("english-long", xlsx(long(["source", "period", "quantity", "unit"])), first="C2"),
    Case("chinese-headers", xlsx(long(CN)), first="C2"),
    Case("merged-title-row", xlsx([["青海察尔汗钾肥厂2025年外购电力统计表"], *long(CN)], merges=("A1:D1",)),
         first="C3"),
    Case("title-unit-row-and-blank", xlsx([["2025年外购电力"], ["单位：兆瓦时"], [], *long(CN[:3], unit=None)]),
         first="C5"),
    Case("header-row-given", xlsx([["表1"], ["填报单位：某厂"], ["源", "年月", "电量", "单位"], *long(CN)[1:]]),
         ref=", header_row: 3, columns: {源: source, 年月: period, 电量: quantity}", first="C4"),
    Case("unit-in-header", xlsx(long(["排放源", "月份", "用电量（兆瓦时）"], unit=None)), first="C2"),
    Case("unit-in-header-slash", xlsx(long(["排放源", "月份", "用电量/万千瓦时"], quantity=lambda m: Decimal(m) / 10,
                                            unit=None)), first="C2", total=Decimal("7.8"), unit="10^4kWh"),
    Case("unit-conflicts-header", xlsx([["排放源", "月份", "用电量（兆瓦时）", "单位"],
                                        *[["grid", f"2025-{m:02d}", 100 + m, "kWh" if m == 4 else None]
                                          for m in range(1, 13)]]),
         errors=(("rule.magnitude.monthly", "!C5"), ("input.table-unit-conflict", "!D5"))),
    Case("excel-dates", xlsx(long(CN, period=DATE)), first="C2"),
    Case("chinese-months", xlsx(long(CN, period=lambda m: f"2025年{m}月")), first="C2"),
    Case("chinese-months-padded", xlsx(long(CN, period=lambda m: f"2025年{m:02d}月份")), first="C2"),
    Case("dotted-text-months", xlsx(long(CN, period=lambda m: f"2025.{m:02d}")), first="C2"),
    Case("dotted-number-months-october-lost", xlsx(long(CN, period=lambda m: float(f"2025.{m:02d}"))), first="C2"),
    Case("dotted-number-ambiguous", xlsx(long(CN, period=lambda m: 2025.1 if m == 1 else DATE(m))),
         errors=(("input.table-period-ambiguous", "!B2"),)),
    Case("compact-number-months", xlsx(long(CN, period=lambda m: 202500 + m)), first="C2"),
    Case("slash-months", xlsx(long(CN, period=lambda m: f"2025/{m}")), first="C2"),
    Case("numbers-as-text", xlsx(long(CN, quantity=lambda m: f" {100 + m} ")), first="C2"),
    Case("numbers-with-thousands", xlsx(long(CN, quantity=lambda m: f"{1000 + m:,}.5")), first="C2",
         total=Decimal(12000 + 78) + Decimal("6.0")),
    Case("totals-row", xlsx([*long(CN), ["合计", None, TOTAL, "MWh"]]), first="C2"),
    Case("totals-row-wrong", xlsx([*long(CN), ["合计", None, TOTAL + 1000, "MWh"]]),
         errors=(("input.table-total-mismatch", "!C14"),)),
    Case("totals-row-formula-no-cache", xlsx([*long(CN), ["合计", None, "=SUM(C2:C13)", "MWh"]]), first="C2"),
    Case("totals-label-in-period", xlsx([*long(CN), [None, "全年合计", TOTAL, "MWh"]]), first="C2"),
    Case("subtotals-and-total", xlsx([*long(CN)[:7], ["小计", None, sum(MONTHS[:6]), None], *long(CN)[7:],
                                      ["小计", None, sum(MONTHS[6:]), None], ["合计", None, TOTAL, None]]),
         first="C2"),
    Case("subtotal-wrong", xlsx([*long(CN)[:7], ["小计", None, 1, None], *long(CN)[7:]]),
         errors=(("input.table-total-mismatch", "!C8"),)),
    Case("merged-source-down", xlsx(long(CN), merges=("A2:A13",)), first="C2"),
    Case("section-label-row", xlsx([CN, ["一、外购电力"], *long(CN)[1:]], merges=("A2:D2",)), first="C3"),
    Case("serial-and-remarks-ignored", xlsx([["序号", *CN, "备注"], *[[m, *r, "结算单"] for m, r in
                                                                   enumerate(long(CN)[1:], 1)]]), first="D2"),
    Case("blank-row-between", xlsx([*long(CN)[:7], [], *long(CN)[7:]]), first="C2"),
    Case("blank-quantity-long", xlsx(long(CN, quantity=lambda m: None if m == 4 else 100 + m)),
         errors=(("schema.missing", "!C5"),)),
    Case("renamed-column", xlsx(long(["排放源", "月份", "电量数", "单位"])),
         errors=(("schema.unknown-field", "!C2"),)),
    Case("renamed-sheet", xlsx(long(CN), sheet="电力统计"), sheet="电力",
         errors=(("input.xlsx-sheet", "filing.yaml:47:"),)),
    Case("duplicate-columns", xlsx([["排放源", "月份", "用电量", "消耗量", "单位"],
                                    *[["grid", f"2025-{m:02d}", 100 + m, 100 + m, "MWh"] for m in range(1, 13)]]),
         errors=(("input.table-header", "!A1"),)),
    Case("wide-months", xlsx(wide([f"{m}月" for m in range(1, 13)])), first="C2"),
    Case("wide-months-under-title", xlsx([["2025年各月外购电量"], *wide([f"{m}月" for m in range(1, 13)])],
                                         merges=("A1:O1",)), first="C3"),
    Case("wide-year-months", xlsx(wide([f"2025年{m}月" for m in range(1, 13)])), first="C2"),
    Case("wide-date-headers", xlsx(wide([DATE(m) for m in range(1, 13)])), first="C2"),
    Case("wide-english-months", xlsx(wide(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct",
                                           "Nov", "Dec"])), first="C2"),
    Case("wide-total-wrong", xlsx(wide([f"{m}月" for m in range(1, 13)], total=1)),
         errors=(("input.table-total-mismatch", "!O2"),)),
    Case("wide-blank-month", xlsx(wide([f"{m}月" for m in range(1, 13)], total=TOTAL - 105, blank=5)),
         errors=(("schema.missing", "!G2"),)),
    Case("wide-unit-in-title", xlsx([["单位：兆瓦时"], ["排放源", *[f"{m}月" for m in range(1, 13)]],
                                     ["grid", *MONTHS]]), first="B3"),
    Case("csv-gbk-chinese-title", "外购电力统计\n排放源,月份,用电量（兆瓦时）\n".encode("gb18030")
         + "".join(f"grid,2025年{m}月,{100 + m}\n" for m in range(1, 13)).encode("gb18030"), suffix=".csv",
         first="e.csv:3:3"),
    Case("csv-wide", ("排放源,单位," + ",".join(f"{m}月" for m in range(1, 13)) + ",合计\n"
                      + "grid,MWh," + ",".join(str(v) for v in MONTHS) + f",{TOTAL}\n").encode(), suffix=".csv",
         first="e.csv:2:3"),
]


def run(case: Case, tmp_path: Path) -> tuple[ValidationReport, Loaded]:
    name = "e" + case.suffix
    (tmp_path / name).write_bytes(case.data)
    sheet = f", sheet: {case.sheet}" if case.sheet else ""
    ref = f"        records: {{file: {name}{sheet}, select: {{source: grid}}{case.ref}}}\n"
    filing = tmp_path / "filing.yaml"
    filing.write_text(BASE_FILING.replace(RECORD, ref), encoding="utf-8")
    loaded = load(filing)
    return validate(loaded).report, loaded


def test_corpus_size() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_shape(case: Case, tmp_path: Path) -> None:
    report, loaded = run(case, tmp_path)
    errors = [(i.code, str(i.location)) for i in report.issues if i.level is Severity.ERROR]
    if case.errors:
        assert len(errors) == len(case.errors), errors
        for (code, at), (found_code, found_at) in zip(case.errors, errors, strict=True):
            assert found_code == code, errors
            assert found_at.endswith(at) if at.startswith("!") else at in found_at, errors
        return
    assert errors == [], errors
    records = loaded.data["facilities"][0]["electricity"][0]["records"]
    assert len(records) == case.records
    assert [str(r["period"]) for r in records] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert {r["unit"] for r in records} == {case.unit}
    assert sum(Decimal(str(r["quantity"])) for r in records) == case.total
    where = str(loaded.location((*GRID, 0, "quantity")))
    assert case.first is not None
    assert where.endswith((f"!{case.first}", case.first)), where


def test_blank_cell_names_its_field_in_chinese(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "blank-quantity-long")
    report, _ = run(case, tmp_path)
    (issue,) = report.errors
    assert "quantity" in issue.message("zh-CN") and issue.message("zh-CN").startswith("缺少必填字段")


def test_renamed_column_is_one_finding_with_the_fix(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "renamed-column")
    report, _ = run(case, tmp_path)
    (issue,) = report.errors
    assert issue.context["suggestion"] == "quantity"
    assert "电量数" in issue.message("zh-CN") and "另有 11 行" in issue.message("zh-CN")


def test_renamed_sheet_is_one_finding(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "renamed-sheet")
    report, _ = run(case, tmp_path)
    assert [i.code for i in report.errors] == ["input.xlsx-sheet"]
    assert "电力统计" in report.errors[0].message("zh-CN")


def test_wide_layout_trail_names_each_month_cell(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "wide-months")
    _, loaded = run(case, tmp_path)
    cells = [str(loaded.location((*GRID, m, "quantity"))).rsplit("!", 1)[1] for m in range(12)]
    assert cells == [f"{chr(ord('C') + m)}2" for m in range(12)]
    assert str(loaded.location((*GRID, 5, "unit"))).endswith("!B2")


def test_ambiguous_period_resolved_by_its_neighbours(tmp_path: Path) -> None:
    """Excel keeps 2025.10 as 2025.1; beside 2025.01…2025.12 written with two digits it is October."""
    case = next(c for c in CASES if c.name == "dotted-number-months-october-lost")
    _, loaded = run(case, tmp_path)
    records = loaded.data["facilities"][0]["electricity"][0]["records"]
    assert records[9]["period"] == "2025-10" and records[0]["period"] == "2025-01"


def test_every_alias_is_documented() -> None:
    """docs/excel.md lists every column alias, ignored column and totals word of data/columns.yaml."""
    import yaml

    root = Path(__file__).parent.parent
    raw = yaml.safe_load((root / "disclosure" / "data" / "columns.yaml").read_text(encoding="utf-8"))
    doc = (root / "docs" / "excel.md").read_text(encoding="utf-8")
    words = [str(a) for names in raw["aliases"].values() for a in names] + [str(w) for w in raw["ignored"]]
    words += [str(w) for level in raw["totals"].values() for w in level]
    missing = [w for w in words if w not in doc]
    assert missing == [], missing
    assert all(f"| `{key}` |" in doc for key in raw["aliases"])
