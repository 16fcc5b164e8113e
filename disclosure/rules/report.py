"""Rules on the report: period, dates, title, languages (RPT-01 to RPT-06)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from functools import cache
from typing import Any, get_args

from pydantic import BaseModel

from disclosure.checklist import title_ok
from disclosure.issues import Issue, PathPart
from disclosure.model.base import LocalText
from disclosure.model.report import EXCHANGE_BASES
from disclosure.model.wording import Wording
from disclosure.rules.registry import RuleContext, rule


@rule("rule.report.period")
def rule_period(ctx: RuleContext) -> Iterator[Issue]:
    """RPT-03: the report covers one full fiscal year (1 January – 31 December), as the annual report."""
    r = ctx.filing.report
    wrong_start = r.period_start != date(r.fiscal_year, 1, 1)
    if wrong_start or r.period_end != date(r.fiscal_year, 12, 31):
        field = "period_start" if wrong_start else "period_end"
        yield ctx.at("rule.report.period", ("report", field), start=r.period_start,
                     end=r.period_end, year=r.fiscal_year)


@rule("rule.report.title")
def rule_title(ctx: RuleContext) -> Iterator[Issue]:
    """RPT-01 (Guide No. 1, ch. 1 五): under the exchange guidelines the title is 《××公司可持续发展报告》
    or 《××公司环境、社会和公司治理报告》, or contains one of those words; "ESG报告" alone does not."""
    r = ctx.filing.report
    if not set(r.bases) & EXCHANGE_BASES:
        return
    title = r.title.zh or ""
    if not title_ok(title):
        yield ctx.at("rule.report.title", ("report", "title"), title=title or "-")


@rule("rule.report.deadline", "rule.report.before-annual-report", "rule.report.approval-order")
def rule_dates(ctx: RuleContext) -> Iterator[Issue]:
    """RPT-05: published within four months of year-end, not before the annual report, after approval."""
    r = ctx.filing.report
    deadline = date(r.fiscal_year + 1, 4, 30)
    if r.publication_date is not None:
        if r.publication_date > deadline:
            yield ctx.at("rule.report.deadline", ("report", "publication_date"),
                         date=r.publication_date, deadline=deadline)
        if r.annual_report_date is not None and r.publication_date < r.annual_report_date:
            yield ctx.at("rule.report.before-annual-report", ("report", "publication_date"),
                         date=r.publication_date, annual=r.annual_report_date)
        if r.board_approval_date is not None and r.board_approval_date > r.publication_date:
            yield ctx.at("rule.report.approval-order", ("report", "board_approval_date"),
                         approval=r.board_approval_date, date=r.publication_date)


@rule("rule.report.verification-after-approval")
def rule_verification_dates(ctx: RuleContext) -> Iterator[Issue]:
    """A verification report the report reconciles with exists when the board approves the report: dated
    after the approval (or after publication, without an approval date) it cites a document that did not
    exist yet. A report approved before the year's verification reconciles with none (and says so)."""
    r = ctx.filing.report
    approved = r.board_approval_date or r.publication_date
    if approved is None:
        return
    for i, fac in enumerate(ctx.filing.facilities):
        v = fac.verification
        if v is not None and v.date > approved:
            yield ctx.at("rule.report.verification-after-approval", ("facilities", i, "verification", "date"),
                         facility=fac.id, date=v.date, report_no=v.report_no, approved=approved)


def _holds_text(annotation: Any, seen: frozenset[type] = frozenset()) -> bool:
    """Whether a field of this type can contain a ``LocalText``, at any depth."""
    if annotation is Wording:
        return True
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation is LocalText or (
            annotation not in seen and bool(_text_fields(annotation, seen | {annotation})))
    return any(_holds_text(arg, seen) for arg in get_args(annotation))


@cache
def _text_fields(cls: type[BaseModel], seen: frozenset[type] = frozenset()) -> tuple[str, ...]:
    """The fields of ``cls`` worth walking for texts (activity records hold none)."""
    return tuple(name for name, info in cls.model_fields.items() if _holds_text(info.annotation, seen))


def _texts(node: Any, path: tuple[PathPart, ...]) -> Iterator[tuple[tuple[PathPart, ...], LocalText | Wording]]:
    """Every text of the filing: ``LocalText`` narratives and ``Wording`` short texts (names, roles)."""
    if isinstance(node, LocalText | Wording):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in _text_fields(type(node)):
            yield from _texts(getattr(node, name), (*path, name))
    elif isinstance(node, list):
        for i, item in enumerate(node):
            yield from _texts(item, (*path, i))


@rule("rule.text.language-missing", "rule.text.translation-missing")
def rule_languages(ctx: RuleContext) -> Iterator[Issue]:
    """Every text is given in each language the report is published in (zh-CN primary, en secondary)."""
    langs = ctx.filing.report.languages
    for path, text in _texts(ctx.filing, ()):
        if isinstance(text, Wording):  # a name or role: one string serves a language it can be read in
            for lang in langs[1:]:
                if text.missing(lang):
                    yield ctx.at("rule.text.translation-missing", path, lang=lang)
            continue
        for n, lang in enumerate(langs):
            if text.get(lang) and (text.zh if lang == "zh-CN" else text.en):
                continue
            code = "rule.text.language-missing" if n == 0 else "rule.text.translation-missing"
            yield ctx.at(code, path, lang=lang)
