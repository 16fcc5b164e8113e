"""Fuzzing our own intake and build: generated YAML values, CSV cells, workbook parts and cells, and
filings that point at files inside and outside their folder (hypothesis, fixed seed: the same 355
cases every run). Whatever comes in: no exception, an exit code in {0, 1, 3}, every finding coded,
located and readable in both languages; a build writes a complete output or nothing; nothing read
from outside the filing's folder appears in any output, and no CSV cell we write is a formula.
"""

from __future__ import annotations

import csv
import io
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from disclosure import load, validate
from disclosure.build import BuildOptions, build
from disclosure.catalogue import CATALOGUE
from disclosure.cli import main
from disclosure.errors import DisclosureError
from disclosure.issues import ValidationReport
from tests.conftest import BASE_FILING
from tests.hostile_filings.make_corpus import HEADER_ROW, MAIN, data_row, sheet_xml, workbook_parts, zipped

BASE = settings(derandomize=True, deadline=None, database=None, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much])
COUNTS = {"test_fuzz_yaml_values": 120, "test_fuzz_csv_cells": 100, "test_fuzz_workbook_parts": 60,
          "test_fuzz_workbook_cells": 60, "test_fuzz_build_outputs": 15}
"""Generated cases per run, by test (fixed seed: the same cases every run)."""


def fuzz(name: str) -> settings:
    return settings(BASE, max_examples=COUNTS[name])
RECORD = '        records:\n          - {period: "2025", quantity: 1000, unit: MWh}\n'
CANARY = "CANARY-77d0e2-never-in-outputs"
FORMULA = re.compile(r"^[=+\-@\t\r\n\uff1d\uff0b\uff0d\uff20]")
NUMBER = re.compile(r"^[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?$")


@contextmanager
def folder() -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="fuzz-") as tmp:
        yield Path(tmp)


def check_report(report: ValidationReport) -> None:
    for issue in report.issues:
        assert issue.code in CATALOGUE, issue.code
        assert issue.location.file, issue
        for lang in ("zh-CN", "en"):
            text = issue.message(lang) + issue.hint(lang)
            assert text and not re.search(r"\{[a-z_]+\}", text), (issue.code, text)


def check_cli(filing: Path) -> None:
    result = CliRunner().invoke(main, ["validate", str(filing), "--format", "json"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code in (0, 1), result.output[-500:]
    assert "Traceback" not in result.output
    json.loads(result.output)


# --- YAML values -----------------------------------------------------------------------------------

SLOTS = [
    ("quantity: 1000, unit: MWh", "quantity: {v}, unit: MWh"),
    ("  fiscal_year: 2025\n", "  fiscal_year: {v}\n"),
    ('name: {zh-CN: "测试股份有限公司"', "name: {{zh-CN: {v}"),
    ('  ghg_standard: "GHG Protocol"', "  ghg_standard: {v}"),
    ("      ownership_pct: 100", "      ownership_pct: {v}"),
    ('revenue: {value: 100000, unit: "10^4CNY"}', 'revenue: {{value: {v}, unit: "10^4CNY"}}'),
    ('{period: "2025", quantity: 100, unit: "10^4Nm3"}', '{{period: {v}, quantity: 100, unit: "10^4Nm3"}}'),
    ("  - id: F1\n", "  - id: {v}\n"),
    ("    province: 福建\n", "    province: {v}\n"),
    ("quantity: 1000, unit: MWh", "quantity: 1000, unit: MWh, evidence: {v}"),
    ("  bases: [sse-no14]", "  bases: {v}"),
    ("schema_version: \"1.0\"\n", "schema_version: \"1.0\"\nextra: {v}\n"),
]
HOSTILE_FRAGMENTS = ["&a [1, *a]", "*nowhere", "!!python/object:os.system ls", "!!binary AAAA", "[" * 70,
                     "{" * 70, "? [a]", "<<: {a: 1}", "|\n  literal\n", ">-\n  folded\n", "'unterminated",
                     '"\\uD800"', '"\\x00"', "!!str 12", "!!int 1.5", "!!float abc", "~", "null", ".nan", "-.inf",
                     "0x1F", "0o17", "1_000", "+12", "1e", "2025-02-30", "2025-13", "&x 1", "[*x]", "- a\n- b",
                     "{a: 1, a: 2}", "%TAG ! tag:x/", "---", "...", "\t1", "@x", "`x`", "#", "'", '"', "\\", ":"]
numbers = st.one_of(
    st.integers(min_value=-10**40, max_value=10**40).map(str),
    st.integers(min_value=-1_000_000, max_value=1_000_000).map(lambda k: f"1e{k}"),
    st.integers(min_value=1, max_value=6000).map(lambda n: "9" * n),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(lambda f: ".nan" if f != f else ".inf" if f == float("inf") else "-.inf" if f == float("-inf")
                    else repr(f)),
)
texts = st.text(st.characters(codec="utf-8"), max_size=300).map(lambda s: json.dumps(s, ensure_ascii=True))
structures = st.recursive(st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20)),
                          lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8),
                                                                                              kids, max_size=4)),
                          max_leaves=20).map(lambda v: json.dumps(v, ensure_ascii=True))
values = st.one_of(numbers, texts, structures, st.sampled_from(HOSTILE_FRAGMENTS),
                   st.text(max_size=3).map(lambda s: "x" * 200_000 + s).map(json.dumps))


@fuzz("test_fuzz_yaml_values")
@given(slot=st.sampled_from(SLOTS), value=values)
def test_fuzz_yaml_values(slot: tuple[str, str], value: str) -> None:
    old, template = slot
    assert old in BASE_FILING
    text = BASE_FILING.replace(old, template.format(v=value), 1)
    with folder() as tmp:
        filing = tmp / "filing.yaml"
        filing.write_text(text, encoding="utf-8", errors="surrogatepass")
        report = validate(load(filing)).report
        check_report(report)
        check_cli(filing)


# --- CSV cells -------------------------------------------------------------------------------------

COLUMNS = ["source", "period", "quantity", "unit", "evidence", "evidence_date", "ｑｕａｎｔｉｔｙ", "", "x"]
cells = st.one_of(st.sampled_from(["grid", "2025", "2025-01", "1000", "MWh", "1,000", "1²", "①", "=1+1", "-1",
                                   "1e400", "nan", "", " ", "\u3000", "2026-01-31"]),
                  numbers, st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40))


def side_table_filing(tmp: Path, name: str, sheet: str | None = None) -> Path:
    ref = f"{{file: {json.dumps(name)}" + (f", sheet: {json.dumps(sheet)}" if sheet else "") + \
        ", select: {source: grid}}"
    filing = tmp / "filing.yaml"
    filing.write_text(BASE_FILING.replace(RECORD, f"        records: {ref}\n"), encoding="utf-8")
    return filing


@fuzz("test_fuzz_csv_cells")
@given(header=st.lists(st.sampled_from(COLUMNS), min_size=1, max_size=7),
       rows=st.lists(st.lists(cells, max_size=8), max_size=6), well_formed=st.booleans(),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_fuzz_csv_cells(header: list[str], rows: list[list[str]], well_formed: bool, encoding: str) -> None:
    buffer = io.StringIO()
    if well_formed:
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows([["grid", *row] if row and "source" in header else row for row in rows])
    else:
        buffer.write("\n".join(",".join(r) for r in [header, *rows]) + "\n")
    with folder() as tmp:
        (tmp / "e.csv").write_bytes(buffer.getvalue().encode(encoding, "replace"))
        filing = side_table_filing(tmp, "e.csv")
        check_report(validate(load(filing)).report)
        check_cli(filing)


# --- workbook parts and cells ----------------------------------------------------------------------

GOOD = workbook_parts()
PARTS = sorted(GOOD)


@fuzz("test_fuzz_workbook_parts")
@given(part=st.sampled_from(PARTS), where=st.floats(min_value=0, max_value=1),
       mutation=st.sampled_from(["truncate", "insert", "replace", "drop"]),
       junk=st.one_of(st.binary(max_size=40), st.sampled_from([b"<!DOCTYPE x>", b"<!ENTITY a 'b'>", b"&a;", b"<",
                                                             b"]]>", b"\x00", b'" r="ZZZZZZ1', b' t="d"',
                                                             b"<v>inf</v>", b"</row><row r=\"0\">"])))
def test_fuzz_workbook_parts(part: str, where: float, mutation: str, junk: bytes) -> None:
    parts: dict[str, str | bytes] = dict(GOOD)
    data = str(parts[part]).encode("utf-8")
    at = int(len(data) * where)
    if mutation == "truncate":
        parts[part] = data[:at]
    elif mutation == "insert":
        parts[part] = data[:at] + junk + data[at:]
    elif mutation == "replace":
        parts[part] = data[:at] + junk + data[at + len(junk):]
    else:
        del parts[part]
    with folder() as tmp:
        (tmp / "e.xlsx").write_bytes(zipped(parts))
        filing = side_table_filing(tmp, "e.xlsx")
        report = validate(load(filing)).report
        check_report(report)


cell_types = st.sampled_from([None, "n", "s", "str", "inlineStr", "b", "e", "d", "zzz", ""])
refs = st.one_of(st.none(), st.sampled_from(["C2", "A2", "ZZZZZZ2", "c2", "XFD2", "XFE2", "C1", "C", "2", "C-2",
                                             "C02", "AAAA2"]))
texts_v = st.one_of(numbers, st.text(st.characters(codec="utf-8", exclude_characters="<&\x00"), max_size=12),
                    st.sampled_from(["0", "1", "8", "999", "-1", "2025-01-01", "45678", "60", "1E+400"]))


def _cell(kind: str | None, ref: str | None, value: str | None, style: str | None) -> str:
    attrs = (f' r="{ref}"' if ref is not None else "") + (f' t="{kind}"' if kind is not None else "") + \
        (f' s="{style}"' if style is not None else "")
    body = "" if value is None else (f"<is><t>{value}</t></is>" if kind == "inlineStr" else f"<v>{value}</v>")
    return f"<c{attrs}>{body}</c>"


@fuzz("test_fuzz_workbook_cells")
@given(cells_=st.lists(st.tuples(cell_types, refs, st.one_of(st.none(), texts_v),
                                 st.one_of(st.none(), st.sampled_from(["0", "1", "2", "3", "9", "x", "-1"]))),
                       min_size=1, max_size=6),
       row_ref=st.sampled_from(['r="2"', "", 'r="0"', 'r="x"', 'r="1048577"', 'r="3"']))
def test_fuzz_workbook_cells(cells_: list[tuple[str | None, str | None, str | None, str | None]], row_ref: str) -> None:
    row = f"<row {row_ref}>" + "".join(_cell(*c) for c in cells_) + "</row>"
    sheet = sheet_xml([HEADER_ROW, data_row(), row])
    assert MAIN in sheet
    with folder() as tmp:
        (tmp / "e.xlsx").write_bytes(zipped(workbook_parts(sheet=sheet)))
        filing = side_table_filing(tmp, "e.xlsx")
        check_report(validate(load(filing)).report)


# --- builds: complete or nothing, never content from outside, no formula cells ----------------------

def _reference(tmp: Path, how: str) -> str:
    inside = tmp / "filing" / "e.csv"
    outside = tmp / "elsewhere" / "e.csv"
    if how == "inside":
        return "e.csv"
    if how == "dotdot":
        return "../elsewhere/e.csv"
    if how == "absolute":
        return str(outside)
    if how == "symlink":
        (tmp / "filing" / "link.csv").symlink_to(outside)
        return "link.csv"
    if how == "symlink-inside":
        (tmp / "filing" / "link.csv").symlink_to(inside)
        return "link.csv"
    raise AssertionError(how)


def _output_files(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in out.iterdir()}


@fuzz("test_fuzz_build_outputs")
@given(how=st.sampled_from(["inside", "dotdot", "absolute", "symlink", "symlink-inside"]),
       evidence=st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30),
       prefix=st.sampled_from(["", "=", "+", "-", "@", "＝", " =", "\t"]),
       quantity=st.sampled_from(["1000", "-5", "1e400", "1²", "12.5", "1,000"]))
def test_fuzz_build_outputs(how: str, evidence: str, prefix: str, quantity: str) -> None:
    with folder() as tmp:
        (tmp / "filing").mkdir()
        (tmp / "elsewhere").mkdir()
        clean = evidence.replace('"', "")

        def table(ev: str) -> str:
            return f'source,period,quantity,unit,evidence\ngrid,2025,"{quantity}",MWh,"{ev}"\n'

        (tmp / "filing" / "e.csv").write_text(table(prefix + clean), encoding="utf-8")
        (tmp / "elsewhere" / "e.csv").write_text(table(CANARY + prefix + clean), encoding="utf-8")
        filing = side_table_filing(tmp / "filing", _reference(tmp, how))
        out = tmp / "out"
        try:
            result = build(filing, BuildOptions(output=out, verify=False))
        except DisclosureError as err:  # an output problem is coded; inputs never raise
            raise AssertionError(f"unexpected {err.code}") from err
        check_report(result.report)
        outside = how in ("dotdot", "absolute", "symlink")
        if outside:
            assert "input.outside-filing" in result.report.codes()
        if result.output is None:
            assert not out.exists() and not result.report.valid
            assert [p.name for p in tmp.iterdir() if p.name.startswith(".")] == []
            return
        files = _output_files(out)
        manifest = json.loads(files["manifest.json"])
        assert sorted(files) == sorted([o["file"] for o in manifest["outputs"]] + ["manifest.json"])
        for name, data in files.items():
            assert CANARY.encode() not in data, name
        trail = files["trail.csv"].decode("utf-8-sig")
        for row in csv.reader(io.StringIO(trail)):
            for cell in row:
                assert not FORMULA.match(cell.lstrip(" ")) or NUMBER.match(cell), cell
        result_cli = CliRunner().invoke(main, ["build", str(filing), "-o", str(out), "--no-verify"])
        assert result_cli.exit_code == 3 and "[build.output-exists]" in result_cli.output


def test_the_fuzz_suite_runs_enough_cases() -> None:
    for name, count in COUNTS.items():
        test = globals()[name]
        assert test._hypothesis_internal_use_settings.max_examples == count
        assert test._hypothesis_internal_use_settings.derandomize
    assert sum(COUNTS.values()) >= 300
