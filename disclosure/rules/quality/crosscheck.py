"""Multi-source cross-checks (多源数据交叉校验): each quantity given by a second source is reconciled
per year and per month with a stated tolerance; production records add up to the annual quantity."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from disclosure import units
from disclosure.issues import Issue
from disclosure.rules.quality.series import power_of_ten
from disclosure.rules.registry import RuleContext, rule

PRODUCT_TOLERANCE = Decimal("0.005")
"""Monthly production records add up to the annual quantity within 0.5 % (rounding of reports)."""


@rule("rule.crosscheck.gap", "rule.crosscheck.month-gap", "rule.magnitude.crosscheck")
def rule_crosschecks(ctx: RuleContext) -> Iterator[Issue]:
    """A second source (bill, meter readings, energy statistics, weighbridge, stock balance,
    production report, ETS supplementary table) agrees with the reported quantity: a power-of-ten
    gap is an error; an annual gap above the tolerance is an error unless explained; months above
    twice the tolerance are a warning. Both values and both evidences are in the message."""
    quality = ctx.figures.quality
    if quality is None:
        return
    for c in quality.checks:
        common = {"facility": c.facility, "subject": c.subject, "kind": c.kind, "unit": c.unit,
                  "evidence": c.evidence, "primary_evidence": c.primary_evidence}
        slips = [(m, power_of_ten(m.secondary / m.primary)) for m in c.months
                 if m.primary > 0 and m.secondary > 0]
        for m, mk in slips:
            if mk is not None:
                yield ctx.at("rule.magnitude.crosscheck", m.path, reported=m.primary, second=m.secondary,
                             factor=f"10^{mk}", **common)
        if any(mk is not None for _, mk in slips):
            continue
        k = power_of_ten(c.secondary / c.primary) if c.primary > 0 and c.secondary > 0 else None
        if k is not None and c.annual:
            yield ctx.at("rule.magnitude.crosscheck", c.path, reported=c.primary, second=c.secondary,
                         factor=f"10^{k}", **common)
            continue
        if c.annual and not c.within and c.explanation is None:
            pct = c.pct.quantize(Decimal("0.01")) if c.pct is not None else "-"
            yield ctx.at("rule.crosscheck.gap", c.path, reported=c.primary, second=c.secondary,
                         gap=c.gap.quantize(Decimal("0.01")), pct=pct, tolerance=c.tolerance_pct, **common)
        over = c.months_over()
        if over and c.explanation is None:
            yield ctx.at("rule.crosscheck.month-gap", over[0].path, months=[m.period for m in over],
                         first_reported=over[0].primary, first_second=over[0].secondary,
                         tolerance=c.tolerance_pct * 2, **common)


@rule("rule.product.records-sum")
def rule_product_records(ctx: RuleContext) -> Iterator[Issue]:
    """A product's monthly records (生产报表) add up to its annual quantity (within 0.5 %)."""
    for i, fac in enumerate(ctx.filing.facilities):
        for j, p in enumerate(fac.products):
            if not p.records:
                continue
            total = Decimal(0)
            for rec in p.records:
                if not units.known(rec.unit) or not units.same_dimension(rec.unit, p.unit):
                    break
                total += units.convert(rec.quantity, rec.unit, p.unit)
            else:
                if abs(total - p.quantity) > abs(p.quantity) * PRODUCT_TOLERANCE:
                    k = power_of_ten(p.quantity / total) if total > 0 and p.quantity > 0 else None
                    yield ctx.at("rule.product.records-sum", ("facilities", i, "products", j, "quantity"),
                                 facility=fac.id, product=p.key, quantity=p.quantity, total=total,
                                 unit=p.unit, factor=f"10^{k}" if k else "-")
