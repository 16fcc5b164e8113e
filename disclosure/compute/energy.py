"""Energy figures (Art. 35; Guide No. 4): energy by type in GJ and tce, direct and indirect, clean
energy and its share, intensities per revenue and per product, targets' progress, savings and limits.

Conversion is calorific: fuels by their NCV (measured or default), electricity 3.6 MJ/kWh (当量值),
heat by its energy, 1 tce = 29.3076 GJ; an energy use in another unit (t of steam) needs its own
coefficient in tce per unit. Every figure is exact and leaves a trail entry.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from disclosure import units
from disclosure.compute.context import Context
from disclosure.compute.results import ZERO, FacilityResult, total
from disclosure.compute.trail import TrailEntry, TrailInput
from disclosure.issues import PathPart
from disclosure.model.energy import EnergyTargetKind, EnergyUse
from disclosure.units import CONTEXT, TCE_GJ

HUNDRED = Decimal(100)
INDIRECT = frozenset({"electricity", "heat"})
"""Energy types bought in as secondary energy; everything else is direct (fuels burnt on site)."""
SELF_GENERATED = "self-generated-"
"""Prefix of the energy type of electricity or heat generated and used on site (an additional use marked
``direct``): ``self-generated-electricity`` is its own energy type, direct energy, so "electricity" is
purchased electricity only and every table's purchased figure is the same number."""


def energy_key(use: EnergyUse) -> str:
    """The energy type an additional energy use counts under (self-generated power apart from purchased)."""
    return SELF_GENERATED + use.type if use.direct and use.type in INDIRECT else use.type


@dataclass
class CleanResult:
    type: str
    channel: str
    tce: Decimal
    share_pct: Decimal | None


@dataclass
class TargetResult:
    id: str
    kind: str
    current: Decimal | None
    progress_pct: Decimal | None
    """Share of the way from the base value to the target value covered by the current value."""


@dataclass
class LimitResult:
    product: str
    actual: Decimal
    limit: Decimal
    unit: str
    within: bool


@dataclass
class EnergyFigures:
    """Energy figures of the group, at the consolidation shares (tce unless named)."""

    additional_gj: dict[str, Decimal] = field(default_factory=dict)
    """Energy of ``energy.additional`` by type, GJ (already in the figures' energy_gj)."""
    direct_tce: Decimal = ZERO
    indirect_tce: Decimal = ZERO
    total_tce: Decimal = ZERO
    intensity_revenue: Decimal | None = None
    """tce per 10^4 CNY of revenue."""
    intensity_product: dict[str, tuple[Decimal, str]] = field(default_factory=dict)
    """Product key → (tce per unit, unit)."""
    clean: list[CleanResult] = field(default_factory=list)
    clean_tce: Decimal = ZERO
    clean_share_pct: Decimal | None = None
    targets: list[TargetResult] = field(default_factory=list)
    savings_tce: Decimal = ZERO
    savings_expected_tce: Decimal = ZERO
    investment_10k_cny: Decimal = ZERO
    limits: list[LimitResult] = field(default_factory=list)


def tce(gj: Decimal) -> Decimal:
    return CONTEXT.divide(gj, TCE_GJ)


def additional(ctx: Context) -> dict[str, Decimal]:
    """Energy (GJ) of the energy uses no emission source carries, by type."""
    out: dict[str, Decimal] = defaultdict(lambda: ZERO)
    energy = ctx.filing.energy
    if energy is None:
        return {}
    for i, use in enumerate(energy.additional):
        gj = _use_gj(ctx, use, ("energy", "additional", i))
        if gj is not None:
            out[energy_key(use)] += gj
    return dict(sorted(out.items()))


def _use_gj(ctx: Context, use: EnergyUse, path: tuple[PathPart, ...]) -> Decimal | None:
    if use.type not in INDIRECT and use.type not in ctx.lib.fuels:
        ctx.issue("rule.energy.unknown-type", (*path, "type"), type=use.type,
                  known=["electricity", "heat", *sorted(ctx.lib.fuels)[:8]])
        return None
    if not units.known(use.unit):
        ctx.issue("rule.units.unknown", (*path, "unit"), unit=use.unit, field="unit")
        return None
    inputs: tuple[TrailInput, ...]
    if units.same_dimension(use.unit, "GJ"):
        gj = units.convert(use.quantity, use.unit, "GJ")
        inputs = (TrailInput("Q", use.quantity, use.unit, "activity", use.evidence or ctx.where(path)),)
        formula = "E(GJ) = Q converted to GJ"
    elif use.coefficient is not None:
        gj = use.quantity * use.coefficient * TCE_GJ
        inputs = (TrailInput("Q", use.quantity, use.unit, "activity", use.evidence or ctx.where(path)),
                  TrailInput("coefficient", use.coefficient, f"tce/{use.unit}", "user",
                             use.coefficient_source or ctx.where(path)))
        formula = "E(GJ) = Q × coefficient(tce/unit) × 29.3076"
    else:
        ctx.issue("rule.energy.coefficient-missing", (*path, "coefficient"), unit=use.unit, id=use.id)
        return None
    ctx.trail.append(TrailEntry(f"energy/{use.id}", "energy.additional", gj, "GJ", formula, inputs,
                                ctx.where(path)))
    return gj


def energy_figures(ctx: Context, facilities: list[FacilityResult], energy_gj: dict[str, Decimal],
                   extra_gj: dict[str, Decimal], revenue_10k: Decimal | None) -> EnergyFigures:
    """The group's energy figures; ``energy_gj`` is every type's energy including ``extra_gj``."""
    fig = EnergyFigures(additional_gj=extra_gj)
    energy = ctx.filing.energy
    # self-generated power used on site (its own energy type) is direct; indirect is what was bought in
    direct = total(gj for k, gj in energy_gj.items() if k not in INDIRECT)
    indirect = total(gj for k, gj in energy_gj.items() if k in INDIRECT)
    fig.direct_tce, fig.indirect_tce = tce(direct), tce(indirect)
    fig.total_tce = tce(total(energy_gj.values()))
    parts = tuple(TrailInput(k, v, "GJ", "computed", "Σ sources") for k, v in energy_gj.items())
    ctx.trail.append(TrailEntry("group/energy_total_tce", "energy.total", fig.total_tce, "tce",
                                "Σ energy by type (GJ) ÷ 29.3076", parts, "group"))
    if revenue_10k:
        fig.intensity_revenue = CONTEXT.divide(fig.total_tce, revenue_10k)
        ctx.trail.append(TrailEntry(
            "group/energy_intensity_revenue", "energy.intensity_revenue", fig.intensity_revenue, "tce/10^4CNY",
            "total tce ÷ revenue (10^4 CNY)", (TrailInput("revenue", revenue_10k, "10^4CNY", "activity",
                                                         "report.revenue"),), "group", (), ("group/energy_total_tce",)))
    fig.intensity_product = _per_product(ctx, facilities)
    if energy is None:
        return fig
    _clean(ctx, fig, facilities, energy_gj)
    _targets(ctx, fig)
    for m in energy.measures:
        if m.savings_tce is not None:
            if m.expected:
                fig.savings_expected_tce += m.savings_tce
            else:
                fig.savings_tce += m.savings_tce
        if m.investment is not None:
            fig.investment_10k_cny += units.convert(m.investment.value, m.investment.unit, "10^4CNY")
    fig.limits = [LimitResult(x.product, x.actual, x.limit, x.unit, x.actual <= x.limit) for x in energy.limits]
    return fig


def _per_product(ctx: Context, facilities: list[FacilityResult]) -> dict[str, tuple[Decimal, str]]:
    """tce per unit of product over the facilities that make it (their sources' energy and the
    additional energy uses attributed to them)."""
    found: dict[str, list[Decimal]] = {}
    unit_of: dict[str, str] = {}
    extra: dict[str, Decimal] = defaultdict(lambda: ZERO)
    if ctx.filing.energy is not None:
        for use in ctx.filing.energy.additional:
            if use.facility is not None:
                extra[use.facility] += _gj_quietly(use) or ZERO
    for f in facilities:
        gj = total(s.energy_gj for s in f.sources if s.energy_gj is not None) + extra[f.id]
        for key, (qty, unit) in f.products.items():
            acc = found.setdefault(key, [ZERO, ZERO])
            acc[0] += gj * f.share
            acc[1] += qty * f.share
            unit_of[key] = unit
    return {k: (CONTEXT.divide(tce(gj), q), unit_of[k]) for k, (gj, q) in sorted(found.items()) if q}


def _gj_quietly(use: EnergyUse) -> Decimal | None:
    """An energy use's GJ without findings (they were reported when the total was computed)."""
    if units.known(use.unit) and units.same_dimension(use.unit, "GJ"):
        return units.convert(use.quantity, use.unit, "GJ")
    if use.coefficient is not None:
        return use.quantity * use.coefficient * TCE_GJ
    return None


def _clean(ctx: Context, fig: EnergyFigures, facilities: list[FacilityResult],
           energy_gj: dict[str, Decimal]) -> None:
    assert ctx.filing.energy is not None
    by_id = {f"{f.id}/{s.source}": (s, f.share) for f in facilities for s in f.sources}
    extra = {u.id: u for u in ctx.filing.energy.additional}
    whole = total(energy_gj.values())
    clean_gj = ZERO
    for i, use in enumerate(ctx.filing.energy.clean):
        path: tuple[PathPart, ...] = ("energy", "clean", i)
        gj = ZERO
        ok = True
        for j, ref in enumerate(use.sources):
            hit = by_id.get(ref)
            if hit is None or hit[0].energy_gj is None:
                ctx.issue("rule.energy.clean-source-unknown", (*path, "sources", j), source=ref)
                ok = False
                continue
            gj += hit[0].energy_gj * hit[1]
        if use.energy_use is not None:
            found = extra.get(use.energy_use)
            if found is None:
                ctx.issue("rule.energy.clean-source-unknown", (*path, "energy_use"), source=use.energy_use)
                ok = False
            else:
                gj += _gj_quietly(found) or ZERO
        if use.quantity is not None:
            if ctx.unit_ok(use.unit, "GJ", (*path, "unit"), "unit"):
                assert use.unit is not None
                gj += units.convert(use.quantity, use.unit, "GJ")
            else:
                ok = False
        if not ok:
            continue
        share = CONTEXT.divide(gj * HUNDRED, whole) if whole else None
        fig.clean.append(CleanResult(use.type.value, use.channel.value, tce(gj), share))
        clean_gj += gj
    fig.clean_tce = tce(clean_gj)
    if whole:
        fig.clean_share_pct = CONTEXT.divide(clean_gj * HUNDRED, whole)
        ctx.trail.append(TrailEntry("group/clean_energy_share", "energy.clean_share", fig.clean_share_pct, "%",
                                    "Σ clean energy (tce) ÷ total energy (tce) × 100",
                                    tuple(TrailInput(f"{c.type}/{c.channel}", c.tce, "tce", "computed", "energy.clean")
                                          for c in fig.clean), "group", (), ("group/energy_total_tce",)))


def _targets(ctx: Context, fig: EnergyFigures) -> None:
    assert ctx.filing.energy is not None
    for t in ctx.filing.energy.targets:
        current: Decimal | None
        if t.kind is EnergyTargetKind.TOTAL:
            current = fig.total_tce
        elif t.kind is EnergyTargetKind.INTENSITY_REVENUE:
            current = fig.intensity_revenue
        elif t.kind is EnergyTargetKind.CLEAN_SHARE:
            current = fig.clean_share_pct
        else:
            found = fig.intensity_product.get(t.product or "")
            current = found[0] if found else None
        span = t.target_value - t.base_value
        progress = None
        if current is not None and span:
            progress = CONTEXT.divide((current - t.base_value) * HUNDRED, span)
        fig.targets.append(TargetResult(t.id, t.kind.value, current, progress))
