"""Code, catalogue, docs, schema and checklist kept in sync."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from disclosure.catalogue import CATALOGUE, markdown, placeholders
from disclosure.rules import RULES
from disclosure.schema import schema_text


def test_docs_codes_page_is_generated(request: pytest.FixtureRequest) -> None:
    page = Path(request.config.rootpath) / "docs" / "codes.md"
    assert page.read_text(encoding="utf-8") == markdown(), "run: disclosure codes > docs/codes.md"


def test_committed_schema_matches_model(request: pytest.FixtureRequest) -> None:
    committed = Path(request.config.rootpath) / "disclosure" / "schema" / "filing.schema.json"
    assert committed.read_text(encoding="utf-8") == schema_text(), (
        "run: disclosure schema -o disclosure/schema/filing.schema.json")


def test_every_code_in_the_source_is_catalogued(request: pytest.FixtureRequest) -> None:
    root = Path(request.config.rootpath) / "disclosure"
    used: set[str] = set()
    for path in root.rglob("*.py"):
        used |= set(re.findall(r'"((?:input|schema|rule|check|build)\.[a-z0-9.\-]+)"', path.read_text("utf-8")))
    missing = sorted(c for c in used if c not in CATALOGUE)
    assert not missing
    unused = sorted(c for c in CATALOGUE if c not in used)
    assert not unused, f"catalogued but never emitted: {unused}"


def test_catalogue_entries_are_complete() -> None:
    for code, entry in CATALOGUE.items():
        assert entry.severity in ("error", "warning"), code
        for part in (entry.title, entry.message, entry.hint):
            assert part["zh-CN"] and part["en"], code
        # the same facts in both languages (a title may be language-specific: title_zh / title_en)
        def norm(text: str) -> set[str]:
            return {re.sub(r"_(zh|en)$", "", p) for p in placeholders(text)}

        assert norm(entry.message["zh-CN"]) == norm(entry.message["en"]), code


def test_rules_registry() -> None:
    assert RULES
    for name, r in RULES.items():
        assert name.startswith("rule_"), name
        assert r.requirement, f"{name} needs a docstring quoting its requirement"
        for code in r.codes:
            assert code in CATALOGUE
