"""Rules on the disclosures beyond the emissions: financial effects, restatements, energy targets."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from disclosure.issues import Issue
from disclosure.model.energy import EnergyTargetKind
from disclosure.model.finance import EffectRange
from disclosure.rules.registry import RuleContext, rule


def _range_problem(r: EffectRange) -> str | None:
    if r.value is not None and (r.low is not None or r.high is not None):
        return "value and range both given / 同时给出数值与区间"
    if r.value is None and (r.low is None or r.high is None):
        return "a range needs low and high / 区间须同时给出下限与上限"
    if r.low is not None and r.high is not None and r.low > r.high:
        return f"low {r.low} > high {r.high}"
    return None


@rule("rule.finance.effect-empty", "rule.finance.range")
def rule_financial_effects(ctx: RuleContext) -> Iterator[Issue]:
    """STR-11 (Art. 16; Guide No. 2, requirement 11): a financial effect is a value or a reasonable
    range, or the reason it is not quantified with the plan to quantify it."""
    s = ctx.filing.strategy
    if s is None:
        return
    for i, r in enumerate(s.risks_opportunities):
        for name in ("current_effect", "anticipated_effect"):
            effect = getattr(r, name)
            if effect is None:
                continue
            path = ("strategy", "risks_opportunities", i, name)
            if effect.amount is None and effect.not_quantified is None:
                yield ctx.at("rule.finance.effect-empty", path, risk=r.id)
            elif effect.amount is not None:
                problem = _range_problem(effect.amount)
                if problem:
                    yield ctx.at("rule.finance.range", (*path, "amount"), risk=r.id, detail=problem)


@rule("rule.finance.restatement-mismatch")
def rule_restatements(ctx: RuleContext) -> Iterator[Issue]:
    """RPT-13 (Art. 26): a restated prior-year figure is the one now reported for that year."""
    history = {h.year: h for h in ctx.filing.history}
    for i, rs in enumerate(ctx.filing.restatements):
        h = history.get(rs.year)
        reported: Decimal | None = getattr(h, rs.figure.value, None) if h is not None else None
        if reported is not None and reported != rs.restated:
            yield ctx.at("rule.finance.restatement-mismatch", ("restatements", i, "restated"),
                         figure=rs.figure.value, year=rs.year, restated=rs.restated, reported=reported)


@rule("rule.energy.target-product")
def rule_energy_targets(ctx: RuleContext) -> Iterator[Issue]:
    """ENE-07 (Guide No. 4, point 3): a per-product energy target names a product the facilities make."""
    energy = ctx.filing.energy
    if energy is None:
        return
    products = {p.key for f in ctx.filing.facilities for p in f.products}
    for i, t in enumerate(energy.targets):
        if t.kind is EnergyTargetKind.INTENSITY_PRODUCT and (t.product or "") not in products:
            yield ctx.at("rule.energy.target-product", ("energy", "targets", i, "product"),
                         target=t.id, product=t.product or "-")


@rule("rule.market.enforcement-undescribed")
def rule_enforcement_described(ctx: RuleContext) -> Iterator[Issue]:
    """MT-12 (Art. 24; Guide No. 2, requirement 20): a penalty, rectification order or investigation
    concerning carbon emissions in the period is described (what, the amount of any fine, the response);
    the report prints the description beside its statement."""
    m = ctx.filing.carbon_market
    e = m.enforcement if m is not None else None
    if e is not None and e.any and e.description is None:
        names = {"penalties": "行政处罚 (penalty)", "rectification": "整改要求 (rectification order)",
                 "investigation": "立案调查 (investigation)"}
        which = [names[k] for k in names if getattr(e, k)]
        yield ctx.at("rule.market.enforcement-undescribed", ("carbon_market", "enforcement"), which="、".join(which))
