"""The trap corpus (tests/traps/): every trap gives its finding, with its severity and location."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from disclosure import load, validate
from disclosure.issues import dotted
from tests.traps.cases import CASES, Case

BASE = (Path(__file__).parent / "traps" / "base.yaml").read_text(encoding="utf-8")


def _write(tmp_path: Path, case: Case) -> tuple[Path, str]:
    text = BASE
    for old, new in case.edits:
        assert old in text, f"{case.id}: edit does not apply: {old[:60]!r}"
        text = text.replace(old, new, 1)
    for name, content in case.files.items():
        (tmp_path / name).write_text(content, encoding="utf-8")
    path = tmp_path / "filing.yaml"
    path.write_text(text, encoding="utf-8")
    return path, text


def test_base_is_clean(tmp_path: Path) -> None:
    path = tmp_path / "filing.yaml"
    path.write_text(BASE, encoding="utf-8")
    report = validate(load(path)).report
    quality = [i for i in report.issues if not i.code.startswith("rule.checklist.")]
    assert report.valid and not quality, report.flatten()


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_trap(tmp_path: Path, case: Case) -> None:
    path, text = _write(tmp_path, case)
    report = validate(load(path)).report
    found = [i for i in report.issues if i.code == case.code]
    if case.absent:
        assert not found, (case.id, report.flatten())
        assert report.valid, (case.id, report.flatten())
        return
    assert found, f"{case.id}: expected {case.code}, got {report.flatten()}"
    issue = next((i for i in found if case.path is None or dotted(i.location.path) == case.path), None)
    assert issue is not None, (case.id, [dotted(i.location.path) for i in found])
    assert issue.level.value == case.severity, (case.id, issue.level)
    if case.severity == "error":
        assert not report.valid
    if case.marker is not None:
        line = next(n for n, ln in enumerate(text.splitlines(), 1) if case.marker in ln)
        assert (issue.location.file, issue.location.line) == (str(path), line), (case.id, issue.location)
    if case.files:
        assert issue.location.file is not None and issue.location.file.endswith(tuple(case.files))
        assert issue.location.line is not None
    for lang in ("zh-CN", "en"):
        message = issue.message(lang)
        assert "{" not in message, message
    if case.contains is not None:
        assert case.contains in issue.message("zh-CN") + issue.message("en"), issue.message("en")
    assert "Input should" not in issue.message("zh-CN")


def test_frequency_substitution_priced_in_the_trail(tmp_path: Path) -> None:
    """A month of an ETS power plant without its own coal test: the carbon content is replaced by the
    default (reason ``frequency``), with the requirement it failed, the substituted value and its
    factor, and the emissions with the default and with the rejected value; the NCV is kept (warning)."""
    from disclosure.compute.quality import quality_dict
    from disclosure.factors import library

    case = next(c for c in CASES if c.id == "ets-power-one-month-without-own-test")
    path, _ = _write(tmp_path, case)
    figures = validate(load(path)).figures
    assert figures is not None
    subs = [s for s in figures.substitutions if s.reason == "frequency"]
    assert [(s.source, s.period, s.parameter) for s in subs] == [("coal", "2025-06", "carbon_content")]
    sub = subs[0]
    default = library().fuel_default("bituminous_coal", "carbon_content")
    assert default is not None and sub.value == default.value and sub.factor == default.id
    assert sub.original == Decimal("0.0262")
    assert sub.requirement is not None and "monthly" in sub.requirement and "发电设施" in sub.requirement
    assert "secondary" in sub.requirement
    by_hand = Decimal(8440) * Decimal("21.5") * Decimal("0.0262") * Decimal("0.98") * 44 / 12
    assert sub.emissions_original == by_hand
    assert sub.emissions == Decimal(8440) * Decimal("21.5") * default.value * Decimal("0.98") * 44 / 12
    assert sub.difference == sub.emissions - by_hand and sub.difference != 0
    assert sub.to_dict()["requirement"] == sub.requirement
    published = quality_dict(figures.quality, figures.substitutions)
    assert Decimal(published["substitution_difference"]) == sub.difference
    assert not [s for s in figures.substitutions if s.parameter == "ncv"]


def test_testing_table_rows_are_sourced() -> None:
    """Every row of data/testing.yaml names an enforced frequency, an action, a status and a source;
    a row whose requirement was not read is at most a warning unless its source records a decision."""
    from disclosure.compute.testing import table

    data = table()
    for sector, spec in data["sectors"].items():
        assert spec["document"], sector
        for row in spec["rules"]:
            assert row["frequency"] in data["frequencies"], row
            assert row["parameter"] in data["parameters"], row
            assert row["action"] in ("substitute", "warn"), row
            assert row["status"] in ("verified", "secondary", "unverified"), row
            assert row["source"], row
            if row["status"] == "unverified" and row["action"] == "substitute":
                assert row["source"].startswith("Project decision"), row


def _rule_owned() -> list[Case]:
    from disclosure.rules.registry import RULES

    declared = {code for r in RULES.values() for code in r.codes}
    return [c for c in CASES if not c.absent and c.code in declared]


@pytest.mark.parametrize("case", _rule_owned(), ids=[c.id for c in _rule_owned()])
def test_trap_fails_without_its_rule(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: Case) -> None:
    """Each trap whose code a registered rule emits is found by that rule: without it (every rule
    declaring the code removed), the expected finding at the expected place is gone."""
    from disclosure.rules import registry

    kept = {name: r for name, r in registry.RULES.items() if case.code not in r.codes}
    assert len(kept) < len(registry.RULES)
    monkeypatch.setattr(registry, "RULES", kept)
    path, _ = _write(tmp_path, case)
    report = validate(load(path)).report
    left = [i for i in report.issues if i.code == case.code
            and (case.path is None or dotted(i.location.path) == case.path)]
    assert not left, (case.id, [str(i.location) for i in left])


FREQUENCY_CASES = [c for c in CASES if c.code == "rule.mrv.frequency" and not c.absent]


@pytest.mark.parametrize("case", FREQUENCY_CASES, ids=[c.id for c in FREQUENCY_CASES])
def test_frequency_trap_fails_without_the_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                case: Case) -> None:
    """rule.mrv.frequency comes from the computation, not a registered rule: without the testing
    table's requirements the finding is gone."""
    from disclosure.compute import testing

    monkeypatch.setattr(testing, "requirements", lambda *args: {})
    path, _ = _write(tmp_path, case)
    assert case.code not in validate(load(path)).report.codes()


@pytest.mark.parametrize(("case_id", "target", "name"), [
    ("cement-plant-selling-clinker-not-tested", "disclosure.rules.quality.plausibility", "requirement_met"),
    ("power-with-heat-not-held-to-coal-rate", "disclosure.rules.quality.products", "_applies"),
])
def test_guard_cases_fail_without_their_guard(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case_id: str,
                                              target: str, name: str) -> None:
    """The 'absent' cases of the plausibility guards are not vacuous: without the guard the finding
    appears."""
    import importlib

    monkeypatch.setattr(importlib.import_module(target), name, lambda *args: True)
    case = next(c for c in CASES if c.id == case_id)
    path, _ = _write(tmp_path, case)
    assert case.code in validate(load(path)).report.codes()


ENGLISH_PROSE = __import__("re").compile(r"\b[A-Za-z]{3,}(?:[ ,;:()-]+[A-Za-z]{2,}){3,}")
"""Four or more English words in a row: prose, not a unit, a code, a file name or a standard number."""


def test_zh_messages_are_chinese(tmp_path: Path) -> None:
    """Item 9 of issue 10: every message and hint of every trap's findings reads in Chinese in zh-CN
    (English prose from pydantic, a data file or a rule would show as four English words in a row)."""
    leaks: list[tuple[str, str, str]] = []
    for n, case in enumerate(CASES):
        folder = tmp_path / str(n)
        folder.mkdir()
        path, _ = _write(folder, case)
        for issue in validate(load(path)).report.issues:
            for text in (issue.message("zh-CN"), issue.hint("zh-CN")):
                prose = ENGLISH_PROSE.search(text.replace(str(folder), ""))
                if prose:
                    leaks.append((case.id, issue.code, prose.group(0)))
    assert not leaks, leaks[:10]
