"""Magnitude traps: power-of-ten slips and far outliers in every monthly series, against every prior
year, and in carbon-market figures. A power-of-ten gap is an error (publishing it is worse than
stopping); a true outlier is acknowledged in the filing (``acknowledgements``), never switched off."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from statistics import median

from disclosure.issues import Issue, PathPart
from disclosure.rules.quality.series import monthly_series, outliers, power_of_ten
from disclosure.rules.registry import RuleContext, rule


@rule("rule.magnitude.monthly", "rule.outlier.monthly")
def rule_monthly_magnitude(ctx: RuleContext) -> Iterator[Issue]:
    """A month about 10×, 100×, 1,000× or 10,000× (or a tenth …) the series' median is a unit slip
    (万吨/吨, kWh/MWh, 5.2 for 52,000): an error. A month ≥ 3× off and > 5 robust deviations is a
    far outlier: a warning. Centre and spread are the median and MAD of the log10 values."""
    for s in monthly_series(ctx.filing):
        for o in outliers(s.points):
            p = o.point
            if o.power is not None:
                yield ctx.at("rule.magnitude.monthly", p.path, facility=s.facility, source=s.source,
                             period=p.period, value=p.value, unit=s.unit, centre=o.centre,
                             factor=f"10^{o.power}")
            else:
                yield ctx.at("rule.outlier.monthly", p.path, facility=s.facility, source=s.source,
                             period=p.period, value=p.value, unit=s.unit, centre=o.centre,
                             ratio=(p.value / o.centre).quantize(Decimal("0.01")))


def _current(ctx: RuleContext) -> dict[str, Decimal | None]:
    f = ctx.figures
    return {"scope1": f.totals.scope1, "scope2_location": f.totals.scope2_location,
            "scope2_market": f.totals.scope2_market, "scope3": f.scope3,
            "energy_tce": f.energy_total_tce if f.energy_gj else None,
            "revenue_10k_cny": f.intensity_revenue.get("revenue_10k_cny")}


@rule("rule.magnitude.prior-year")
def rule_history_magnitude(ctx: RuleContext) -> Iterator[Issue]:
    """Every comparative (all prior years in ``history``, not only N−1) is within a power of ten of the
    other years: the median of all years is the centre; with one comparative, this year is."""
    year = ctx.filing.report.fiscal_year
    current = _current(ctx)
    for name, now in current.items():
        points: list[tuple[int, Decimal, tuple[PathPart, ...]]] = []
        for i, h in enumerate(ctx.filing.history):
            value = getattr(h, name)
            if value is not None and value > 0:
                points.append((h.year, value, ("history", i, name)))
        if not points:
            continue
        if now is not None and now > 0:
            points.append((year, now, ()))
        if len(points) < 2:
            continue
        centre = now if len(points) == 2 and now is not None and now > 0 else Decimal(
            str(median(v for _, v, _ in points)))
        for y, value, path in points:
            k = power_of_ten(value / centre) if centre > 0 else None
            if k is None:
                continue
            if path:
                yield ctx.at("rule.magnitude.prior-year", path, field=name, year=y, value=value,
                             centre=centre, factor=f"10^{k}")
            else:
                yield ctx.at("rule.magnitude.prior-year", ("history",), field=name, year=y,
                             value=value, centre=centre, factor=f"10^{k}")


@rule("rule.magnitude.market")
def rule_market_magnitude(ctx: RuleContext) -> Iterator[Issue]:
    """Carbon-market figures are within a power of ten of the facility's emissions: the obligation
    against the computed Scope 1, and allocation and surrender against the obligation."""
    market = ctx.filing.carbon_market
    if market is None:
        return
    scope1 = {f.id: f.scope1 for f in ctx.figures.facilities}
    for i, c in enumerate(market.compliance):
        base = ("carbon_market", "compliance", i)
        s1 = scope1.get(c.facility)
        pairs = [("obligation", c.obligation, s1, "scope1")]
        pairs += [("allocated", c.allocated, c.obligation, "obligation"),
                  ("surrendered_allowances", c.surrendered_allowances, c.obligation, "obligation")]
        for name, value, against, against_name in pairs:
            if against is None or against <= 0 or value <= 0:
                continue
            k = power_of_ten(value / against)
            if k is not None:
                yield ctx.at("rule.magnitude.market", (*base, name), field=name, value=value,
                             against=against, against_field=against_name, factor=f"10^{k}")
