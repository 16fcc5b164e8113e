"""Writing ``filing.xlsx`` (the workbook template, or a filing converted to a workbook) from the layout.

Sheets: 说明 (instructions, zh-CN and en), one per section (field, key, value, explanation), one per table
(a title row, a bilingual header "中文标签\\nkey", then one row per item). Coded values get drop-down
lists, numbers and dates their formats, text columns the text format (a typed 2025-01 stays text),
headers are frozen and carry each field's documentation as a comment. Example rows (a starter's
placeholders) are grey and italic and say so; they fail validation until replaced. The file is
byte-deterministic: fixed document properties and ZIP timestamps.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable, Iterator
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from disclosure.intake.layout import POSITION, Column, Sheet, label, layout

_STAMP = re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)")
_OOXML_ESCAPE = re.compile(r"_(?=x[0-9A-Fa-f]{4}_)")
_FIXED = datetime(2000, 1, 1)  # noqa: DTZ001 - document properties carry no time zone
_HEAD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_REQUIRED = Font(bold=True, color="C00000")
_EXAMPLE = Font(italic=True, color="808080")
_TITLE = Font(bold=True, size=13)
_LAST_ROW = 2000
"""Rows the drop-down lists and formats cover below the header."""

INSTRUCTIONS = [
    ("温室气体排放信息披露填报工作簿", "GHG disclosure filing workbook"),
    ("每个工作表对应填报文件的一个部分或一张表；表头第一行为中文名称，最后一行为字段键（勿改）。",
     "Each sheet is a section or a table of the filing; a header shows the Chinese label and, on its last line, "
     "the field key (do not change it)."),
    ("红色表头为必填项；下拉列表给出可选值；将鼠标停在表头上可查看字段说明。",
     "Red headers are required; drop-down lists give the allowed values; hover over a header for its documentation."),
    ("灰色斜体行为示例（含“示例/EXAMPLE”字样），未替换前校验不会通过。",
     "Grey italic rows are examples (marked 示例/EXAMPLE); validation fails until they are replaced."),
    ("下级表格用前几列指明所属上级行，例如 facilities.id 填设施编号、combustion.id 填排放源编号。",
     "A nested table names its parent row in its first columns: facilities.id is the facility's id, "
     "combustion.id the source's id."),
    ("月份写作 2025-03（该列已设为文本格式）；数字不带单位和千分位；日期写作 2025-04-30。",
     "Months as 2025-03 (the column is formatted as text); numbers without units or separators; dates as 2025-04-30."),
    ("检查：disclosure validate filing.xlsx    生成报告：disclosure build filing.xlsx -o out",
     "Check: disclosure validate filing.xlsx    Build: disclosure build filing.xlsx -o out"),
]


def _cell_value(value: Any, column: Column) -> Any:
    """A filing value as the cell holds it (exact: a Decimal a float cannot carry is written as text)."""
    if isinstance(value, Enum):
        value = value.value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return ", ".join(str(v.value if isinstance(v, Enum) else v) for v in value)
    if isinstance(value, Decimal):
        # openpyxl writes numbers as "%.16g"; a value that format does not reproduce exactly ("98.0",
        # "1.86E+6", 17 digits) is written as text, which the reader takes as the same Decimal
        return value if value.is_finite() and str(Decimal(format(float(value), ".16g"))) == str(value) else str(value)
    if isinstance(value, datetime):
        return value.date()
    if column.kind == "date" and isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return value
    return value


def _get(item: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(item, dict):
            return None
        item = item.get(part)
    return item


def _items(data: dict[str, Any], sheet: Sheet) -> Iterator[tuple[tuple[str, ...], int, dict[str, Any]]]:
    """(parent references, position, item) of every row of a table sheet, in document order."""
    owners = {s.path: s.own_key for s in layout() if s.kind == "table"}
    contexts: list[tuple[Any, tuple[str, ...]]] = [(data, ())]
    start = 0
    for depth, index in enumerate(sheet.lists):
        rel = sheet.path[start:index + 1]
        start = index + 1
        last = depth == len(sheet.lists) - 1
        nxt: list[tuple[Any, tuple[str, ...]]] = []
        for obj, refs in contexts:
            found = _get(obj, rel)
            for pos, item in enumerate(found if isinstance(found, list) else [], start=1):
                if last:
                    yield refs, pos, item
                    continue
                own = owners.get(sheet.path[:index + 1])
                ref = str(pos) if own in (None, POSITION) else str(item.get(own, pos))
                nxt.append((item, (*refs, ref)))
        contexts = nxt


class _Writer:
    def __init__(self, example: bool) -> None:
        self.book = Workbook()
        self.example = example
        self.lists: Worksheet | None = None
        self.list_refs: dict[tuple[str, ...], str] = {}

    def choices_ref(self, choices: tuple[str, ...]) -> str:
        """A drop-down's source: inline when short, else a column of the hidden _lists sheet."""
        inline = ",".join(choices)
        if len(inline) <= 250 and '"' not in inline:
            return f'"{inline}"'
        if choices not in self.list_refs:
            if self.lists is None:
                self.lists = self.book.create_sheet("_lists")
                self.lists.sheet_state = "hidden"
            col = len(self.list_refs) + 1
            for row, choice in enumerate(choices, start=1):
                self.lists.cell(row=row, column=col, value=choice).data_type = "s"
            letter = get_column_letter(col)
            self.list_refs[choices] = f"_lists!${letter}$1:${letter}${len(choices)}"
        return self.list_refs[choices]

    def validation(self, ws: Worksheet, column: Column, cells: str) -> None:
        if not column.choices:
            return
        dv = DataValidation(type="list", formula1=self.choices_ref(column.choices), allow_blank=True)
        dv.error = f"请从下拉列表中选择 / choose from the list: {', '.join(column.choices[:12])}"
        dv.errorTitle = "取值无效 / invalid value"
        dv.showErrorMessage = column.kind != "list" and column.strict
        ws.add_data_validation(dv)
        dv.add(cells)

    def put(self, ws: Worksheet, row: int, col: int, value: Any, column: Column) -> Cell:
        cell = ws.cell(row=row, column=col)
        assert isinstance(cell, Cell)  # nothing is merged in the sheets we write
        written = _cell_value(value, column)
        if isinstance(written, str):
            written = _OOXML_ESCAPE.sub(r"_x005F\g<0>", written)  # a literal _x0041_ is not an escape
        cell.value = written
        if isinstance(written, str):
            cell.data_type = "s"  # text is never a formula, whatever it starts with
        elif isinstance(cell.value, date):
            cell.number_format = "yyyy-mm-dd"
        if self.example:
            cell.font = _EXAMPLE
        return cell

    def instructions(self, rows: list[tuple[str, str]], only: Callable[[Sheet], bool] | None) -> None:
        ws = self.book.active
        assert ws is not None
        ws.title = "说明"
        ws.column_dimensions["A"].width = 70
        ws.column_dimensions["B"].width = 90
        for row, (zh, en) in enumerate(rows, start=1):
            ws.cell(row=row, column=1, value=zh).alignment = Alignment(wrap_text=True, vertical="top")
            ws.cell(row=row, column=2, value=en).alignment = Alignment(wrap_text=True, vertical="top")
        ws["A1"].font = _TITLE
        ws["B1"].font = _TITLE
        start = len(rows) + 2
        ws.cell(row=start, column=1, value="工作表 Sheet").font = _HEAD
        ws.cell(row=start, column=2, value="内容 Contents").font = _HEAD
        shown = (s for s in layout() if s.columns and (only is None or only(s)))
        for n, sheet in enumerate(shown, start=start + 1):
            link = ws.cell(row=n, column=1, value=sheet.name)
            link.hyperlink = f"#'{sheet.name}'!A1"
            link.font = Font(color="0563C1", underline="single")
            ws.cell(row=n, column=2, value=f"{label(sheet.path[-1])} — {sheet.doc or label(sheet.path[-1], 'en')}")

    def section(self, sheet: Sheet, data: dict[str, Any]) -> None:
        ws = self.book.create_sheet(sheet.name)
        ws.cell(row=1, column=1, value=f"{label(sheet.path[-1])} {label(sheet.path[-1], 'en')}").font = _TITLE
        for col, text in enumerate(("字段\nfield", "字段键\nkey", "填写值\nvalue", "说明\ndocumentation"), start=1):
            cell = ws.cell(row=2, column=col, value=text)
            cell.font, cell.fill = _HEAD, _HEAD_FILL
            cell.alignment = Alignment(wrap_text=True)
        for width, letter in zip((28, 34, 44, 80), "ABCD", strict=True):
            ws.column_dimensions[letter].width = width
        ws.row_dimensions[1].height, ws.row_dimensions[2].height = 22, 30
        for row, column in enumerate(sheet.columns, start=3):
            name = " ".join(label(p) for p in column.path[1:] if p not in ("zh-CN", "en")) or column.key
            if column.path[-1] in ("zh-CN", "en"):
                name += f"（{'中文' if column.path[-1] == 'zh-CN' else '英文'}）"
            head = ws.cell(row=row, column=1, value=("* " if column.required else "") + name)
            head.font = _REQUIRED if column.required else Font()
            ws.cell(row=row, column=2, value=column.key)
            value = self.put(ws, row, 3, _get(data, column.path), column)
            value.number_format = {"date": "yyyy-mm-dd", "text": "@", "list": "@"}.get(column.kind, "General")
            ws.cell(row=row, column=4, value=column.doc).alignment = Alignment(wrap_text=True)
            self.validation(ws, column, f"C{row}")
        ws.freeze_panes = "A3"

    def table(self, sheet: Sheet, data: dict[str, Any]) -> None:
        ws = self.book.create_sheet(sheet.name)
        title = f"{label(sheet.path[-1])} {label(sheet.path[-1], 'en')} — {'.'.join(sheet.path)}"
        ws.cell(row=1, column=1, value=title).font = _TITLE
        for col, column in enumerate(sheet.columns, start=1):
            cell = ws.cell(row=2, column=col, value=self.header(column))
            cell.font = _REQUIRED if column.required else _HEAD
            cell.fill = _HEAD_FILL
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.doc:
                cell.comment = Comment(column.doc, "disclosure", width=320, height=120)
            letter = get_column_letter(col)
            wide = column.path[-1] in ("zh-CN", "en") or column.kind == "list"  # names, descriptions, codes
            ws.column_dimensions[letter].width = 28 if wide else max(12, min(40, len(column.key) + 4))
            self.validation(ws, column, f"{letter}3:{letter}{_LAST_ROW}")
        ws.row_dimensions[1].height = 22  # a printout or PDF shows both lines of the header
        ws.row_dimensions[2].height = 30
        for row, (refs, pos, item) in enumerate(_items(data, sheet), start=3):
            parents = iter(refs)
            for col, column in enumerate(sheet.columns, start=1):
                if column.kind == "parent":
                    value: Any = next(parents)
                elif column.kind == "position":
                    value = pos
                else:
                    value = _get(item, column.path)
                    if isinstance(value, dict):  # a union member's nested text (direct: method.zh-CN) under
                        continue                 # another member's scalar column of the same name (pfc: method)
                if value is not None:
                    cell = self.put(ws, row, col, value, column)
                    cell.number_format = {"date": "yyyy-mm-dd", "text": "@", "list": "@", "parent": "@"}.get(
                        column.kind, "General")
            if self.example:
                ws.cell(row=row, column=1).comment = Comment("示例行：请替换为本单位数据。Example row: replace it.",
                                                             "disclosure")
        ws.freeze_panes = "A3"

    @staticmethod
    def header(column: Column) -> str:
        if column.kind == "parent":
            return f"所属{label(column.field)}\n{column.key}"
        parts = [label(p) for p in column.path if p not in ("zh-CN", "en")]
        text = "".join(parts) if all(p != label(p) for p in column.path if p not in ("zh-CN", "en")) \
            else " ".join(parts)
        if column.path[-1] in ("zh-CN", "en"):
            text += "（中文）" if column.path[-1] == "zh-CN" else "（英文）"
        return f"{text}\n{column.key}"


def write_workbook(data: dict[str, Any], example: bool = False, only: Callable[[Sheet], bool] | None = None,
                   extra: Callable[[Workbook], None] | None = None,
                   instructions: list[tuple[str, str]] | None = None) -> bytes:
    """``filing.xlsx`` holding ``data`` (a filing as plain data: a model dump, or a starter's YAML).

    ``only`` keeps the sheets of the layout it accepts (a subsidiary's workbook holds its facilities'
    tables only), ``extra`` adds sheets of its own (sign-off, last year's figures) before saving, and
    ``instructions`` replaces the rows of the 说明 sheet."""
    writer = _Writer(example)
    writer.instructions(instructions or INSTRUCTIONS, only)
    for sheet in layout():
        if only is not None and not only(sheet):
            continue
        if sheet.kind == "section" and sheet.columns:
            writer.section(sheet, data)
        elif sheet.kind == "table":
            writer.table(sheet, data)
    if extra is not None:
        extra(writer.book)
    if writer.lists is not None:
        writer.book.move_sheet("_lists", offset=len(writer.book.sheetnames))
    props = writer.book.properties
    props.created = props.modified = _FIXED
    props.creator = props.lastModifiedBy = "disclosure"
    out = io.BytesIO()
    writer.book.save(out)
    return fixed_zip(out.getvalue())


def fixed_zip(data: bytes) -> bytes:
    """The same members with fixed timestamps and order (byte-identical output for identical input)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o600 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl stamps the time of saving
                content = _STAMP.sub(rb"\g<1>2000-01-01T00:00:00Z\g<2>", content)
            target.writestr(fixed, content)
    return out.getvalue()
