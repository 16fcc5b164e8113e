"""Climate-related financial figures: exposure percentages, capital deployed, quantified financial
effects, low-carbon revenue share and the effect of restatements (exact, 10^4 CNY unless named)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from disclosure import units
from disclosure.compute.context import Context
from disclosure.compute.results import ZERO
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.model.energy import Money
from disclosure.model.finance import EffectRange, ExposureBasis
from disclosure.units import CONTEXT

HUNDRED = Decimal(100)
TEN_K = "10^4CNY"


def wan(money: Money | None) -> Decimal | None:
    """A money amount in 10^4 CNY (万元)."""
    return None if money is None else units.convert(money.value, money.unit, TEN_K)


@dataclass
class ExposureResult:
    category: str
    basis: str
    amount_10k: Decimal
    percentage: Decimal | None
    computed: bool
    """The percentage was computed here from total assets or revenue (not given by the filer)."""


@dataclass
class EffectResult:
    risk: str
    when: str
    """current or anticipated."""
    low_10k: Decimal | None
    high_10k: Decimal | None
    quantified: bool


@dataclass
class RestatementResult:
    year: int
    figure: str
    previous: Decimal
    restated: Decimal
    change: Decimal
    change_pct: Decimal | None


@dataclass
class FinanceFigures:
    """Climate-related financial figures of the report."""

    exposures: list[ExposureResult] = field(default_factory=list)
    capital_10k: dict[str, Decimal] = field(default_factory=dict)
    """Capital deployed by purpose, 10^4 CNY."""
    effects: list[EffectResult] = field(default_factory=list)
    low_carbon_revenue_10k: Decimal = ZERO
    low_carbon_revenue_share_pct: Decimal | None = None
    low_carbon_rd_10k: Decimal = ZERO
    reduction_investment_10k: Decimal = ZERO
    restatements: list[RestatementResult] = field(default_factory=list)


def _range(r: EffectRange) -> tuple[Decimal | None, Decimal | None]:
    def conv(v: Decimal | None) -> Decimal | None:
        return None if v is None else units.convert(v, r.unit, TEN_K)
    if r.value is not None:
        return conv(r.value), conv(r.value)
    return conv(r.low), conv(r.high)


def finance_figures(ctx: Context, revenue_10k: Decimal | None) -> FinanceFigures:
    filing = ctx.filing
    fig = FinanceFigures()
    cm = filing.climate_metrics
    if cm is not None:
        assets = wan(cm.total_assets)
        for i, x in enumerate(cm.exposures):
            amount = wan(x.amount)
            assert amount is not None
            pct, computed = x.percentage, False
            whole = assets if x.basis is ExposureBasis.ASSETS else revenue_10k if x.basis is ExposureBasis.REVENUE \
                else None
            if pct is None and whole:
                pct, computed = CONTEXT.divide(amount * HUNDRED, whole), True
                ctx.trail.append(TrailEntry(
                    f"climate/exposure/{i}", "climate.exposure_pct", pct, "%", "amount ÷ total × 100",
                    (TrailInput("amount", amount, TEN_K, "activity", ctx.where(("climate_metrics", "exposures", i))),
                     TrailInput("total", whole, TEN_K, "activity", x.basis.value)), "group"))
            fig.exposures.append(ExposureResult(x.category.value, x.basis.value, amount, pct, computed))
        for c in cm.capital:
            value = wan(c.amount)
            assert value is not None
            fig.capital_10k[c.purpose.value] = fig.capital_10k.get(c.purpose.value, ZERO) + value
    if filing.strategy is not None:
        for r in filing.strategy.risks_opportunities:
            for when, effect in (("current", r.current_effect), ("anticipated", r.anticipated_effect)):
                if effect is None:
                    continue
                low, high = _range(effect.amount) if effect.amount is not None else (None, None)
                fig.effects.append(EffectResult(r.id, when, low, high, effect.amount is not None))
    for o in filing.low_carbon:
        fig.low_carbon_revenue_10k += wan(o.revenue) or ZERO
        fig.low_carbon_rd_10k += wan(o.rd_investment) or ZERO
    if revenue_10k and filing.low_carbon:
        fig.low_carbon_revenue_share_pct = CONTEXT.divide(fig.low_carbon_revenue_10k * HUNDRED, revenue_10k)
    if filing.carbon_market is not None:
        fig.reduction_investment_10k = sum((wan(r.investment) or ZERO for r in filing.carbon_market.reductions), ZERO)
    for rs in filing.restatements:
        change = rs.restated - rs.previous
        pct = CONTEXT.divide(change * HUNDRED, rs.previous) if rs.previous else None
        fig.restatements.append(RestatementResult(rs.year, rs.figure.value, rs.previous, rs.restated, change, pct))
    return fig
