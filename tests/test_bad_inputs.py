"""A corpus of malformed filings: each gives its coded finding at the right line, never a traceback."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure import load, validate
from tests.conftest import BASE_FILING

# (case id, text to replace, replacement, expected code, marker on the expected line or None)
CASES: list[tuple[str, str, str, str, str | None]] = [
    ("yaml-syntax", "  fiscal_year: 2025\n", "  fiscal_year: [2025\n", "input.yaml-syntax", None),
    ("yaml-tab", "  fiscal_year: 2025\n", "\tfiscal_year: 2025\n", "input.yaml-syntax", None),
    ("duplicate-key", "  fiscal_year: 2025\n", "  fiscal_year: 2025\n  fiscal_year: 2024\n", "input.yaml-duplicate-key", "fiscal_year: 2024"),
    ("yaml-tag", "  ghg_standard: \"GHG Protocol\"", "  ghg_standard: !custom GHG", "input.yaml-tag", "!custom"),
    ("two-documents", "schema_version: \"1.0\"\n", "schema_version: \"1.0\"\n---\nx: 1\n", "input.yaml-multiple-documents", "x: 1"),
    ("root-list", None, "- a\n- b\n", "input.yaml-root", None),  # type: ignore[list-item]
    ("missing-schema-version", "schema_version: \"1.0\"\n", "", "schema.missing", None),
    ("wrong-schema-version", "schema_version: \"1.0\"", "schema_version: \"9.9\"", "schema.invalid-choice", "schema_version"),
    ("unknown-field", "  fiscal_year: 2025\n", "  fiscal_year: 2025\n  fiscal_yera: 2025\n", "schema.unknown-field", "fiscal_yera"),
    ("year-text", "  fiscal_year: 2025", "  fiscal_year: twenty", "schema.wrong-type", "fiscal_year"),
    ("bad-date", "  period_end: 2025-12-31", "  period_end: 2025-13-31", "schema.invalid-date", "period_end"),
    ("bad-basis", "  bases: [sse-no14]", "  bases: [sse]", "schema.invalid-choice", "bases"),
    ("empty-bases", "  bases: [sse-no14]", "  bases: []", "schema.too-short", "bases"),
    ("bad-ownership", "  ownership: private", "  ownership: soe", "schema.invalid-choice", "ownership"),
    ("pct-over-100", "      ownership_pct: 100", "      ownership_pct: 140", "schema.out-of-range", "ownership_pct"),
    ("bad-period", "{period: \"2025\", quantity: 100,", "{period: \"2025-13\", quantity: 100,", "schema.pattern", "2025-13"),
    ("quantity-text", "quantity: 100, unit: \"10^4Nm3\"", "quantity: lots, unit: \"10^4Nm3\"", "schema.wrong-type", "lots"),
    ("quantity-inf", "quantity: 100, unit: \"10^4Nm3\"", "quantity: .inf, unit: \"10^4Nm3\"", "schema.wrong-type", ".inf"),
    ("missing-unit", ", quantity: 100, unit: \"10^4Nm3\"}", ", quantity: 100}", "schema.missing", "quantity: 100}"),
    ("no-facilities", "facilities:\n  - id: F1", "facilities: []\nx:\n  - id: F1", "schema.too-short", "facilities: []"),
    ("bad-id", "  - id: F1\n", "  - id: \"F 1\"\n", "schema.pattern", "F 1"),
    ("unknown-process-type", "    electricity:\n", "    process:\n      - {type: steel-bof, id: p}\n    electricity:\n", "schema.invalid-choice", "steel-bof"),
    ("missing-basis", "          ncv: {basis: default}", "          ncv: {value: 389}", "schema.missing", "ncv: {value: 389}"),
    ("uscc-check", "uscc: \"91350100M00020000F\"", "uscc: \"91350100M00020000G\"", "rule.entity.uscc", "uscc"),
    ("uscc-length", "uscc: \"91350100M00020000F\"", "uscc: \"9135010\"", "rule.entity.uscc", "uscc"),
    ("lei-check", "  ownership: private", "  lei: 5493001KJTIIGC8Y1R13\n  ownership: private", "rule.entity.lei", "lei"),
    ("unknown-province", "  province: 福建\n  consolidation", "  province: 福建省会\n  consolidation", "rule.entity.province", "福建省会"),
    ("period-not-year", "  period_start: 2025-01-01", "  period_start: 2025-04-01", "rule.report.period", "period_start"),
    ("title", "测试股份有限公司2025年度可持续发展报告", "测试股份有限公司2025年度社会责任报告", "rule.report.title", "title"),
    ("late", "  publication_date: 2026-04-20", "  publication_date: 2026-05-20", "rule.report.deadline", "publication_date"),
    ("verified-after-approval", "    electricity:\n", "    verification: {verifier: {zh-CN: 核查机构, en: Verifier}, report_no: V-1, date: 2026-06-30}\n    electricity:\n", "rule.report.verification-after-approval", "date: 2026-06-30"),
    ("before-annual", "  publication_date: 2026-04-20", "  publication_date: 2026-04-19", "rule.report.before-annual-report", "publication_date"),
    ("unknown-unit", "quantity: 100, unit: \"10^4Nm3\"", "quantity: 100, unit: \"m3\"", "rule.units.unknown", "unit: \"m3\""),
    ("wrong-dimension", "quantity: 100, unit: \"10^4Nm3\"", "quantity: 100, unit: t", "rule.units.dimension", "unit: t"),
    ("kwh-as-heat", "quantity: 1000, unit: MWh", "quantity: 1000, unit: GJ/t", "rule.units.dimension", "unit: GJ/t"),
    ("negative-quantity", "quantity: 1000, unit: MWh", "quantity: -1000, unit: MWh", "rule.ghg.negative", "-1000"),
    ("unknown-fuel", "fuel: natural_gas", "fuel: unobtainium", "rule.fuel.unknown", "unobtainium"),
    ("factor-missing-year", "year: 2023, region: fujian", "year: 2019, region: fujian", "rule.factor.not-found", "location_factor"),
    ("series-mixed", "{series: mee-nbs, year: 2023, region: fujian,", "{series: ets-national, year: 2022, region: national,", "rule.elec.series-mixed", "location_factor"),
    ("factor-no-source", "{series: mee-nbs, year: 2023, region: fujian,", "{value: 0.5, unit: tCO2/MWh,", "rule.factor.source-missing", "location_factor"),
    ("default-without-source", "          oxidation: {basis: default}", "          oxidation: {value: 99, unit: \"%\", basis: default}", "rule.param.default-source-missing", "oxidation: {value: 99"),
    ("oxidation-percent-trap", "          oxidation: {basis: default}", "          oxidation: {value: 99, unit: \"1\", basis: measured, evidence: L1}", "rule.param.range", "oxidation: {value: 99"),
    ("unknown-entity", "    entity: P\n", "    entity: Q\n", "rule.boundary.unknown-entity", "entity: Q"),
    ("record-outside-year", "{period: \"2025\", quantity: 1000", "{period: \"2024\", quantity: 1000", "rule.period.outside-year", "2024\", quantity: 1000"),
    ("duplicate-facility", "facilities:\n  - id: F1\n", "facilities:\n  - id: F1\n    name: {zh-CN: x, en: x}\n    entity: P\n    province: fujian\n  - id: F1\n", "rule.ids.duplicate", "- id: F1"),
    ("instruments-exceed", "        location_factor: {series", "        instruments: [{type: green-certificate, quantity: 2000}]\n        location_factor: {series", "rule.elec.instruments-exceed", "instruments:"),
    ("gwp-missing", "    electricity:\n", "    process:\n      - {type: direct, id: hfc, gas: HFC-245fa, quantity: 0.1, method: {zh-CN: 泄漏, en: leak}}\n    electricity:\n", "rule.gwp.missing", "gas: HFC-245fa"),
]


def _write(tmp_path: Path, old: str | None, new: str) -> tuple[Path, str]:
    text = new if old is None else BASE_FILING.replace(old, new, 1)
    assert old is None or old in BASE_FILING, f"test case does not apply: {old!r}"
    path = tmp_path / "filing.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


@pytest.mark.parametrize(("old", "new", "code", "marker"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_bad_filing(tmp_path: Path, old: str | None, new: str, code: str, marker: str | None) -> None:
    path, text = _write(tmp_path, old, new)
    report = validate(load(path)).report
    found = [i for i in report.issues if i.code == code]
    assert found, f"expected {code}, got {report.flatten()}"
    assert not report.valid or found[0].level.value == "warning"
    issue = found[0]
    assert issue.location.file == str(path)
    if marker is not None:
        line = next(n for n, ln in enumerate(text.splitlines(), 1) if marker in ln)
        assert issue.location.line == line, (issue.location, marker)
    for lang in ("zh-CN", "en"):
        assert issue.message(lang) and issue.hint(lang)
        assert not re.search(r"\{[a-z_]+\}", issue.message(lang)), issue.message(lang)


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "filing.yaml"
    path.write_text("", encoding="utf-8")
    assert validate(load(path)).report.codes() == ["input.empty"]


def test_missing_file(tmp_path: Path) -> None:
    assert validate(load(tmp_path / "nope.yaml")).report.codes() == ["input.file-missing"]


def test_bad_encoding_points_to_line(tmp_path: Path) -> None:
    path = tmp_path / "filing.yaml"
    path.write_bytes(BASE_FILING.encode("utf-8").replace("张三".encode(), "张三".encode("gbk")))
    issue = validate(load(path)).report.issues[0]
    assert issue.code == "input.encoding"
    assert issue.location.line == next(n for n, ln in enumerate(BASE_FILING.splitlines(), 1) if "张三" in ln)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x","x"]']
    for i in range(1, 9):
        refs = ",".join(f"*a{i - 1}" for _ in range(10))
        lines.append(f"a{i}: &a{i} [{refs}]")
    path = tmp_path / "filing.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "input.limit-exceeded" in validate(load(path)).report.codes()


def _table_filing(tmp_path: Path, table_name: str, content: bytes, sheet: str = "") -> Path:
    (tmp_path / table_name).write_bytes(content)
    ref = f"{{file: {table_name}{', sheet: ' + sheet if sheet else ''}, select: {{source: grid}}}}"
    text = BASE_FILING.replace("        records:\n          - {period: \"2025\", quantity: 1000, unit: MWh}",
                               f"        records: {ref}")
    path = tmp_path / "filing.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_cell_location(tmp_path: Path) -> None:
    csv = b"source,period,quantity,unit\ngrid,2025-01,500,MWh\ngrid,2025-02,abc,MWh\n"
    report = validate(load(_table_filing(tmp_path, "e.csv", csv))).report
    issue = next(i for i in report.issues if i.code == "schema.wrong-type")
    assert str(issue.location).endswith("e.csv:3:3")


def test_csv_gbk_is_read_with_a_warning(tmp_path: Path) -> None:
    csv = "source,period,quantity,unit,evidence\ngrid,2025,1000,MWh,电费单\n".encode("gbk")
    report = validate(load(_table_filing(tmp_path, "e.csv", csv))).report
    assert "input.csv-encoding-gbk" in report.codes()
    assert report.valid


def test_missing_side_file(tmp_path: Path) -> None:
    path = _table_filing(tmp_path, "e.csv", b"")
    (tmp_path / "e.csv").unlink()
    issue = validate(load(path)).report.issues[0]
    assert issue.code == "input.file-missing"
    assert issue.location.line is not None


def test_xlsx_cell_location_and_missing_sheet(tmp_path: Path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "电力"
    ws.append(["source", "period", "quantity", "unit"])
    ws.append(["grid", "2025", -5, "MWh"])
    wb.save(tmp_path / "e.xlsx")
    report = validate(load(_table_filing(tmp_path, "e.xlsx", (tmp_path / "e.xlsx").read_bytes(), "电力"))).report
    issue = next(i for i in report.issues if i.code == "rule.ghg.negative")
    assert str(issue.location).endswith("e.xlsx!电力!C2")
    report = validate(load(_table_filing(tmp_path, "e.xlsx", (tmp_path / "e.xlsx").read_bytes(), "Sheet9"))).report
    assert report.codes()[0] == "input.xlsx-sheet"


def test_not_an_xlsx(tmp_path: Path) -> None:
    report = validate(load(_table_filing(tmp_path, "e.xlsx", b"not a zip"))).report
    assert report.codes()[0] == "input.xlsx-unreadable"
