"""A renamed sheet of filing.xlsx is one finding naming the sheet it was (found by its header keys),
not also "facilities is missing", every child row's missing parent, or the figures that change
without that table."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from disclosure.convert import convert
from disclosure.intake.loader import load
from disclosure.validate import validate


@pytest.fixture()
def workbook(samples: Path, tmp_path: Path) -> Path:
    path = tmp_path / "filing.xlsx"
    content = convert(samples / "central-soe-power" / "filing.yaml", path).content
    assert content is not None
    path.write_bytes(content)
    return path


@pytest.mark.parametrize(("sheet", "new"), [("facilities", "设施"), ("facilities.combustion", "燃料"),
                                            ("facilities.combustion.records", "燃料月报")])
def test_renamed_table_sheet_is_one_finding_with_the_fix(workbook: Path, sheet: str, new: str) -> None:
    book = openpyxl.load_workbook(workbook)
    book[sheet].title = new
    book.save(workbook)
    report = validate(load(workbook)).report
    assert [(i.code, str(i.location)) for i in report.issues] == [("input.workbook-sheet", f"{workbook}!{new}!A1")]
    (issue,) = report.issues
    assert f"是否为：{sheet}）" in issue.hint("zh-CN") and f"did you mean: {sheet})" in issue.hint("en")


def test_an_extra_sheet_of_ones_own_is_reported_and_the_rest_is_read(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    book.create_sheet("备注")["A1"] = "本表为填报人备注"
    book.save(workbook)
    outcome = validate(load(workbook))
    assert [i.code for i in outcome.report.errors] == ["input.workbook-sheet"]
    assert outcome.figures is not None  # nothing else is lost: the filing is still computed
