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
from disclosure.word import blocks, content, markup, punctuation
from disclosure.word.disclosures import SECTION_MARK, money
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
    section = checklist.item("MT-12").section
    assert section.startswith("market.") and statement in report.section(section)
    for key in ("market", section):
        report.text[key] = [t.replace(statement, "") for t in report.text[key]]
    found = contradictions(filing, figures, report, table, "zh-CN")
    assert any(f.startswith("MT-12:") for f in found), found


def test_conditional_rows_without_their_condition_are_not_claimed(samples: Path) -> None:
    """RPT-13 (restatements) applies only when a prior year was restated: without one the index says
    not applicable instead of claiming a restatement section the report does not have."""
    filing, figures, report, table = _context(samples, "qinghai-aluminium", "zh-CN")
    assert not any(h.restated for h in filing.history)
    row = report.index.rows[report.index.keys.index("RPT-13")]
    assert row[3] == markup.texts("zh-CN")["index_status"]["n/a"]


# --- what each row says: levels, locations, reasons (review P1-8, P2-3, P2-4, P2-20) -----------------

LANGS = ["zh-CN", "en"]
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uff01-\uff5e]")


def _outcome(samples: Path, name: str) -> Any:
    outcome = validate(load(samples / name / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    return outcome


def _index(filing: Any, figures: Any, lang: str) -> dict[str, tuple[str, ...]]:
    """The index rows by key, and the (key → page-reference target) pairs under "§"."""
    built = content.build(filing, figures, [], lang, markup.texts(lang), "t")
    table = built.tables["index"]
    return dict(zip(table.keys, table.rows, strict=True))


def _pagerefs(filing: Any, figures: Any, lang: str) -> dict[str, str]:
    built = content.build(filing, figures, [], lang, markup.texts(lang), "t")
    table = built.tables["index"]
    return {table.keys[row]: target for row, _, target in table.pagerefs}


def _primary(level: str) -> str:
    """The guideline's level word of a level cell (before the adopted standard's note)."""
    return re.split(r"（| \(", level)[0]


def _exchange_class(filing: Any) -> str:
    return next(iter(checklist.filer_classes(filing) & checklist.EXCHANGE_CLASSES))


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SAMPLES)
def test_no_level_contradicts_the_level_words_of_its_basis(samples: Path, name: str, lang: str) -> None:
    """A row whose basis cites the guideline's article as encouraged (第二十四条（鼓励）) says 鼓励, never 强制;
    every row under the exchange guideline shows the guideline's level for the filer's class."""
    outcome = _outcome(samples, name)
    levels = markup.texts(lang)["levels"]
    encouraged = re.compile(r"指引 第[^；]*（鼓励" if lang == "zh-CN" else r"Guideline Art\.[^;]*\([^)]*encouraged")
    cls = _exchange_class(outcome.filing)
    checked = 0
    for key, row in _index(outcome.filing, outcome.figures, lang).items():
        if key.startswith("TOPIC-"):
            continue
        it = checklist.item(key)
        primary = _primary(row[2])
        basis = row[1] if lang == "zh-CN" else punctuation.english_clauses(row[1])  # as the en report prints it
        if encouraged.search(basis):
            assert primary == levels["E"], (key, row[1], row[2])
            checked += 1
        if cls in it.obligation:
            assert primary == levels[it.obligation[cls]], (key, row[2], it.obligation)
    assert checked >= 3  # Scope 3, scenario analysis, third-party verification


def test_the_same_requirement_has_the_same_level_for_the_same_filer_class(samples: Path) -> None:
    """Across the samples, one requirement and one exchange class give one guideline level (review: target
    validation was 强制 in one report and 鼓励 in another on the identical basis)."""
    seen: dict[tuple[str, str], set[str]] = {}
    for name in SAMPLES:
        outcome = _outcome(samples, name)
        cls = _exchange_class(outcome.filing)
        for key, row in _index(outcome.filing, outcome.figures, "zh-CN").items():
            if key.startswith("TOPIC-") or cls in checklist.item(key).obligation:  # a guideline requirement
                seen.setdefault((key, cls), set()).add(_primary(row[2]))
    differing = {k: v for k, v in seen.items() if len(v) > 1}
    assert not differing
    assert seen[("MT-20", "mandatory")] == {"鼓励"}


def test_a_stricter_adopted_standard_is_a_note_beside_the_guideline_s_level(samples: Path) -> None:
    qh = _outcome(samples, "qinghai-aluminium")  # adopts IFRS S2 and the MoF climate standard
    cement = _outcome(samples, "szse-cement")  # adopts the MoF climate standard, not IFRS S2
    zh, en = _index(qh.filing, qh.figures, "zh-CN"), _index(qh.filing, qh.figures, "en")
    assert zh["MT-05"][2] == "鼓励（所采用准则要求）"
    assert en["MT-05"][2] == "Encouraged (required by a standard adopted)"
    assert zh["STR-10"][2] == "鼓励（所采用准则要求）"
    assert zh["MT-09"][2] == "鼓励（所采用准则如涉及时要求）"
    assert zh["MT-20"][2] == "鼓励（所采用准则要求）"
    assert zh["FIN-01"][2] == "所采用准则要求" and en["FIN-01"][2] == "Required by a standard adopted"
    assert _index(cement.filing, cement.figures, "zh-CN")["MT-20"][2] == "鼓励"


@pytest.mark.parametrize("lang", LANGS)
def test_the_basis_cites_only_the_standards_the_company_adopts(samples: Path, lang: str) -> None:
    """Cement prepares under SZSE No.17 and the MoF climate standard, not IFRS S2: its index cites IFRS S2 only
    where IFRS S2 alone states the requirement; Qinghai adopts IFRS S2 and cites it beside the guideline."""
    cement = _outcome(samples, "szse-cement")
    qh = _outcome(samples, "qinghai-aluminium")
    for key, row in _index(cement.filing, cement.figures, lang).items():
        if "IFRS S2" in row[1]:
            assert not key.startswith("TOPIC-")
            assert {r.source for r in checklist.item(key).refs} <= {"ifrs-s2", "mof-basic"}, (key, row[1])
    assert "IFRS S2" not in _index(cement.filing, cement.figures, lang)["MT-05"][1]
    assert "IFRS S2" in _index(qh.filing, qh.figures, lang)["MT-05"][1]
    mof = "气候准则" if lang == "zh-CN" else "MoF Climate Standard"
    assert mof in _index(cement.filing, cement.figures, lang)["GOV-01"][1]


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SAMPLES)
def test_no_row_locates_a_requirement_in_the_index_itself(samples: Path, name: str, lang: str) -> None:
    """A location is a content section: no row names the index's own section or refers to its page; the
    row for the index requirement says "this table"; the MEE row states the upload from the filing."""
    outcome = _outcome(samples, name)
    texts = markup.texts(lang)
    rows = _index(outcome.filing, outcome.figures, lang)
    index_title = texts["sections"]["index"]
    assert all(row[3] != index_title for row in rows.values()), [k for k, r in rows.items() if r[3] == index_title]
    assert f"{SECTION_MARK}index" not in _pagerefs(outcome.filing, outcome.figures, lang).values()
    assert rows["RPT-08"][3] == texts["words"]["index_self"]
    mee = outcome.filing.mee.annual_report
    assert date_text(mee.uploaded, lang) in rows["MEE-05"][3] and mee.title.get(lang) in rows["MEE-05"][3]
    if lang == "zh-CN":
        assert f"《{mee.title.get(lang)}》" in rows["MEE-05"][3]
    else:
        assert not CJK.search("".join(row[2] + row[3] for row in rows.values()))


def test_the_withheld_row_reads_not_applicable_when_nothing_was_withheld(samples: Path) -> None:
    outcome = _outcome(samples, "qinghai-aluminium")
    f = outcome.filing
    words = markup.texts("zh-CN")
    assert any(o.reason.value == "not-applicable" for o in f.omissions)
    assert _index(f, outcome.figures, "zh-CN")["RPT-09"][3] == words["words"]["index_withheld"]
    kept = [o for o in f.omissions if o.reason.value not in ("not-applicable", "confidential")]
    bare = f.model_copy(update={"omissions": kept})
    assert _index(bare, outcome.figures, "zh-CN")["RPT-09"][3] == words["index_status"]["n/a"]


def _variant(samples: Path, tmp_path: Path, name: str, old: str, new: str) -> Any:
    """The sample with ``old`` replaced by ``new`` in its filing.yaml (side files copied), validated."""
    folder = tmp_path / name
    folder.mkdir()
    for side in (samples / name).iterdir():
        if side.name != "filing.yaml":
            (folder / side.name).write_bytes(side.read_bytes())
    text = (samples / name / "filing.yaml").read_text("utf-8")
    assert text.count(old) == 1, old
    (folder / "filing.yaml").write_text(text.replace(old, new), encoding="utf-8")
    outcome = validate(load(folder / "filing.yaml"))
    assert outcome.filing is not None and outcome.figures is not None
    return outcome


def test_the_mee_row_without_the_upload_is_a_gap_and_a_warning(samples: Path, tmp_path: Path) -> None:
    text = (samples / "szse-cement" / "filing.yaml").read_text("utf-8")
    block = text[text.index("  annual_report:\n"):]
    block = block[:block.index("uploaded:")] + block[block.index("uploaded:"):].split("\n", 1)[0] + "\n"
    outcome = _variant(samples, tmp_path, "szse-cement", block, "")
    assert _index(outcome.filing, outcome.figures, "zh-CN")["MEE-05"][3] == "未披露（未说明原因）"
    found = [i for i in outcome.report.issues if i.context.get("item") == "MEE-05"]
    assert [(i.code, i.severity) for i in found] == [("rule.checklist.unexplained", "warning")]


@pytest.mark.parametrize("name", SAMPLES)
def test_every_material_topic_has_a_row_with_a_location_or_a_reason(samples: Path, name: str) -> None:
    outcome = _outcome(samples, name)
    dm = outcome.filing.report.double_materiality
    material = [t for t in dm.topics if (t.impact or t.financial) and t.topic.value != "climate-change"]
    assert material
    for lang in LANGS:
        rows = _index(outcome.filing, outcome.figures, lang)
        words = markup.texts(lang)
        for t in material:
            row = rows[f"TOPIC-{t.topic.value}"]
            assert vocabulary.label("topic", t.topic, lang) in row[0]
            where = row[3]
            assert where not in words["index_status"].values(), (name, t.topic, where)
            assert (t.disclosed_in is not None and t.disclosed_in.get(lang) in where) or " › " in where
    assert not [i for i in outcome.report.issues if i.code == "rule.checklist.material-topic"]


def test_a_material_topic_with_neither_location_nor_reason_is_a_finding(samples: Path, tmp_path: Path) -> None:
    text = (samples / "qinghai-aluminium" / "filing.yaml").read_text("utf-8")
    start = text.index(", disclosed_in: {zh-CN: \"公司《2025年度环境信息依法披露报告》")
    old = text[start:text.index("}}\n", start) + 1]
    outcome = _variant(samples, tmp_path, "qinghai-aluminium", old, "")
    found = [i for i in outcome.report.issues if i.code == "rule.checklist.material-topic"]
    assert len(found) == 1 and found[0].severity == "warning"
    assert found[0].context["topic_zh"] == "污染物排放" and found[0].location.line is not None
    assert _index(outcome.filing, outcome.figures, "zh-CN")["TOPIC-pollutants"][3] == "未披露（未说明原因）"
    # a reason instead of a location: the row gives it and validate is content
    reason = (', omission: {zh-CN: "氟化物排放信息由所属集团统一披露。", '
              'en: "Fluoride emissions are disclosed by the parent group."}')
    (tmp_path / "reason").mkdir()
    outcome = _variant(samples, tmp_path / "reason", "qinghai-aluminium", old, reason)
    assert not [i for i in outcome.report.issues if i.code == "rule.checklist.material-topic"]
    row = _index(outcome.filing, outcome.figures, "zh-CN")["TOPIC-pollutants"]
    assert row[3] == "未披露：氟化物排放信息由所属集团统一披露。"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", SAMPLES)
def test_gaps_give_reasons_not_status_words(samples: Path, name: str, lang: str) -> None:
    outcome = _outcome(samples, name)
    rows = _index(outcome.filing, outcome.figures, lang)
    status = re.compile(r"鼓励或如涉及|encouraged or if applicable|未说明原因|no reason given|待发布", re.I)
    assert not [(k, r[3]) for k, r in rows.items() if status.search(r[1] + r[3])]
    assert not [i for i in outcome.report.issues if i.code == "rule.checklist.unexplained"]
    words = markup.texts(lang)
    assert rows["MT-14"][3].startswith(words["index_status"]["n/a_short"])  # the filing says it takes part in none


def test_an_optional_item_without_a_reason_is_a_warning_not_a_status_word(samples: Path, tmp_path: Path) -> None:
    text = (samples / "qinghai-aluminium" / "filing.yaml").read_text("utf-8")
    start = text.index("  - item: MT-14\n")
    old = text[start:text.index("  - item: ENE-12\n")]
    outcome = _variant(samples, tmp_path, "qinghai-aluminium", old, "")
    found = [i for i in outcome.report.issues if i.code == "rule.checklist.unexplained"]
    assert [(i.context["item"], i.severity) for i in found] == [("MT-14", "warning")]
    assert _index(outcome.filing, outcome.figures, "zh-CN")["MT-14"][3] == "未披露（未说明原因）"


@pytest.mark.parametrize(("name", "own", "other", "which"), [
    ("qinghai-aluminium", "上证180、科创50", "深证100", "公司为上证180指数样本公司"),
    ("szse-cement", "深证100、创业板", "上证180", "公司为深证100指数样本公司"),
    ("central-soe-power", "上证180、科创50", "深证100", "公司为境内外同时上市公司"),
])
def test_the_mandatory_discloser_row_shows_the_filer_s_exchange_only(samples: Path, name: str, own: str,
                                                                     other: str, which: str) -> None:
    outcome = _outcome(samples, name)
    row = _index(outcome.filing, outcome.figures, "zh-CN")["RPT-15"][0]
    assert own in row and other not in row and row.endswith(which)
    en = _index(outcome.filing, outcome.figures, "en")["RPT-15"][0]
    assert not CJK.search(en) and ("SSE 180" in en) == ("上证180" in row)


def test_rows_point_to_the_sub_section_where_the_content_is(samples: Path) -> None:
    """P2-3: the page is the sub-section's, not the chapter's (transition plan, scenarios, targets, facilities)."""
    outcome = _outcome(samples, "qinghai-aluminium")
    refs = _pagerefs(outcome.filing, outcome.figures, "zh-CN")
    expected = {"STR-05": "strategy.transition", "STR-10": "strategy.resilience", "MT-01": "metrics.targets",
                "MT-20": "metrics.targets", "MEE-03": "metrics.by_facility", "RPT-12": "about.forward_looking",
                "FIN-05": "strategy.finance", "MT-16": "market.low_carbon", "MT-11": "market.credits"}
    assert {k: refs[k].removeprefix(SECTION_MARK) for k in expected} == expected
    rows = _index(outcome.filing, outcome.figures, "zh-CN")
    assert rows["STR-05"][3] == "三、战略 › 转型计划"
    assert sum(" › " in r[3] for r in rows.values()) >= 30
