"""The disclosure index never contradicts the report it indexes.

Each index row claims either "disclosed in section S" or "not disclosed (reason)". The claim is checked
against the report's own blocks, independently of how the index computed it:

- a row claiming S: S is a heading of the report, and what the item's "met when" names is printed in S
  (the filing's texts in the report language, its dates, the item's XBRL facts as the report shows
  them, the report tables the item lists under ``shows``); a row with nothing to check is a failure,
  except items the report states by itself (``rendered``);
- a row claiming "not disclosed": none of the item's facts and none of its ``shows`` tables appear
  anywhere in the report.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from disclosure import checklist, load, validate, vocabulary
from disclosure.build import BuildOptions, RenderInput
from disclosure.compute.finance import wan
from disclosure.model.base import LocalText
from disclosure.model.energy import Money
from disclosure.model.statements import Enforcement
from disclosure.model.wording import Wording
from disclosure.word import blocks, markup
from disclosure.word.disclosures import money
from disclosure.word.document import Block, Bullets, Heading, Para, Table
from disclosure.word.figures import FactTable, date_text, show
from disclosure.xbrl.facts import facts

SAMPLES = ["qinghai-aluminium", "central-soe-power", "szse-cement"]


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).replace("**", "")


def _block_text(b: Block) -> str:
    if isinstance(b, Para):
        return b.text
    if isinstance(b, Bullets):
        return "\n".join(b.items)
    if isinstance(b, Table):
        return "\n".join([b.caption, *b.headers, *(c for row in b.rows for c in row), b.note])
    return ""


class Report:
    """The report's blocks as sections: top-level key and "top.sub" key → (text, table captions)."""

    def __init__(self, parsed: list[Block], texts: dict[str, Any]) -> None:
        tops = {v: k for k, v in texts["sections"].items()}
        subs = {v: k for k, v in texts["subsections"].items()}
        self.text: dict[str, list[str]] = {}
        self.tables: dict[str, list[str]] = {}
        self.headings: set[str] = set()
        self.cells: dict[str, str] = {}
        top = sub = ""
        for b in parsed:
            if isinstance(b, Heading) and b.level == 1:
                top, sub = tops.get(b.text, b.text), ""
                self.headings.add(top)
                continue
            if isinstance(b, Heading) and b.level == 2:
                sub = subs.get(b.text, "")
                if sub:
                    self.headings.add(f"{top}.{sub}")
                continue
            for key in (top, f"{top}.{sub}") if sub else (top,):
                self.text.setdefault(key, []).append(_block_text(b))
                if isinstance(b, Table):
                    self.tables.setdefault(key, []).append(b.caption)
                    self.cells[b.caption] = "\n".join(c for row in b.rows for c in row)
        self.index = next(b for b in parsed if isinstance(b, Table) and b.keys)

    def section(self, key: str) -> str:
        return _squash("\n".join(self.text.get(key, []))).lower()

    def everything(self) -> str:
        return _squash("\n".join(t for parts in self.text.values() for t in parts)).lower()

    def has_table(self, caption: str, key: str | None = None, containing: str = "") -> bool:
        """A table captioned ``caption`` (after its number: 表5-1 / Table 5-1) in section ``key`` (anywhere
        when None), with ``containing`` in one of its cells when given."""
        pool = self.tables.get(key, []) if key else [c for cs in self.tables.values() for c in cs]
        return any(_CAPTION_NUMBER.sub("", c) == caption and containing in self.cells.get(c, "") for c in pool)


_CAPTION_NUMBER = re.compile(r"^(?:表|Table )[0-9A-H]+-[0-9]+ ")


def _evidence(value: Any, lang: str, depth: int = 0) -> list[str]:
    """The strings the report must print for one value a "met" path reaches: texts in the report
    language, dates, amounts of money (in 万元), coded values (any of their labels), and for a structure
    the texts, dates and amounts it holds directly."""
    if isinstance(value, LocalText | Wording):
        return [value.get(lang)]
    if isinstance(value, Enforcement):  # the statement made for each answer (报告期内未因碳排放受到行政处罚)
        words = markup.texts(lang)["enforcement"]
        return [words[k][0 if getattr(value, k) else 1] for k in ("penalties", "rectification", "investigation")]
    if isinstance(value, date):
        return [date_text(value, lang)]
    if isinstance(value, Money):
        return [money(wan(value))]
    if isinstance(value, Enum):
        labels = [entry[lang] for group in vocabulary.groups().values()
                  if (entry := group.get(str(value.value))) is not None]
        return ["|".join(labels)] if labels else []  # any of its labels
    if isinstance(value, str) and not re.fullmatch(r"[a-z0-9\-]+", value):  # free text, not a key
        return [value]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _evidence(v, lang, depth)]
    if isinstance(value, BaseModel) and depth == 0:
        return [s for name in type(value).model_fields if (v := getattr(value, name)) is not None
                and name not in ELSEWHERE and isinstance(v, LocalText | Wording | date | Money)
                for s in _evidence(v, lang, depth + 1)]
    return []


ELSEWHERE = {"full_text"}
"""Fields the report prints in a section of their own (the assurance statement's full text: its appendix,
checked by tests/test_report_content.py), not in the section of the item whose structure holds them."""


def _context(samples: Path, name: str, lang: str) -> tuple[Any, Any, Report, FactTable]:
    loaded = load(samples / name / "filing.yaml")
    outcome = validate(loaded)
    assert outcome.filing is not None and outcome.figures is not None
    ctx = RenderInput(outcome.filing, outcome.figures, loaded,
                      BuildOptions(output=Path("unused"), lang=lang, ghg_unit="t"))
    parsed, _ = blocks(ctx)
    table = FactTable(facts(outcome.filing, outcome.figures, lang, "t"), outcome.filing.report.fiscal_year, lang)
    return outcome.filing, outcome.figures, Report(parsed, markup.texts(lang)), table


def contradictions(filing: Any, figures: Any, report: Report, table: FactTable, lang: str) -> list[str]:
    texts = markup.texts(lang)
    captions = {name: spec["caption"] for name, spec in texts["tables"].items()}
    keys = report.index.keys
    claims = dict(zip(keys, report.index.rows, strict=True))
    found: list[str] = []
    for item_id, row in claims.items():
        if item_id.startswith("TOPIC-"):  # a material topic: a section of this report, another report, or why not
            section = checklist.TOPIC_SECTIONS.get(item_id.removeprefix("TOPIC-"), ("", ""))[0]
            if section and row[3] == _where(texts, section) and not report.section(section):
                found.append(f"{item_id}: claims section {row[3]!r}, which the report does not print")
            continue
        it = checklist.item(item_id)
        where = row[3]
        shown_facts = [(c, show(f)) for c in it.concepts if (f := table.get(c)) is not None
                       and isinstance(f.value, Decimal)]
        # a ``shows`` entry is a table name, or "table:word" for the table's rows that contain the word
        tables = [(captions[name], word) for name, _, word in (s.partition(":") for s in it.shows)]
        if where in {_where(texts, it.section)}:  # claims: disclosed in this section
            section = report.section(it.section)
            if it.section not in report.headings or not section:
                found.append(f"{item_id}: claims section {where!r}, which the report does not have")
                continue
            checked = 0
            for path in it.met_paths:
                alts = [a for a in path.split("|") if not a.startswith("!")]
                present = [v for a in alts for v in checklist.resolve(a, filing, figures)
                           if checklist._present([v])]
                strings = [s for v in present for s in _evidence(v, lang) if s]
                if not strings:
                    continue
                checked += 1
                missing = [s for s in strings
                           if not any(_squash(a).lower().rstrip("。.") in section for a in s.split("|"))]
                if missing:
                    found.append(f"{item_id}: claims {where!r} but the section does not print {missing[0][:40]!r}")
            for concept, text in shown_facts:
                checked += 1
                if _squash(text).lower() not in section:
                    found.append(f"{item_id}: claims {where!r} but its fact {concept} ({text}) is not there")
            if tables:
                checked += 1
                if not any(report.has_table(c, it.section, word) for c, word in tables):
                    found.append(f"{item_id}: claims {where!r} but none of its tables {tables} is there")
            if not checked and not it.rendered:
                found.append(f"{item_id}: claims {where!r} with nothing in the report to show it")
        else:  # claims: not disclosed, not applicable or out of scope
            everything = report.everything()
            for concept, text in shown_facts:
                if _squash(text).lower() in everything:
                    found.append(f"{item_id}: says {where[:20]!r} but the report shows {concept} = {text}")
            for c, word in tables:
                if report.has_table(c, containing=word):
                    found.append(f"{item_id}: says {where[:20]!r} but the report has table {c!r}")
    return found


def _where(texts: dict[str, Any], section: str) -> str:
    top, _, sub = section.partition(".")
    return f"{texts['sections'][top]} › {texts['subsections'][sub]}" if sub else texts["sections"][top]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("name", SAMPLES)
def test_no_index_row_contradicts_the_report(samples: Path, name: str, lang: str) -> None:
    filing, figures, report, table = _context(samples, name, lang)
    assert contradictions(filing, figures, report, table, lang) == []


def test_the_check_catches_a_row_that_claims_what_the_report_lacks(samples: Path) -> None:
    """Remove the governance text the GOV-03 row relies on from the report: the check fails."""
    filing, figures, report, table = _context(samples, "qinghai-aluminium", "zh-CN")
    assert filing.governance is not None
    info = _squash(filing.governance.information.get("zh-CN"))
    report.text["governance"] = [t.replace(filing.governance.information.get("zh-CN"), "")
                                 for t in report.text["governance"]]
    assert info not in report.section("governance")
    found = contradictions(filing, figures, report, table, "zh-CN")
    assert any(f.startswith("GOV-03:") for f in found), found


def test_the_check_catches_a_row_that_denies_what_the_report_shows(samples: Path) -> None:
    """An index saying 'not disclosed' for the CCER row while the report shows CCERs fails the check."""
    filing, figures, report, table = _context(samples, "qinghai-aluminium", "zh-CN")
    rows = list(report.index.rows)
    i = report.index.keys.index("MT-13")
    rows[i] = (*rows[i][:3], "未披露（鼓励或如涉及）", "—")
    report.index = Table(report.index.caption, report.index.headers, tuple(rows), keys=report.index.keys)
    found = contradictions(filing, figures, report, table, "zh-CN")
    assert any(f.startswith("MT-13:") for f in found), found


def test_the_check_catches_a_penalties_row_without_the_statement(samples: Path) -> None:
    """MT-12 claims the enforcement statement; without 未因碳排放受到行政处罚 in chapter 6 the check fails."""
    filing, figures, report, table = _context(samples, "central-soe-power", "zh-CN")
    statement = "未因碳排放受到行政处罚"
    assert statement in report.section("market")
    report.text["market"] = [t.replace(statement, "") for t in report.text["market"]]
    found = contradictions(filing, figures, report, table, "zh-CN")
    assert any(f.startswith("MT-12:") for f in found), found


def test_conditional_rows_without_their_condition_are_not_claimed(samples: Path) -> None:
    """RPT-13 (restatements) applies only when a prior year was restated: without one the index says
    not applicable instead of claiming a restatement section the report does not have."""
    filing, figures, report, table = _context(samples, "qinghai-aluminium", "zh-CN")
    assert not any(h.restated for h in filing.history)
    row = report.index.rows[report.index.keys.index("RPT-13")]
    assert row[3] == markup.texts("zh-CN")["index_status"]["n/a"]
