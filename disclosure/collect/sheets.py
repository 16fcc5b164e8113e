"""The sheets a subsidiary's workbook has beyond its facilities: 签字 (sign-off) and 上年数据 (last year).

签字 is read back (who prepared, who reviewed, when, how to reach them, the declaration); 上年数据 is
for the subsidiary to compare against and is never read. Both are written with openpyxl and read with
the safe reader, like every workbook that comes back from outside.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from disclosure.intake.xlsx_safe import Workbook as SafeWorkbook
from disclosure.intake.xlsx_safe import column_letters
from disclosure.issues import Location

SIGNOFF = "签字"
PRIOR = "上年数据"
SHEETS = frozenset({SIGNOFF, PRIOR})
"""Sheets of a subsidiary workbook that are not the filing's (the reader skips them)."""

FIELDS: tuple[tuple[str, str, str, bool], ...] = (
    ("entity", "单位编号", "Entity id (from the group's boundary; do not change)", True),
    ("entity_name", "单位名称", "Entity name", False),
    ("preparer", "填报人", "Preparer (name)", True),
    ("reviewer", "审核人", "Reviewer (name; not the preparer)", True),
    ("date", "签字日期", "Date signed (2026-03-15)", True),
    ("contact", "联系电话/邮箱", "Phone or e-mail of the preparer", True),
    ("confirmed", "数据真实准确完整", "I confirm the data are true, accurate and complete (是/否)", True),
    ("note", "说明", "Anything the group should know (a new facility, a closure, a restatement)", False),
)
"""(key, zh-CN label, en label, required to sign)."""
_HEAD = Font(bold=True)
_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass
class SignOff:
    """What the 签字 sheet says, with the cell of each field."""

    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, Location] = field(default_factory=dict)
    sheet: Location | None = None
    """The sheet itself (None: the workbook has no 签字 sheet)."""

    def text(self, key: str) -> str:
        value = self.values.get(key)
        if isinstance(value, datetime | date):
            return value.strftime("%Y-%m-%d")
        if isinstance(value, Decimal) and value == value.to_integral_value():
            return str(int(value))
        return "" if value is None else str(value).strip()

    @property
    def missing(self) -> list[str]:
        """Required fields left empty, or a declaration not confirmed."""
        out = [k for k, _, _, need in FIELDS if need and not self.text(k)]
        if "confirmed" not in out and self.text("confirmed").lower() not in ("是", "yes", "true", "y"):
            out.append("confirmed")
        return out

    @property
    def signed(self) -> bool:
        return self.sheet is not None and not self.missing

    def signer(self) -> dict[str, str]:
        """Who signed, for the trail and the status table."""
        return {"preparer": self.text("preparer"), "reviewer": self.text("reviewer"), "date": self.text("date"),
                "contact": self.text("contact")}


def write_signoff(book: Workbook, entity: str, name: str, values: dict[str, Any] | None = None) -> None:
    """The 签字 sheet, its entity prefilled (and ``values`` typed in, for a workbook filled by a program)."""
    ws = book.create_sheet(SIGNOFF)
    ws["A1"] = "填报确认与签字 Sign-off"
    ws["A1"].font = Font(bold=True, size=13)
    for col, text in enumerate(("项目\nitem", "字段键\nkey", "填写值\nvalue", "说明\nexplanation"), start=1):
        cell = ws.cell(row=2, column=col, value=text)
        cell.font, cell.fill, cell.alignment = _HEAD, _FILL, Alignment(wrap_text=True)
    for width, letter in zip((24, 22, 40, 70), "ABCD", strict=True):
        ws.column_dimensions[letter].width = width
    prefilled = {"entity": entity, "entity_name": name, **(values or {})}
    for row, (key, zh, en, need) in enumerate(FIELDS, start=3):
        ws.cell(row=row, column=1, value=("* " if need else "") + zh).font = Font(
            bold=need, color="C00000" if need else "000000")
        ws.cell(row=row, column=2, value=f"signoff.{key}")
        value = ws.cell(row=row, column=3, value=prefilled.get(key))
        value.number_format = "yyyy-mm-dd" if key == "date" else "@"
        ws.cell(row=row, column=4, value=en)
    confirmed = 3 + [k for k, *_ in FIELDS].index("confirmed")
    dv = DataValidation(type="list", formula1='"是,否"', allow_blank=True)
    ws.add_data_validation(dv)
    dv.add(f"C{confirmed}")
    ws.row_dimensions[1].height, ws.row_dimensions[2].height = 24, 32
    ws.freeze_panes = "A3"


def read_signoff(book: SafeWorkbook, display: str) -> SignOff:
    """The 签字 sheet of a returned workbook (keys in column B, values in column C)."""
    out = SignOff()
    sheet = next((s for s in book.sheets if s.name == SIGNOFF and s.kind == "worksheet"), None)
    if sheet is None:
        return out
    out.sheet = Location(display, sheet=SIGNOFF, cell="C3")
    for row in book.rows(sheet):
        cells = dict(row.cells)
        key = cells.get(2)
        if isinstance(key, str) and key.strip().startswith("signoff."):
            name = key.strip()[len("signoff."):]
            out.values[name] = cells.get(3)
            out.cells[name] = Location(display, sheet=SIGNOFF, cell=f"{column_letters(3)}{row.number}")
    return out


PRIOR_HEAD = (("设施", "facility"), ("排放源", "source"), ("类别", "kind"), ("上年用量", "quantity"),
              ("单位", "unit"), ("上年排放量 tCO2e", "emissions"))


def write_prior(book: Workbook, year: int | None, rows: list[dict[str, Any]]) -> None:
    """Last year's figures of the entity's facilities, for reference (never read back)."""
    ws = book.create_sheet(PRIOR)
    title = f"{year}年数据（供对比，勿修改）Figures of {year}, for comparison" if year else \
        "上年数据 Last year's figures (none on record)"
    ws["A1"] = title
    ws["A1"].font = Font(bold=True, size=13)
    for col, (zh, en) in enumerate(PRIOR_HEAD, start=1):
        cell = ws.cell(row=2, column=col, value=f"{zh}\n{en}")
        cell.font, cell.fill, cell.alignment = _HEAD, _FILL, Alignment(wrap_text=True)
        ws.column_dimensions[column_letters(col)].width = 18
    for n, row in enumerate(rows, start=3):
        for col, (_, key) in enumerate(PRIOR_HEAD, start=1):
            value = row.get(key)
            cell = ws.cell(row=n, column=col, value=str(value) if isinstance(value, Decimal) else value)
            if isinstance(value, Decimal):
                cell.value = float(value) if Decimal(format(float(value), ".16g")) == value else str(value)
    ws.row_dimensions[1].height, ws.row_dimensions[2].height = 24, 32
    ws.freeze_panes = "A3"
