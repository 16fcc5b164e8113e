"""The checker's outputs: text, JSON and CSV on stdout, and a summary folder (CSV and one
self-contained HTML page, a row a filing with its findings to drill into)."""

from __future__ import annotations

import csv
import io
import json
from html import escape
from pathlib import Path

from disclosure import __version__
from disclosure.atomic import write_bytes
from disclosure.check.findings import FilingResult, Finding

FINDING_COLUMNS = ("path", "valid", "document", "code", "severity", "concept", "context", "period", "line",
                   "message_zh", "message_en")
SUMMARY_COLUMNS = ("path", "valid", "errors", "warnings", "kind", "entity", "period", "sha256", "seconds", "cached")
WORDS = {
    "zh-CN": {"valid": "通过", "invalid": "未通过", "summary": "共 {n} 份，通过 {ok} 份，未通过 {bad} 份",
              "errors": "错误", "warnings": "警告", "title": "温室气体披露 XBRL 报送检查结果"},
    "en": {"valid": "valid", "invalid": "INVALID", "summary": "{n} filings: {ok} valid, {bad} invalid",
           "errors": "errors", "warnings": "warnings", "title": "GHG disclosure XBRL filings: check results"},
}


def _where(f: Finding) -> str:
    parts = [f.document, f"line {f.line}" if f.line else "", f.concept, f.context, f.period]
    return " ".join(p for p in parts if p)


def summary_line(results: list[FilingResult], lang: str) -> str:
    ok = sum(1 for r in results if r.valid)
    return WORDS[lang]["summary"].format(n=len(results), ok=ok, bad=len(results) - ok)


def text(results: list[FilingResult], lang: str) -> str:
    w = WORDS[lang]
    lines = []
    for r in results:
        verdict = w["valid"] if r.valid else w["invalid"]
        lines.append(f"{verdict}  {r.path}  ({r.errors} {w['errors']}, {r.warnings} {w['warnings']})")
        for f in r.findings:
            where = _where(f)
            lines.append(f"    {f.severity} {f.code}{' [' + where + ']' if where else ''}: {f.message(lang)}")
    lines.append(summary_line(results, lang))
    return "\n".join(lines) + "\n"


def to_json(results: list[FilingResult]) -> str:
    ok = sum(1 for r in results if r.valid)
    doc = {"tool": "disclosure check", "version": __version__,
           "summary": {"filings": len(results), "valid": ok, "invalid": len(results) - ok},
           "filings": [r.to_dict() for r in results]}
    return json.dumps(doc, ensure_ascii=False, indent=2) + "\n"


def findings_csv(results: list[FilingResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(FINDING_COLUMNS)
    for r in results:
        for f in r.findings:
            writer.writerow([_safe(v) for v in (r.path, r.valid, f.document, f.code, f.severity, f.concept,
                                                f.context, f.period, f.line or "", f.message_zh, f.message_en)])
    return out.getvalue()


def summary_csv(results: list[FilingResult]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SUMMARY_COLUMNS)
    for r in results:
        writer.writerow([_safe(v) for v in (r.path, r.valid, r.errors, r.warnings, r.kind, r.entity, r.period,
                                            r.sha256, f"{r.seconds:.3f}", r.cached)])
    return out.getvalue()


def _safe(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula (CSV injection)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") and not _number(text) else text


def _number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


STYLE = """body{font-family:"Noto Sans CJK SC","Microsoft YaHei",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;
vertical-align:top}th{background:#1F4E79;color:#fff}tr.bad td.v{color:#b00020;font-weight:bold}
tr.ok td.v{color:#2e7d32;font-weight:bold}details summary{cursor:pointer}td.n{text-align:right}
.f{font-size:.9em;margin:.3em 0 .3em 1em}.code{font-family:monospace}"""


def html(results: list[FilingResult], lang: str) -> str:
    """One self-contained page (no scripts, no external resources), everything escaped."""
    w = WORDS[lang]
    rows = []
    for r in results:
        findings = "".join(
            f"<div class='f'><span class='code'>{escape(f.severity)} {escape(f.code)}</span> "
            f"{escape(_where(f))}<br>{escape(f.message_zh)}<br>{escape(f.message_en)}</div>" for f in r.findings)
        detail = f"<details><summary>{len(r.findings)}</summary>{findings}</details>" if r.findings else "0"
        rows.append(
            f"<tr class='{'ok' if r.valid else 'bad'}'><td>{escape(r.path)}</td>"
            f"<td class='v'>{escape(w['valid'] if r.valid else w['invalid'])}</td>"
            f"<td class='n'>{r.errors}</td><td class='n'>{r.warnings}</td><td>{escape(r.entity)}</td>"
            f"<td>{escape(r.period)}</td><td>{detail}</td></tr>")
    heads = ("文件 / Filing", "结论 / Verdict", "错误 / Errors", "警告 / Warnings", "主体 / Entity", "年度 / Year",
             "问题 / Findings")
    return (f"<!DOCTYPE html><html lang='{escape(lang)}'><head><meta charset='utf-8'>"
            f"<title>{escape(w['title'])}</title><style>{STYLE}</style></head><body>"
            f"<h1>{escape(w['title'])}</h1><p>{escape(summary_line(results, lang))}</p>"
            f"<table><thead><tr>{''.join(f'<th>{h}</th>' for h in heads)}</tr></thead>"
            f"<tbody>{''.join(rows)}</tbody></table>"
            f"<p>disclosure {escape(__version__)}</p></body></html>\n")


def write_report(folder: Path, results: list[FilingResult], lang: str) -> list[Path]:
    """summary.csv, findings.csv and index.html in ``folder``, each written atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {"summary.csv": summary_csv(results), "findings.csv": findings_csv(results),
             "index.html": html(results, lang)}
    written = []
    for name, content in files.items():
        path = folder / name
        write_bytes(path, content.encode("utf-8-sig" if name.endswith(".csv") else "utf-8"))
        written.append(path)
    return written
