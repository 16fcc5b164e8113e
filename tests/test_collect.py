"""Group collection: ``collect plan`` writes one workbook per entity; subsidiaries fill and sign them;
``collect merge`` checks each on its own, merges the signed valid ones, consolidates by the boundary's
approach and writes the status table and a trail naming workbook, cell and signer."""

from __future__ import annotations

import io
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner

from disclosure.catalogue import CATALOGUE
from disclosure.cli import main
from disclosure.collect import merge, plan, write_merged
from disclosure.collect.plan import entity_workbook
from disclosure.collect.sheets import PRIOR, SIGNOFF
from disclosure.convert import plain, read_model
from disclosure.errors import DisclosureError
from disclosure.intake.loader import load
from disclosure.validate import validate

ROOT = Path(__file__).resolve().parent.parent
QH = ROOT / "samples" / "qinghai-aluminium" / "filing.yaml"
CEMENT = ROOT / "samples" / "szse-cement" / "filing.yaml"
SIGN = {"preparer": "王芳", "reviewer": "李强", "date": "2026-03-15", "contact": "0971-8123456", "confirmed": "是"}


def _plan(tmp_path: Path, group: Path = QH) -> Path:
    out = tmp_path / "collect"
    result = plan(group, out, prior=group)
    assert result.written, result.report.issues
    return out


def _return_filled(folder: Path, group: Path, entity: str, change: dict[str, Decimal] | None = None,
                   signoff: dict[str, Any] | None = None) -> None:
    """The entity returns its workbook with the group sample's data for its facilities (so the merge
    can be compared with the sample), optionally a source's quantities scaled, signed."""
    filing, _ = read_model(group)
    assert filing is not None
    facilities = [f for f in plain(filing)["facilities"] if f["entity"] == entity]
    for fac in facilities:
        for kind in ("combustion", "electricity", "heat"):
            for source in fac.get(kind) or []:
                factor = (change or {}).get(source["id"])
                for record in source["records"] if factor else []:
                    record["quantity"] = record["quantity"] * factor
    prior = _plan_data(folder)["prior"]
    content = entity_workbook(entity, entity, facilities, prior, SIGN if signoff is None else signoff)
    (folder / f"{entity}.xlsx").write_bytes(content)


def _plan_data(folder: Path) -> dict[str, Any]:
    import yaml

    return yaml.safe_load((folder / "collect.yaml").read_text(encoding="utf-8"))


def _headers(ws: Any) -> dict[str, int]:
    return {str(c.value).splitlines()[-1]: c.column for c in ws[2] if c.value}


def test_plan_writes_one_prefilled_workbook_per_entity(tmp_path: Path) -> None:
    out = _plan(tmp_path)
    assert sorted(p.name for p in out.iterdir()) == ["QHAL.xlsx", "QHCARBON.xlsx", "collect.yaml"]
    book = openpyxl.load_workbook(out / "QHAL.xlsx")
    assert book.sheetnames[0] == "说明" and {SIGNOFF, PRIOR, "facilities", "facilities.meters"} <= set(book.sheetnames)
    assert "report" not in book.sheetnames and "boundary.entities" not in book.sheetnames
    facilities = book["facilities"]
    ids = [facilities.cell(row=r, column=_headers(facilities)["id"]).value for r in range(3, facilities.max_row + 1)]
    assert ids == ["QHAL-SMELTER"]  # only its own facilities
    records = book["facilities.combustion.records"]
    h = _headers(records)
    coal = [r for r in range(3, records.max_row + 1) if records.cell(row=r, column=h["combustion.id"]).value
            == "captive-coal"]
    assert [records.cell(row=r, column=h["period"]).value for r in coal] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert all(records.cell(row=r, column=h["quantity"]).value is None for r in coal)  # to fill
    assert {records.cell(row=r, column=h["unit"]).value for r in coal} == {"t"}
    meters = book["facilities.meters.calibrations"]
    assert meters.max_row >= 3 + 3  # meters and their calibrations carried over
    prior = book[PRIOR]
    values = {(prior.cell(row=r, column=1).value, prior.cell(row=r, column=2).value): prior.cell(row=r, column=6).value
              for r in range(3, prior.max_row + 1)}
    assert values[("QHAL-SMELTER", "captive-coal")] > 1_000_000  # last year's emissions, tCO2e
    sign = book[SIGNOFF]
    keys = {sign.cell(row=r, column=2).value: sign.cell(row=r, column=3).value for r in range(3, sign.max_row + 1)}
    assert keys["signoff.entity"] == "QHAL" and keys["signoff.preparer"] is None
    plan_data = _plan_data(out)
    assert plan_data["fiscal_year"] == 2025 and [e["id"] for e in plan_data["entities"]] == ["QHAL", "QHCARBON"]
    with pytest.raises(DisclosureError) as err:  # a returned workbook is never overwritten
        plan(QH, out, prior=QH)
    assert err.value.code == "collect.exists"


def test_plan_is_deterministic(tmp_path: Path) -> None:
    a, b = _plan(tmp_path / "a"), _plan(tmp_path / "b")
    assert (a / "QHAL.xlsx").read_bytes() == (b / "QHAL.xlsx").read_bytes()


def test_unreturned_workbooks_are_chased(tmp_path: Path) -> None:
    out = _plan(tmp_path)
    merged = merge(out)
    assert not merged.complete and merged.figures is None
    assert [(i.code, i.location.file) for i in merged.report.errors] == [
        ("input.collect-not-returned", str(out / "QHAL.xlsx")),
        ("input.collect-not-returned", str(out / "QHCARBON.xlsx"))]
    write_merged(merged, out / "merged")
    status = (out / "merged" / "status.csv").read_text(encoding="utf-8-sig").splitlines()
    assert len(status) == 3 and all("未报回" in line for line in status[1:])
    assert not (out / "merged" / "filing.xlsx").exists()  # nothing half: no group filing when incomplete


def test_a_person_fills_the_blank_workbook_findings_point_to_its_cells(tmp_path: Path) -> None:
    """QHCARBON fills its planned workbook by hand in Excel but leaves July's electricity blank and
    does not sign; the merge names that cell and the missing signature, and merges nothing of it."""
    out = _plan(tmp_path)
    path = out / "QHCARBON.xlsx"
    book = openpyxl.load_workbook(path)
    for name in ("facilities.combustion.records", "facilities.electricity.records"):
        ws = book[name]
        h = _headers(ws)
        for r in range(3, ws.max_row + 1):
            if ws.cell(row=r, column=h["period"]).value != "2025-07" or "electricity" not in name:
                ws.cell(row=r, column=h["quantity"], value=2215.8 if "combustion" in name else 7800)
    products = book["facilities.products"]
    products.cell(row=3, column=_headers(products)["quantity"], value=176800)
    book.save(path)
    merged = merge(out)
    errors = {(i.code, str(i.location)) for i in merged.report.errors}
    missing = next(i for i in merged.report.errors if i.code == "schema.missing")
    assert missing.location.file == str(path) and missing.location.sheet == "facilities.electricity.records"
    row = int(re.sub(r"\D", "", missing.location.cell or ""))
    assert openpyxl.load_workbook(path)["facilities.electricity.records"].cell(row=row, column=_headers(
        book["facilities.electricity.records"])["period"]).value == "2025-07"
    assert ("input.collect-unsigned", f"{path}!{SIGNOFF}!C5") in errors  # the preparer's cell
    assert ("input.collect-not-returned", str(out / "QHAL.xlsx")) in errors
    state = {r.entity: r for r in merged.returned}
    assert state["QHCARBON"].returned and state["QHCARBON"].readable and not state["QHCARBON"].mergeable
    assert merged.figures is None


@pytest.mark.parametrize("group", [QH, CEMENT], ids=["operational-control", "equity-share"])
def test_merge_equals_the_single_filing_and_trail_names_workbook_cell_and_signer(group: Path, tmp_path: Path) -> None:
    out = _plan(tmp_path, group)
    entities = [e["id"] for e in _plan_data(out)["entities"]]
    for entity in entities:
        _return_filled(out, group, entity)
    merged = merge(out, jobs=2)
    assert merged.complete, merged.report.flatten()[:5]
    single = validate(load(group)).figures
    assert single is not None and merged.figures is not None
    # consolidation by the boundary's approach: the same totals as the one-file filing, every approach
    assert merged.figures.approach == single.approach
    assert merged.figures.totals == single.totals
    assert merged.figures.by_approach == single.by_approach
    written = write_merged(merged, out / "merged")
    assert {p.name for p in written} >= {"status.csv", "status.xlsx", "status.html", "findings.xlsx", "trail.json",
                                          "figures.json", "filing.xlsx"}
    trail = json.loads((out / "merged" / "trail.json").read_text(encoding="utf-8"))
    record = next(e for e in trail["entries"] if e["location"].endswith(tuple("0123456789")) and "!" in e["location"])
    workbook, sheet, cell = record["location"].split("!")
    assert Path(workbook).parent == out and sheet.startswith("facilities.") and re.fullmatch(r"[A-Z]+\d+", cell)
    assert record["signed_by"] == [workbook]
    assert trail["workbooks"][workbook]["preparer"] == "王芳" and trail["workbooks"][workbook]["reviewer"] == "李强"
    group_total = next(e for e in trail["entries"] if e["id"] == "group/scope1")
    assert group_total["signed_by"] == sorted(str(out / f"{e}.xlsx") for e in entities)
    # the merged group filing builds the same figures on its own
    rebuilt = validate(load(out / "merged" / "filing.xlsx")).figures
    assert rebuilt is not None and rebuilt.totals == single.totals


def test_status_table_csv_xlsx_html(tmp_path: Path) -> None:
    out = _plan(tmp_path)
    _return_filled(out, QH, "QHAL")
    _return_filled(out, QH, "QHCARBON", change={"bake-gas": Decimal(3)},
                   signoff={**SIGN, "reviewer": "王芳", "note": "新增焙烧炉"})
    merged = merge(out)
    assert merged.complete  # a change and a self-review are warnings: asked about, not blocking
    codes = {i.code: i for i in merged.report.warnings}
    change = codes["rule.collect.change"]
    assert change.location.file == str(out / "QHCARBON.xlsx") and change.location.sheet == "facilities"
    assert "QHCARBON-ANODE" in change.message("zh-CN") and "范围一" in change.message("zh-CN")
    assert codes["input.collect-same-person"].location.cell == "C6"
    first = write_merged(merged, out / "m1")
    second = write_merged(merge(out), out / "m2")
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name  # deterministic
    csv_text = (out / "m1" / "status.csv").read_bytes()
    assert csv_text.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    lines = csv_text.decode("utf-8-sig").splitlines()
    carbon = next(line for line in lines if line.startswith("QHCARBON,"))
    assert "已合并" in carbon and "QHCARBON-ANODE 范围一 +" in carbon and "新增焙烧炉" in carbon
    page = (out / "m1" / "status.html").read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page and "https://" not in page and "<style>" in page
    assert 'href="../QHCARBON.xlsx"' in page
    book = openpyxl.load_workbook(out / "m1" / "status.xlsx")
    ws = book.worksheets[0]
    assert ws.cell(row=2, column=1).value == "QHAL" and ws.cell(row=2, column=3).hyperlink.target == "../QHAL.xlsx"
    summary = {r[0].value: r[1].value for r in book["汇总 summary"].iter_rows()}
    assert summary["已合并 merged"] == 2 and summary["集团汇总完整 complete"] == "是 yes"


def test_wrong_entity_stray_copy_and_broken_workbook(tmp_path: Path) -> None:
    out = _plan(tmp_path)
    _return_filled(out, QH, "QHAL", signoff={**SIGN, "entity": "QHCARBON"})
    shutil.copy(out / "QHAL.xlsx", out / "QHAL (1).xlsx")
    (out / "QHCARBON.xlsx").write_bytes(b"PK\x03\x04 not really a workbook")
    merged = merge(out)
    found = {i.code: i for i in merged.report.issues}
    assert found["input.collect-entity"].location.cell == "C3"
    assert found["input.collect-unknown-workbook"].location.file == str(out / "QHAL (1).xlsx")
    broken = [i for i in merged.report.errors if i.location.file == str(out / "QHCARBON.xlsx")]
    assert broken and broken[0].code.startswith("input.xlsx")
    state = {r.entity: r for r in merged.returned}
    assert state["QHCARBON"].returned and not state["QHCARBON"].readable
    assert not merged.complete


def test_cli_plan_and_merge(tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "c"
    result = runner.invoke(main, ["collect", "plan", str(QH), "-o", str(out), "--prior", str(QH), "-j", "1"])
    assert result.exit_code == 0, result.output
    assert "QHAL.xlsx" in result.output
    result = runner.invoke(main, ["collect", "merge", str(out)])
    assert result.exit_code == 1 and "input.collect-not-returned" in result.output
    for entity in ("QHAL", "QHCARBON"):
        _return_filled(out, QH, entity)
    result = runner.invoke(main, ["collect", "merge", str(out), "-o", str(tmp_path / "m")])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "m" / "filing.xlsx").exists() and (tmp_path / "m" / "status.html").exists()
    result = runner.invoke(main, ["collect", "merge", str(tmp_path)])
    assert result.exit_code == 1 and "input.collect-plan" in result.output


def test_collect_codes_are_catalogued() -> None:
    used: set[str] = set()
    for path in (ROOT / "disclosure" / "collect").rglob("*.py"):
        used |= set(re.findall(r'"((?:input\.collect-|rule\.collect\.)[a-z0-9.\-]+)"', path.read_text("utf-8")))
    catalogued = {c for c in CATALOGUE if c.startswith(("input.collect-", "rule.collect."))}
    assert used == catalogued and len(used) == 7


def test_workbook_with_unknown_signoff_sheet_reads_elsewhere_as_unknown(tmp_path: Path) -> None:
    """A subsidiary workbook given to validate directly: its own sheets read, the sign-off sheet is not
    part of a filing workbook and says so (the workbook is checked with collect merge)."""
    out = _plan(tmp_path)
    content = io.BytesIO((out / "QHAL.xlsx").read_bytes())
    assert openpyxl.load_workbook(content)[SIGNOFF]["B3"].value == "signoff.entity"
    report = validate(load(out / "QHAL.xlsx")).report
    assert "input.workbook-sheet" in {i.code for i in report.errors}
