"""Rules on carbon-market participation, Scope 3, history and targets."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from decimal import Decimal

from disclosure.issues import Issue
from disclosure.rules.registry import RuleContext, rule

CCER_CAP = Decimal("0.05")
"""CCER offsets ≤ 5 % of the allowances due per year (2020 Measures, [S])."""


@rule("rule.market.ccer-cap", "rule.market.surrender-short", "rule.market.rectification-missing",
      "rule.market.unknown-facility")
def rule_compliance(ctx: RuleContext) -> Iterator[Issue]:
    """MT-12: CCER within 5 % of the obligation; surrender covers it; otherwise rectification stated."""
    market = ctx.filing.carbon_market
    if market is None:
        return
    ids = {f.id for f in ctx.filing.facilities}
    for i, c in enumerate(market.compliance):
        base = ("carbon_market", "compliance", i)
        if c.facility not in ids:
            yield ctx.at("rule.market.unknown-facility", (*base, "facility"), facility=c.facility)
        cap = c.obligation * CCER_CAP
        if c.ccer_surrendered > cap:
            yield ctx.at("rule.market.ccer-cap", (*base, "ccer_surrendered"), ccer=c.ccer_surrendered,
                         cap=cap, obligation=c.obligation)
        covered = c.surrendered_allowances + min(c.ccer_surrendered, cap)
        if c.surrender_completed and covered < c.obligation:
            yield ctx.at("rule.market.surrender-short", (*base, "surrendered_allowances"),
                         covered=covered, obligation=c.obligation)
        if not c.surrender_completed and c.rectification is None:
            yield ctx.at("rule.market.rectification-missing", (*base, "surrender_completed"))


@rule("rule.market.compliance-missing")
def rule_ets_compliance(ctx: RuleContext) -> Iterator[Issue]:
    """MT-12 (conditional): a facility covered by the national ETS states its surrender status."""
    market = ctx.filing.carbon_market
    done = {c.facility for c in market.compliance} if market else set()
    for i, fac in enumerate(ctx.filing.facilities):
        if fac.ets.covered and fac.id not in done:
            yield ctx.at("rule.market.compliance-missing", ("facilities", i, "ets"), facility=fac.id)


@rule("rule.scope3.duplicate")
def rule_scope3(ctx: RuleContext) -> Iterator[Issue]:
    """Each Scope 3 category is reported once, or excluded once with a reason, never both."""
    s3 = ctx.filing.scope3
    if s3 is None:
        return
    reported = Counter(c.category for c in s3.categories)
    excluded = Counter(c.category for c in s3.excluded)
    for j, cat in enumerate(s3.categories):
        if reported[cat.category] > 1 or cat.category in excluded:
            yield ctx.at("rule.scope3.duplicate", ("scope3", "categories", j, "category"),
                         category=cat.category)


@rule("rule.history.duplicate-year", "rule.history.base-year-missing")
def rule_history(ctx: RuleContext) -> Iterator[Issue]:
    """Each prior year appears once; the base year's figures are given (GHG Protocol ch. 5)."""
    years = Counter(h.year for h in ctx.filing.history)
    for i, h in enumerate(ctx.filing.history):
        if years[h.year] > 1 or h.year >= ctx.filing.report.fiscal_year:
            yield ctx.at("rule.history.duplicate-year", ("history", i, "year"), year=h.year)
    by = ctx.filing.base_year
    if by is not None and by.year != ctx.filing.report.fiscal_year and by.year not in years:
        yield ctx.at("rule.history.base-year-missing", ("base_year", "year"), year=by.year)


@rule("rule.target.years", "rule.target.product", "rule.target.scope3")
def rule_targets(ctx: RuleContext) -> Iterator[Issue]:
    """MT-01: a target's year follows its base year; what it measures is reported."""
    products = {k for f in ctx.figures.facilities for k in f.products}
    for i, t in enumerate(ctx.filing.targets):
        base = ("targets", i)
        if t.target_year <= t.base_year:
            yield ctx.at("rule.target.years", (*base, "target_year"), base=t.base_year,
                         target=t.target_year)
        if t.kind == "intensity-product" and (t.product is None or t.product not in products):
            yield ctx.at("rule.target.product", (*base, "product"), product=t.product or "-")
        if "scope3" in t.scopes and ctx.figures.scope3 is None:
            yield ctx.at("rule.target.scope3", (*base, "scopes"))
