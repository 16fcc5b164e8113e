"""The trap corpus (tests/traps/): every trap gives its finding, with its severity and location."""

from __future__ import annotations

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
