"""``disclosure validate --format xlsx``: the findings as a workbook the team hands back to whoever owns
the data — one row a finding, a link that opens the workbook at its cell (or the file at its line), the
message and hint in zh-CN and en, and empty owner / status / answer columns to fill."""

from __future__ import annotations

import io
import os
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from disclosure.intake.template import fixed_zip
from disclosure.issues import Severity, ValidationReport

_HEADERS = [("严重程度", "severity", 10), ("代码", "code", 28), ("位置", "location", 44), ("字段", "field", 36),
            ("问题", "message (zh-CN)", 60), ("处理建议", "hint (zh-CN)", 50), ("Message", "message (en)", 60),
            ("Hint", "hint (en)", 50), ("负责人", "owner", 14), ("状态", "status", 10), ("答复", "answer", 40)]
_FILL = {Severity.ERROR: "F8CBAD", Severity.WARNING: "FFE699", Severity.ACKNOWLEDGED: "E2EFDA"}
_LEVEL = {Severity.ERROR: "错误 error", Severity.WARNING: "警告 warning", Severity.ACKNOWLEDGED: "已确认 acknowledged"}


def _link(file: str, sheet: str | None, cell: str | None, base: Path) -> str:
    """A hyperlink target relative to the findings workbook: the file, at its sheet and cell."""
    target = os.path.relpath(os.path.abspath(file), os.path.abspath(base)).replace(os.sep, "/")
    if sheet is not None:
        quoted = sheet.replace("'", "''")
        return f"{target}#'{quoted}'!{cell or 'A1'}"
    return target


def findings_workbook(report: ValidationReport, base: Path) -> bytes:
    """The report as a workbook; links are relative to ``base``, the folder the workbook is written to."""
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "问题清单 findings"
    for col, (zh, en, width) in enumerate(_HEADERS, start=1):
        cell = ws.cell(row=1, column=col, value=f"{zh}\n{en}")
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = width
    for row, issue in enumerate(report.issues, start=2):
        loc = issue.location
        values = [_LEVEL[issue.level], issue.code, str(loc), loc.to_dict()["path"], issue.message("zh-CN"),
                  issue.hint("zh-CN"), issue.message("en"), issue.hint("en")]
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.cell(row=row, column=1).fill = PatternFill("solid", fgColor=_FILL[issue.level])
        if loc.file:
            where = ws.cell(row=row, column=3)
            where.hyperlink = _link(loc.file, loc.sheet, loc.cell, base)
            where.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(_HEADERS))}{max(1, len(report.issues) + 1)}"
    summary = book.create_sheet("汇总 summary")
    counts = [("文件 file", str(report.stats.get("file", ""))), ("错误 errors", len(report.errors)),
              ("警告 warnings", len(report.warnings)), ("已确认 acknowledged", len(report.acknowledged)),
              ("结论 verdict", "通过 valid" if report.valid else "未通过 invalid")]
    for row, (name, value) in enumerate(counts, start=1):
        summary.cell(row=row, column=1, value=name).font = Font(bold=True)
        summary.cell(row=row, column=2, value=value)
    summary.column_dimensions["A"].width = 22
    summary.column_dimensions["B"].width = 60
    props = book.properties
    props.creator = props.lastModifiedBy = "disclosure"
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())
