"""Numbers in the preparer's words agree with the computed figures (issue 12, item 3).

A filing's texts are typed by people; the figures are computed. When a text states a share the tool
also computes ("2025年绿证覆盖外购电量的16.8%", "熟料煅烧过程排放占范围一约六成", "clean energy was
12 % of energy use"), the two must agree: a report that prints 16.8 % in a paragraph and 16.4 % in its
table undermines itself. This rule finds such statements (a known quantity named in the same sentence
as a single percentage, or a Chinese 成 share) and warns with both values.

Only statements about the reporting period are checked: a sentence that names a later year or a target,
plan or expectation (目标、计划、预计、力争、将; target, plan, expect, will) states no current figure.
Stated precision sets the tolerance: "16.8%" must round to the computed value at one decimal; "约六成",
"about 60 %" or "60%左右" allow 2.5 percentage points; "超过/逾/more than" and "不足/不到/less than"
are one-sided.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from disclosure import units
from disclosure.compute.results import Figures
from disclosure.issues import Issue
from disclosure.model import Filing
from disclosure.rules.registry import RuleContext, rule
from disclosure.rules.report import _texts

APPROXIMATE = Decimal("2.5")
"""Percentage points an approximate statement (约、左右、about) may differ from the computed share."""

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Quantity:
    """A share the report computes, and the words that name it in a sentence."""

    key: str
    label: tuple[str, str]
    """zh-CN and en names, for the message."""
    zh: re.Pattern[str]
    en: re.Pattern[str]
    value: Callable[[Filing, Figures], Decimal | None]
    """The computed share in per cent, or None when the filing has nothing to compute it from."""


def _green_electricity(filing: Filing, figures: Figures) -> Decimal | None:
    """Purchased electricity covered by green certificates, green power trades and contracts (%)."""
    used = sum((units.convert(s.quantity, s.quantity_unit, "MWh") for f in figures.facilities for s in f.sources
                if s.kind == "electricity" and s.quantity is not None), Decimal(0))
    covered = sum((units.convert(i.quantity, i.unit, "MWh") for f in filing.facilities for e in f.electricity
                   for i in e.instruments), Decimal(0))
    return covered * HUNDRED / used if used and covered else None


def _process_share(_: Filing, figures: Figures) -> Decimal | None:
    """Process emissions as a share of Scope 1 (%)."""
    process = figures.by_source_type.get("process")
    return process * HUNDRED / figures.totals.scope1 if process and figures.totals.scope1 else None


def _clean_energy(_: Filing, figures: Figures) -> Decimal | None:
    """Clean energy as a share of total energy consumption (%)."""
    return figures.energy.clean_share_pct if figures.energy is not None else None


_GREEN_ZH = r"(绿证|绿色电力证书|绿电|绿色电力).*(外购电|用电|电量)|(外购电|用电|电量).*(绿证|绿色电力证书|绿电)"
_GREEN_EN = (r"(green (power|electricity|certificate)|GEC)"
             r".*(purchased electricity|electricity (use|consumption|purchased))")
_PROCESS_ZH = r"(过程排放|煅烧|工业过程).*范围一|范围一.*(过程排放|煅烧|工业过程)"
_PROCESS_EN = (r"(process emissions|calcination|industrial process).*Scope 1"
               r"|Scope 1.*(process emissions|calcination)")

QUANTITIES = (
    Quantity("green-electricity",
             ("绿色电力证书与绿电交易覆盖外购电量的比例",
              "share of purchased electricity covered by green certificates and trades"),
             re.compile(_GREEN_ZH), re.compile(_GREEN_EN, re.I), _green_electricity),
    Quantity("process-share", ("工业过程排放占范围一的比例", "process share of Scope 1"),
             re.compile(_PROCESS_ZH), re.compile(_PROCESS_EN, re.I), _process_share),
    Quantity("clean-energy", ("清洁能源占综合能源消费的比例", "clean-energy share of energy consumption"),
             re.compile(r"清洁能源.*(占|比例|比重)"),
             re.compile(r"clean energy.*(share|of (total |our )?energy)|share of clean energy", re.I),
             _clean_energy),
)

_SENTENCE = {"zh-CN": re.compile(r"[。；;！？!?\n]"), "en": re.compile(r"(?<=[.;!?])\s+|\n")}
_FORWARD = {"zh-CN": re.compile(r"目标|计划|预计|力争|将|拟|规划"),
            "en": re.compile(r"\b(target|plan|planned|expect|expected|will|aim|by 20\d\d)\b", re.I)}
_PERCENT = {
    "zh-CN": re.compile(r"(?P<pre>约|近|接近|超过|逾|不足|不到|达到|达)?\s*"
                        r"(?P<n>\d+(?:\.\d+)?)\s*[%％](?P<post>左右)?"),
    "en": re.compile(r"(?P<pre>about|around|approximately|nearly|almost|over|more than|less than|under|some)?\s*"
                     r"(?P<n>\d+(?:\.\d+)?)\s*(?:%|per ?cent)(?P<post>)", re.I),
}
_TENTHS = re.compile(r"(?P<pre>约|近|接近|超过|逾|不足|不到)?(?P<n>[一二三四五六七八九])成(?P<post>左右)?")
_DIGITS = "一二三四五六七八九"
_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


@dataclass(frozen=True)
class Statement:
    """A percentage as stated: its text, value and how it bounds the true figure."""

    text: str
    value: Decimal
    places: int
    bound: str
    """exact, approximate, above, below."""

    def agrees(self, computed: Decimal) -> bool:
        if self.bound == "above":
            return computed > self.value
        if self.bound == "below":
            return computed < self.value
        if self.bound == "approximate":
            return abs(computed - self.value) <= APPROXIMATE
        return abs(computed - self.value) <= Decimal(5).scaleb(-self.places - 1)


def _bound(pre: str, post: str) -> str:
    pre = pre.lower()
    if pre in {"超过", "逾", "over", "more than"}:
        return "above"
    if pre in {"不足", "不到", "less than", "under"}:
        return "below"
    if post or pre in {"约", "近", "接近", "about", "around", "approximately", "nearly", "almost", "some"}:
        return "approximate"
    return "exact"


def statements(sentence: str, lang: str) -> list[Statement]:
    """The percentages ``sentence`` states."""
    found = []
    for m in _PERCENT[lang].finditer(sentence):
        n = m["n"]
        places = len(n.partition(".")[2])
        found.append(Statement(m.group(0).strip(), Decimal(n), places, _bound(m["pre"] or "", m["post"] or "")))
    if lang == "zh-CN":
        for m in _TENTHS.finditer(sentence):
            bound = _bound(m["pre"] or "", m["post"] or "")
            found.append(Statement(m.group(0), Decimal((_DIGITS.index(m["n"]) + 1) * 10), 0,
                                   "approximate" if bound == "exact" else bound))
    return found


def mismatches(text: str, lang: str, year: int,
               computed: dict[str, Decimal]) -> Iterator[tuple[str, Statement, Decimal]]:
    """(quantity, statement, computed share) for each sentence of ``text`` whose single stated share of a
    computed quantity disagrees with it."""
    for sentence in _SENTENCE[lang].split(text):
        if _FORWARD[lang].search(sentence) or any(int(y) > year for y in _YEAR.findall(sentence)):
            continue
        stated = statements(sentence, lang)
        if len(stated) != 1:
            continue  # none, or several (a change from one share to another): nothing to pin
        for q in QUANTITIES:
            value = computed.get(q.key)
            if value is not None and (q.zh if lang == "zh-CN" else q.en).search(sentence):
                if not stated[0].agrees(value):
                    yield q.key, stated[0], value
                break


@rule("rule.narrative.figure-mismatch")
def rule_narrative_figures(ctx: RuleContext) -> Iterator[Issue]:
    """Item 3 of issue 12: a text typed by the preparer that states a share the tool computes (green
    electricity coverage, process share of Scope 1, clean-energy share) agrees with the computed figure."""
    f = ctx.filing
    computed = {q.key: v for q in QUANTITIES if (v := q.value(f, ctx.figures)) is not None}
    labels = {q.key: q.label for q in QUANTITIES}
    if not computed:
        return
    for path, text in _texts(f, ()):
        for lang, value in (("zh-CN", text.zh), ("en", text.en)):
            if not value:
                continue
            for key, stated, share in mismatches(value, lang, f.report.fiscal_year, computed):
                yield ctx.at("rule.narrative.figure-mismatch", (*path, lang), lang=lang, stated=stated.text,
                             computed=f"{share.quantize(Decimal('0.1'))}%", quantity=key,
                             what_zh=labels[key][0], what_en=labels[key][1])
