"""The filing-rules conformance suite (tests/conformance/, XBRL conformance-suite format): every filing rule
of docs/filing-rules.md has valid and invalid variations; ``disclosure check`` gives each its expected
verdict and codes, and plain Arelle (its own testcase runner, the cn-ghg package, nothing of ours) passes
every variation, with the same verdict as ours wherever Arelle can judge the rule."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import etree

from disclosure.check import Options, run
from disclosure.check.findings import FilingResult
from disclosure.check.obligations import read_obligations
from disclosure.taxonomy import package_bytes
from tests.conformance import make_suite

HERE = Path(__file__).parent / "conformance"
CONF = "{http://xbrl.org/2008/conformance}"
DC = f"{{{make_suite.DC}}}"


def _variations() -> list[tuple[str, etree._Element]]:
    return [(case.parent.name, var) for case in sorted(HERE.glob("fr-*/testcase.xml"))
            for var in etree.parse(str(case)).getroot().iter(f"{CONF}variation")]


def test_the_suite_is_as_generated() -> None:
    committed = {p.relative_to(HERE).as_posix(): p.read_bytes() for p in HERE.rglob("*")
                 if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}
    generated = make_suite.files()
    assert sorted(committed) == sorted(generated), "run: python -m tests.conformance.make_suite"
    for name, data in generated.items():
        assert committed[name] == data, f"{name}: run python -m tests.conformance.make_suite"


def test_every_filing_rule_has_valid_and_invalid_variations() -> None:
    variations = _variations()
    assert len(variations) >= 80
    rules_doc = (Path(__file__).parent.parent / "docs" / "filing-rules.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^### (FR-\d\d)", rules_doc, re.M))
    suite = {f"FR-{folder[3:]}" for folder, _ in variations}
    assert documented == suite, (documented ^ suite)
    for rule in sorted(suite):
        checks = [v.find(f"{DC}check") for folder, v in variations if f"FR-{folder[3:]}" == rule]
        fired = {bool(list(c.iter(f"{DC}code"))) for c in checks}
        assert fired == {True, False}, f"{rule} needs a case that breaks it and one that follows it"
        assert any(c.get("valid") == "false" for c in checks) or rule == "FR-17", rule  # FR-17 only warns


@pytest.fixture(scope="module")
def ours() -> dict[str, FilingResult]:
    """disclosure check on every variation's document (with the regulator's list where the variation says)."""
    variations = _variations()
    paths = {v.get("id"): HERE / folder / v.findtext(f"{CONF}data/{CONF}instance") for folder, v in variations}
    listed = {v.get("id") for _, v in variations if v.find(f"{DC}check").get("obligations")}
    results = {}
    plain = [i for i in paths if i not in listed]
    for ids, options in ((plain, Options(jobs=2)),
                         (sorted(listed), Options(jobs=2, obligations=read_obligations(HERE / "obligations.csv")))):
        results.update(zip(ids, run([paths[i] for i in ids], options), strict=True))
    return results


@pytest.mark.parametrize("vid", [v.get("id") for _, v in _variations()])
def test_disclosure_check_gives_the_expected_verdict(ours: dict[str, FilingResult], vid: str) -> None:
    var = next(v for _, v in _variations() if v.get("id") == vid)
    check = var.find(f"{DC}check")
    result = ours[vid]
    found = {f.code for f in result.findings}
    wanted = {c.text for c in check.iter(f"{DC}code")}
    assert wanted <= found, (vid, sorted(found))
    assert result.valid is (check.get("valid") == "true"), (vid, [(f.code, f.message_en) for f in result.findings])
    if check.get("arelle") != "beyond":
        arelle_valid = var.find(f"{CONF}result").get("expected") == "valid"
        assert result.valid is arelle_valid, f"{vid}: Arelle and disclosure check must agree"
    for f in result.findings:
        assert f.message_zh and f.message_en
        assert not re.search(r"model\w*(Fact|Object)\[|object at 0x", f.message_en + f.message_zh), f.message_en


@pytest.mark.slow
def test_plain_arelle_passes_every_variation(tmp_path: Path) -> None:
    """Arelle's own testcase runner, offline, with the taxonomy package only (two processes, half the
    testcases each)."""
    package = tmp_path / "cn-ghg.zip"
    package.write_bytes(package_bytes())
    cases = sorted(HERE.glob("fr-*/testcase.xml"))
    runs = []
    for n, half in enumerate((cases[::2], cases[1::2])):
        index = tmp_path / f"index{n}.xml"
        index.write_text('<?xml version="1.0" encoding="UTF-8"?>\n<testcases xmlns="http://xbrl.org/2008/conformance">'
                         + "".join(f'<testcase uri="{c.as_uri()}"/>' for c in half) + "</testcases>\n",
                         encoding="utf-8")
        report = tmp_path / f"report{n}.csv"
        runs.append((report, subprocess.Popen(
            [sys.executable, "-m", "arelle.CntlrCmdLine", "--file", str(index), "--packages", str(package),
             "--validate", "--calc", "c11r", "--formula", "run", "--utr", "--validateDuplicateFacts", "inconsistent",
             "--internetConnectivity", "offline", "--csvTestReport", str(report)],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)))
    rows = []
    for report, process in runs:
        assert process.wait(timeout=1200) == 0
        rows += list(csv.DictReader(report.read_text(encoding="utf-8-sig").splitlines()))
    assert len(rows) == len(_variations())
    failed = [(r["Id"], r["Expected"], r["Actual"][:200]) for r in rows if r["Status"] != "pass"]
    assert failed == []
