"""The status table of a collection (who returned, who has errors, who signed, what changed since
last year) as CSV, XLSX and a self-contained HTML page, and the group trail with its signers."""

from __future__ import annotations

import csv
import html
import io
import json
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from disclosure.collect.changes import facility_changes
from disclosure.collect.merge import Merged, Returned
from disclosure.intake.template import fixed_zip
from disclosure.output import dec

COLUMNS = (
    ("单位编号", "entity"), ("单位名称", "name"), ("工作簿", "workbook"), ("状态", "state"),
    ("已报回", "returned"), ("错误", "errors"), ("警告", "warnings"), ("已签字", "signed"),
    ("填报人", "preparer"), ("审核人", "reviewer"), ("签字日期", "date"), ("联系方式", "contact"),
    ("设施数", "facilities"), ("范围一 tCO2e", "scope1"), ("范围二 tCO2e", "scope2"),
    ("上年范围一", "scope1_prior"), ("上年范围二", "scope2_prior"), ("超阈值变化", "changes"),
    ("说明", "note"),
)
_STATE = {"merged": "已合并 merged", "not-returned": "未报回 not returned", "unreadable": "无法读取 unreadable",
          "errors": "有错误 errors", "unsigned": "未签字 unsigned", "empty": "无设施 no facilities"}
_FILL = {"merged": "E2EFDA", "not-returned": "D9D9D9", "unreadable": "F8CBAD", "errors": "F8CBAD",
         "unsigned": "FFE699", "empty": "FFFFFF"}


def state(r: Returned) -> str:
    if not r.returned:
        return "not-returned"
    if not r.readable:
        return "unreadable"
    if r.errors and not (r.errors == 1 and not r.signoff.signed and r.signoff.missing):
        return "errors"
    if not r.signoff.signed:
        return "unsigned"
    return "merged" if r.facilities else "empty"


def rows(merged: Merged) -> list[dict[str, Any]]:
    """One row per planned workbook, in the plan's order."""
    threshold = Decimal(str(merged.plan.get("threshold_pct", "20")))
    prior = merged.plan.get("prior") or {}
    moves = facility_changes(merged.figures, prior) if merged.figures is not None else {}
    figures = {f.id: f for f in merged.figures.facilities} if merged.figures is not None else {}
    known = prior.get("facilities") or {}
    out: list[dict[str, Any]] = []
    for r in merged.returned:
        ids = [str(f.get("id")) for f in r.facilities if isinstance(f, dict)] or r.planned
        s1 = [figures[i].scope1 for i in ids if i in figures]
        s2 = [figures[i].scope2_location for i in ids if i in figures]
        p1 = [Decimal(str(known[i]["scope1"])) for i in ids if i in known]
        p2 = [Decimal(str(known[i]["scope2"])) for i in ids if i in known]
        notes = [f"{fid} {'范围一' if scope == 'scope1' else '范围二'} {pct:+}%"
                 for fid in ids for scope, (_, _, pct) in moves.get(fid, {}).items()
                 if pct is not None and abs(pct) > threshold]
        notes += [f"{fid} 新增 new" for fid in ids if known and fid not in known and r.returned]
        notes += [f"{fid} 未报 missing" for fid in r.planned if r.readable and fid not in ids]
        signer = r.signoff.signer()
        out.append({
            "entity": r.entity, "name": r.name, "workbook": r.workbook, "state": _STATE[state(r)],
            "returned": "是" if r.returned else "否", "errors": r.errors, "warnings": r.warnings,
            "signed": "是" if r.signoff.signed else "否", **signer, "facilities": len(ids) if r.readable else "",
            "scope1": _sum(s1), "scope2": _sum(s2), "scope1_prior": _sum(p1), "scope2_prior": _sum(p2),
            "changes": "; ".join(notes), "note": r.signoff.text("note"), "_state": state(r)})
    return out


def _sum(values: list[Decimal]) -> str:
    """A sum for the status table, to the hundredth of a tonne (figures.json has the exact figures)."""
    return dec(sum(values, Decimal(0)).quantize(Decimal("0.01"))) or "" if values else ""


def status_csv(table: list[dict[str, Any]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([f"{zh} {key}" for zh, key in COLUMNS])
    for row in table:
        writer.writerow([row[key] for _, key in COLUMNS])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # the BOM makes Excel read it as UTF-8


def status_xlsx(table: list[dict[str, Any]], summary: list[tuple[str, Any]]) -> bytes:
    book = Workbook()
    ws = book.active
    assert ws is not None
    ws.title = "报送情况 status"
    for col, (zh, key) in enumerate(COLUMNS, start=1):
        cell = ws.cell(row=1, column=col, value=f"{zh}\n{key}")
        cell.font, cell.fill = Font(bold=True), PatternFill("solid", fgColor="DDEBF7")
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[get_column_letter(col)].width = 30 if key in ("name", "changes", "note") else 14
    for n, row in enumerate(table, start=2):
        for col, (_, key) in enumerate(COLUMNS, start=1):
            cell = ws.cell(row=n, column=col, value=row[key])
            if isinstance(row[key], str):
                cell.data_type = "s"
        ws.cell(row=n, column=4).fill = PatternFill("solid", fgColor=_FILL[row["_state"]])
        link = ws.cell(row=n, column=3)
        link.hyperlink = f"../{row['workbook']}"
        link.font = Font(color="0563C1", underline="single")
    ws.freeze_panes = "C2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(COLUMNS))}{len(table) + 1}"
    totals = book.create_sheet("汇总 summary")
    for n, (label, value) in enumerate(summary, start=1):
        totals.cell(row=n, column=1, value=label).font = Font(bold=True)
        totals.cell(row=n, column=2, value=value)
    totals.column_dimensions["A"].width = 40
    totals.column_dimensions["B"].width = 24
    props = book.properties
    from disclosure.intake.template import _FIXED

    props.created = props.modified = _FIXED
    props.creator = props.lastModifiedBy = "disclosure"
    out = io.BytesIO()
    book.save(out)
    return fixed_zip(out.getvalue())


_CSS = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:24px;color:#222}
h1{font-size:20px}table{border-collapse:collapse;font-size:13px}th,td{border:1px solid #bbb;padding:4px 6px;
vertical-align:top}th{background:#ddebf7;position:sticky;top:0}td.n{text-align:right}
.merged{background:#e2efda}.not-returned{background:#d9d9d9}.unreadable,.errors{background:#f8cbad}
.unsigned{background:#ffe699}dl{display:grid;grid-template-columns:max-content auto;gap:2px 16px}dt{font-weight:bold}"""


def status_html(table: list[dict[str, Any]], summary: list[tuple[str, Any]], title: str) -> bytes:
    """A single page with no scripts, styles inline and no outside resources (opens offline)."""
    e = html.escape
    parts = ["<!DOCTYPE html>", '<html lang="zh-CN"><head><meta charset="utf-8">',
             f"<title>{e(title)}</title><style>{_CSS}</style></head><body>", f"<h1>{e(title)}</h1>", "<dl>"]
    parts += [f"<dt>{e(label)}</dt><dd>{e(str(value))}</dd>" for label, value in summary]
    parts += ["</dl>", "<table><thead><tr>"]
    parts += [f"<th>{e(zh)}<br><small>{e(key)}</small></th>" for zh, key in COLUMNS]
    parts.append("</tr></thead><tbody>")
    numeric = {"errors", "warnings", "facilities", "scope1", "scope2", "scope1_prior", "scope2_prior"}
    for row in table:
        cells = []
        for _, key in COLUMNS:
            text = e(str(row[key]))
            if key == "workbook":
                text = f'<a href="../{e(row["workbook"], quote=True)}">{text}</a>'
            cls = ' class="n"' if key in numeric else (f' class="{row["_state"]}"' if key == "state" else "")
            cells.append(f"<td{cls}>{text}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts += ["</tbody></table>", "</body></html>", ""]
    return "\n".join(parts).encode("utf-8")


def summary(merged: Merged, table: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    count = {k: sum(1 for r in table if r["_state"] == k) for k in _STATE}
    out: list[tuple[str, Any]] = [
        ("计划单位数 entities planned", len(table)),
        ("已合并 merged", count["merged"]), ("无设施 no facilities", count["empty"]),
        ("未报回 not returned", count["not-returned"]), ("有错误 with errors", count["errors"] + count["unreadable"]),
        ("未签字 unsigned", count["unsigned"]),
        ("合并口径 consolidation", merged.figures.approach if merged.figures else "-"),
        ("集团汇总完整 complete", "是 yes" if merged.complete else "否 no")]
    if merged.figures is not None:
        out += [("范围一 Scope 1 tCO2e", dec(merged.figures.totals.scope1)),
                ("范围二 Scope 2 (location) tCO2e", dec(merged.figures.totals.scope2_location))]
    return out


def signed_trail(merged: Merged) -> bytes:
    """The group trail: every entry names the workbooks it reads (by its own cells, by its facility, or
    through the entries it sums) in ``signed_by``; ``workbooks`` says who signed each, and when."""
    assert merged.figures is not None and merged.loaded is not None
    by_display = {r.display: r for r in merged.returned}
    by_facility = {str(f.get("id")): r for r in merged.returned if r.mergeable for f in r.facilities}
    signers = {r.display: {"workbook": r.display, "entity": r.entity, **r.signoff.signer()}
               for r in merged.returned if r.mergeable}
    entries = []
    by_id: dict[str, list[str]] = {}
    for entry in merged.figures.trail:
        named = {_workbook(entry.location, by_display)} | {_workbook(i.source, by_display) for i in entry.inputs}
        owner = by_facility.get(entry.location)
        if owner is not None:
            named.add(owner.display)
        named.discard(None)
        item = entry.to_dict()
        if entry.parts:  # a total: the workbooks of the entries it sums
            for part in entry.parts:
                named |= set(by_id.get(part, ()))
        by_id[entry.id] = sorted(n for n in named if n is not None and n in signers)
        item["signed_by"] = by_id[entry.id]
        entries.append(item)
    # one line, by the C encoder: the group trail of a large group is 100 MB and more (indent=2 would
    # go through the pure-Python encoder, several times slower)
    data = {"approach": merged.figures.approach, "workbooks": signers, "entries": entries}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def _workbook(text: str, known: dict[str, Returned]) -> str | None:
    head = text.split("!", 1)[0]
    return head if head in known and "!" in text else None
