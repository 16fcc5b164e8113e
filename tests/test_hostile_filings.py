"""The hostile corpus: every malformed or hostile file is a coded finding with its location (never a
traceback, never an output); side files are read only from inside the filing's folder; an output
path that must not be replaced is refused with a coded build.* error (exit 3) and left as it was.

The files are in tests/hostile_filings/ (made by make_corpus.py, expectations in expected.yaml).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import stat
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner

from disclosure import load, validate
from disclosure.build import BuildOptions, build
from disclosure.catalogue import CATALOGUE
from disclosure.cli import main
from disclosure.errors import DisclosureError
from disclosure.issues import ValidationReport
from tests.conftest import BASE_FILING
from tests.hostile_filings import make_corpus

CORPUS = Path(__file__).parent / "hostile_filings"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
RECORD = '        records:\n          - {period: "2025", quantity: 1000, unit: MWh}\n'
CANARY = "CANARY-3f9a1c-outside-the-filing"


def side_table_filing(folder: Path, name: str, sheet: str | None = None) -> Path:
    """BASE_FILING whose grid electricity comes from side table ``name``."""
    ref = f"{{file: {json.dumps(name)}"
    ref += f", sheet: {sheet}" if sheet else ""
    ref += ", select: {source: grid}}"
    assert RECORD in BASE_FILING
    path = folder / "filing.yaml"
    path.write_text(BASE_FILING.replace(RECORD, f"        records: {ref}\n"), encoding="utf-8")
    return path


def stage(case: dict[str, Any], folder: Path) -> Path:
    source = CORPUS / case["file"]
    if case["kind"] == "yaml":
        target = folder / "filing.yaml"
        shutil.copyfile(source, target)
        return target
    name = "e" + source.suffix
    shutil.copyfile(source, folder / name)
    return side_table_filing(folder, name, case.get("sheet"))


def assert_well_formed(report: ValidationReport) -> None:
    """Every finding is catalogued, located in a file, and reads in both languages."""
    for issue in report.issues:
        assert issue.code in CATALOGUE
        assert issue.location.file, issue
        for lang in ("zh-CN", "en"):
            text = issue.message(lang) + issue.hint(lang)
            assert text and not re.search(r"\{[a-z_]+\}", text), (issue.code, text)


def matches(issue: Any, at: str) -> bool:
    if at.startswith("line "):
        return issue.location.line == int(at.split()[1])
    return at in str(issue.location)


def test_corpus_size_and_kinds() -> None:
    kinds = {k: sum(1 for c in EXPECTED.values() if c["kind"] == k) for k in ("yaml", "csv", "xlsx")}
    assert sum(kinds.values()) >= 150 and all(n >= 40 for n in kinds.values()), kinds
    assert all((CORPUS / c["file"]).is_file() for c in EXPECTED.values())


def test_corpus_is_up_to_date(tmp_path: Path) -> None:
    """make_corpus.py reproduces the committed files byte for byte (rerun it after changing a case)."""
    files, cases = make_corpus.build()
    assert cases == EXPECTED, "run: python -m tests.hostile_filings.make_corpus"
    for rel, data in files.items():
        assert (CORPUS / rel).read_bytes() == data, f"{rel}: run python -m tests.hostile_filings.make_corpus"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_file(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    case = EXPECTED[name]
    for target, value in (case.get("patch") or {}).items():
        monkeypatch.setattr(target, value)
    filing = stage(case, tmp_path)
    outcome = validate(load(filing))
    report = outcome.report
    assert_well_formed(report)
    if case["code"] is None:
        assert report.valid, report.flatten()[:8]
    else:
        found = [i for i in report.issues if i.code == case["code"]]
        assert found, f"expected {case['code']}, got {report.flatten()[:8]}"
        assert report.valid == (case["level"] == "valid"), report.flatten()[:8]
        if case["at"]:
            assert any(matches(i, case["at"]) for i in found), ([str(i.location) for i in found], case["at"])
    if "expect_mwh" in case:
        assert outcome.filing is not None
        assert str(outcome.filing.facilities[0].electricity[0].records[0].quantity) == case["expect_mwh"]
    if not report.valid:
        result = build(filing, BuildOptions(output=tmp_path / "out", verify=False))
        assert result.output is None and not (tmp_path / "out").exists()
        assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("name", sorted(n for n, c in EXPECTED.items() if c.get("inject")))
def test_formula_injection_is_guarded_in_trail_csv(name: str, tmp_path: Path) -> None:
    case = EXPECTED[name]
    result = build(stage(case, tmp_path), BuildOptions(output=tmp_path / "out", verify=False))
    assert result.output is not None
    trail = (tmp_path / "out" / "trail.csv").read_text(encoding="utf-8-sig")
    assert case["inject"] in trail
    import csv
    import io

    cells = [c for row in csv.reader(io.StringIO(trail)) for c in row]
    hits = [c for c in cells if case["inject"] in c]
    assert hits and all(c.startswith("'") for c in hits), hits


# --- paths: side files are read only from inside the filing's folder -------------------------------

def _outside(tmp_path: Path) -> Path:
    folder = tmp_path / "elsewhere"
    folder.mkdir(exist_ok=True)
    secret = folder / "secret.csv"
    secret.write_text(f"source,period,quantity,unit,evidence\ngrid,2025,1000,MWh,{CANARY}\n", encoding="utf-8")
    return secret


def _filing_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "filing"
    folder.mkdir(exist_ok=True)
    return folder


def _setup(kind: str, tmp_path: Path) -> tuple[str, list[Path]]:
    """Make the situation ``kind``; return the side-table reference and the folders to allow."""
    secret = _outside(tmp_path)
    folder = _filing_dir(tmp_path)
    if kind == "absolute":
        return str(secret), []
    if kind == "dotdot":
        return "../elsewhere/secret.csv", []
    if kind == "dotdot-deep":
        return "sub/../../elsewhere/./secret.csv", []
    if kind == "symlink-out":
        (folder / "e.csv").symlink_to(secret)
        return "e.csv", []
    if kind == "symlink-dir-out":
        (folder / "data").symlink_to(secret.parent)
        return "data/secret.csv", []
    if kind == "proc-environ":
        (folder / "e.csv").symlink_to("/proc/self/environ")
        return "e.csv", []
    if kind == "proc-mem-allowed":
        (folder / "e.csv").symlink_to("/proc/self/mem")
        return "e.csv", [Path("/")]
    if kind == "dev-zero-allowed":
        return "/dev/zero", [Path("/dev")]
    if kind == "fifo":
        os.mkfifo(folder / "e.csv")
        return "e.csv", []
    if kind == "folder":
        (folder / "e.csv").mkdir()
        return "e.csv", []
    if kind == "socket":
        sock = socket.socket(socket.AF_UNIX)
        try:
            os.chdir(folder)
            sock.bind("e.csv")
        finally:
            os.chdir(tmp_path)
            sock.close()
        return "e.csv", []
    if kind == "name-300":
        return "e" * 300 + ".csv", []
    if kind == "path-5000":
        return "/".join(["abcdefghij"] * 455) + "/e.csv", []
    if kind == "url":
        return "https://x.invalid/e.csv", []
    if kind == "file-url":
        return f"file://{secret}", []
    if kind == "windows-drive":
        return "C:\\data\\e.csv", []
    if kind == "unc":
        return "\\\\server\\share\\e.csv", []
    if kind == "loop":
        (folder / "a.csv").symlink_to(folder / "b.csv")
        (folder / "b.csv").symlink_to(folder / "a.csv")
        return "a.csv", []
    if kind == "missing":
        return "nope.csv", []
    if kind == "nul":
        return "e\x00.csv", []
    if kind == "sparse-too-large":
        with (folder / "e.csv").open("wb") as handle:
            handle.truncate(300 * 1024 * 1024)
        return "e.csv", []
    raise AssertionError(kind)


PATH_CASES = {
    "absolute": "input.outside-filing", "dotdot": "input.outside-filing", "dotdot-deep": "input.outside-filing",
    "symlink-out": "input.outside-filing", "symlink-dir-out": "input.outside-filing",
    "proc-environ": "input.outside-filing", "proc-mem-allowed": "input.not-regular-file",
    "dev-zero-allowed": "input.not-regular-file", "fifo": "input.not-regular-file", "folder": "input.not-regular-file",
    "socket": "input.not-regular-file", "name-300": "input.path-too-long", "path-5000": "input.path-too-long",
    "url": "input.outside-filing", "file-url": "input.outside-filing", "windows-drive": "input.outside-filing",
    "unc": "input.outside-filing", "loop": "input.file-unreadable", "missing": "input.file-missing",
    "nul": "input.table-reference", "sparse-too-large": "input.file-too-large",
}


@pytest.mark.parametrize("kind", sorted(PATH_CASES))
def test_side_file_path(kind: str, tmp_path: Path) -> None:
    reference, allow = _setup(kind, tmp_path)
    folder = _filing_dir(tmp_path)
    filing = side_table_filing(folder, reference)
    loaded = load(filing, allow)
    report = validate(loaded).report
    assert_well_formed(report)
    found = [i for i in report.issues if i.code == PATH_CASES[kind]]
    assert found, report.flatten()[:6]
    assert not report.valid
    assert found[0].location.file == str(filing) and found[0].location.line is not None
    assert all(p.is_relative_to(folder) or any(p.is_relative_to(a) for a in allow) for p in loaded.side_files)
    assert CANARY not in report.to_json()
    result = build(filing, BuildOptions(output=tmp_path / "out", verify=False, allow_outside=tuple(allow)))
    assert result.output is None and not (tmp_path / "out").exists()


def test_allow_outside_reads_the_named_folder_only(tmp_path: Path) -> None:
    secret = _outside(tmp_path)
    filing = side_table_filing(_filing_dir(tmp_path), str(secret))
    assert "input.outside-filing" in validate(load(filing)).report.codes()
    report = validate(load(filing, [secret.parent])).report
    assert report.valid, report.flatten()[:5]
    runner = CliRunner()
    refused = runner.invoke(main, ["validate", str(filing), "--lang", "en"])
    assert refused.exit_code == 1 and "input.outside-filing" in refused.output
    allowed = runner.invoke(main, ["validate", str(filing), "--allow-outside", str(secret.parent)])
    assert allowed.exit_code == 0, allowed.output


def test_symlink_inside_the_folder_is_read(tmp_path: Path) -> None:
    folder = _filing_dir(tmp_path)
    (folder / "data").mkdir()
    (folder / "data" / "e.csv").write_text("source,period,quantity,unit\ngrid,2025,1000,MWh\n", encoding="utf-8")
    (folder / "link.csv").symlink_to(folder / "data" / "e.csv")
    report = validate(load(side_table_filing(folder, "link.csv"))).report
    assert report.valid, report.flatten()[:5]


@pytest.mark.parametrize("kind", ["fifo", "dev-zero", "folder", "sparse"])
def test_filing_itself_must_be_a_regular_file(kind: str, tmp_path: Path) -> None:
    path = tmp_path / "filing.yaml"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path = Path("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    else:
        with path.open("wb") as handle:
            handle.truncate(65 * 1024 * 1024)
    codes = validate(load(path)).report.codes()
    assert codes == ["input.file-too-large" if kind == "sparse" else "input.not-regular-file"], codes


# --- outputs: what is at -o is replaced only if an earlier build wrote it ---------------------------

def _earlier_build(tmp_path: Path) -> Path:
    folder = _filing_dir(tmp_path)
    filing = folder / "filing.yaml"
    filing.write_text(BASE_FILING, encoding="utf-8")
    out = tmp_path / "earlier"
    assert build(filing, BuildOptions(output=out, verify=False)).output == out
    return out


def _snapshot(path: Path) -> Any:
    info = os.lstat(path)
    if stat.S_ISDIR(info.st_mode):
        return {p.name: _snapshot(p) for p in sorted(path.iterdir())}
    if stat.S_ISREG(info.st_mode):
        return path.read_bytes()
    if stat.S_ISLNK(info.st_mode):
        return ("link", os.readlink(path))
    return ("special", stat.S_IFMT(info.st_mode), info.st_rdev)


def _out(kind: str, tmp_path: Path) -> tuple[Path, str]:
    if kind == "dev-null":
        return Path("/dev/null"), "build.output-not-folder"
    if kind == "fifo":
        os.mkfifo(tmp_path / "fifo")
        return tmp_path / "fifo", "build.output-not-folder"
    if kind == "regular-file":
        (tmp_path / "notes.txt").write_text("keep me", encoding="utf-8")
        return tmp_path / "notes.txt", "build.output-not-folder"
    if kind == "symlink-to-build":
        (tmp_path / "link").symlink_to(_earlier_build(tmp_path))
        return tmp_path / "link", "build.output-not-folder"
    if kind == "someones-folder":
        (tmp_path / "home").mkdir()
        (tmp_path / "home" / "thesis.docx").write_bytes(b"years of work")
        return tmp_path / "home", "build.output-not-ours"
    if kind == "forged-manifest":
        (tmp_path / "forged").mkdir()
        (tmp_path / "forged" / "manifest.json").write_text('{"tool": "other", "outputs": []}', encoding="utf-8")
        return tmp_path / "forged", "build.output-not-ours"
    if kind == "manifest-is-a-link":
        (tmp_path / "linked").mkdir()
        earlier = _earlier_build(tmp_path)
        (tmp_path / "linked" / "manifest.json").symlink_to(earlier / "manifest.json")
        return tmp_path / "linked", "build.output-not-ours"
    if kind == "build-with-subfolder":
        earlier = _earlier_build(tmp_path)
        (earlier / "mine").mkdir()
        return earlier, "build.output-not-ours"
    if kind == "parent-is-a-file":
        (tmp_path / "plain").write_text("x", encoding="utf-8")
        return tmp_path / "plain" / "out", "build.output-parent"
    if kind == "proc":
        return Path("/proc/self/disclosure-out"), "build.output-"
    if kind == "sys":
        return Path("/sys/kernel/disclosure-out"), "build.output-"
    if kind == "name-300":
        return tmp_path / ("o" * 300), "build.output-parent"
    if kind == "root":
        return Path("/"), "build.output-not-ours"
    raise AssertionError(kind)


OUTPUT_CASES = ["dev-null", "fifo", "regular-file", "symlink-to-build", "someones-folder", "forged-manifest",
                "manifest-is-a-link", "build-with-subfolder", "parent-is-a-file", "proc", "sys", "name-300", "root"]


@pytest.mark.parametrize("kind", OUTPUT_CASES)
def test_output_refused(kind: str, tmp_path: Path) -> None:
    out, code = _out(kind, tmp_path)
    before = _snapshot(out) if os.path.lexists(out) and kind not in ("proc", "sys", "root") else None
    filing = tmp_path / "filing.yaml"
    filing.write_text(BASE_FILING, encoding="utf-8")
    with pytest.raises(DisclosureError) as raised:
        build(filing, BuildOptions(output=out, force=True, verify=False))
    assert raised.value.code.startswith(code), raised.value.code
    assert raised.value.code in CATALOGUE
    for lang in ("zh-CN", "en"):
        message, hint = raised.value.text(lang)
        assert message and hint and not re.search(r"\{[a-z_]+\}", message + hint)
    if before is not None:
        assert _snapshot(out) == before
    result = CliRunner().invoke(main, ["build", str(filing), "-o", str(out), "--force", "--no-verify",
                                       "--lang", "en"])
    assert result.exit_code == 3, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert f"[{raised.value.code}]" in result.output
    if before is not None:
        assert _snapshot(out) == before


def test_existing_output_needs_force_and_force_replaces_our_build(tmp_path: Path) -> None:
    earlier = _earlier_build(tmp_path)
    filing = _filing_dir(tmp_path) / "filing.yaml"
    before = _snapshot(earlier)
    with pytest.raises(DisclosureError) as raised:
        build(filing, BuildOptions(output=earlier, verify=False))
    assert raised.value.code == "build.output-exists" and _snapshot(earlier) == before
    (earlier / ".~lock.report.docx#").write_text("an editor's lock file is a regular file", encoding="utf-8")
    filing.write_text(BASE_FILING.replace("quantity: 1000, unit: MWh", "quantity: 2000, unit: MWh"), encoding="utf-8")
    assert build(filing, BuildOptions(output=earlier, force=True, verify=False)).output == earlier
    assert _snapshot(earlier) != before and (earlier / "manifest.json").is_file()
    assert not (earlier / ".~lock.report.docx#").exists()
    assert sorted(p.name for p in earlier.parent.iterdir() if p.name.startswith(".")) == []


def test_narrative_cannot_inject_report_structure(tmp_path: Path) -> None:
    """A filing's text with line breaks cannot add headings, tables or directives to the Word report
    (an unknown ``::`` directive used to fail the build after validate had passed)."""
    from docx import Document

    forged = "与合并报表范围一致。\\n::bogus\\n# 伪造的标题\\n::table facilities\\n::pagebreak\\n- 伪造的条目"
    filing = _filing_dir(tmp_path) / "filing.yaml"
    filing.write_text(BASE_FILING.replace('consolidation_scope: {zh-CN: "与合并报表范围一致。"',
                                          f'consolidation_scope: {{zh-CN: "{forged}"'), encoding="utf-8")
    assert validate(load(filing)).report.valid
    result = build(filing, BuildOptions(output=tmp_path / "out", verify=False))
    assert result.output is not None
    document = Document(str(tmp_path / "out" / "report.docx"))
    hits = [p for p in document.paragraphs if "伪造的标题" in p.text]
    assert len(hits) == 1 and not hits[0].style.name.startswith(("Heading", "List"))
    assert "::bogus" in hits[0].text and "::table facilities" in hits[0].text


def test_a_table_is_read_once_however_its_name_is_spelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = _filing_dir(tmp_path)
    (folder / "sub").mkdir()
    (folder / "e.csv").write_text("source,period,quantity,unit\ngrid,2025,1000,MWh\n", encoding="utf-8")
    spellings = ["e.csv", "./e.csv", "sub/../e.csv", "sub\\\\..\\\\e.csv", ".//e.csv"]
    sources = "".join(f"      - id: g{i}\n        records: {{file: \"{name}\", select: {{source: grid}}}}\n"
                      f"        location_factor: {{series: mee-nbs, year: 2023, region: fujian, justification: "
                      f"{{zh-CN: \"最新。\", en: \"Latest.\"}}}}\n" for i, name in enumerate(spellings))
    text = BASE_FILING.replace("    electricity:\n", "    electricity:\n" + sources, 1)
    filing = folder / "filing.yaml"
    filing.write_text(text, encoding="utf-8")
    loaded = load(filing)
    assert loaded.side_files == [(folder / "e.csv").resolve()] and len(loaded.sizes) == 1
    assert validate(loaded).report.valid
    monkeypatch.setattr("disclosure.intake.loader.MAX_INPUT_BYTES", 20)
    report = validate(load(filing)).report
    assert "input.limit-exceeded" in report.codes() and not report.valid


def test_csv_field_limit_holds_whatever_else_raised_it(tmp_path: Path) -> None:
    """The csv module's field limit is process-wide; Arelle's xBRL-CSV loader (the checker, in the same
    process) raises it. The intake sets its own for each read and puts the caller's back."""
    import csv
    import sys

    case = EXPECTED["csv/field-over-csv-limit"]
    previous = csv.field_size_limit(sys.maxsize)
    try:
        report = validate(load(stage(case, tmp_path))).report
        assert [i.code for i in report.issues if i.code == "input.csv-syntax"]
        assert csv.field_size_limit() == sys.maxsize
    finally:
        csv.field_size_limit(previous)
