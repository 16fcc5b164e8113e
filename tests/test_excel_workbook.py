"""filing.xlsx: the template built from the schema, filled with openpyxl as a person would, read by
validate and build; convert YAML ⇄ XLSX without loss for the samples and for random filings."""

from __future__ import annotations

import copy
import io
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure.cli import main
from disclosure.convert import convert, plain, read_model, to_yaml
from disclosure.intake.layout import layout
from disclosure.intake.loader import load
from disclosure.intake.starter import SECTORS
from disclosure.intake.template import write_workbook
from disclosure.intake.workbook import read_filing
from disclosure.issues import Severity
from disclosure.model import Filing
from disclosure.output import figures_dict
from disclosure.validate import validate

SAMPLES = ("central-soe-power", "qinghai-aluminium", "szse-cement")
USCC = "91350100M00020000F"


def _init(tmp_path: Path, sector: str) -> Path:
    result = CliRunner().invoke(main, ["init", str(tmp_path / sector), "--format", "xlsx", "--sector", sector])
    assert result.exit_code == 0, result.output
    return tmp_path / sector / "filing.xlsx"


@pytest.mark.parametrize("sector", SECTORS)
def test_untouched_template_fails_on_its_placeholders_at_their_cells(sector: str, tmp_path: Path) -> None:
    report = validate(load(_init(tmp_path, sector))).report
    assert not report.valid
    codes = {i.code for i in report.errors}
    assert codes <= {"rule.placeholder.text", "rule.placeholder.uscc"}, report.flatten()[:5]
    assert "rule.placeholder.uscc" in codes
    for issue in report.errors:
        assert issue.location.sheet and issue.location.cell, issue.location
        assert issue.location.file and issue.location.file.endswith("filing.xlsx")


def test_template_is_a_workbook_a_person_can_fill(tmp_path: Path) -> None:
    book = openpyxl.load_workbook(_init(tmp_path, "generic"))
    names = book.sheetnames
    assert names[0] == "说明" and {"report", "entity", "facilities", "facilities.combustion.records"} <= set(names)
    assert len(names) >= len([s for s in layout() if s.kind == "table"])
    records = book["facilities.combustion.records"]
    assert records.freeze_panes == "A3"
    headers = [c.value for c in records[2]]
    assert headers[0] == "所属设施\nfacilities.id" and headers[1] == "所属燃料燃烧\ncombustion.id"
    assert any(h and h.endswith("\nquantity") and h.startswith("数量") for h in headers)
    period = headers.index(next(h for h in headers if h and h.endswith("\nperiod"))) + 1
    assert records.cell(row=3, column=period).number_format == "@"  # a typed 2025-01 stays text
    assert records.cell(row=2, column=period).comment is not None
    assert records.cell(row=3, column=1).font.i  # example rows are marked
    entity = book["entity"]
    row = next(r for r in range(3, entity.max_row + 1) if entity.cell(row=r, column=2).value == "entity.ownership")
    lists = [dv for dv in entity.data_validations.dataValidation if f"C{row}" in str(dv.sqref)]
    assert lists and "central-soe" in lists[0].formula1 and lists[0].showErrorMessage
    facilities = book["facilities"]
    letter = openpyxl.utils.get_column_letter([c.value for c in facilities[2]].index("省份\nprovince") + 1)
    (province,) = [dv for dv in facilities.data_validations.dataValidation if f"{letter}3:" in str(dv.sqref)]
    assert "青海" in province.formula1 and not province.showErrorMessage  # suggests, also accepts 青海省
    fuel_sheet = book["facilities.combustion"]
    letter = openpyxl.utils.get_column_letter([c.value for c in fuel_sheet[2]].index("燃料品种\nfuel") + 1)
    (fuel,) = [dv for dv in fuel_sheet.data_validations.dataValidation if f"{letter}3:" in str(dv.sqref)]
    assert "natural_gas" in fuel.formula1 and fuel.showErrorMessage
    assert book["说明"]["A1"].value == "温室气体排放信息披露填报工作簿"


def _replace_placeholders(book: Any) -> None:
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str) and cell.value == "91350100M000100Y43":
                    cell.value = USCC
                elif isinstance(cell.value, str) and ("示例" in cell.value or "EXAMPLE" in cell.value
                                                      or "Example" in cell.value):
                    text = cell.value.replace("示例股份有限公司", "察尔汗化工股份有限公司").replace(
                        "Example Co., Ltd.", "Qarhan Chemicals Co., Ltd.").replace("Example", "Qarhan")
                    for word in ("示例：", "EXAMPLE: ", "示例", "EXAMPLE"):
                        text = text.replace(word, "")
                    cell.value = text.strip() or "王芳"
                cell.font = openpyxl.styles.Font()


GAS = [Decimal("10.5") + m for m in range(12)]


def _fill_as_a_person(path: Path, blank_month: int | None) -> Path:
    """Replace the examples, then type twelve months of gas: Excel made dates of the months, the numbers
    were pasted as text, a title row was added above the header, and a 合计 row closes the table."""
    book = openpyxl.load_workbook(path)
    _replace_placeholders(book)
    ws = book["facilities.combustion.records"]
    headers = {str(c.value).splitlines()[-1]: c.column for c in ws[2] if c.value}
    ws.delete_rows(3, ws.max_row)
    for m in range(1, 13):
        row = 2 + m
        ws.cell(row=row, column=headers["facilities.id"], value="SITE-1")
        ws.cell(row=row, column=headers["combustion.id"], value="boiler-gas")
        ws.cell(row=row, column=headers["period"], value=datetime(2025, m, 1))  # noqa: DTZ001
        if m != blank_month:
            ws.cell(row=row, column=headers["quantity"], value=f"{GAS[m - 1]:,}")
        ws.cell(row=row, column=headers["unit"], value="10^4Nm3")
    ws.cell(row=15, column=1, value="合计")
    ws.cell(row=15, column=headers["quantity"], value=float(sum(GAS[i] for i in range(12) if i + 1 != blank_month)))
    ws.insert_rows(1)
    ws["A1"] = "2025年天然气消耗月报（填报：能源管理部）"
    book.save(path)
    return path


def test_template_filled_by_a_person_validates_and_computes(tmp_path: Path) -> None:
    path = _fill_as_a_person(_init(tmp_path, "generic"), blank_month=4)
    report = validate(load(path)).report
    errors = [(i.code, str(i.location)) for i in report.errors]
    # the blank April: its own cell (row 3 + 3 after the added title row), its field named
    quantity_col = [c for c in openpyxl.load_workbook(path)["facilities.combustion.records"][3]
                    if str(c.value).endswith("\nquantity")][0].column_letter
    assert errors == [("schema.missing", f"{path}!facilities.combustion.records!{quantity_col}7")], errors
    assert "quantity" in report.errors[0].message("zh-CN")

    path = _fill_as_a_person(_init(tmp_path / "again", "generic"), blank_month=None)
    outcome = validate(load(path))
    assert outcome.report.valid, outcome.report.flatten()[:5]
    assert outcome.filing is not None and outcome.figures is not None
    gas = outcome.filing.facilities[0].combustion[0].records
    assert [r.period for r in gas] == [f"2025-{m:02d}" for m in range(1, 13)]
    assert sum(r.quantity for r in gas) == sum(GAS)
    # the same filing as YAML computes the same figures
    yaml_path = tmp_path / "filing.yaml"
    yaml_path.write_text(to_yaml(plain(outcome.filing)), encoding="utf-8")
    again = validate(load(yaml_path))
    assert again.figures is not None and figures_dict(again.figures) == figures_dict(outcome.figures)
    assert outcome.figures.totals.scope1 > 0


def test_totals_row_in_the_workbook_is_checked(tmp_path: Path) -> None:
    path = _fill_as_a_person(_init(tmp_path, "generic"), blank_month=None)
    book = openpyxl.load_workbook(path)
    ws = book["facilities.combustion.records"]
    quantity = [c for c in ws[3] if str(c.value).endswith("\nquantity")][0].column
    ws.cell(row=16, column=quantity, value=1)
    book.save(path)
    errors = [(i.code, str(i.location)) for i in validate(load(path)).report.errors]
    letter = openpyxl.utils.get_column_letter(quantity)
    assert errors == [("input.table-total-mismatch", f"{path}!facilities.combustion.records!{letter}16")]


def test_a_row_naming_a_missing_parent_points_to_its_cell(tmp_path: Path) -> None:
    path = _fill_as_a_person(_init(tmp_path, "generic"), blank_month=None)
    book = openpyxl.load_workbook(path)
    book["facilities.combustion.records"]["A5"] = "SITE-9"
    book["说明"].title = "说明"
    book.create_sheet("设施表")["A1"] = "x"
    book.save(path)
    report = validate(load(path)).report
    found = {(i.code, str(i.location).rsplit("!", 2)[-2] + "!" + str(i.location).rsplit("!", 1)[-1])
             for i in report.errors}
    assert ("input.workbook-parent", "facilities.combustion.records!A5") in found
    assert ("input.workbook-sheet", "设施表!A1") in found
    parent = next(i for i in report.errors if i.code == "input.workbook-parent")
    assert "SITE-1" in parent.hint("zh-CN")


@pytest.mark.parametrize("sample", SAMPLES)
def test_samples_convert_to_xlsx_and_back_without_loss(sample: str, samples: Path, tmp_path: Path) -> None:
    source = samples / sample / "filing.yaml"
    original, report = read_model(source)
    assert original is not None, report.flatten()
    xlsx = tmp_path / "filing.xlsx"
    converted = convert(source, xlsx)
    assert converted.content is not None
    xlsx.write_bytes(converted.content)
    assert convert(source, xlsx).content == converted.content  # byte-deterministic
    from_xlsx, report = read_model(xlsx)
    assert from_xlsx == original, report.flatten()[:5]
    back = convert(xlsx, tmp_path / "back.yaml")
    assert back.content is not None
    (tmp_path / "back.yaml").write_bytes(back.content)
    from_yaml, _ = read_model(tmp_path / "back.yaml")
    assert from_yaml == original
    # the workbook validates exactly as the YAML does, findings located in its cells
    yaml_report = validate(load(source)).report
    xlsx_report = validate(load(xlsx)).report
    assert [i.code for i in xlsx_report.issues] == [i.code for i in yaml_report.issues]
    assert all(i.location.sheet for i in xlsx_report.issues if i.location.path), xlsx_report.flatten()[:3]


def test_cli_convert_both_ways(samples: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = tmp_path / "c.xlsx"
    result = runner.invoke(main, ["convert", str(samples / "szse-cement" / "filing.yaml"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert runner.invoke(main, ["convert", str(samples / "szse-cement" / "filing.yaml"), "-o", str(out)]).exit_code == 3
    result = runner.invoke(main, ["convert", str(out), "-o", str(tmp_path / "c.yaml")])
    assert result.exit_code == 0 and (tmp_path / "c.yaml").read_text(encoding="utf-8").startswith("# Converted")
    broken = tmp_path / "broken.yaml"
    broken.write_text("schema_version: '1.0'\nreport: {titel: x}\n", encoding="utf-8")
    result = runner.invoke(main, ["convert", str(broken), "-o", str(tmp_path / "b.xlsx")])
    assert result.exit_code == 1 and "titel" in result.output and not (tmp_path / "b.xlsx").exists()


# --- random filings ---------------------------------------------------------------------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Co", "Cn"), blacklist_characters="\ufffe\uffff"),
                min_size=1, max_size=40).filter(lambda t: t.strip() == t and t.strip() != "")
_DECIMAL = st.decimals(min_value=Decimal("-1e12"), max_value=Decimal("1e12"), allow_nan=False, allow_infinity=False,
                       places=None).filter(lambda d: d.as_tuple().exponent >= -10)  # type: ignore[operator]


def _slots(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], Any]]:
    out: list[tuple[tuple[Any, ...], Any]] = []
    if isinstance(node, dict):
        for k, v in node.items():
            out += _slots(v, (*path, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _slots(v, (*path, i))
    else:
        out.append((path, node))
    return out


_BASES: dict[str, dict[str, Any]] = {}


def _base(name: str) -> dict[str, Any]:
    if name not in _BASES:
        model, _ = read_model(Path(__file__).parent.parent / "samples" / name / "filing.yaml")
        assert model is not None
        _BASES[name] = plain(model)
    return _BASES[name]


@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(sample=st.sampled_from(SAMPLES), picks=st.lists(st.tuples(st.integers(0, 10_000), _TEXT, _DECIMAL),
                                                        min_size=1, max_size=12),
       drop=st.integers(0, 10_000))
def test_random_filings_round_trip_through_xlsx(sample: str, picks: list[tuple[int, str, Decimal]], drop: int) -> None:
    """Texts (CJK, symbols, '=' formulas, '0012', 'true', '2025-01') and exact decimals put into random slots
    of a sample; the filing read back from its workbook is the same model."""
    data = copy.deepcopy(_base(sample))
    slots = _slots(data)
    for n, text, number in picks:
        path, old = slots[n % len(slots)]
        holder = data
        for part in path[:-1]:
            holder = holder[part]
        holder[path[-1]] = number if isinstance(old, Decimal) else (text if isinstance(old, str) else old)
    lists = [(p, v) for p, v in _slots_lists(data) if len(v) > 1]
    if lists:
        path, value = lists[drop % len(lists)]
        value.pop(drop % len(value))
    try:
        model = Filing.model_validate(data)
    except Exception:  # noqa: BLE001 - a mutation the schema refuses is not a filing to round-trip
        return
    content = write_workbook(plain(model))
    read, _, _, issues = read_filing(content, "filing.xlsx")
    assert issues == []
    assert Filing.model_validate(read) == model


def _slots_lists(node: Any) -> list[tuple[tuple[Any, ...], list[Any]]]:
    out: list[tuple[tuple[Any, ...], list[Any]]] = []
    stack: list[tuple[Any, tuple[Any, ...]]] = [(node, ())]
    while stack:
        item, path = stack.pop()
        if isinstance(item, dict):
            stack += [(v, (*path, k)) for k, v in item.items()]
        elif isinstance(item, list):
            if item and isinstance(item[0], dict):
                out.append((path, item))
            stack += [(v, (*path, i)) for i, v in enumerate(item)]
    return out


def test_tricky_texts_stay_texts() -> None:
    data = copy.deepcopy(_base("szse-cement"))
    tricky = ["=HYPERLINK(\"http://x\")", "0012", "true", "2025-01", "1e3", "  ", "null", "多行\n文本", "_x0041_"]
    bodies = data["governance"]["bodies"]
    for n, text in enumerate(tricky):
        bodies.append({**bodies[0], "name": {"zh-CN": text, "en": f"x{n}"}})
    model = Filing.model_validate(data)
    read, _, _, issues = read_filing(write_workbook(plain(model)), "filing.xlsx")
    assert issues == []
    got = [b["name"]["zh-CN"] for b in read["governance"]["bodies"]][1:]
    assert got == tricky, got
    book = openpyxl.load_workbook(io.BytesIO(write_workbook(plain(model))))
    assert all(c.data_type != "f" for ws in book.worksheets for row in ws.iter_rows() for c in row)


def test_example_template_marks_severity_only_on_placeholders(tmp_path: Path) -> None:
    report = validate(load(_init(tmp_path, "power"))).report
    assert all(i.level is not Severity.ERROR or i.code.startswith("rule.placeholder") for i in report.issues)


@pytest.mark.slow
@pytest.mark.parametrize("sample", SAMPLES)
def test_sample_workbook_builds_the_same_reports(sample: str, samples: Path, tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """The converted workbook builds byte-identical figures.json, XBRL, iXBRL and Word documents; only the
    trail differs, and it names the workbook's own cells."""
    from disclosure.build import BuildOptions, build

    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    source = samples / sample / "filing.yaml"
    xlsx = tmp_path / "wb" / "filing.xlsx"
    xlsx.parent.mkdir()
    content = convert(source, xlsx).content
    assert content is not None
    xlsx.write_bytes(content)
    a = build(source, BuildOptions(output=tmp_path / "from-yaml", verify=False))
    b = build(xlsx, BuildOptions(output=tmp_path / "from-xlsx", verify=False))
    assert a.output is not None and b.output is not None, b.report.flatten()[:5]
    assert a.written == b.written
    for name in a.written:
        same = (a.output / name).read_bytes() == (b.output / name).read_bytes()
        assert same == (name not in ("trail.csv", "trail.json", "manifest.json", "validation.json")), name
    trail = (b.output / "trail.csv").read_text(encoding="utf-8")
    assert "filing.xlsx!facilities.combustion.records!A3" in trail or "filing.xlsx!facilities.combustion!" in trail
    assert ".csv" not in trail and "kiln_coal_2025.xlsx" not in trail


def test_validate_writes_findings_workbook_with_links_to_cells(tmp_path: Path) -> None:
    filing = _init(tmp_path, "cement")
    out = tmp_path / "back" / "findings.xlsx"
    result = CliRunner().invoke(main, ["validate", str(filing), "--format", "xlsx", "-o", str(out)])
    assert result.exit_code == 1 and out.is_file(), result.output
    report = validate(load(filing)).report
    ws = openpyxl.load_workbook(out)["问题清单 findings"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(report.issues)
    assert [r[1] for r in rows] == [i.code for i in report.issues]
    first = ws.cell(row=2, column=3)
    issue = report.issues[0]
    assert first.hyperlink.target == f"../cement/filing.xlsx#'{issue.location.sheet}'!{issue.location.cell}"
    assert rows[0][4] == issue.message("zh-CN") and rows[0][6] == issue.message("en")
    again = tmp_path / "back" / "again.xlsx"
    assert CliRunner().invoke(main, ["validate", str(filing), "--format", "xlsx", "-o", str(again)]).exit_code == 1
    assert again.read_bytes() == out.read_bytes()  # deterministic
